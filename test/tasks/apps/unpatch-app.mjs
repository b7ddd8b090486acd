// ES-module twin of unpatch-app.cjs: public re-exports before and after unpatch(), and a graph run
// after it (the runner binding that pregel/index.js imported must be the host's again).
import { createRequire } from "node:module";
import { StateGraph, Annotation, Send, START, END } from "@langchain/langgraph";
import * as prebuilt from "@langchain/langgraph/prebuilt";
import * as checkpoint from "@langchain/langgraph-checkpoint";

const { unpatch } = createRequire(import.meta.url)("../../../dist/index.js");
const ORIGINAL = Symbol.for("langgraph-native.original");
const ours = () => ({ "prebuilt.ToolNode": ORIGINAL in prebuilt.ToolNode, "checkpoint.uuid5": ORIGINAL in checkpoint.uuid5 });

const State = Annotation.Root({ items: Annotation({ reducer: (a, b) => a.concat(b), default: () => [] }) });
const graph = new StateGraph(State)
  .addNode("work", async ({ n }) => ({ items: [n] }))
  .addConditionalEdges(START, () => [0, 1, 2].map((n) => new Send("work", { n })))
  .addEdge("work", END)
  .compile();

const stats = () => globalThis[Symbol.for("langgraph-native.tasks.stats")]?.runner.ticks ?? 0;
await graph.invoke({ items: [] });
const before = ours();
const ticksBefore = stats();
const restored = unpatch();
const after = ours();
const { items } = await graph.invoke({ items: [] });
console.log(JSON.stringify({ before, ticksBefore, restored, after, items, ticksAfterUnpatch: stats() - ticksBefore }));
