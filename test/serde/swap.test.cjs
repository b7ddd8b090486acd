// Where the swap reaches: the prototype of each JsonPlusSerializer class (CJS and ESM), hence the
// default serde of MemorySaver and user subclasses; and restoring puts back exactly the originals.
const assert = require("node:assert/strict");
const path = require("node:path");
const { pathToFileURL } = require("node:url");
const { swapCjs, swapEsm, stockInstance, CHECKPOINT_DIR, text, ORIGINAL } = require("../support/serde.cjs");

const METHODS = ["_dumps", "_loads", "dumpsTyped", "loadsTyped"];

describe("serde: the prototype swap", function () {
  it("reaches MemorySaver's default serde and subclasses, and restore() puts the originals back", async function () {
    const checkpoint = require("@langchain/langgraph-checkpoint");
    const before = Object.fromEntries(METHODS.map((name) => [name, checkpoint.JsonPlusSerializer.prototype[name]]));
    const { registry } = swapCjs();
    try {
      for (const name of METHODS) {
        assert.notEqual(checkpoint.JsonPlusSerializer.prototype[name], before[name], name);
        assert.equal(checkpoint.JsonPlusSerializer.prototype[name][ORIGINAL], before[name], name);
      }
      const saver = new checkpoint.MemorySaver();
      assert.equal(saver.serde.dumpsTyped, checkpoint.JsonPlusSerializer.prototype.dumpsTyped);
      class Mine extends checkpoint.JsonPlusSerializer {}
      assert.equal(new Mine().loadsTyped, checkpoint.JsonPlusSerializer.prototype.loadsTyped);
    } finally {
      registry.restore();
    }
    for (const name of METHODS) assert.equal(checkpoint.JsonPlusSerializer.prototype[name], before[name], name);
  });

  it("a subclass overriding _dumps and _loads keeps working through dumpsTyped/loadsTyped", async function () {
    const { registry, exports } = swapCjs();
    try {
      class Tagged extends exports.JsonPlusSerializer {
        _dumps(value) {
          return super._dumps({ tagged: value });
        }
        async _loads(data) {
          return (await super._loads(data)).tagged;
        }
      }
      const serde = new Tagged();
      const [type, bytes] = await serde.dumpsTyped({ a: new Set([1]) });
      assert.equal(type, "json");
      assert.match(text(bytes), /^\{"tagged":/);
      assert.deepStrictEqual(await serde.loadsTyped(type, bytes), { a: new Set([1]) });
      // Its own format is its business: only the UTF-8 is checked before it sees the text.
      class Plain extends exports.JsonPlusSerializer {
        async _loads(data) {
          return `got ${data}`;
        }
      }
      assert.equal(await new Plain().loadsTyped("json", new TextEncoder().encode("not json {")), "got not json {");
      await assert.rejects(new Plain().loadsTyped("json", new Uint8Array([0xff])), /not valid UTF-8 at byte 0/);
    } finally {
      registry.restore();
    }
  });

  it("MemorySaver put/getTuple round-trips messages through the native serde", async function () {
    const { registry, exports } = swapCjs();
    try {
      const { HumanMessage, AIMessage } = require("@langchain/core/messages");
      const saver = new exports.MemorySaver();
      const checkpoint = { ...exports.emptyCheckpoint(), channel_values: { messages: [new HumanMessage("hi"), new AIMessage({ content: "", tool_calls: [{ id: "1", name: "f", args: {} }] })] } };
      const config = await saver.put({ configurable: { thread_id: "t", checkpoint_ns: "" } }, checkpoint, { source: "input", step: -1, parents: {} }, {});
      const tuple = await saver.getTuple(config);
      assert.deepStrictEqual(tuple.checkpoint.channel_values.messages, checkpoint.channel_values.messages);
      const storedBytes = Object.values(Object.values(saver.storage.t)[0])[0][0];
      const stockBack = await stockInstance(exports.JsonPlusSerializer).loadsTyped("json", storedBytes);
      assert.deepStrictEqual(stockBack.channel_values.messages, checkpoint.channel_values.messages, "the stock serde reads what was stored");
    } finally {
      registry.restore();
    }
  });

  it("patches the ES-module class too: same bytes, messages revived as the ESM core's classes", async function () {
    const { registry, native, stock } = await swapEsm();
    try {
      const esmMessages = await import(pathToFileURL(path.join(path.dirname(require.resolve("@langchain/core/package.json")), "dist", "messages", "index.js")).href);
      const value = { messages: [new esmMessages.HumanMessage("hé"), new esmMessages.ToolMessage({ content: "r", tool_call_id: "1", artifact: [1] })], s: new Set([1]) };
      const [, nativeBytes] = await native.dumpsTyped(value);
      const [, stockBytes] = await stock.dumpsTyped(value);
      assert.equal(text(nativeBytes), text(stockBytes));
      const revived = await native.loadsTyped("json", nativeBytes);
      assert.deepStrictEqual(revived, await stock.loadsTyped("json", stockBytes));
      assert.equal(Object.getPrototypeOf(revived.messages[0]), esmMessages.HumanMessage.prototype);
      const cjsMessages = require("@langchain/core/messages");
      assert.notEqual(Object.getPrototypeOf(revived.messages[0]), cjsMessages.HumanMessage.prototype);
    } finally {
      registry.restore();
    }
  });

  it("the self-check throws a clear message when bytes or revived values differ from the host's", function () {
    const { checkSerializer, plainProbe } = require("../../dist/patches/serde/self-check.js");
    const checkpoint = require("@langchain/langgraph-checkpoint");
    const probe = plainProbe(checkpoint.DeltaSnapshot);
    const host = new checkpoint.JsonPlusSerializer();
    const wrongBytes = { encode: () => new TextEncoder().encode("{}"), decode: () => ({}) };
    assert.throws(() => checkSerializer(checkpoint.JsonPlusSerializer, wrongBytes, probe), /native dumps differ from the host's: \{\} vs \{"text"/);
    const wrongValue = { encode: (value) => host._dumps(value), decode: () => ({ lost: true }) };
    assert.throws(() => checkSerializer(checkpoint.JsonPlusSerializer, wrongValue, probe), /native loads did not rebuild the probe/);
    const asyncValue = { encode: (value) => host._dumps(value), decode: async () => probe };
    assert.throws(() => checkSerializer(checkpoint.JsonPlusSerializer, asyncValue, probe), /needed the async fallback/);
  });
});
