// The native serializer against the stock JsonPlusSerializer, in one process, on checkpoints like
// LangGraph writes (channel_values.messages with Human, AI-with-tool-calls and Tool messages).
// With LANGGRAPH_NATIVE_SERDE_FORMAT=msgpack: blob sizes and round trips against the native json
// path, and the SqliteSaver file of a 20-turn agent thread written in each format.
// Usage: node bench/serde.bench.cjs [--quick]   (build first: npm run build)
const fs = require("node:fs");
const path = require("node:path");
const { Bench } = require("tinybench");
const { HumanMessage, AIMessage, ToolMessage } = require("@langchain/core/messages");
const { swapCjs, nativeSerde } = require("../test/support/serde.cjs");

const QUICK = process.argv.includes("--quick");
const ROUNDS = QUICK ? 1 : 3;
const SIZES = [10, 100, 1000];
const TEXT = "The quick brown fox jumps over the lazy dog, then checks the weather in Zürich ☀️. ".repeat(5).slice(0, 400);

/**
 * A checkpoint as MemorySaver.put receives it, with `count` messages in channel_values. The three
 * messages of a turn carry the same text unless `distinct` (msgpack writes a string repeated within
 * a message, or outside messages, once; its sizes are given both ways).
 */
function checkpoint(count, distinct = false) {
  const messages = [];
  for (let i = 0; messages.length < count; i++) {
    messages.push(new HumanMessage({ content: `${i}: ${TEXT}`, id: `human-${i}` }));
    if (messages.length < count) {
      messages.push(new AIMessage({
        content: distinct ? `${i} answer: ${TEXT}` : `${i}: ${TEXT}`,
        id: `ai-${i}`,
        tool_calls: [{ id: `call-${i}`, name: "get_weather", args: { city: "Zürich", unit: "celsius" }, type: "tool_call" }],
        usage_metadata: { input_tokens: 120, output_tokens: 30, total_tokens: 150 },
        response_metadata: { model_name: "gpt-4o-mini", finish_reason: "tool_calls" },
      }));
    }
    if (messages.length < count) {
      messages.push(new ToolMessage({ content: distinct ? `${i} result: ${TEXT}` : `${i}: ${TEXT}`, tool_call_id: `call-${i}`, name: "get_weather", id: `tool-${i}` }));
    }
  }
  return {
    v: 4,
    id: "1ef4f797-8335-6428-8001-8a1503f9b875",
    ts: "2026-11-22T03:00:00.000Z",
    channel_values: { messages, __start__: undefined, "branch:to:agent": null },
    channel_versions: { __start__: 2, messages: 3, "branch:to:agent": 3 },
    versions_seen: { __input__: {}, __start__: { __start__: 1 }, agent: { "branch:to:agent": 2 } },
  };
}

async function main() {
  // Before the swap below: a swap in place is kept as it is.
  const msgpack = nativeSerde({ LANGGRAPH_NATIVE_SERDE_FORMAT: "msgpack" });
  const { registry, native, stock } = swapCjs();
  const rows = [];
  const msgpackRows = [];
  for (const size of SIZES) {
    const value = checkpoint(size);
    const [, bytes] = await stock.dumpsTyped(value);
    const [, nativeBytes] = await native.dumpsTyped(value);
    if (Buffer.compare(Buffer.from(bytes), Buffer.from(nativeBytes)) !== 0) throw new Error(`bytes differ at ${size} messages`);
    const text = new TextDecoder().decode(bytes);
    const [packedType, packed] = await msgpack.dumpsTyped(value);
    if (packedType !== "msgpack") throw new Error(`msgpack wrote ${packedType} at ${size} messages`);
    const cases = {
      dumpsTyped: (s) => () => s.dumpsTyped(value),
      loadsTyped: (s) => () => s.loadsTyped("json", bytes),
      "round trip": (s) => async () => {
        const [type, data] = await s.dumpsTyped(value);
        return s.loadsTyped(type, data);
      },
    };
    // Several short rounds, keeping each task's best median: on a shared machine a neighbour's
    // burst then spoils one round of one task, not the ratio.
    const best = new Map();
    for (let round = 0; round < ROUNDS; round++) {
      globalThis.gc?.(); // `langgraph-native bench` runs with --expose-gc: start each round clean
      const bench = new Bench({ time: QUICK ? 100 : 300, warmupTime: QUICK ? 30 : 100 });
      for (const [name, make] of Object.entries(cases)) {
        bench.add(`stock ${name}`, make(stock));
        bench.add(`native ${name}`, make(native));
      }
      bench.add("JSON.parse", () => JSON.parse(text));
      if (size !== 10) {
        bench.add("msgpack round trip", async () => {
          const [type, data] = await msgpack.dumpsTyped(value);
          return msgpack.loadsTyped(type, data);
        });
        bench.add("msgpack loadsTyped", () => msgpack.loadsTyped("msgpack", packed));
      }
      await bench.run();
      for (const task of bench.tasks) {
        const { p50, mean } = task.result.latency;
        const known = best.get(task.name);
        if (!known || p50 < known.p50) best.set(task.name, { p50, mean });
      }
    }
    const latency = (name) => best.get(name);
    const median = (name) => latency(name).p50;
    for (const name of Object.keys(cases)) {
      const stockMs = median(`stock ${name}`);
      const nativeMs = median(`native ${name}`);
      rows.push({
        messages: size,
        kB: Math.round(bytes.length / 1024),
        op: name,
        "stock ms": +stockMs.toFixed(3),
        "native ms": +nativeMs.toFixed(3),
        "stock/native": +(stockMs / nativeMs).toFixed(2),
        "stock mean ms": +latency(`stock ${name}`).mean.toFixed(3),
        "native mean ms": +latency(`native ${name}`).mean.toFixed(3),
      });
    }
    rows.push({ messages: size, kB: Math.round(bytes.length / 1024), op: "JSON.parse (reference)", "stock ms": null, "native ms": +median("JSON.parse").toFixed(3), "stock/native": null });
    if (size !== 10) {
      for (const [op, json, packedOp] of [["round trip", "native round trip", "msgpack round trip"], ["loadsTyped", "native loadsTyped", "msgpack loadsTyped"]]) {
        const jsonMs = median(json);
        const msgpackMs = median(packedOp);
        msgpackRows.push({ messages: size, op, "native json ms": +jsonMs.toFixed(3), "msgpack ms": +msgpackMs.toFixed(3), "json/msgpack": +(jsonMs / msgpackMs).toFixed(2) });
      }
      for (const distinct of [false, true]) {
        const sample = checkpoint(size, distinct);
        const [, jsonBytes] = await native.dumpsTyped(sample);
        const [, packedBytes] = await msgpack.dumpsTyped(sample);
        msgpackRows.push({
          messages: size,
          op: `blob size${distinct ? " (distinct texts)" : ""}`,
          "json bytes": jsonBytes.length,
          "msgpack bytes": packedBytes.length,
          smaller: `${(100 * (1 - packedBytes.length / jsonBytes.length)).toFixed(1)}%`,
        });
      }
    }
  }
  registry.restore();
  console.log(`median ms per operation, best of ${ROUNDS} round(s) (means in bench/results/serde.json)`);
  console.table(rows.map(({ "stock mean ms": _s, "native mean ms": _n, ...row }) => row));
  let sqliteThreadSizes;
  try {
    ({ sqliteThreadSizes } = require("./serde-sqlite.cjs"));
  } catch (error) {
    console.log(`SqliteSaver file sizes skipped: ${error.message.split("\n")[0]} (needs @langchain/langgraph-checkpoint-sqlite)`);
  }
  if (sqliteThreadSizes) {
    const sqlite = await sqliteThreadSizes(20);
    msgpackRows.push({ messages: sqlite.messages, op: `SqliteSaver file, ${sqlite.turns}-turn agent thread`, "json bytes": sqlite.json, "msgpack bytes": sqlite.msgpack, smaller: `${(100 * (1 - sqlite.msgpack / sqlite.json)).toFixed(1)}%` });
  }
  console.log("LANGGRAPH_NATIVE_SERDE_FORMAT=msgpack against the native json path (median ms; sizes in bytes)");
  console.table(msgpackRows);
  const out = path.join(__dirname, "results", "serde.json");
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, JSON.stringify({ node: process.version, date: new Date().toISOString(), quick: QUICK, rows, msgpack: msgpackRows }, null, 2));
  console.log(`wrote ${path.relative(process.cwd(), out)}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
