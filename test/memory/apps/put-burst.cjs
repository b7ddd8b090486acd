// Puts checkpoints to a SQLite file through the native SqliteSaver as fast as it can, in bursts
// of concurrent puts, printing each checkpoint id once its Promise resolved. The crash test
// SIGKILLs this process at a random moment.
const fs = require("node:fs");
const { SqliteSaver } = require("@langchain/langgraph-checkpoint-sqlite");
const { loadAddon } = require("../../../dist/shim/addon.js");
const { defineNativeSqliteSaver } = require("../../../dist/patches/memory/native-sqlite-saver.js");

const [file, run, sync] = process.argv.slice(2);
const NativeSqliteSaver = defineNativeSqliteSaver(SqliteSaver, loadAddon(undefined).addon, { synchronousFull: sync === "full" });
const saver = NativeSqliteSaver.fromConnString(file);
const payload = "lorem ipsum ".repeat(400);

async function putOne(n) {
  const id = `${run.padStart(4, "0")}-${String(n).padStart(8, "0")}`;
  const checkpoint = { v: 4, id, ts: new Date().toISOString(), channel_values: { text: payload, n }, channel_versions: { text: n }, versions_seen: {} };
  const config = await saver.put({ configurable: { thread_id: `run-${run}`, checkpoint_ns: "" } }, checkpoint, { step: n }, { text: n });
  await saver.putWrites(config, [["text", n]], "task");
  // Synchronous, so the line is in the pipe before anything else can happen.
  fs.writeSync(1, `${id}\n`);
}

(async () => {
  fs.writeSync(1, "ready\n");
  for (let n = 0; ; n += 8) {
    await Promise.all(Array.from({ length: 8 }, (_, i) => putOne(n + i)));
  }
})();
