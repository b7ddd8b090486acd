// ES-module app: the scenario on the ESM build, with MemorySaver, a SqliteSaver on a file, or a
// PostgresSaver on a schema of the test server (LANGGRAPH_NATIVE_TEST_PG_URL).
import * as lg from "@langchain/langgraph";
import * as messages from "@langchain/core/messages";
import { status } from "langgraph-native";
import { createRequire } from "node:module";

const { runScenario } = createRequire(import.meta.url)("./graph-scenario.cjs");
const [saver, file] = process.argv.slice(2);
let checkpointer;
if (saver === "sqlite") checkpointer = (await import("@langchain/langgraph-checkpoint-sqlite")).SqliteSaver.fromConnString(file);
else if (saver === "postgres") {
  const { PostgresSaver } = await import("@langchain/langgraph-checkpoint-postgres");
  checkpointer = PostgresSaver.fromConnString(process.env.LANGGRAPH_NATIVE_TEST_PG_URL, { schema: file });
  await checkpointer.setup();
} else checkpointer = new lg.MemorySaver();
const result = await runScenario({ lg, messages, checkpointer });
// Whether the saver's queries went through the addon (its handle opens on first use).
const postgresHandle = saver === "postgres" ? checkpointer[Symbol.for("langgraph-native.postgres.db")] !== undefined : undefined;
if (saver === "postgres") await checkpointer.end();
const memory = status().components.memory;
console.log(JSON.stringify({ saverClass: checkpointer.constructor.name, native: memory.active, reason: memory.reason, postgresHandle, result }));
