// ES-module graph app: the same scenarios on the ESM build of the host packages.
import * as lg from "@langchain/langgraph";
import * as checkpoint from "@langchain/langgraph-checkpoint";
import * as prebuilt from "@langchain/langgraph/prebuilt";
import * as messages from "@langchain/core/messages";
import * as tools from "@langchain/core/tools";
import * as chatModels from "@langchain/core/language_models/chat_models";
import { z } from "zod";
import * as callbacks from "@langchain/core/callbacks/base";
import * as traceable from "langsmith/singletons/traceable";
import scenariosModule from "./scenarios.cjs";

await scenariosModule.main({ lg, checkpoint, prebuilt, messages, tools, chatModels, z, callbacks, traceable }, process.argv.slice(2));
