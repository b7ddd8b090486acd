// Loads the host (runner and ToolNode) and prints what status() says about tasks and tools.
require("@langchain/langgraph");
require("@langchain/langgraph/prebuilt");
const { status } = require("../../../dist/index.js");

const { components } = status();
console.log(JSON.stringify({ tasks: components.tasks, tools: components.tools }));
