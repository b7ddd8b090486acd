// "msgpack" blobs written by the real Python LangGraph (fixtures/python-msgpack, made by the script
// beside them) load into the host's JavaScript values and @langchain/core classes.
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");
const { AIMessage, HumanMessage, RemoveMessage, SystemMessage, ToolMessage } = require("@langchain/core/messages");
const { nativeSerde } = require("../support/serde.cjs");

const DIR = path.join(__dirname, "fixtures", "python-msgpack");
const MANIFEST = JSON.parse(fs.readFileSync(path.join(DIR, "fixtures.json"), "utf8"));
const bytesOf = (name) => new Uint8Array(fs.readFileSync(path.join(DIR, `${name}.msgpack`)));

describe("serde: Python LangGraph's msgpack blobs", function () {
  let serde;
  before(() => {
    serde = nativeSerde();
  });
  const load = (name) => serde.loadsTyped("msgpack", bytesOf(name));

  it("has a fixture for every case the script wrote", function () {
    assert.ok(MANIFEST.written_by.langgraph, "fixtures.json names the langgraph version");
    for (const name of MANIFEST.cases) assert.ok(fs.existsSync(path.join(DIR, `${name}.msgpack`)), name);
  });

  it("reads plain values, bytes as a Uint8Array", async function () {
    assert.deepStrictEqual(await load("plain"), {
      text: "héllo",
      int: 42,
      neg: -7,
      big: 2 ** 53, // 2**53 + 1 has no double: the nearest, as JSON.parse would give
      float: 1.5,
      none: null,
      ok: true,
      list: [1, [2, 3]],
      bytes: new Uint8Array([0, 1, 255]),
    });
  });

  it("reads a dict with keys that are not strings as a Map", async function () {
    const value = await load("non_string_keys");
    assert.ok(value instanceof Map);
    assert.deepStrictEqual([...value], [[1, "one"], [2.5, "two and a half"], [[1, 2], "pair"], ["s", "string key"]]);
  });

  function assertMessages(messages) {
    const classes = [SystemMessage, HumanMessage, AIMessage, ToolMessage, AIMessage, RemoveMessage];
    assert.equal(messages.length, classes.length);
    messages.forEach((message, i) => assert.equal(Object.getPrototypeOf(message), classes[i].prototype, `message ${i} is a ${classes[i].name}`));
    const [system, human, ai, tool, answer, remove] = messages;
    assert.equal(system.content, "be brief");
    assert.equal(human.content, "weather in Zürich? ☀️");
    assert.equal(human.id, "human-1");
    assert.deepStrictEqual(ai.tool_calls, [{ name: "get_weather", args: { city: "Zürich" }, id: "call-1", type: "tool_call" }]);
    assert.deepStrictEqual(ai.usage_metadata, { input_tokens: 12, output_tokens: 3, total_tokens: 15 });
    assert.equal(ai.response_metadata.model_name, "gpt-4o-mini");
    assert.equal(tool.tool_call_id, "call-1");
    assert.equal(tool.name, "get_weather");
    assert.equal(tool.content, "sunny");
    assert.equal(answer.content, "It is sunny.");
    assert.equal(remove.id, "human-1");
    // Python's unset fields (None) and its "type" discriminator are not carried over.
    assert.equal(human.name, undefined);
    assert.equal("type" in human.additional_kwargs, false);
  }

  it("reads LangChain messages (ext 5) as @langchain/core classes", async function () {
    assertMessages(await load("messages"));
  });

  it("reads a whole checkpoint", async function () {
    const checkpoint = await load("checkpoint");
    assert.equal(checkpoint.id, "1ef4f797-8335-6428-8001-8a1503f9b875");
    assert.deepStrictEqual(checkpoint.channel_versions, { messages: 3, "branch:to:agent": 3 });
    assert.equal(checkpoint.channel_values["branch:to:agent"], null);
    assertMessages(checkpoint.channel_values.messages);
  });

  it("reads ext 0 values: UUID as a string, set as a Set, deque as an array, Decimal and addresses as strings", async function () {
    assert.equal(await load("uuid"), "12345678-1234-5678-1234-567812345678");
    assert.deepStrictEqual(await load("set"), new Set([1, 2, 3]));
    assert.deepStrictEqual(await load("frozenset"), new Set(["a"]));
    assert.deepStrictEqual(await load("deque"), [1, 2]);
    assert.equal(await load("decimal"), "3.14159265358979323846");
    assert.equal(await load("ipv4"), "192.168.0.1");
  });

  it("reads ext 1 values: RegExp, date, timedelta (seconds), path, Send", async function () {
    const regex = await load("regex");
    assert.ok(regex instanceof RegExp);
    assert.equal(regex.source, "ab+c");
    assert.equal(regex.flags, "im");
    const date = await load("date");
    assert.ok(date instanceof Date);
    assert.equal(date.toISOString(), "2024-02-29T00:00:00.000Z");
    assert.equal(await load("timedelta"), 86_402.5);
    assert.equal(await load("path"), "/usr/lib/x");
    // As LangGraph.js stores a Send: {node, args}.
    assert.deepStrictEqual(await load("send"), { node: "agent", args: { n: 1 } });
  });

  it("reads ext 2 (an Interrupt) as the plain object LangGraph.js keeps", async function () {
    const interrupt = await load("interrupt");
    assert.equal(interrupt.value, "approve?");
    assert.equal(interrupt.id, "int-1");
  });

  it("reads ext 3 datetimes as Dates (a naive one as UTC)", async function () {
    const utc = await load("datetime_utc");
    assert.ok(utc instanceof Date);
    assert.equal(utc.toISOString(), "2024-07-31T20:14:19.804Z");
    assert.equal((await load("datetime_offset")).toISOString(), "2024-07-31T20:14:19.000Z");
    assert.equal((await load("datetime_naive")).toISOString(), "2024-07-31T20:14:19.000Z");
  });

  it("refuses a class outside the allowlist (a user Enum) with a serialization error naming it", async function () {
    await assert.rejects(load("enum"), (error) => {
      assert.equal(error.name, "LangGraphNativeSerializationError");
      assert.match(error.message, /class __main__\.Color \(ext type 0 at byte 0\) is not one langgraph-native reads/);
      return true;
    });
  });
});
