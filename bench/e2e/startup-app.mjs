// Start-up probe, ES modules: loads LangGraph as an agent app does, then says so with its exports.
import * as langgraph from "@langchain/langgraph";
import * as prebuilt from "@langchain/langgraph/prebuilt";
console.log(JSON.stringify({ loaded: "LangGraph loaded", exports: [...Object.keys(langgraph), ...Object.keys(prebuilt)].sort() }));
