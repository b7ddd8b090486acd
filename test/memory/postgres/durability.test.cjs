// Every put the native PostgresSaver acknowledged is in the database for the stock saver to read:
// with 4 processes x 50 threads writing at once, and after a process is SIGKILLed mid-burst.
const assert = require("node:assert/strict");
const path = require("node:path");
const { spawn } = require("node:child_process");
const { PostgresSaver } = require("@langchain/langgraph-checkpoint-postgres");
const { SHIM_REQUIRE, childEnv } = require("../../support/run-app.cjs");
const { postgresUrl, uniqueSchema, dropSchema } = require("../../support/postgres.cjs");

const APP = path.join(__dirname, "apps", "put-burst.cjs");

/** A burst child under the shim; `acked` collects its acknowledged puts as they are printed. */
function burst(schema, threads, perThread) {
  const child = spawn(process.execPath, ["--require", SHIM_REQUIRE, APP, schema, String(threads), String(perThread)], {
    env: childEnv({ LANGGRAPH_NATIVE_TEST_PG_URL: postgresUrl(), LANGGRAPH_NATIVE_STRICT: "1" }),
    stdio: ["ignore", "pipe", "pipe"],
  });
  const state = { child, acked: [], stderr: "", done: false, lineWaiters: [] };
  let buffer = "";
  child.stdout.on("data", (chunk) => {
    buffer += chunk;
    const lines = buffer.split("\n");
    buffer = lines.pop();
    for (const line of lines) {
      if (line === "done") state.done = true;
      else if (line.startsWith("native ")) state.native = line === "native true";
      else state.acked.push(line.split(" "));
      for (const waiter of state.lineWaiters.splice(0)) waiter();
    }
  });
  child.stderr.on("data", (chunk) => (state.stderr += chunk));
  state.exit = new Promise((resolve) => child.once("exit", (code, signal) => resolve({ code, signal })));
  return state;
}

/** Each acknowledged `[thread, checkpoint id]` as the stock saver reads it. */
async function readByStock(schema, acked) {
  const stock = PostgresSaver.fromConnString(postgresUrl(), { schema });
  try {
    const missing = [];
    for (const [threadId, checkpointId] of acked) {
      const tuple = await stock.getTuple({ configurable: { thread_id: threadId, checkpoint_ns: "", checkpoint_id: checkpointId } });
      if (tuple?.checkpoint.id !== checkpointId || tuple.pendingWrites.length !== 1) missing.push(`${threadId} ${checkpointId}`);
    }
    return missing;
  } finally {
    await stock.end();
  }
}

describe("native PostgresSaver: acknowledged puts are durable", function () {
  this.timeout(180000);
  const schemas = [];
  after(async function () {
    for (const schema of schemas) await dropSchema(schema);
  });

  async function setUp() {
    const schema = uniqueSchema("durable");
    schemas.push(schema);
    const stock = PostgresSaver.fromConnString(postgresUrl(), { schema });
    await stock.setup();
    await stock.end();
    return schema;
  }

  it("4 processes x 50 threads at once: every acknowledged put is there", async function () {
    const schema = await setUp();
    const bursts = Array.from({ length: 4 }, () => burst(schema, 50, 4));
    const exits = await Promise.all(bursts.map((each) => each.exit));
    for (const [i, exit] of exits.entries()) assert.deepStrictEqual(exit, { code: 0, signal: null }, bursts[i].stderr);
    for (const each of bursts) assert.equal(each.native, true);
    const acked = bursts.flatMap((each) => each.acked);
    assert.equal(acked.length, 4 * 50 * 4);
    assert.deepStrictEqual(await readByStock(schema, acked), []);
  });

  it("SIGKILL mid-burst: every put acknowledged before the kill is there", async function () {
    const schema = await setUp();
    const running = burst(schema, 20, 0);
    while (running.acked.length < 150) {
      if (running.child.exitCode !== null) assert.fail(`the burst ended early: ${running.stderr}`);
      await new Promise((resolve) => running.lineWaiters.push(resolve));
    }
    running.child.kill("SIGKILL");
    const exit = await running.exit;
    assert.equal(exit.signal, "SIGKILL");
    const acked = running.acked.slice();
    assert.equal(running.native, true);
    assert.ok(acked.length >= 150);
    assert.deepStrictEqual(await readByStock(schema, acked), []);
  });
});
