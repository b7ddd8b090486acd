// CommonJS app: the ToolNode scenarios on the CJS build of the host packages.
const { main } = require("./scenarios.cjs");

main(
  {
    lg: require("@langchain/langgraph"),
    prebuilt: require("@langchain/langgraph/prebuilt"),
    messages: require("@langchain/core/messages"),
    tools: require("@langchain/core/tools"),
    z: require("zod").z,
  },
  process.argv.slice(2),
);
