// CommonJS app: the host's CommonJS builds.
const { status } = require("langgraph-native");
const { runGraph } = require("./graph.cjs");

const host = {
  langgraph: require("@langchain/langgraph"),
  prebuilt: require("@langchain/langgraph/prebuilt"),
  messages: require("@langchain/core/messages"),
  tools: require("@langchain/core/tools"),
  zod: require("zod"),
};
runGraph(status, host).then((outcome) => console.log(JSON.stringify(outcome)));
