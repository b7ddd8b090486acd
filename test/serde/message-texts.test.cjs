// The native dumps reuses the JSON text it wrote for a message object while nothing the encoder
// reads from it has changed. Messages do change in place (the host's messages reducer assigns ids;
// apps edit fields), so every step below writes the same object again after a change and compares
// the bytes with the host's serializer.
const assert = require("node:assert/strict");
const { AIMessage, HumanMessage, ToolMessage } = require("@langchain/core/messages");
const { swapCjs, text } = require("../support/serde.cjs");

describe("serde: message texts reused only while a message is unchanged", function () {
  let swapped;
  before(() => {
    swapped = swapCjs();
  });
  after(() => swapped.registry.restore());

  /** Dumps `value` twice with the native serializer and once with the host's: the same bytes each
   * time. A message's text is kept from its second writing on, so every later step can reuse it. */
  async function sameBytes(value, label) {
    const { native, stock } = swapped;
    const expected = text((await stock.dumpsTyped(value))[1]);
    for (let pass = 0; pass < 2; pass++) assert.equal(text((await native.dumpsTyped(value))[1]), expected, `${label} (pass ${pass + 1})`);
  }

  /** A chat state: the messages channel as checkpoints hold it, with other channels around it. */
  const state = (messages) => ({ v: 4, channel_values: { messages, step: 3 }, channel_versions: { messages: 4 } });

  it("sees every in-place change to a message it wrote before", async function () {
    const human = new HumanMessage({ content: "what is the weather?" });
    const ai = new AIMessage({
      content: "checking",
      tool_calls: [{ id: "c1", name: "weather", args: { city: "Oslo" }, type: "tool_call" }],
      response_metadata: { model: "m", tokens: 12 },
    });
    const tool = new ToolMessage({ content: "rain", tool_call_id: "c1", artifact: { rows: [1, 2] } });
    const chat = state([human, ai, tool]);
    await sameBytes(chat, "as built");
    const edits = [
      // What messagesStateReducer does to a message without an id.
      ["id assigned like the reducer", () => { human.id = "h-1"; human.lc_kwargs.id = "h-1"; }],
      ["content replaced", () => { ai.content = "checked"; }],
      ["nested metadata value changed", () => { ai.response_metadata.tokens = 13; }],
      ["nested metadata key added", () => { ai.response_metadata.finish_reason = "stop"; }],
      ["tool call pushed", () => { ai.tool_calls.push({ id: "c2", name: "time", args: {}, type: "tool_call" }); }],
      ["tool call args changed deep inside", () => { ai.tool_calls[0].args.city = "Bergen"; }],
      ["artifact array grown", () => { tool.artifact.rows.push(3); }],
      // The host's escapeIfNeeded copies plain objects (dropping it) but keeps one with an lc key.
      ["a non-enumerable toJSON on a plain object", () => { Object.defineProperty(tool.artifact, "toJSON", { value: () => "custom", configurable: true }); }],
      ["an object with an lc key put inside", () => { tool.artifact.payload = { lc: 1, id: ["x"] }; }],
      ["a non-enumerable toJSON on it", () => { Object.defineProperty(tool.artifact.payload, "toJSON", { value: () => "custom", configurable: true }); }],
      ["field only in lc_kwargs added", () => { tool.lc_kwargs.name = "weather"; }],
      ["value became undefined", () => { tool.artifact.rows[0] = undefined; }],
      ["a class instance put inside", () => { human.additional_kwargs.when = new Date(0); }],
      ["the class instance changed in place", () => { human.additional_kwargs.when.setTime(86_400_000); }],
      ["a message put inside another", () => { human.additional_kwargs.quoted = new AIMessage("quoted"); }],
      ["the inner message changed in place", () => { human.additional_kwargs.quoted.content = "requoted"; }],
      ["the same message twice and reordered", () => { chat.channel_values.messages = [tool, human, tool, ai]; }],
    ];
    for (const [label, edit] of edits) {
      edit();
      await sameBytes(chat, label);
    }
  });

  it("writes data spelling its own splice mark exactly", async function () {
    const message = new HumanMessage({ content: "hi", id: "h" });
    await sameBytes(state([message]), "plain");
    const mark = "\u0000langgraph-native:message#0";
    await sameBytes({ ...state([message]), note: mark }, "mark in a value");
    await sameBytes({ ...state([message]), [mark]: 1 }, "mark as a key");
    await sameBytes(state([new HumanMessage({ content: mark }), message]), "mark inside a message");
  });

  it("writes a message it knows at a depth past the walk's limit as the host does", async function () {
    const message = new AIMessage({ content: "deep", id: "d" });
    await sameBytes(state([message]), "shallow");
    let deep = [message];
    for (let i = 0; i < 2_100; i++) deep = [deep];
    await sameBytes(deep, "2,100 arrays down");
  });
});
