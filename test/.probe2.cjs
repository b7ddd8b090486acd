const { StateGraph, Annotation, START, END, MemorySaver } = require("@langchain/langgraph");
const { ToolNode } = require("@langchain/langgraph/prebuilt");
const { tool } = require("@langchain/core/tools");
const { AIMessage } = require("@langchain/core/messages");
(async () => {
  const add = tool(async ({ a, b }) => String(a + b), { name: "add", description: "adds", schema: { type: "object", properties: { a: { type: "number" }, b: { type: "number" } } } });
  const S = Annotation.Root({ messages: Annotation({ reducer: (a, b) => a.concat(b), default: () => [] }) });
  const g = new StateGraph(S).addNode("ai", () => ({ messages: [new AIMessage({ content: "", tool_calls: [{ id: "1", name: "add", args: { a: 1, b: 2 } }] })] }))
    .addNode("tools", new ToolNode([add])).addEdge(START, "ai").addEdge("ai", "tools").addEdge("tools", END).compile({ checkpointer: new MemorySaver() });
  const events = [];
  const t0 = performance.now();
  const out = await g.invoke({ messages: [] }, { configurable: { thread_id: "t" }, callbacks: [{ handleToolStart: (t, i, runId, parentRunId) => events.push([i, parentRunId && parentRunId.slice(0,8)]) }] });
  console.log("first invoke ms", (performance.now() - t0).toFixed(1), out.messages.map((m) => m.content), "tool events", events);
  const t1 = performance.now();
  await g.invoke({ messages: [] }, { configurable: { thread_id: "t" } });
  console.log("second invoke ms", (performance.now() - t1).toFixed(1));
  console.log(JSON.stringify(require("langgraph-native").status().components));
})();
