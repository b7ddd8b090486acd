// getDocument hands the native serializer message records in a compact form when the document
// allows it. Reads must still come back exactly as the host's MemorySaver gives them: same values,
// same classes, same errors. Real host classes, real addon, both savers in this process.
const assert = require("node:assert/strict");
const { MemorySaver, uuid6 } = require("@langchain/langgraph-checkpoint");
const { AIMessage, BaseMessage, HumanMessage, SystemMessage, ToolMessage } = require("@langchain/core/messages");
const { loadAddon } = require("../../dist/shim/addon.js");
const { defineNativeMemorySaver, STORE } = require("../../dist/patches/memory/native-memory-saver.js");
const { LOAD_MAX_DEPTH, jsonTextDecoderOf } = require("../../dist/patches/serde/native-serializer.js");
const { nativeSerde } = require("../support/serde.cjs");
const { collect, outcome } = require("../support/outcomes.cjs");

const NativeMemorySaver = defineNativeMemorySaver(MemorySaver, loadAddon(undefined).addon);

/** A message class that core's load() cannot resolve: no export of @langchain/core/messages has its name. */
class CustomMessage extends HumanMessage {
  static lc_name() {
    return "CustomMessage";
  }
}

/** Message `i` of a chat with tool calls: long enough that a list of them is kept as pooled elements.
 * Unless `plain`, a tool call's args hold an object with an "lc" key, which the serializer escapes:
 * then the document has records inside records, and the reviver walks into each before reviving it. */
function message(i, plain = false) {
  switch (i % 4) {
    case 0:
      return new HumanMessage({ id: `h-${i}`, content: `question ${i} ${"words ".repeat(i % 7)}` });
    case 1:
      return new AIMessage({
        id: `ai-${i}`,
        content: "",
        // A user object with an "lc" key is escaped by the serializer; a number "lc" allows compaction.
        tool_calls: [{ id: `call-${i}`, name: "search", args: { q: `query ${i} "}]`, filter: plain ? { kind: 1 } : { lc: 1 } }, type: "tool_call" }],
        response_metadata: { n: i },
      });
    case 2:
      return new ToolMessage({ id: `tool-${i}`, tool_call_id: `call-${i - 1}`, content: `result ${i}: {"lc":"x"}` });
    default:
      return new AIMessage({ id: `ai-${i}`, content: `answer ${i} — ${"données ".repeat(i % 5)}🙂` });
  }
}

function checkpoint(id, values, step) {
  const versions = Object.fromEntries(Object.keys(values).map((channel) => [channel, step + 1]));
  return { v: 4, id, ts: "2026-01-01T00:00:00.000Z", channel_values: values, channel_versions: versions, versions_seen: {} };
}

/** Puts checkpoints `ids` of thread `t`, the messages of each from `messagesAt(step)`, with a write after each. */
async function putChat(saver, ids, messagesAt, otherValues = {}) {
  let parent;
  for (const [step, id] of ids.entries()) {
    const config = { configurable: { thread_id: "t", checkpoint_ns: "", ...(parent ? { checkpoint_id: parent } : {}) } };
    const values = { messages: messagesAt(step), ...otherValues };
    await saver.put(config, checkpoint(id, values, step), { source: "loop", step }, checkpoint(id, values, step).channel_versions);
    await saver.putWrites({ configurable: { thread_id: "t", checkpoint_ns: "", checkpoint_id: id } }, [["messages", [message(100 + step, true)]]], `task-${step}`);
    parent = id;
  }
}

/** What the saver's readers see: the latest tuple, the first one by id, and the whole list. */
async function reads(saver, ids) {
  return {
    latest: await outcome(() => saver.getTuple({ configurable: { thread_id: "t" } })),
    first: await outcome(() => saver.getTuple({ configurable: { thread_id: "t", checkpoint_id: ids[0] } })),
    list: await outcome(() => collect(saver.list({ configurable: { thread_id: "t" } }))),
  };
}

/** The latest checkpoint of the native saver decoded from getDocument's document, and loaded from
 * the one `get` joins (records as written), with whether the first had its records compact. */
async function decodedBothWays(saver) {
  // A read stores the buffered writes first (its outcome is compared elsewhere).
  await outcome(() => saver.getTuple({ configurable: { thread_id: "t" } }));
  const store = saver[STORE];
  const document = store.getDocument("t", "", undefined, true, LOAD_MAX_DEPTH);
  const joined = store.get("t", "", undefined, true, true).combined;
  return {
    compact: document.scan.compactShapes !== undefined,
    walked: document.scan.nestedRecords,
    shapes: document.scan.compactShapes,
    text: document.text,
    fromDocument: await outcome(() => jsonTextDecoderOf(saver.serde).decodeText(document.text, document.scan)),
    asWritten: await outcome(() => saver.serde.loadsTyped("json", joined)),
  };
}

/** The compact records of a decoded document: their form ("record" or "list"), shape and members. */
function compactRecordsOf(decoded) {
  const found = [];
  const walk = (value) => {
    if (value === null || typeof value !== "object") return;
    if (!Array.isArray(value) && typeof value.lc === "string") {
      if (value.lc === "[]") {
        value.records.forEach((members, i) => found.push({ form: "list", shape: decoded.shapes[value.shapes[i]], members }));
        value.records.forEach(walk);
        return;
      }
      const { lc, ...members } = value;
      found.push({ form: "record", shape: decoded.shapes[Number(lc)], members });
    }
    Object.values(value).forEach(walk);
  };
  walk(JSON.parse(decoded.text));
  return found;
}

/** Asserts that the decoded document holds a compact record in `form` of `shape` whose kept
 * members are `members`, in that order. */
function assertCompactRecord(decoded, form, shape, members) {
  const text = JSON.stringify(members);
  const records = compactRecordsOf(decoded);
  const match = records.find((record) => record.form === form && record.shape === shape && JSON.stringify(record.members) === text);
  assert.ok(match, `no ${form} record of shape ${shape} with ${text} in ${JSON.stringify(records.slice(0, 8))}`);
}

/** Equal values with their keys in the same order (a message's kwargs order is its JSON's). */
function assertSame(actual, expected) {
  assert.deepStrictEqual(actual, expected);
  assert.equal(JSON.stringify(actual), JSON.stringify(expected));
}

/** Runs the same chat on the host's saver and the native one; returns both savers' reads and the decoded documents. */
async function compare(steps, messagesAt, otherValues) {
  const host = new MemorySaver();
  const native = new NativeMemorySaver(nativeSerde());
  const ids = Array.from({ length: steps }, () => uuid6(-1));
  await putChat(host, ids, messagesAt, otherValues);
  await putChat(native, ids, messagesAt, otherValues);
  const [hostReads, nativeReads] = [await reads(host, ids), await reads(native, ids)];
  return { hostReads, nativeReads, decoded: await decodedBothWays(native) };
}

describe("native MemorySaver with compact message records matches the host's MemorySaver", function () {
  it("reads chats of AI, human, tool (with tool calls), system and base messages, and a record in kwargs", async function () {
    const extra = [
      new SystemMessage({ id: "sys", content: "be brief" }),
      // Not in the serializer's catalog: revived by core's load() from the record written out in full.
      new BaseMessage({ id: "base", content: "base message" }),
      new AIMessage({ id: "outer", content: "quoting", additional_kwargs: { quoted: new HumanMessage({ id: "inner", content: "quoted" }) } }),
    ];
    const messagesAt = (step) => [...extra, ...Array.from({ length: 20 }, (_, i) => message(step + i))];
    // A list holding something besides records keeps each record compact on its own.
    const mixed = [...Array.from({ length: 10 }, (_, i) => message(i)), { plain: true }, "text"];
    const { hostReads, nativeReads, decoded } = await compare(6, messagesAt, { mixed });
    assert.equal(decoded.compact, true);
    const outer = nativeReads.latest.value.checkpoint.channel_values.messages[2];
    assertCompactRecord(decoded, "list", "AIMessage =id =content =additional_kwargs [tool_calls [invalid_tool_calls {response_metadata", {
      id: "outer",
      content: "quoting",
      additional_kwargs: JSON.parse(JSON.stringify(outer.additional_kwargs)),
    });
    assertCompactRecord(decoded, "list", "BaseMessage =id =content {additional_kwargs {response_metadata", { id: "base", content: "base message" });
    assertCompactRecord(decoded, "record", "HumanMessage =id =content {additional_kwargs {response_metadata", { id: "h-0", content: "question 0 " });
    assertSame(decoded.fromDocument, decoded.asWritten);
    assertSame(nativeReads, hostReads);
    const messages = nativeReads.latest.value.checkpoint.channel_values.messages;
    assert.deepStrictEqual(messages.map((m) => m.constructor), messagesAt(5).map((m) => m.constructor));
    assert.ok(messages[2].additional_kwargs.quoted instanceof HumanMessage);
    assert.deepStrictEqual(messages[3].tool_calls[0].args, { q: 'query 5 "}]', filter: { lc: 1 } });
  });

  it("reads chats whose records it revives without walking into them, from a list and on their own", async function () {
    const extra = [new SystemMessage({ id: "sys", content: "be brief" }), new BaseMessage({ id: "base", content: "base message" })];
    const messagesAt = (step) => [...extra, ...Array.from({ length: 20 }, (_, i) => message(step + i, true))];
    const mixed = [...Array.from({ length: 10 }, (_, i) => message(i, true)), { plain: true }, "text"];
    const { hostReads, nativeReads, decoded } = await compare(4, messagesAt, { mixed });
    assert.equal(decoded.compact, true);
    assert.equal(decoded.walked, false);
    assertCompactRecord(decoded, "list", "BaseMessage =id =content {additional_kwargs {response_metadata", { id: "base", content: "base message" });
    assertCompactRecord(decoded, "record", "HumanMessage =id =content {additional_kwargs {response_metadata", { id: "h-0", content: "question 0 " });
    assertSame(decoded.fromDocument, decoded.asWritten);
    assertSame(nativeReads, hostReads);
    const { messages, mixed: mixedRead } = nativeReads.latest.value.checkpoint.channel_values;
    assert.deepStrictEqual(messages.map((m) => m.constructor), messagesAt(3).map((m) => m.constructor));
    assert.deepStrictEqual(mixedRead.slice(-2), [{ plain: true }, "text"]);
    assert.ok(mixedRead[1] instanceof AIMessage);
  });

  it("fails as the host does for a message whose name no export resolves", async function () {
    for (const plain of [false, true]) {
      const messagesAt = (step) => [new CustomMessage({ id: "custom", content: "x" }), ...Array.from({ length: 20 }, (_, i) => message(step + i, plain))];
      const { hostReads, nativeReads, decoded } = await compare(2, messagesAt);
      assert.equal(decoded.compact, true);
      assert.equal(decoded.walked, !plain);
      assertCompactRecord(decoded, "list", "CustomMessage =id =content {additional_kwargs {response_metadata", { id: "custom", content: "x" });
      assert.match(decoded.fromDocument.error, /CustomMessage/);
      assert.deepStrictEqual(decoded.fromDocument, decoded.asWritten);
      assert.match(hostReads.latest.error, /CustomMessage/);
      assert.deepStrictEqual(nativeReads, hostReads);
    }
  });


  it("keeps records as written when another channel holds a string \"lc\" value", async function () {
    // Values spelling the compact forms themselves are data like any other.
    const notes = { note: { lc: "x" }, list: { lc: "[]", shapes: [0], records: [{ id: "r" }] }, record: { lc: "0", id: "x" } };
    const { hostReads, nativeReads, decoded } = await compare(3, (step) => Array.from({ length: 20 }, (_, i) => message(step + i, true)), notes);
    assert.equal(decoded.compact, false);
    assert.equal(decoded.shapes, undefined);
    assert.doesNotMatch(decoded.text, /\{"lc":"[0-9]+","id":"(ai|h|tool)-/);
    assert.match(decoded.text, /\{"lc":1,"type":"constructor","id":\["langchain_core","messages","AIMessage"\]/);
    assertSame(decoded.fromDocument, decoded.asWritten);
    assertSame(nativeReads, hostReads);
    const values = nativeReads.latest.value.checkpoint.channel_values;
    assert.deepStrictEqual({ note: values.note, list: values.list, record: values.record }, notes);
  });

  it("puts left-out empty containers back where they were, in kwargs of any order", async function () {
    const unusual = [
      // Empty containers first and between, kept empties inside values, falsy values kept.
      new AIMessage({ additional_kwargs: {}, content: "", id: "first", response_metadata: {}, tool_calls: [], name: "" }),
      new HumanMessage({ response_metadata: { nested: {}, list: [] }, content: [], additional_kwargs: { empty: [] }, id: "inside" }),
      new ToolMessage({ tool_call_id: "call", artifact: [], content: "x", status: "success", additional_kwargs: {}, id: "artifact" }),
      new SystemMessage({ content: [{ type: "text", text: "" }], id: "blocks" }),
      // Trailing empty containers no constructor puts back by itself.
      new HumanMessage({ id: "trailing", content: "y", additional_kwargs: { a: 1 }, response_metadata: { b: 2 }, notes: [], extra: {} }),
    ];
    for (const plain of [false, true]) {
      const messagesAt = (step) => [...unusual, ...Array.from({ length: 20 }, (_, i) => message(step + i, plain))];
      const { hostReads, nativeReads, decoded } = await compare(3, messagesAt);
      assert.equal(decoded.compact, true);
      assert.equal(decoded.walked, !plain);
      assertCompactRecord(decoded, "list", "AIMessage {additional_kwargs =content =id {response_metadata [tool_calls =name [invalid_tool_calls", { content: "", id: "first", name: "" });
      assertCompactRecord(decoded, "list", "HumanMessage =response_metadata [content =additional_kwargs =id", {
        response_metadata: { nested: {}, list: [] },
        additional_kwargs: { empty: [] },
        id: "inside",
      });
      assertCompactRecord(decoded, "list", "HumanMessage =id =content =additional_kwargs =response_metadata [notes {extra", {
        id: "trailing",
        content: "y",
        additional_kwargs: { a: 1 },
        response_metadata: { b: 2 },
      });
      assertSame(decoded.fromDocument, decoded.asWritten);
      assertSame(nativeReads, hostReads);
      const [first, inside] = nativeReads.latest.value.checkpoint.channel_values.messages;
      assert.deepStrictEqual(Object.keys(first.lc_kwargs).slice(0, 5), ["additional_kwargs", "content", "id", "response_metadata", "tool_calls"]);
      // Fresh containers for every message, as JSON.parse gives.
      assert.notStrictEqual(first.additional_kwargs, inside.additional_kwargs);
    }
  });

  it("fails or succeeds as the host does for kwargs nested around load()'s depth limit", async function () {
    /** kwargs nested `depth` levels below the record, the deepest in additional_kwargs. */
    const nested = (depth) => {
      let value = "bottom";
      for (let i = 0; i < depth - 2; i++) value = { deeper: value };
      return new AIMessage({ id: `deep-${depth}`, content: "deep", additional_kwargs: { value } });
    };
    const failed = [];
    for (const depth of [47, 48, 49, 50, 51]) {
      const { hostReads, nativeReads, decoded } = await compare(2, (step) => [nested(depth), ...Array.from({ length: 20 }, (_, i) => message(step + i))]);
      assert.equal(decoded.compact, true, `depth ${depth}`);
      assertSame(decoded.fromDocument, decoded.asWritten);
      assertSame(nativeReads, hostReads);
      if (hostReads.latest.error !== undefined) failed.push(depth);
    }
    // The limit falls inside the range tried.
    assert.deepStrictEqual(failed, [50, 51]);
  });

  it("refuses compact documents whose shapes do not fit their records, with a clear error", function () {
    const decoder = jsonTextDecoderOf(nativeSerde());
    const scan = (compactShapes) => ({ maxDepth: 3, hasLcKey: true, hasProtoKey: false, hasLossyNumber: false, nestedRecords: false, compactShapes });
    const decode = (text, shapes) => outcome(() => decoder.decodeText(text, scan(shapes)));
    // A well-formed one first: the same decoder reads it.
    return Promise.all([
      decode('[{"lc":"0","id":"h","content":"hi"}]', ["HumanMessage =id =content {additional_kwargs"]),
      decode('[{"lc":"1","id":"h"}]', ["HumanMessage =id"]),
      decode('[{"lc":"0","id":"h"}]', ["Human Message =id"]),
      decode('[{"lc":"0","id":"h"}]', ["HumanMessage =id-x"]),
      decode('[{"lc":"[]","shapes":[0],"records":[]}]', ["HumanMessage =id"]),
      decode('[{"lc":"[]","shapes":[3],"records":[{"id":"h"}]}]', ["HumanMessage =id"]),
    ]).then(([good, ...bad]) => {
      assert.ok(good.value[0] instanceof HumanMessage);
      assert.deepStrictEqual(good.value[0].lc_kwargs, { id: "h", content: "hi", additional_kwargs: {}, response_metadata: {} });
      for (const result of bad) assert.match(result.error, /malformed compact message record/);
    });
  });
});
