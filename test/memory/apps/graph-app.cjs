// CommonJS app: the scenario on the CJS build, with MemorySaver or a SqliteSaver on a file.
const lg = require("@langchain/langgraph");
const messages = require("@langchain/core/messages");
const { runScenario } = require("./graph-scenario.cjs");

async function main() {
  const [saver, file] = process.argv.slice(2);
  const checkpointer =
    saver === "sqlite" ? require("@langchain/langgraph-checkpoint-sqlite").SqliteSaver.fromConnString(file) : new lg.MemorySaver();
  const result = await runScenario({ lg, messages, checkpointer });
  const memory = require("langgraph-native").status().components.memory;
  console.log(JSON.stringify({ saverClass: checkpointer.constructor.name, native: memory.active, reason: memory.reason, result }));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
