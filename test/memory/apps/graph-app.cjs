// CommonJS app: the scenario on the CJS build, with MemorySaver, a SqliteSaver on a file, or a
// PostgresSaver on a schema of the test server (LANGGRAPH_NATIVE_TEST_PG_URL).
const lg = require("@langchain/langgraph");
const messages = require("@langchain/core/messages");
const { runScenario } = require("./graph-scenario.cjs");

async function main() {
  const [saver, file] = process.argv.slice(2);
  let checkpointer;
  if (saver === "sqlite") checkpointer = require("@langchain/langgraph-checkpoint-sqlite").SqliteSaver.fromConnString(file);
  else if (saver === "postgres") {
    checkpointer = require("@langchain/langgraph-checkpoint-postgres").PostgresSaver.fromConnString(process.env.LANGGRAPH_NATIVE_TEST_PG_URL, { schema: file });
    await checkpointer.setup();
  } else checkpointer = new lg.MemorySaver();
  const result = await runScenario({ lg, messages, checkpointer });
  // Whether the saver's queries went through the addon (its handle opens on first use).
  const postgresHandle = saver === "postgres" ? checkpointer[Symbol.for("langgraph-native.postgres.db")] !== undefined : undefined;
  if (saver === "postgres") await checkpointer.end();
  const memory = require("langgraph-native").status().components.memory;
  console.log(JSON.stringify({ saverClass: checkpointer.constructor.name, native: memory.active, reason: memory.reason, postgresHandle, result }));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
