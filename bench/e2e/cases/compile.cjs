// Building and compiling a graph: a `nodes`-node chain, or the react agent with `rounds` scripted
// tool rounds (upstream: sequential_1000_compilation, react_agent_100x_compilation).
const { buildChain } = require("./sequential.cjs");
const { buildAgent } = require("./react-agent.cjs");

function describeGraph(graph) {
  return {
    nodes: Object.keys(graph.nodes),
    channels: Object.keys(graph.channels),
    triggers: Object.entries(graph.nodes).map(([name, node]) => [name, node.triggers, node.channels]),
    streamChannels: graph.streamChannels,
  };
}

async function setup({ params }) {
  const compiled = new Map();
  return {
    async run(runIndex) {
      const graph = params.shape === "react" ? buildAgent(params.rounds).graph : buildChain(params.nodes).compile();
      compiled.set(runIndex, graph);
    },
    async record(digest, runIndex) {
      digest.add("graph", describeGraph(compiled.get(runIndex)));
    },
  };
}

module.exports = { setup };
