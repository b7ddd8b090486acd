// ES-module app: the host's ES-module builds.
import { status } from "langgraph-native";
import * as langgraph from "@langchain/langgraph";
import * as prebuilt from "@langchain/langgraph/prebuilt";
import * as messages from "@langchain/core/messages";
import * as tools from "@langchain/core/tools";
import * as zod from "zod";
import graph from "./graph.cjs";

console.log(JSON.stringify(await graph.runGraph(status, { langgraph, prebuilt, messages, tools, zod })));
