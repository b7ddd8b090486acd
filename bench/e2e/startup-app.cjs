// Start-up probe, CommonJS: loads LangGraph as an agent app does, then says so with its exports.
const langgraph = require("@langchain/langgraph");
const prebuilt = require("@langchain/langgraph/prebuilt");
console.log(JSON.stringify({ loaded: "LangGraph loaded", exports: [...Object.keys(langgraph), ...Object.keys(prebuilt)].sort() }));
