// The demo agent as an ES-module app: the same graph, on LangGraph's ES-module build.
import { createRequire } from "node:module";
import * as langgraph from "@langchain/langgraph";
import * as checkpoint from "@langchain/langgraph-checkpoint";
import * as prebuilt from "@langchain/langgraph/prebuilt";
import * as messages from "@langchain/core/messages";
import * as tools from "@langchain/core/tools";
import * as zod from "zod";

const { runAgent } = createRequire(import.meta.url)("./graph.cjs");
const [historySize = 100, supersteps = 50] = process.argv.slice(2).map(Number);
const summary = await runAgent({ langgraph, checkpoint, prebuilt, messages, tools, zod }, { historySize, supersteps });
const { status } = await import("langgraph-native");
console.log(JSON.stringify({ ...summary, moduleSystem: "esm", status: status() }));
