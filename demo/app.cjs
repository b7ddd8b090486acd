// The demo agent as a CommonJS app. Prints its summary as one JSON line.
const { runAgent } = require("./graph.cjs");

const host = {
  langgraph: require("@langchain/langgraph"),
  checkpoint: require("@langchain/langgraph-checkpoint"),
  prebuilt: require("@langchain/langgraph/prebuilt"),
  messages: require("@langchain/core/messages"),
  tools: require("@langchain/core/tools"),
  zod: require("zod"),
};
const [historySize = 100, supersteps = 50] = process.argv.slice(2).map(Number);
runAgent(host, { historySize, supersteps }).then((summary) => {
  // The package's own status (self-reference): what the shim did in this very process.
  const status = require("langgraph-native").status();
  console.log(JSON.stringify({ ...summary, moduleSystem: "cjs", status }));
});
