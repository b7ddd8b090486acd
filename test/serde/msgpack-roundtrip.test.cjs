// LANGGRAPH_NATIVE_SERDE_FORMAT=msgpack: dumpsTyped writes ["msgpack", bytes] that read back to what
// the "json" round trip gives, except that a Date stays a Date; the default stays "json".
const assert = require("node:assert/strict");
const { HumanMessage, AIMessage, ToolMessage } = require("@langchain/core/messages");
const { Command } = require("@langchain/langgraph");
const { swapCjs, nativeSerde } = require("../support/serde.cjs");
const { readConfig } = require("../../dist/config/index.js");
const { messageCases, valueCases } = require("./cases.cjs");

/** The value (read by us, changed in place) with each Date replaced by what the "json" format
 * reads back: its ISO string. */
function datesAsJson(value, seen = new Set()) {
  if (value instanceof Date) return value.toJSON();
  if (value === null || typeof value !== "object" || seen.has(value)) return value;
  seen.add(value);
  if (value instanceof Map) {
    for (const [k, v] of [...value]) value.set(k, datesAsJson(v, seen));
  } else if (value instanceof Set) {
    const items = [...value].map((item) => datesAsJson(item, seen));
    value.clear();
    items.forEach((item) => value.add(item));
  } else {
    for (const key of Object.keys(value)) value[key] = datesAsJson(value[key], seen);
  }
  return value;
}

/** Values whose JSON msgpack cannot hold (lone UTF-16 surrogates): written as "json". */
const STAYS_JSON = new Set(["every escape"]);

describe("serde: msgpack format (LANGGRAPH_NATIVE_SERDE_FORMAT=msgpack)", function () {
  let swapped;
  let msgpack;
  before(() => {
    // First: a swap already in place is kept as it is (nativeSerde restores the class after it).
    msgpack = nativeSerde({ LANGGRAPH_NATIVE_SERDE_FORMAT: "msgpack" });
    swapped = swapCjs();
  });
  after(() => swapped.registry.restore());

  function roundTrips(name, make) {
    it(`${name}: reads back as the json round trip does`, async function () {
      const value = make();
      const [jsonType, jsonBytes] = await swapped.native.dumpsTyped(value);
      const expected = await swapped.native.loadsTyped(jsonType, jsonBytes);
      const [type, bytes] = await msgpack.dumpsTyped(value);
      assert.equal(type, STAYS_JSON.has(name) ? "json" : "msgpack");
      assert.ok(bytes instanceof Uint8Array);
      const read = await msgpack.loadsTyped(type, bytes);
      assert.deepStrictEqual(datesAsJson(read), expected);
      // Any reader under the shim (whatever it writes) reads it the same.
      assert.deepStrictEqual(datesAsJson(await swapped.native.loadsTyped(type, bytes)), expected);
    });
  }

  for (const [name, value] of Object.entries(messageCases())) roundTrips(name, () => value);
  roundTrips("all message classes in one list", () => Object.values(messageCases()));
  for (const name of Object.keys(valueCases(class {}))) {
    roundTrips(name, () => valueCases(swapped.exports.DeltaSnapshot)[name]);
  }
  roundTrips("Command", () => new Command({ goto: "agent", update: { n: 1 }, resume: "yes" }));

  it("keeps Dates as Dates, where json gives their ISO string", async function () {
    const at = new Date(Date.UTC(2026, 0, 2, 3, 4, 5, 6));
    const value = { at, inMessage: new HumanMessage({ content: "x", additional_kwargs: { when: at } }), invalid: new Date(NaN) };
    const read = await msgpack.loadsTyped(...(await msgpack.dumpsTyped(value)));
    assert.ok(read.at instanceof Date);
    assert.equal(read.at.getTime(), at.getTime());
    // Inside a message the host copies a Date as an empty object (core's escapeIfNeeded): the same.
    assert.deepStrictEqual(read.inMessage.additional_kwargs.when, {});
    assert.equal(read.invalid, null);
  });

  it("revives messages as the host's own classes and DeltaSnapshot as the host's", async function () {
    const value = valueCases(swapped.exports.DeltaSnapshot)["nested mix"];
    const read = await msgpack.loadsTyped(...(await msgpack.dumpsTyped(value)));
    assert.ok(read.channel_values.messages[0] instanceof HumanMessage);
    assert.ok(read.channel_values.snapshot instanceof swapped.exports.DeltaSnapshot);
    assert.ok(read.channel_values.index.get("k")[0] instanceof Uint8Array);
  });

  it("is smaller than json for a chat", async function () {
    const value = { messages: Object.values(messageCases()) };
    const [, json] = await swapped.native.dumpsTyped(value);
    const [, packed] = await msgpack.dumpsTyped(value);
    assert.ok(packed.length < json.length, `${packed.length} < ${json.length}`);
  });

  it("writes a message kept from an earlier dumps as the bytes it would write anew", async function () {
    const chat = () => ({ messages: [new HumanMessage({ content: "hi", id: "h" }), new AIMessage({ content: "Zürich ☀️", tool_calls: [{ id: "c", name: "f", args: { a: 1 }, type: "tool_call" }] })], step: 1 });
    const value = chat();
    const first = (await msgpack.dumpsTyped(value))[1];
    // From the second dumps on, each message's bytes are kept; the third copies them.
    await msgpack.dumpsTyped(value);
    const third = (await msgpack.dumpsTyped(value))[1];
    assert.deepStrictEqual(Buffer.from(third), Buffer.from(first));
    assert.deepStrictEqual(Buffer.from((await msgpack.dumpsTyped(chat()))[1]), Buffer.from(first));
    // Messages are ext 33 records (an earlier shim's ext 5 records carried "langgraph_native").
    assert.ok(!Buffer.from(first).includes("langgraph_native"));
    assert.ok(!Buffer.from(first).includes("additional_kwargs"), "field names are numbers of the fixed table");
  });

  it("sees every in-place change to a message whose bytes it kept", async function () {
    const human = new HumanMessage({ content: "what is the weather?" });
    const ai = new AIMessage({ content: "checking", tool_calls: [{ id: "c1", name: "weather", args: { city: "Oslo" }, type: "tool_call" }], response_metadata: { tokens: 12 } });
    const tool = new ToolMessage({ content: "rain", tool_call_id: "c1", artifact: { rows: [1, 2] } });
    const chat = { v: 4, channel_values: { messages: [human, ai, tool] } };
    const edits = [
      ["as built", () => {}],
      ["id assigned like the reducer", () => { human.id = "h-1"; human.lc_kwargs.id = "h-1"; }],
      ["content replaced", () => { ai.content = "checked"; }],
      ["tool call args changed deep inside", () => { ai.tool_calls[0].args.city = "Bergen"; }],
      ["artifact array grown", () => { tool.artifact.rows.push(3); }],
      ["a message put inside another", () => { human.additional_kwargs.quoted = new AIMessage("quoted"); }],
      ["the inner message changed in place", () => { human.additional_kwargs.quoted.content = "requoted"; }],
      ["the same message twice and reordered", () => { chat.channel_values.messages = [tool, human, tool, ai]; }],
    ];
    for (const [label, edit] of edits) {
      edit();
      const expected = await swapped.native.loadsTyped(...(await swapped.native.dumpsTyped(chat)));
      for (let pass = 0; pass < 3; pass++) {
        const [type, bytes] = await msgpack.dumpsTyped(chat);
        assert.equal(type, "msgpack");
        assert.deepStrictEqual(await msgpack.loadsTyped(type, bytes), expected, `${label} (pass ${pass + 1})`);
      }
    }
  });

  it("reads the same bytes again (record texts kept) into equal values of their own", async function () {
    const value = { messages: Object.values(messageCases()) };
    const [type, bytes] = await msgpack.dumpsTyped(value);
    const first = await msgpack.loadsTyped(type, bytes);
    const second = await msgpack.loadsTyped(type, bytes);
    assert.deepStrictEqual(second, first);
    assert.notEqual(second.messages[0], first.messages[0]);
    first.messages[1].additional_kwargs.k.push("changed");
    assert.deepStrictEqual(await msgpack.loadsTyped(type, bytes), second);
  });

  it("top-level bytes stay \"bytes\"", async function () {
    const bytes = new Uint8Array([1, 2]);
    assert.deepStrictEqual(await msgpack.dumpsTyped(bytes), ["bytes", bytes]);
  });

  it("a value nested deeper than the encoder reads is written as json", async function () {
    let deep = { leaf: true };
    for (let i = 0; i < 300; i++) deep = { d: deep };
    const [type, bytes] = await msgpack.dumpsTyped(deep);
    assert.equal(type, "json");
    assert.deepStrictEqual(await swapped.stock.loadsTyped(type, bytes), deep);
  });

  it("the default writes json, and a wrong value is reported by name with the allowed values", function () {
    assert.equal(readConfig({}).serdeFormat, "json");
    assert.equal(readConfig({ LANGGRAPH_NATIVE_SERDE_FORMAT: "MsgPack" }).serdeFormat, "msgpack");
    const config = readConfig({ LANGGRAPH_NATIVE_SERDE_FORMAT: "cbor" });
    assert.equal(config.serdeFormat, "json");
    assert.deepStrictEqual(config.warnings, ['LANGGRAPH_NATIVE_SERDE_FORMAT="cbor" is not valid; allowed values: json, msgpack. Using "json".']);
  });

  it("the stock serializer cannot read msgpack: why the format is opt-in", async function () {
    const [type, bytes] = await msgpack.dumpsTyped({ a: 1 });
    await assert.rejects(swapped.stock.loadsTyped(type, bytes), /Unknown serialization type: msgpack/);
  });
});
