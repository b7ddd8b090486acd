// CommonJS graph app: the scenarios on the CJS build of the host packages.
const { main } = require("./scenarios.cjs");

main(
  {
    lg: require("@langchain/langgraph"),
    checkpoint: require("@langchain/langgraph-checkpoint"),
    prebuilt: require("@langchain/langgraph/prebuilt"),
    messages: require("@langchain/core/messages"),
    tools: require("@langchain/core/tools"),
    chatModels: require("@langchain/core/language_models/chat_models"),
    z: require("zod").z,
    callbacks: require("@langchain/core/callbacks/base"),
    traceable: require("langsmith/singletons/traceable"),
  },
  process.argv.slice(2),
);
