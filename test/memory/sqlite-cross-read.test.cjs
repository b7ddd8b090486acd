// The native SqliteSaver and the stock one share a file: what either writes, the other reads back
// identically (same tables, columns, types and bytes).
const assert = require("node:assert/strict");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const { SqliteSaver } = require("@langchain/langgraph-checkpoint-sqlite");
const { uuid6, TASKS } = require("@langchain/langgraph-checkpoint");
const { HumanMessage, AIMessage } = require("@langchain/core/messages");
const { loadAddon } = require("../../dist/shim/addon.js");
const { defineNativeSqliteSaver, NATIVE_DB } = require("../../dist/patches/memory/native-sqlite-saver.js");

const { nativeSerde } = require("../support/serde.cjs");

const NativeSqliteSaver = defineNativeSqliteSaver(SqliteSaver, loadAddon(undefined).addon, { synchronousFull: false });

/** The native saver as the shim runs it: on the native serializer (text both ways). */
function onNativeSerde(saver) {
  saver.serde = nativeSerde();
  return saver;
}

function tempFile() {
  return path.join(fs.mkdtempSync(path.join(os.tmpdir(), "lgn-cross-")), "shared.sqlite");
}

async function collect(iterable) {
  const out = [];
  for await (const item of iterable) out.push(item);
  return out;
}

/** A conversation of checkpoints with messages, writes (regular, special, sends) and namespaces. */
async function writeConversation(saver, ids) {
  let config = { configurable: { thread_id: "thread", checkpoint_ns: "" } };
  const messages = [];
  for (const [i, id] of ids.entries()) {
    messages.push(i % 2 ? new AIMessage({ id: `a${i}`, content: `reply ${i}` }) : new HumanMessage({ id: `h${i}`, content: `ask ${i}` }));
    const checkpoint = { v: 4, id, ts: `2026-01-01T00:00:0${i}.000Z`, channel_values: { messages: [...messages], bytes: new Uint8Array([i, 255]) }, channel_versions: { messages: i + 1 }, versions_seen: { agent: { messages: i } } };
    config = await saver.put(config, checkpoint, { source: i ? "loop" : "input", step: i - 1, parents: {}, user: { n: i } }, { messages: i + 1 });
    await saver.putWrites(config, [["messages", new AIMessage({ id: `w${i}`, content: "pending" })], ["__interrupt__", { question: i }]], `task-${i}`);
    await saver.putWrites(config, [[TASKS, { send: i }]], "b-task");
  }
  await saver.put({ configurable: { thread_id: "thread", checkpoint_ns: "child" } }, { v: 4, id: uuid6(-1), ts: "x", channel_values: {}, channel_versions: {}, versions_seen: {} }, { source: "loop", step: 0 }, {});
}

async function readEverything(saver, ids) {
  return {
    latest: await saver.getTuple({ configurable: { thread_id: "thread" } }),
    byId: await saver.getTuple({ configurable: { thread_id: "thread", checkpoint_ns: "", checkpoint_id: ids[1] } }),
    all: await collect(saver.list({ configurable: { thread_id: "thread" } })),
    limited: await collect(saver.list({ configurable: { thread_id: "thread", checkpoint_ns: "" } }, { limit: 2, before: { configurable: { checkpoint_id: ids[3] } } })),
    filtered: await collect(saver.list({ configurable: {} }, { filter: { source: "loop", user: { n: 2 } } })),
    history: await saver.getDeltaChannelHistory({ config: { configurable: { thread_id: "thread", checkpoint_ns: "" } }, channels: ["messages"] }),
  };
}

describe("SqliteSaver files are shared by the native and the stock saver", function () {
  const ids = [uuid6(-1), uuid6(-1), uuid6(-1), uuid6(-1), uuid6(-1)];

  it("stock writes, native reads the same file identically", async function () {
    const file = tempFile();
    const stock = SqliteSaver.fromConnString(file);
    await writeConversation(stock, ids);
    const native = NativeSqliteSaver.fromConnString(file);
    const expected = await readEverything(stock, ids);
    assert.equal(expected.all.length, 6);
    assert.equal(expected.filtered.length, 1);
    assert.deepStrictEqual(await readEverything(native, ids), expected);
    native[NATIVE_DB].close();
  });

  it("native writes, stock reads the same file identically", async function () {
    const file = tempFile();
    const native = NativeSqliteSaver.fromConnString(file);
    await writeConversation(native, ids);
    const stock = SqliteSaver.fromConnString(file);
    const expected = await readEverything(native, ids);
    assert.equal(expected.all.length, 6);
    assert.deepStrictEqual(await readEverything(stock, ids), expected);
    native[NATIVE_DB].close();
  });

  it("on the native serializer too: each reads what the other wrote, identically", async function () {
    const [stockFirst, nativeFirst] = [tempFile(), tempFile()];
    await writeConversation(SqliteSaver.fromConnString(stockFirst), ids);
    const native = onNativeSerde(NativeSqliteSaver.fromConnString(stockFirst));
    const expected = await readEverything(SqliteSaver.fromConnString(stockFirst), ids);
    assert.deepStrictEqual(await readEverything(native, ids), expected);
    const writer = onNativeSerde(NativeSqliteSaver.fromConnString(nativeFirst));
    await writeConversation(writer, ids);
    const written = await readEverything(writer, ids);
    assert.equal(written.all.length, 6);
    assert.deepStrictEqual(await readEverything(SqliteSaver.fromConnString(nativeFirst), ids), written);
    native[NATIVE_DB].close();
    writer[NATIVE_DB].close();
  });

  it("on the native serializer, a corrupt or hostile row fails alone (as in stock, or clearer) and the rest still reads", async function () {
    const file = tempFile();
    const stock = SqliteSaver.fromConnString(file);
    await writeConversation(stock, ids);
    const poison = (id, bytes) => stock.db.prepare("UPDATE checkpoints SET checkpoint = ? WHERE checkpoint_id = ?").run(bytes, id);
    poison(ids[1], Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d])); // invalid UTF-8
    // Deeper than the native reviver goes: read by the host's (its stack overflow is tested in a child process).
    poison(ids[2], Buffer.from(`{"v":4,"id":"x","channel_values":{"a":${"[".repeat(2000)}${"]".repeat(2000)}}}`));
    poison(ids[3], Buffer.from('{"v":4,"id":"x","channel_values":{"a":')); // truncated
    const native = onNativeSerde(NativeSqliteSaver.fromConnString(file));
    const config = (id) => ({ configurable: { thread_id: "thread", checkpoint_ns: "", checkpoint_id: id } });
    const read = (id) => native.getTuple(config(id));
    await assert.rejects(read(ids[1]), /not valid UTF-8|invalid byte sequence/);
    const deep = await read(ids[2]);
    assert.equal(JSON.stringify(deep.checkpoint), JSON.stringify((await stock.getTuple(config(ids[2]))).checkpoint));
    // Truncated: the stock saver's SyntaxError.
    await assert.rejects(read(ids[3]), (error) => error instanceof SyntaxError && /JSON/.test(error.message));
    const intact = await read(ids[4]);
    assert.equal(intact.checkpoint.channel_values.messages.length, 5);
    native[NATIVE_DB].close();
  });

  it("writes the same rows as the stock saver", async function () {
    const [stockFile, nativeFile] = [tempFile(), tempFile()];
    const stock = SqliteSaver.fromConnString(stockFile);
    const native = NativeSqliteSaver.fromConnString(nativeFile);
    await writeConversation(stock, ids);
    await writeConversation(native, ids);
    native[NATIVE_DB].close();
    const dump = (db) => ({
      checkpoints: db.prepare("SELECT * FROM checkpoints WHERE checkpoint_ns = '' ORDER BY checkpoint_id").all(),
      writes: db.prepare("SELECT * FROM writes ORDER BY checkpoint_id, task_id, idx").all(),
    });
    assert.deepStrictEqual(dump(SqliteSaver.fromConnString(nativeFile).db), dump(stock.db));
  });

  it("on the native serializer, sends a growing chat's new messages only and still writes the stock saver's rows", async function () {
    const say = (i) => (i % 2 ? new AIMessage({ id: `a${i}`, content: `answer ${i} ${"détails ".repeat(30)}` }) : new HumanMessage({ id: `h${i}`, content: `ask ${i} ${"mots ".repeat(30)}` }));
    const chat = Array.from({ length: 40 }, (_, i) => say(i));
    const chatIds = Array.from({ length: 40 }, () => uuid6(-1));
    let assembled = 0;
    const rows = (file) => SqliteSaver.fromConnString(file).db.prepare("SELECT * FROM checkpoints ORDER BY checkpoint_ns, checkpoint_id").all();
    const beforeDelete = [];
    async function script(saver, file) {
      const db = saver[NATIVE_DB] ?? (saver.setup(), saver[NATIVE_DB]);
      if (db) {
        const putAssembled = db.putAssembled.bind(db);
        db.putAssembled = (...args) => {
          const pending = putAssembled(...args);
          if (pending !== undefined && args[5].some((array) => array.prefix > 0)) assembled += 1;
          return pending;
        };
      }
      const under = (parent, ns = "") => ({ configurable: { thread_id: "chat", checkpoint_ns: ns, ...(parent ? { checkpoint_id: parent } : {}) } });
      const put = (id, parent, messages, step, ns) =>
        saver.put(under(parent, ns), { v: 4, id, ts: `2026-01-01T00:00:${String(step).padStart(2, "0")}.000Z`, channel_values: { messages, step }, channel_versions: { messages: step, step }, versions_seen: {} }, { source: "loop", step }, { messages: step });
      for (let i = 0; i < 12; i++) await put(chatIds[i], chatIds[i - 1], chat.slice(0, 8 + i), i + 1);
      for (let i = 0; i < 6; i++) {
        await put(chatIds[12 + 2 * i], i ? chatIds[10 + 2 * i] : chatIds[5], [...chat.slice(0, 13), ...chat.slice(20, 21 + i)], 13 + i);
        await put(chatIds[13 + 2 * i], i ? chatIds[11 + 2 * i] : chatIds[5], [...chat.slice(0, 13), ...chat.slice(30, 31 + i)], 13 + i);
      }
      const original = chat[3].content;
      chat[3].content = "edited";
      await put(chatIds[24], chatIds[11], chat.slice(0, 20), 20);
      await put(chatIds[25], chatIds[24], chat.slice(0, 21), 21);
      chat[3].content = original;
      await put(chatIds[26], undefined, chat.slice(0, 15), 1, "sub:1");
      await put(chatIds[27], chatIds[26], chat.slice(0, 16), 2, "sub:1");
      beforeDelete.push(rows(file));
      await saver.deleteThread("chat");
      await put(chatIds[28], undefined, chat.slice(0, 10), 1);
      await put(chatIds[29], chatIds[28], chat.slice(0, 11), 2);
      await put(chatIds[30], chatIds[29], chat.slice(0, 12), 3);
    }
    const [stockFile, nativeFile] = [tempFile(), tempFile()];
    await script(SqliteSaver.fromConnString(stockFile), stockFile);
    const native = onNativeSerde(NativeSqliteSaver.fromConnString(nativeFile));
    await script(native, nativeFile);
    native[NATIVE_DB].close();
    assert.equal(beforeDelete[0].length, 28);
    assert.deepStrictEqual(beforeDelete[1], beforeDelete[0]);
    const expected = rows(stockFile);
    assert.equal(expected.length, 3);
    assert.deepStrictEqual(rows(nativeFile), expected);
    assert.ok(assembled >= 20, `${assembled} puts sent only new messages`);
  });

  it("keeps its setup synchronous and idempotent, and deleteThread works on both", async function () {
    const file = tempFile();
    const native = NativeSqliteSaver.fromConnString(file);
    native.setup();
    native.setup();
    await writeConversation(native, ids);
    await native.deleteThread("thread");
    const stock = SqliteSaver.fromConnString(file);
    assert.equal(await stock.getTuple({ configurable: { thread_id: "thread" } }), undefined);
    assert.ok(native instanceof SqliteSaver);
    assert.equal(native.constructor.name, "SqliteSaver");
    native[NATIVE_DB].close();
  });
});
