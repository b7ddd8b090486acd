// The SqliteSaver file of one agent thread written with each serializer format: the native saver
// on the native serializer, as the shim runs them, with LANGGRAPH_NATIVE_SERDE_FORMAT json or msgpack.
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const Database = require("better-sqlite3");
const lg = require("@langchain/langgraph");
const { HumanMessage, AIMessage, ToolMessage } = require("@langchain/core/messages");
const { SqliteSaver } = require("@langchain/langgraph-checkpoint-sqlite");
const { loadAddon } = require("../dist/shim/addon.js");
const { defineNativeSqliteSaver, NATIVE_DB } = require("../dist/patches/memory/native-sqlite-saver.js");
const { nativeSerde } = require("../test/support/serde.cjs");

const TEXT = "The quick brown fox jumps over the lazy dog, then checks the weather in Zürich ☀️. ".repeat(3);

/** A tool-calling agent: each turn is a question, a tool call, its result and an answer. */
function agent(checkpointer) {
  const { StateGraph, MessagesAnnotation, START, END } = lg;
  let step = 0;
  return new StateGraph(MessagesAnnotation)
    .addNode("agent", (state) => {
      const last = state.messages[state.messages.length - 1];
      step += 1;
      if (last instanceof HumanMessage) {
        return { messages: [new AIMessage({ id: `ai-${step}`, content: "", tool_calls: [{ id: `call-${step}`, name: "get_weather", args: { city: "Zürich", unit: "celsius" }, type: "tool_call" }], usage_metadata: { input_tokens: 120 + step, output_tokens: 30, total_tokens: 150 + step }, response_metadata: { model_name: "gpt-4o-mini", finish_reason: "tool_calls" } })] };
      }
      return { messages: [new AIMessage({ id: `ai-${step}`, content: `Answer ${step}: ${TEXT}`, response_metadata: { model_name: "gpt-4o-mini", finish_reason: "stop" } })] };
    })
    .addNode("tools", (state) => {
      const call = state.messages[state.messages.length - 1].tool_calls[0];
      return { messages: [new ToolMessage({ id: `tool-${call.id}`, content: `Result of ${call.id}: ${TEXT}`, tool_call_id: call.id, name: call.name })] };
    })
    .addEdge(START, "agent")
    .addConditionalEdges("agent", (state) => (state.messages[state.messages.length - 1].tool_calls?.length ? "tools" : END))
    .addEdge("tools", "agent")
    .compile({ checkpointer });
}

async function threadFileSize(format, turns, dir) {
  const NativeSqliteSaver = defineNativeSqliteSaver(SqliteSaver, loadAddon(undefined).addon, { synchronousFull: false });
  const file = path.join(dir, `${format}.sqlite`);
  const saver = NativeSqliteSaver.fromConnString(file);
  saver.serde = nativeSerde({ LANGGRAPH_NATIVE_SERDE_FORMAT: format });
  const graph = agent(saver);
  const config = { configurable: { thread_id: "thread" } };
  for (let turn = 0; turn < turns; turn++) {
    await graph.invoke({ messages: [new HumanMessage({ id: `human-${turn}`, content: `Question ${turn}: ${TEXT}` })] }, config);
  }
  const messages = (await graph.getState(config)).values.messages.length;
  const types = new Set();
  saver[NATIVE_DB].close();
  // Everything in the main file (the WAL folded in), then its size.
  const db = new Database(file);
  for (const row of db.prepare("SELECT DISTINCT type FROM checkpoints").all()) types.add(row.type);
  db.pragma("wal_checkpoint(TRUNCATE)");
  db.close();
  if (!types.has(format) || types.size !== 1) throw new Error(`the ${format} file holds ${[...types]} checkpoints`);
  return { size: fs.statSync(file).size, messages };
}

async function sqliteThreadSizes(turns) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lgn-bench-serde-"));
  try {
    const json = await threadFileSize("json", turns, dir);
    const msgpack = await threadFileSize("msgpack", turns, dir);
    return { turns, messages: json.messages, json: json.size, msgpack: msgpack.size };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

module.exports = { sqliteThreadSizes };
