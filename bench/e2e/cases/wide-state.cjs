// A 10-node chain over a state of `channels` plain channels, every node writing every channel (a
// small object each), so each step updates the whole width of the state.
const { streamingCase } = require("../graph-run.cjs");

async function setup({ params, checkpointer }) {
  const { StateGraph, Annotation, START, END } = require("@langchain/langgraph");
  const keys = Array.from({ length: params.channels }, (_, k) => `field_${String(k).padStart(3, "0")}`);
  const State = Annotation.Root(Object.fromEntries(keys.map((key) => [key, Annotation()])));
  const writes = (step) => Object.fromEntries(keys.map((key, k) => [key, { step, k, label: `${key} at ${step}`, flags: [k % 2 === 0, k % 3 === 0] }]));
  const builder = new StateGraph(State);
  let previous = START;
  for (let i = 0; i < params.nodes; i++) {
    builder.addNode(`node_${i}`, () => writes(i + 1));
    builder.addEdge(previous, `node_${i}`);
    previous = `node_${i}`;
  }
  builder.addEdge(previous, END);
  const graph = builder.compile({ checkpointer });
  return streamingCase(graph, () => writes(0));
}

module.exports = { setup };
