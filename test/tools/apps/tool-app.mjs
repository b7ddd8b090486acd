// ES-module app: the ToolNode scenarios on the ESM build of the host packages.
import * as lg from "@langchain/langgraph";
import * as prebuilt from "@langchain/langgraph/prebuilt";
import * as messages from "@langchain/core/messages";
import * as tools from "@langchain/core/tools";
import { z } from "zod";
import scenariosModule from "./scenarios.cjs";

await scenariosModule.main({ lg, prebuilt, messages, tools, z }, process.argv.slice(2));
