// TypeScript app, run with tsx; the graph is built here with ES imports of the host.
import { Annotation, END, MemorySaver, MessagesAnnotation, Send, START, StateGraph } from "@langchain/langgraph";
import { ToolNode } from "@langchain/langgraph/prebuilt";
import { AIMessage, HumanMessage } from "@langchain/core/messages";
import { tool } from "@langchain/core/tools";
import { z } from "zod";
import { status, type Status } from "langgraph-native";

const square = tool(async ({ n }: { n: number }) => String(n * n), { name: "square", description: "n squared", schema: z.object({ n: z.number() }) });

const State = Annotation.Root({
  ...MessagesAnnotation.spec,
  parts: Annotation<number[]>({ reducer: (a, b) => [...a, ...b].sort((x, y) => x - y), default: () => [] }),
});

const graph = new StateGraph(State)
  .addNode("agent", () => ({
    messages: [new AIMessage({ content: "", tool_calls: [1, 2, 3].map((n) => ({ id: `call-${n}`, name: "square", args: { n } })) })],
  }))
  .addNode("tools", new ToolNode([square]))
  .addNode("part", (input: { n: number }) => ({ parts: [input.n * 10] }))
  .addEdge(START, "agent")
  .addEdge("agent", "tools")
  .addConditionalEdges("tools", () => Array.from({ length: 8 }, (_, n) => new Send("part", { n })))
  .addEdge("part", END)
  .compile({ checkpointer: new MemorySaver() });

const config = { configurable: { thread_id: "t1" } };
const final = await graph.invoke({ messages: [new HumanMessage("square 1, 2 and 3")] }, config);
const history: string[][] = [];
for await (const snapshot of graph.getStateHistory(config)) history.push([...snapshot.next]);
const components: Status["components"][keyof Status["components"]][] = Object.values(status().components);
console.log(JSON.stringify({
  messages: final.messages.map((message) => [message.getType(), message.content]),
  parts: final.parts,
  history,
  native: `${components.filter((component) => component.active).length}/${components.length}`,
}));
