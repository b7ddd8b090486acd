// ES-module app: the scenario on the ESM build, with MemorySaver or a SqliteSaver on a file.
import * as lg from "@langchain/langgraph";
import * as messages from "@langchain/core/messages";
import { status } from "langgraph-native";
import { createRequire } from "node:module";

const { runScenario } = createRequire(import.meta.url)("./graph-scenario.cjs");
const [saver, file] = process.argv.slice(2);
const checkpointer =
  saver === "sqlite"
    ? (await import("@langchain/langgraph-checkpoint-sqlite")).SqliteSaver.fromConnString(file)
    : new lg.MemorySaver();
const result = await runScenario({ lg, messages, checkpointer });
const memory = status().components.memory;
console.log(JSON.stringify({ saverClass: checkpointer.constructor.name, native: memory.active, reason: memory.reason, result }));
