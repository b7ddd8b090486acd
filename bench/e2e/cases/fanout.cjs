// A Send fan-out: one step sends `tasks` tasks to a worker node, each appending its result to a
// reducer channel, then one node sums them up (the shape of the upstream fan-out cases).
const { streamingCase } = require("../graph-run.cjs");

async function setup({ params, checkpointer }) {
  const { StateGraph, Annotation, Send, START, END } = require("@langchain/langgraph");
  const State = Annotation.Root({
    results: Annotation({ reducer: (current, update) => current.concat(update), default: () => [] }),
    summary: Annotation(),
  });
  const graph = new StateGraph(State)
    .addNode("worker", ({ index }) => ({ results: [{ index, square: index * index }] }))
    .addNode("collect", (state) => ({ summary: { count: state.results.length, total: state.results.reduce((sum, r) => sum + r.square, 0) } }))
    .addConditionalEdges(START, () => Array.from({ length: params.tasks }, (_, index) => new Send("worker", { index })), ["worker"])
    .addEdge("worker", "collect")
    .addEdge("collect", END)
    .compile({ checkpointer });
  return streamingCase(graph, () => ({ results: [] }));
}

module.exports = { setup };
