// A Send fan-out of 300 trivial tasks; prints the count. Tests read stderr for listener warnings.
const { StateGraph, Annotation, Send, START, END } = require("@langchain/langgraph");

const State = Annotation.Root({ count: Annotation({ reducer: (a, b) => a + b, default: () => 0 }) });
const graph = new StateGraph(State)
  .addNode("work", async () => ({ count: 1 }))
  .addConditionalEdges(START, () => Array.from({ length: 300 }, (_, n) => new Send("work", { n })))
  .addEdge("work", END)
  .compile();

graph.invoke({ count: 0 }).then(({ count }) => console.log(JSON.stringify({ count })));
