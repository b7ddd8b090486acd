// The native MemorySaver against the host's, call for call: same results, same errors, same
// ordering. Both run in this process on the real host classes and the real addon.
const assert = require("node:assert/strict");
const { MemorySaver, uuid6, TASKS } = require("@langchain/langgraph-checkpoint");
const { loadAddon } = require("../../dist/shim/addon.js");
const { defineNativeMemorySaver, STORE } = require("../../dist/patches/memory/native-memory-saver.js");

const { jsonTextEncoderOf } = require("../../dist/patches/serde/native-serializer.js");
const { nativeSerde } = require("../support/serde.cjs");
const { collect, outcome } = require("../support/outcomes.cjs");

const NativeMemorySaver = defineNativeMemorySaver(MemorySaver, loadAddon(undefined).addon);
/** The native saver the suite below compares with the host's: set per serializer. */
let makeNative = () => new NativeMemorySaver();

/** Runs `script(saver)` on both savers and returns the two transcripts of outcomes. */
async function both(script) {
  const transcripts = [];
  for (const saver of [new MemorySaver(), makeNative()]) {
    const log = [];
    await script(saver, async (fn) => log.push(await outcome(() => fn(saver))));
    transcripts.push(log);
  }
  return transcripts;
}

function checkpoint(id, values, versions) {
  return { v: 4, id, ts: "2026-01-01T00:00:00.000Z", channel_values: values, channel_versions: versions, versions_seen: { a: { b: 1 } } };
}

// Twice: on the host's serializer (bytes from dumpsTyped) and on the native one (JSON text handed
// to Rust, writes buffered until the next read), each against the stock saver on the host's.
for (const [title, serde] of [["the host's serializer", undefined], ["the native serializer", nativeSerde()]]) describe(`native MemorySaver on ${title} matches the host's MemorySaver`, function () {
  before(function () {
    makeNative = () => new NativeMemorySaver(serde);
    assert.equal(jsonTextEncoderOf(makeNative().serde) !== undefined, serde !== undefined);
  });

  it("is a subclass named MemorySaver", function () {
    const saver = new NativeMemorySaver();
    assert.ok(saver instanceof MemorySaver);
    assert.equal(NativeMemorySaver.name, "MemorySaver");
    assert.equal(JSON.stringify({ saver }), '{"saver":"[MemorySaver]"}');
  });

  it("puts, reads the latest and by id, lists with before/limit/filter, and deletes", async function () {
    const ids = [uuid6(-1), uuid6(-1), uuid6(-1), uuid6(-1)];
    const [host, native] = await both(async (saver, step) => {
      let parent;
      for (const [i, id] of ids.entries()) {
        const values = { messages: ["m".repeat(i + 1)], step: i };
        const config = { configurable: { thread_id: "t", checkpoint_ns: "", ...(parent ? { checkpoint_id: parent } : {}) } };
        await step((s) => s.put(config, checkpoint(id, values, { messages: i + 1, step: i + 1 }), { source: i ? "loop" : "input", step: i - 1, tag: i % 2 === 0 }, { messages: i + 1, step: i + 1 }));
        await step((s) => s.putWrites({ configurable: { thread_id: "t", checkpoint_ns: "", checkpoint_id: id } }, [["messages", `w${i}`], ["__interrupt__", { i }]], `task-${i % 2}`, `~${3 - i}`));
        parent = id;
      }
      await step((s) => s.getTuple({ configurable: { thread_id: "t" } }));
      await step((s) => s.getTuple({ configurable: { thread_id: "t", checkpoint_id: ids[1] } }));
      await step((s) => s.getTuple({ configurable: { thread_id: "t", checkpoint_id: "missing" } }));
      await step((s) => s.list({ configurable: { thread_id: "t" } }));
      await step((s) => s.list({ configurable: { thread_id: "t" } }, { limit: 2 }));
      await step((s) => s.list({ configurable: { thread_id: "t" } }, { limit: 1.5 }));
      await step((s) => s.list({ configurable: { thread_id: "t" } }, { limit: 0 }));
      await step((s) => s.list({ configurable: { thread_id: "t" } }, { before: { configurable: { checkpoint_id: ids[2] } } }));
      await step((s) => s.list({ configurable: {} }, { filter: { source: "loop", tag: true } }));
      await step((s) => s.list({ configurable: {} }, { filter: { missing: undefined, step: 1 } }));
      await step((s) => s.list({ configurable: {} }, { filter: { source: { nested: 1 } } }));
      await step((s) => s.list({ configurable: {} }, { filter: { toString: undefined } }));
      await step((s) => s.getDeltaChannelHistory({ config: { configurable: { thread_id: "t" } }, channels: ["messages", "step", "none"] }));
      await step((s) => s.deleteThread("t"));
      await step((s) => s.getTuple({ configurable: { thread_id: "t" } }));
    });
    assert.deepStrictEqual(native, host);
  });

  it("orders threads and namespaces as Object.keys does, across threads", async function () {
    const ids = Array.from({ length: 12 }, () => uuid6(-1));
    const [host, native] = await both(async (saver, step) => {
      let n = 0;
      for (const thread of ["b", "10", "a", "2"]) {
        for (const ns of ["", "child", "1"]) {
          const id = ids[n++];
          await step((s) => s.put({ configurable: { thread_id: thread, checkpoint_ns: ns } }, checkpoint(id, { x: thread }, { x: 1 }), { thread }, { x: 1 }));
        }
      }
      await step((s) => s.list({ configurable: {} }));
      await step((s) => s.list({ configurable: { checkpoint_ns: "child" } }, { limit: 3 }));
    });
    assert.deepStrictEqual(native, host);
  });

  it("rejects unsafe or missing keys with the host's errors", async function () {
    const cp = checkpoint(uuid6(-1), {}, {});
    const [host, native] = await both(async (saver, step) => {
      await step((s) => s.put({}, cp, {}, {}));
      await step((s) => s.put({ configurable: { thread_id: "__proto__" } }, cp, {}, {}));
      await step((s) => s.put({ configurable: { thread_id: "t", checkpoint_ns: 5 } }, cp, {}, {}));
      await step((s) => s.put({ configurable: { thread_id: "t" } }, { ...cp, id: "" }, {}, {}));
      await step((s) => s.putWrites({ configurable: { checkpoint_id: "x" } }, [], "task"));
      await step((s) => s.putWrites({ configurable: { thread_id: "t" } }, [], "task"));
      await step((s) => s.putWrites({ configurable: { thread_id: "t", checkpoint_id: "x" } }, [], "task"));
      await step((s) => s.putWrites({ configurable: { thread_id: "t", checkpoint_ns: "", checkpoint_id: "x" } }, [], "constructor"));
      await step((s) => s.getTuple({ configurable: { thread_id: "" } }));
      await step((s) => s.getTuple({ configurable: { thread_id: "t", checkpoint_id: "prototype" } }));
      await step((s) => s.list({ configurable: { thread_id: ["t"] } }));
      await step((s) => s.deleteThread(null));
      await step((s) => s.getDeltaChannelHistory({ config: { configurable: { thread_id: "t", checkpoint_ns: null } }, channels: ["x"] }));
    });
    assert.deepStrictEqual(native, host);
    assert.equal(host.filter((entry) => entry.error).length, 12);
  });

  it("keeps the first regular write per (task, idx) and the last special one", async function () {
    const config = { configurable: { thread_id: "t", checkpoint_ns: "", checkpoint_id: "c1" } };
    const [host, native] = await both(async (saver, step) => {
      await step((s) => s.put({ configurable: { thread_id: "t" } }, checkpoint("c1", {}, {}), {}, {}));
      await step((s) => s.putWrites(config, [["a", 1], ["b", 2]], "z-task", "~2"));
      await step((s) => s.putWrites(config, [["a", 3], ["__error__", "e1"]], "z-task", "~2"));
      await step((s) => s.putWrites(config, [["__error__", "e2"], [TASKS, "send"]], "a-task", "~10"));
      await step((s) => s.putWrites(config, [["c", "no path"]], "m-task"));
      await step((s) => s.getTuple(config));
    });
    assert.deepStrictEqual(native, host);
  });

  it("migrates pending sends of checkpoints older than v4", async function () {
    const [host, native] = await both(async (saver, step) => {
      await step((s) => s.put({ configurable: { thread_id: "t" } }, checkpoint("p", { a: 1 }, { a: 1 }), {}, { a: 1 }));
      await step((s) => s.putWrites({ configurable: { thread_id: "t", checkpoint_ns: "", checkpoint_id: "p" } }, [[TASKS, { send: 1 }], [TASKS, { send: 2 }]], "task"));
      await step((s) => s.put({ configurable: { thread_id: "t", checkpoint_id: "p" } }, { ...checkpoint("q", { a: 1 }, { a: 2 }), v: 3 }, {}, { a: 2 }));
      await step((s) => s.getTuple({ configurable: { thread_id: "t" } }));
    });
    assert.deepStrictEqual(native, host);
  });

  it("reads back every version of a sliding window of messages, with writes between reads", async function () {
    const { HumanMessage, AIMessage } = require("@langchain/core/messages");
    const chat = Array.from({ length: 70 }, (_, i) =>
      i % 2
        ? new AIMessage({ id: `ai-${i}`, content: `réponse ${i} — ${"données ".repeat(i % 9)}🙂`, response_metadata: { n: i } })
        : new HumanMessage({ id: `h-${i}`, content: `question ${i} ${"words ".repeat(i % 13)}` }),
    );
    const ids = Array.from({ length: 30 }, () => uuid6(-1));
    const [host, native] = await both(async (saver, step) => {
      let parent;
      for (const [i, id] of ids.entries()) {
        // A window of 40 that slides by 0, 1 or 2 messages and sometimes grows.
        const from = Math.floor(i / 2) + (i % 5 === 0 ? 1 : 0);
        const values = { messages: chat.slice(from, from + 30 + (i % 4)), step: i };
        const config = { configurable: { thread_id: "t", checkpoint_ns: "", ...(parent ? { checkpoint_id: parent } : {}) } };
        await step((s) => s.put(config, checkpoint(id, values, { messages: i + 1, step: i + 1 }), { step: i }, { messages: i + 1, step: i + 1 }));
        await step((s) => s.putWrites({ configurable: { thread_id: "t", checkpoint_ns: "", checkpoint_id: id } }, [["messages", [chat[i]]]], `task-${i}`));
        if (i % 7 === 0) await step((s) => s.getTuple({ configurable: { thread_id: "t" } }));
        parent = id;
      }
      await step((s) => s.list({ configurable: { thread_id: "t" } }));
    });
    assert.deepStrictEqual(native, host);
    assert.equal(host.length, 30 * 2 + 5 + 1);
    assert.equal(host.at(-1).value.length, 30);
  });

  it("sends a growing chat's new messages only, through forks, edits, namespaces and a deleted thread", async function () {
    const { HumanMessage, AIMessage } = require("@langchain/core/messages");
    const say = (i) =>
      i % 2 ? new AIMessage({ id: `ai-${i}`, content: `answer ${i} ${"détails ".repeat(20)}` }) : new HumanMessage({ id: `h-${i}`, content: `question ${i} ${"mots ".repeat(20)}` });
    const chat = Array.from({ length: 40 }, (_, i) => say(i));
    let prefixed = 0;
    const ids = Array.from({ length: 40 }, () => uuid6(-1));
    const [host, native] = await both(async (saver, step) => {
      const store = saver[STORE];
      if (store) {
        const put = store.put.bind(store);
        // Positional: the 14th argument is blobPrefixes (native/src/memory/checkpoint.rs).
        store.put = (...args) => ((prefixed += (args[13] ?? []).filter((count) => count > 0).length), put(...args));
      }
      const under = (parent, ns = "") => ({ configurable: { thread_id: "t", checkpoint_ns: ns, ...(parent ? { checkpoint_id: parent } : {}) } });
      const putChat = (id, parent, messages, version, ns) =>
        step((s) => s.put(under(parent, ns), checkpoint(id, { messages }, { messages: version }), { step: version }, { messages: version }));
      // A chat growing by one message per step.
      for (let i = 0; i < 12; i++) await putChat(ids[i], ids[i - 1], chat.slice(0, 8 + i), i + 1);
      // Two branches from step 5, put alternately: each continues its own list.
      for (let i = 0; i < 6; i++) {
        await putChat(ids[12 + 2 * i], i ? ids[10 + 2 * i] : ids[5], [...chat.slice(0, 13), ...chat.slice(20, 21 + i)], 7 + i);
        await putChat(ids[13 + 2 * i], i ? ids[11 + 2 * i] : ids[5], [...chat.slice(0, 13), ...chat.slice(30, 31 + i)], 7 + i);
      }
      // A message edited in place, then the list grows on.
      const original = chat[3].content;
      chat[3].content = "edited";
      await putChat(ids[24], ids[11], chat.slice(0, 20), 13);
      await putChat(ids[25], ids[24], chat.slice(0, 21), 14);
      chat[3].content = original;
      // Another namespace of the same thread.
      await putChat(ids[26], undefined, chat.slice(0, 15), 1, "sub:1");
      await putChat(ids[27], ids[26], chat.slice(0, 16), 2, "sub:1");
      for (const id of ids.slice(0, 28)) await step((s) => s.getTuple(under(id, ids.indexOf(id) >= 26 ? "sub:1" : "")));
      // The thread deleted, then a new chat under the same id.
      await step((s) => s.deleteThread("t"));
      await putChat(ids[28], undefined, chat.slice(0, 10), 1);
      await putChat(ids[29], ids[28], chat.slice(0, 11), 2);
      await step((s) => s.list({ configurable: { thread_id: "t" } }));
    });
    assert.deepStrictEqual(native, host);
    assert.equal(host.at(-1).value.length, 2);
    // On the native serializer most puts sent a prefix; on the host's none can (no element texts).
    if (serde) assert.ok(prefixed >= 20, `${prefixed} puts sent only new messages`);
    else assert.equal(prefixed, 0);
  });

  it("reads a channel removed at a new version (in newVersions, without a value) as the host does", async function () {
    const ids = [uuid6(-1), uuid6(-1), uuid6(-1)];
    const [host, native] = await both(async (saver, step) => {
      const at = (i) => ({ configurable: { thread_id: "t", checkpoint_ns: "", ...(i ? { checkpoint_id: ids[i - 1] } : {}) } });
      await step((s) => s.put(at(0), checkpoint(ids[0], { a: "x".repeat(2000), b: 1 }, { a: 1, b: 1 }), {}, { a: 1, b: 1 }));
      // `a` changes version but has no value (removed); `b` gets a value of undefined.
      await step((s) => s.put(at(1), checkpoint(ids[1], { b: undefined }, { a: 2, b: 2 }), {}, { a: 2, b: 2 }));
      await step((s) => s.put(at(2), checkpoint(ids[2], { b: 3 }, { a: 2, b: 3 }), {}, { b: 3 }));
      await step((s) => s.list({ configurable: { thread_id: "t" } }));
    });
    assert.deepStrictEqual(native, host);
    assert.deepStrictEqual(host.at(-1).value[0].checkpoint.channel_values, { b: 3 });
  });

  it("keeps each branch's value when a fork reuses a channel version (LangGraph.js versions are integers)", async function () {
    const [root, a, b, childOfA, childOfB, copy] = Array.from({ length: 6 }, () => uuid6(-1));
    const [host, native] = await both(async (saver, step) => {
      const under = (parent) => ({ configurable: { thread_id: "t", checkpoint_ns: "", ...(parent ? { checkpoint_id: parent } : {}) } });
      await step((s) => s.put(under(), checkpoint(root, { x: "root", y: 0 }, { x: 1, y: 1 }), {}, { x: 1, y: 1 }));
      // Two children of one parent: both give x version 2, with different values.
      await step((s) => s.put(under(root), checkpoint(a, { x: "A", y: 0 }, { x: 2, y: 1 }), {}, { x: 2 }));
      await step((s) => s.put(under(root), checkpoint(b, { x: "B", y: 0 }, { x: 2, y: 1 }), {}, { x: 2 }));
      // Their children keep x unchanged and change y.
      await step((s) => s.put(under(a), checkpoint(childOfA, { x: "A", y: 1 }, { x: 2, y: 2 }), {}, { y: 2 }));
      await step((s) => s.put(under(b), checkpoint(childOfB, { x: "B", y: 2 }, { x: 2, y: 2 }), {}, { y: 2 }));
      // A copy whose parent is not the checkpoint it copies ("__copy__" does this): x at version 2
      // is not the parent's, so the value must be taken from the put itself.
      await step((s) => s.put(under(root), checkpoint(copy, { x: "copied", y: 2 }, { x: 2, y: 2 }), {}, {}));
      for (const id of [root, a, b, childOfA, childOfB, copy]) await step((s) => s.getTuple({ configurable: { thread_id: "t", checkpoint_id: id } }));
      await step((s) => s.list({ configurable: { thread_id: "t" } }));
      await step((s) => s.getDeltaChannelHistory({ config: { configurable: { thread_id: "t", checkpoint_id: childOfA } }, channels: ["x", "y"] }));
    });
    assert.deepStrictEqual(native, host);
    const xs = host.slice(6, 12).map((entry) => entry.value.checkpoint.channel_values.x);
    assert.deepStrictEqual(xs, ["root", "A", "B", "A", "B", "copied"]);
  });

  it("stores a wide state's many changed values of every kind as the host does", async function () {
    const { HumanMessage, AIMessage } = require("@langchain/core/messages");
    const wide = (step) => ({
      text: `step ${step}, with "quotes", [brackets], {braces} and commas`,
      count: step,
      ratio: step / 3,
      flag: step % 2 === 0,
      nothing: null,
      list: [1, "two", { three: [3] }, []],
      nested: { a: { b: { c: [step, { d: "e" }] } }, empty: {} },
      when: new Date(Date.UTC(2026, 0, step + 1)),
      messages: [new HumanMessage({ id: `h${step}`, content: "hi" }), new AIMessage({ id: `a${step}`, content: "hello", tool_calls: [] })],
      unicode: "héllo — 🙂",
      lcLike: { lc: 1, type: "not a record" },
      ...(step % 2 ? { bytes: new Uint8Array([1, 2, step]) } : {}),
    });
    const ids = Array.from({ length: 4 }, () => uuid6(-1));
    const [host, native] = await both(async (saver, step) => {
      let parent;
      for (const [i, id] of ids.entries()) {
        const values = wide(i);
        const versions = Object.fromEntries(Object.keys(values).map((key) => [key, i + 1]));
        const config = { configurable: { thread_id: "t", checkpoint_ns: "", ...(parent ? { checkpoint_id: parent } : {}) } };
        await step((s) => s.put(config, checkpoint(id, values, versions), { step: i }, versions));
        parent = id;
      }
      for (const id of ids) await step((s) => s.getTuple({ configurable: { thread_id: "t", checkpoint_id: id } }));
      await step((s) => s.list({ configurable: { thread_id: "t" } }, { limit: 2 }));
    });
    assert.deepStrictEqual(native, host);
    const last = host.at(-2).value.checkpoint.channel_values;
    assert.ok(last.messages[1] instanceof AIMessage && last.bytes instanceof Uint8Array && last.when === "2026-01-04T00:00:00.000Z");
  });

  it("carries every value again when the parent of a put is gone or was never stored", async function () {
    const [first, alone, second, third] = [uuid6(-1), uuid6(-1), uuid6(-1), uuid6(-1)];
    const [host, native] = await both(async (saver, step) => {
      const under = (parent) => ({ configurable: { thread_id: "t", checkpoint_ns: "", ...(parent ? { checkpoint_id: parent } : {}) } });
      await step((s) => s.put(under(), checkpoint(first, { x: "one" }, { x: 1 }), {}, { x: 1 }));
      // No parent and nothing in newVersions, as the conformance suite's delta test puts.
      await step((s) => s.put(under(), checkpoint(alone, { x: "alone", y: 1 }, { x: 1, y: 1 }), {}, {}));
      await step((s) => s.getTuple({ configurable: { thread_id: "t" } }));
      await step((s) => s.deleteThread("t"));
      await step((s) => s.put(under(first), checkpoint(second, { x: "two" }, { x: 1 }), {}, {}));
      await step((s) => s.put(under("never-stored"), checkpoint(third, { x: "three" }, { x: 1 }), {}, {}));
      await step((s) => s.list({ configurable: { thread_id: "t" } }));
    });
    assert.deepStrictEqual(native, host);
    assert.deepStrictEqual(host.at(-1).value.map((tuple) => tuple.checkpoint.channel_values.x), ["three", "two"]);
  });

  it("stores an unchanged channel once, and every value when newVersions is not given", async function () {
    const saver = makeNative();
    const big = "x".repeat(10000);
    let parent;
    for (let i = 1; i <= 20; i++) {
      const id = uuid6(-1);
      const config = { configurable: { thread_id: "t", ...(parent ? { checkpoint_id: parent } : {}) } };
      await saver.put(config, checkpoint(id, { big, step: i }, { big: 1, step: i }), {}, i === 1 ? { big: 1, step: i } : { step: i });
      parent = id;
    }
    const latest = await saver.getTuple({ configurable: { thread_id: "t" } });
    assert.deepStrictEqual(latest.checkpoint.channel_values, { big, step: 20 });
    const legacy = makeNative();
    await legacy.put({ configurable: { thread_id: "t" } }, checkpoint("c", { a: 1 }, { a: 1 }), {});
    assert.deepStrictEqual((await legacy.getTuple({ configurable: { thread_id: "t" } })).checkpoint.channel_values, { a: 1 });
    assert.ok(saver[STORE]);
  });
});
