// What a saver sends of an array value: the elements after those the store already holds, the
// whole array when it is short or new, and a bounded memory of what was sent.
const assert = require("node:assert/strict");
const { HumanMessage } = require("@langchain/core/messages");
const { SentArrays, MAX_LINES } = require("../../dist/patches/memory/sent-arrays.js");
const { jsonTextEncoderOf } = require("../../dist/patches/serde/native-serializer.js");
const { nativeSerde } = require("../support/serde.cjs");

describe("memory: the array elements a put sends", function () {
  let encoder;
  before(function () {
    encoder = jsonTextEncoderOf(nativeSerde());
    assert.ok(encoder);
  });
  const chat = Array.from({ length: 12 }, (_, i) => new HumanMessage({ id: `m${i}`, content: `message ${i} ${"x".repeat(120)}` }));
  const whole = (value) => encoder.encodeText(value);

  it("sends the whole array first, then the elements after the ones it sent, in JSON the encoder would write", function () {
    const sent = new SentArrays();
    const first = sent.blobFor(encoder, "t", "", "messages", "c1", chat.slice(0, 10));
    assert.equal(first.prefix, 0);
    assert.equal(first.text, whole(chat.slice(0, 10)));
    sent.stored("t", "", [["messages", first]]);
    const next = sent.blobFor(encoder, "t", "", "messages", "c2", chat.slice(0, 12));
    assert.equal(next.prefix, 10);
    assert.equal(next.prefixSource, "c1");
    assert.equal(next.text, `[${whole(chat.slice(10, 12)).slice(1, -1)}]`);
    // Bytes of the prefix as the store counts them: UTF-8, joined by commas.
    assert.equal(next.prefixBytes, Buffer.byteLength(whole(chat.slice(0, 10))) - 2);
  });

  it("starts over where an element changed, and sends short arrays whole without remembering them", function () {
    const sent = new SentArrays();
    sent.stored("t", "", [["messages", sent.blobFor(encoder, "t", "", "messages", "c1", chat.slice(0, 10))]]);
    const edited = [...chat.slice(0, 3), new HumanMessage({ id: "m3", content: "changed" }), ...chat.slice(4, 11)];
    assert.equal(sent.blobFor(encoder, "t", "", "messages", "c2", edited).prefix, 3);
    const short = sent.blobFor(encoder, "t", "", "short", "c2", [1, 2, 3]);
    assert.deepEqual([short.prefix, short.text, short.sent], [0, "[1,2,3]", undefined]);
    assert.equal(sent.blobFor(encoder, "t", "", "plain", "c2", { not: "an array" }), undefined);
  });

  it("forgets a thread, a namespace, and the least recent lines beyond its bound", function () {
    const sent = new SentArrays();
    const blob = (thread, ns) => sent.blobFor(encoder, thread, ns, "messages", "c", chat.slice(0, 10));
    sent.stored("a", "", [["messages", blob("a", "")]]);
    sent.stored("a", "sub", [["messages", blob("a", "sub")]]);
    sent.stored("b", "", [["messages", blob("b", "")]]);
    sent.forget("a", "sub");
    assert.equal(sent.size, 2);
    sent.forget("a");
    assert.equal(sent.size, 1);
    for (let i = 0; i < MAX_LINES + 10; i++) sent.stored(`t${i}`, "", [["messages", blob(`t${i}`, "")]]);
    assert.equal(sent.size, MAX_LINES);
    // The oldest went first: "b" and the first ten threads are gone, the latest are kept.
    assert.equal(blob("b", "").prefix, 0);
    assert.equal(blob("t9", "").prefix, 0);
    assert.equal(blob(`t${MAX_LINES + 9}`, "").prefix, 10);
  });
});
