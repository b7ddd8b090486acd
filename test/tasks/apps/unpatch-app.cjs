// Under the shim: which of the swapped functions are ours, before and after unpatch(), and a
// graph run after unpatch() (on the host's originals again).
const path = require("node:path");
const { StateGraph, Annotation, Send, START, END } = require("@langchain/langgraph");
const prebuilt = require("@langchain/langgraph/prebuilt");
const checkpoint = require("@langchain/langgraph-checkpoint");
const { unpatch } = require("../../../dist/index.js");

const main = require.resolve("@langchain/langgraph");
const dist = main.slice(0, main.lastIndexOf(`${path.sep}dist${path.sep}`) + 6);
const checkpointMain = require.resolve("@langchain/langgraph-checkpoint");
const checkpointDist = checkpointMain.slice(0, checkpointMain.lastIndexOf(`${path.sep}dist${path.sep}`) + 6);
const ORIGINAL = Symbol.for("langgraph-native.original");
const ours = () => ({
  PregelRunner: ORIGINAL in require(path.join(dist, "pregel", "runner.cjs")).PregelRunner,
  ToolNode: ORIGINAL in require(path.join(dist, "prebuilt", "tool_node.cjs")).ToolNode,
  XXH3: ORIGINAL in require(path.join(dist, "hash.cjs")).XXH3,
  uuid5: ORIGINAL in require(path.join(checkpointDist, "id.cjs")).uuid5,
  "prebuilt.ToolNode": ORIGINAL in prebuilt.ToolNode,
  "checkpoint.uuid5": ORIGINAL in checkpoint.uuid5,
  "RunnableCallable.invoke": ORIGINAL in require(path.join(dist, "utils.cjs")).RunnableCallable.prototype.invoke,
  "StateGraph._compileResolved": ORIGINAL in require(path.join(dist, "graph", "state.cjs")).StateGraph.prototype._compileResolved,
  "Branch.run": ORIGINAL in require(path.join(dist, "graph", "graph.cjs")).Branch.prototype.run,
  "PregelLoop.putWrites": ORIGINAL in require(path.join(dist, "pregel", "loop.cjs")).PregelLoop.prototype.putWrites,
  createCheckpoint: ORIGINAL in require(path.join(dist, "channels", "base.cjs")).createCheckpoint,
  advanceDeltaCounters: ORIGINAL in require(path.join(dist, "pregel", "checkpoint.cjs")).advanceDeltaCounters,
  // @langchain/langgraph/channels copies createCheckpoint when it loads (the langgraph index loads it).
  "channels.createCheckpoint": ORIGINAL in require("@langchain/langgraph/channels").createCheckpoint,
});

const State = Annotation.Root({ items: Annotation({ reducer: (a, b) => a.concat(b), default: () => [] }) });
const graph = new StateGraph(State)
  .addNode("work", async ({ n }) => ({ items: [n] }))
  .addConditionalEdges(START, () => [0, 1, 2].map((n) => new Send("work", { n })))
  .addEdge("work", END)
  .compile();

(async () => {
  const before = ours();
  // The replacement carries its marker under the real symbol (what the self-check reads).
  const inertMarked = require(path.join(dist, "utils.cjs")).RunnableCallable.prototype.invoke[Symbol.for("langgraph-native.tasks.inert-invoke")] === true;
  const restored = unpatch();
  const after = ours();
  const { items } = await graph.invoke({ items: [] });
  const stats = globalThis[Symbol.for("langgraph-native.tasks.stats")];
  const inertBefore = stats?.inert.calls ?? 0;
  await graph.invoke({ items: [] });
  console.log(
    JSON.stringify({ before, inertMarked, restored, after, items, nativeTicksAfterUnpatch: stats?.runner.ticks ?? 0, inertCallsAfterUnpatch: (stats?.inert.calls ?? 0) - inertBefore }),
  );
})();
