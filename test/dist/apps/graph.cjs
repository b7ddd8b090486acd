// One graph that touches all four components: an agent turn whose tool calls a ToolNode runs
// (tools), a Send fan-out (tasks), checkpoints in a MemorySaver (memory) written by the
// serializer (serde). The host modules come from the app: required (CommonJS builds) or imported
// (ES-module builds), so each app exercises its own module system's hooks.

function buildGraph(host) {
  const { StateGraph, MessagesAnnotation, Annotation, Send, START, END, MemorySaver } = host.langgraph;
  const { AIMessage } = host.messages;
  const { z } = host.zod;
  const square = host.tools.tool(async ({ n }) => String(n * n), { name: "square", description: "n squared", schema: z.object({ n: z.number() }) });
  const State = Annotation.Root({
    ...MessagesAnnotation.spec,
    parts: Annotation({ reducer: (a, b) => [...a, ...b].sort((x, y) => x - y), default: () => [] }),
  });
  return new StateGraph(State)
    .addNode("agent", () => ({
      messages: [new AIMessage({ content: "", tool_calls: [1, 2, 3].map((n) => ({ id: `call-${n}`, name: "square", args: { n } })) })],
    }))
    .addNode("tools", new host.prebuilt.ToolNode([square]))
    .addNode("part", ({ n }) => ({ parts: [n * 10] }))
    .addEdge(START, "agent")
    .addEdge("agent", "tools")
    .addConditionalEdges("tools", () => Array.from({ length: 8 }, (_, n) => new Send("part", { n })))
    .addEdge("part", END)
    .compile({ checkpointer: new MemorySaver() });
}

/** The run's outcome without ids or timestamps, and the count of native components. */
async function runGraph(status, host) {
  const graph = buildGraph(host);
  const config = { configurable: { thread_id: "t1" } };
  const final = await graph.invoke({ messages: [new host.messages.HumanMessage("square 1, 2 and 3")] }, config);
  const history = [];
  for await (const snapshot of graph.getStateHistory(config)) history.push(snapshot.next);
  const components = Object.values(status().components);
  return {
    messages: final.messages.map((message) => [message.getType(), message.content]),
    parts: final.parts,
    history,
    native: `${components.filter((component) => component.active).length}/${components.length}`,
  };
}

module.exports = { runGraph };
