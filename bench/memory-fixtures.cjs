// Bench fixtures: the savers side by side (stock and native, built on this process's host classes)
// and 100-message checkpoints as a chat produces them (a sliding window of real messages).
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const { MemorySaver, uuid6 } = require("@langchain/langgraph-checkpoint");
const { SqliteSaver } = require("@langchain/langgraph-checkpoint-sqlite");
const { HumanMessage, AIMessage } = require("@langchain/core/messages");
const { loadAddon } = require("../dist/shim/addon.js");
const { defineNativeMemorySaver } = require("../dist/patches/memory/native-memory-saver.js");
const { defineNativeSqliteSaver, NATIVE_DB } = require("../dist/patches/memory/native-sqlite-saver.js");
const { swapCjs } = require("../test/support/serde.cjs");

const addon = loadAddon(undefined).addon;
if (!addon) throw new Error("build the addon first: npm run build");
const NativeMemorySaver = defineNativeMemorySaver(MemorySaver, addon);
const NativeSqliteSaver = defineNativeSqliteSaver(SqliteSaver, addon, { synchronousFull: false });

const MESSAGES_PER_CHECKPOINT = 100;

const VOCABULARY = (
  "the of and to in is you that it he was for on are as with his they at be this have from or one had by word but not " +
  "what all were we when your can said there use an each which she do how their if will up other about out many then " +
  "them these so some her would make like him into time has look two more write go see number no way could people my " +
  "than first water been call who oil its now find long down day did get come made may part checkpoint graph agent tool"
).split(" ");

/** Text as compressible as prose: words drawn by a seeded generator, so every run is the same. */
function prose(seed, words) {
  let state = seed * 2654435761 + 1;
  const out = [];
  for (let i = 0; i < words; i++) {
    state = (state * 1103515245 + 12345) % 2147483648;
    out.push(VOCABULARY[state % VOCABULARY.length]);
  }
  return out.join(" ");
}

const messageCache = new Map();

/** Message `i` of the chat: about 500 bytes of JSON; built once, so benches time savers only. */
function message(i) {
  let built = messageCache.get(i);
  if (!built) messageCache.set(i, (built = buildMessage(i)));
  return built;
}

function buildMessage(i) {
  return i % 2
    ? new AIMessage({ id: `ai-${i}`, content: prose(i, 90), response_metadata: { model: "bench", tokens: 90 + (i % 7) } })
    : new HumanMessage({ id: `human-${i}`, content: prose(i, 40) });
}

/**
 * Checkpoint `step` of a chat that keeps its last 100 messages (as apps trimming their context
 * do): `messages` changes at every step, `settings` never after the first.
 */
function chatCheckpoint(step) {
  return {
    v: 4,
    id: uuid6(-1),
    ts: new Date().toISOString(),
    channel_values: {
      messages: Array.from({ length: MESSAGES_PER_CHECKPOINT }, (_, i) => message(step + i)),
      step,
      settings: { model: "bench", temperature: 0.2, tools: ["search", "calculator"] },
    },
    channel_versions: { messages: step + 1, step: step + 1, settings: 1 },
    versions_seen: { agent: { messages: step }, tools: { messages: step } },
  };
}

/** What LangGraph passes as newVersions: the channels changed since the parent. */
function newVersionsOf(step) {
  return step === 0 ? { messages: 1, step: 1, settings: 1 } : { messages: step + 1, step: step + 1 };
}

/** A thread that grows one checkpoint at a time, as a graph run writes it. */
class ChatThread {
  constructor(saver, threadId) {
    this.saver = saver;
    this.threadId = threadId;
    this.step = 0;
    this.ids = [];
    this.parent = undefined;
    /** The checkpoint `prepare()` built for the next put. */
    this.next = undefined;
  }

  /** Builds the next checkpoint now, so that a timed `put()` after it times the saver alone. */
  prepare() {
    this.next ??= chatCheckpoint(this.step);
  }

  async put() {
    const checkpoint = this.next ?? chatCheckpoint(this.step);
    this.next = undefined;
    const config = { configurable: { thread_id: this.threadId, checkpoint_ns: "", ...(this.parent ? { checkpoint_id: this.parent } : {}) } };
    const saved = await this.saver.put(config, checkpoint, { source: "loop", step: this.step, parents: {} }, newVersionsOf(this.step));
    this.parent = checkpoint.id;
    this.ids.push(checkpoint.id);
    this.step += 1;
    return saved;
  }

  async putWrites() {
    const config = { configurable: { thread_id: this.threadId, checkpoint_ns: "", checkpoint_id: this.parent } };
    await this.saver.putWrites(config, [["messages", [message(this.step + 1000)]], ["step", this.step]], `task-${this.step}`, "~agent");
  }

  async growTo(count) {
    while (this.step < count) await this.put();
  }
}

function tempDatabase(label) {
  return path.join(fs.mkdtempSync(path.join(os.tmpdir(), `lgn-bench-${label}-`)), "bench.sqlite");
}

let serializers;

/**
 * The two JsonPlusSerializers a user can have: the host's own and the native one the shim swaps in
 * (the shim's serde patch and self-check, applied to this process's class and left there, as under
 * the shim: savers built without a serde after this call get the native one). The "stock" instance
 * carries the host's original methods as own properties.
 */
function jsonPlusSerializers() {
  if (serializers) return serializers;
  const { stock, native } = swapCjs();
  return (serializers = { stock, native });
}

/** The four savers, stock and native pairs; `serde` is one serializer for both or {stock, native}. */
function makeSavers(serde) {
  const serdes = serde && serde.stock && serde.native ? serde : { stock: serde, native: serde };
  const withSerde = (saver, side) => {
    if (serdes[side]) saver.serde = serdes[side];
    return saver;
  };
  return {
    MemorySaver: { stock: new MemorySaver(serdes.stock), native: new NativeMemorySaver(serdes.native) },
    SqliteSaver: {
      stock: withSerde(SqliteSaver.fromConnString(tempDatabase("stock")), "stock"),
      native: withSerde(NativeSqliteSaver.fromConnString(tempDatabase("native")), "native"),
    },
  };
}

function closeNative(saver) {
  saver[NATIVE_DB]?.close();
}

module.exports = { jsonPlusSerializers, MemorySaver, NativeMemorySaver, SqliteSaver, NativeSqliteSaver, ChatThread, makeSavers, closeNative, tempDatabase, chatCheckpoint };
