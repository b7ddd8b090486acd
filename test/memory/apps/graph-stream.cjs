// A fast real graph on a SqliteSaver file (stock, or native when the shim is preloaded): one node
// looping on itself, streamed with the host's default durability. Each superstep streamed is
// printed (synchronously) as soon as it arrives. Mode "kill": runs until the parent SIGKILLs it.
// Mode "heap": runs STEPS supersteps and prints heapUsed after a full GC at the first and the last.
const fs = require("node:fs");
const lg = require("@langchain/langgraph");
const { SqliteSaver } = require("@langchain/langgraph-checkpoint-sqlite");

const [file, mode, stepsArg] = process.argv.slice(2);
const STEPS = Number(stepsArg ?? 1_000_000);
const State = lg.Annotation.Root({
  n: lg.Annotation({ reducer: (_, b) => b, default: () => 0 }),
  text: lg.Annotation({ reducer: (_, b) => b, default: () => "" }),
});
const graph = new lg.StateGraph(State)
  .addNode("step", (state) => ({ n: state.n + 1, text: `step ${state.n + 1} `.repeat(20) }))
  .addEdge(lg.START, "step")
  .addConditionalEdges("step", (state) => (state.n >= STEPS ? lg.END : "step"))
  .compile({ checkpointer: SqliteSaver.fromConnString(file) });

const heap = () => {
  global.gc();
  return process.memoryUsage().heapUsed;
};

(async () => {
  const config = { configurable: { thread_id: "stream" }, recursionLimit: STEPS + 10, streamMode: "updates" };
  let streamed = 0;
  let first;
  let last;
  for await (const _chunk of await graph.stream({ n: 0 }, config)) {
    streamed += 1;
    if (mode === "kill") fs.writeSync(1, `${streamed}\n`);
    else if (streamed === 200) first = heap();
    else if (streamed === STEPS) last = heap();
  }
  if (mode === "heap") fs.writeSync(1, `${JSON.stringify({ streamed, first, last })}\n`);
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
