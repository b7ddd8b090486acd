// Provokes SQLite errors on a SqliteSaver (stock, or native under the shim) and prints what was
// thrown: class, name, code, message, whether it is better-sqlite3's SqliteError, how long the call
// took and how many 20 ms timer ticks ran meanwhile (the event loop kept running or not).
// Scenarios: "busy" (another process holds the write lock; default 5 s timeout), "busy-300"
// (a handle opened with timeout: 300), "readonly" (a handle opened readonly), "closed" (a call
// after saver.db.close()).
const fs = require("node:fs");
const Database = require("better-sqlite3");
const { SqliteSaver } = require("@langchain/langgraph-checkpoint-sqlite");

const [file, scenario] = process.argv.slice(2);
const config = { configurable: { thread_id: "errors", checkpoint_ns: "" } };
const checkpoint = { v: 4, id: "00000001", ts: new Date().toISOString(), channel_values: { n: 1 }, channel_versions: { n: 1 }, versions_seen: {} };

function openSaver() {
  if (scenario === "busy") return SqliteSaver.fromConnString(file);
  if (scenario === "busy-300") return new SqliteSaver(new Database(file, { timeout: 300 }));
  if (scenario === "readonly") return new SqliteSaver(new Database(file, { readonly: true }));
  return SqliteSaver.fromConnString(file);
}

(async () => {
  const saver = openSaver();
  // The tables exist (the parent made them): reads work on every handle.
  const before = await saver.getTuple(config);
  if (scenario === "closed") saver.db.close();
  let ticks = 0;
  const timer = setInterval(() => (ticks += 1), 20);
  const started = Date.now();
  let thrown;
  try {
    if (scenario === "closed") await saver.getTuple(config);
    else await saver.put(config, checkpoint, { step: 1 }, {});
  } catch (error) {
    thrown = error;
  }
  const elapsedMs = Date.now() - started;
  clearInterval(timer);
  const result = thrown === undefined
    ? { thrown: false }
    : {
        thrown: true,
        className: thrown.constructor.name,
        name: thrown.name,
        code: thrown.code,
        message: thrown.message,
        isSqliteError: thrown instanceof Database.SqliteError,
      };
  fs.writeSync(1, `${JSON.stringify({ saver: saver.constructor.name, found: before !== undefined, ...result, elapsedMs, ticks })}\n`);
  if (scenario !== "closed") saver.db.close();
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
