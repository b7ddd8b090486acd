// A chain of `nodes` no-op nodes over the messages state, streamed with empty input (the shape of
// the upstream sequential_10 / sequential_1000 cases).
const { streamingCase } = require("../graph-run.cjs");

function buildChain(nodes) {
  const { StateGraph, MessagesAnnotation, START, END } = require("@langchain/langgraph");
  const builder = new StateGraph(MessagesAnnotation);
  const noop = () => ({});
  let previous = START;
  for (let i = 0; i < nodes; i++) {
    builder.addNode(`node_${i}`, noop);
    builder.addEdge(previous, `node_${i}`);
    previous = `node_${i}`;
  }
  builder.addEdge(previous, END);
  return builder;
}

async function setup({ params, checkpointer }) {
  const graph = buildChain(params.nodes).compile({ checkpointer });
  return streamingCase(graph, () => ({ messages: [] }));
}

module.exports = { setup, buildChain };
