// A server that opens a SqliteSaver per request: CYCLES times fromConnString / put / getTuple /
// db.close() on one file (stock, or native under the shim). Prints the descriptors and threads the
// process holds before and after. Mode "drop": the savers are never closed, only dropped; after a
// full GC the process must hold no more threads than before.
const fs = require("node:fs");
const { SqliteSaver } = require("@langchain/langgraph-checkpoint-sqlite");

const [file, mode, cyclesArg] = process.argv.slice(2);
const CYCLES = Number(cyclesArg);
const count = (dir) => fs.readdirSync(dir).length;
const usage = () => ({ fds: count("/proc/self/fd"), threads: count("/proc/self/task") });
const checkpoint = (id) => ({ v: 4, id, ts: new Date().toISOString(), channel_values: { n: id }, channel_versions: { n: 1 }, versions_seen: {} });

// A joined thread's task stays in /proc/self/task for a moment after pthread_join returns: the
// kernel wakes the joiner when the thread's code has ended, and removes the task a little later
// (seen in 1 run of 20: the extra task named langgraph-nativ, running, gone on the next read). So
// both counts are read until they settle; a thread that is really kept stays counted.
const pause = () => new Promise((resolve) => setTimeout(resolve, 10));
async function settledUsage(before) {
  let now = usage();
  for (let waited = 0; now.threads > before.threads && waited < 1000; waited += 10) {
    await pause();
    now = usage();
  }
  return now;
}
async function steadyUsage() {
  let now = usage();
  for (let same = 0, reads = 0; same < 5 && reads < 100; reads++) {
    await pause();
    const next = usage();
    same = next.threads === now.threads && next.fds === now.fds ? same + 1 : 0;
    now = next;
  }
  return now;
}

async function request(n) {
  const saver = SqliteSaver.fromConnString(file);
  const config = await saver.put({ configurable: { thread_id: `t${n % 10}`, checkpoint_ns: "" } }, checkpoint(String(n).padStart(8, "0")), { step: n }, {});
  const tuple = await saver.getTuple(config);
  if (tuple?.checkpoint.id !== config.configurable.checkpoint_id) throw new Error(`request ${n}: read back ${tuple?.checkpoint.id}`);
  if (mode === "close") saver.db.close();
  return saver.constructor.name;
}

(async () => {
  // One saver first, so both sides count from a process that has loaded and used everything.
  await request(-1);
  const before = await steadyUsage();
  for (let n = 0; n < CYCLES; n++) await request(n);
  if (mode === "drop") {
    for (let i = 0; i < 10; i++) {
      global.gc();
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  fs.writeSync(1, `${JSON.stringify({ before, after: await settledUsage(before), cycles: CYCLES })}\n`);
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
