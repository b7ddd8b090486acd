// Hostile "msgpack" data: every broken or forged blob is a LangGraphNativeSerializationError naming
// what is wrong, never a crash, a huge allocation, a constructor call or a polluted prototype.
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");
const { HumanMessage, AIMessage, ToolMessage } = require("@langchain/core/messages");
const { nativeSerde } = require("../support/serde.cjs");
const { seededRandom } = require("../support/seeded-random.cjs");

const FIXTURES = path.join(__dirname, "fixtures", "python-msgpack");
/** Blobs of an earlier shim (messages as ext 5 records with blob-wide string references). */
const OLD_FORMAT = path.join(__dirname, "fixtures", "msgpack-160026d");

// Hand-made MessagePack pieces.
const bytes = (...parts) => new Uint8Array(parts.flatMap((p) => (typeof p === "number" ? [p] : [...p])));
const str = (text) => {
  const utf8 = Buffer.from(text, "utf8");
  if (utf8.length > 31) throw new Error("short strings only");
  return [0xa0 | utf8.length, ...utf8];
};
/** An ext value of `code` holding `payload` (ext 8: length in one byte). */
const ext = (code, payload) => [0xc7, payload.length, code & 0xff, ...payload];
const array = (...items) => [0x90 | items.length, ...items.flat()];

function isOurError(error) {
  return error instanceof Error && error.name === "LangGraphNativeSerializationError" && error.message.startsWith("langgraph-native: ");
}

describe("serde: hostile msgpack", function () {
  let serde;
  before(() => {
    serde = nativeSerde({ LANGGRAPH_NATIVE_SERDE_FORMAT: "msgpack" });
  });

  async function rejects(data, pattern) {
    await assert.rejects(serde.loadsTyped("msgpack", data), (error) => {
      assert.ok(isOurError(error), `${error.name}: ${error.message}`);
      assert.match(error.message, pattern);
      return true;
    });
  }

  it("truncated data", async function () {
    await rejects(bytes(0xa5, ...Buffer.from("ab")), /truncated: 5 bytes needed at byte 1, 2 left/);
    await rejects(bytes(0x92, 0x01), /truncated/);
    await rejects(bytes(0xcb, 0, 0), /truncated/);
    await rejects(bytes(), /truncated/);
  });

  it("lengths that do not match the bytes, and 2 GB length prefixes", async function () {
    await rejects(bytes(0xdd, 0x7f, 0xff, 0xff, 0xff, 0x01), /length 2147483647 at byte 0 is more than the 1 bytes left can hold/);
    await rejects(bytes(0xdf, 0x80, 0x00, 0x00, 0x00), /length 2147483648 at byte 0/);
    await rejects(bytes(0xdb, 0x80, 0x00, 0x00, 0x00, 0x61), /truncated: 2147483648 bytes needed/);
    await rejects(bytes(0xc6, 0xff, 0xff, 0xff, 0xff), /truncated: 4294967295 bytes needed/);
    await rejects(bytes(0xc9, 0x7f, 0xff, 0xff, 0xff, 0x05), /truncated/);
    await rejects(bytes(0x01, 0x02), /1 trailing bytes after the value at byte 1/);
    await rejects(bytes(0xc1), /byte 0xc1 at byte 0 is not a MessagePack value/);
  });

  it("ext type 99, a numpy array, and ext payloads that are not [module, class, ...]", async function () {
    await rejects(bytes(0xd4, 99, 0x00), /unknown MessagePack ext type 99 at byte 0/);
    await rejects(bytes(0xd4, 0xff, 0x00), /unknown MessagePack ext type -1/);
    await rejects(bytes(...ext(6, array(str("<f8"), [0x90], str("C"), [0xc4, 0]))), /ext type 6 \(a numpy array\)/);
    await rejects(bytes(...ext(0, [0x2a])), /does not hold a \[module, class, \.\.\.\] array/);
    await rejects(bytes(...ext(5, array([0x01], [0x02]))), /does not start with a module and class name/);
  });

  it("message records (ext 33) that are not [class, fields] with numbers of the fixed table", async function () {
    await rejects(bytes(...ext(33, array([0x00]))), /ext type 33 at byte 0 does not hold a \[class, fields\] message/);
    await rejects(bytes(...ext(33, array([13], [0x80]))), /ext type 33 at byte 0 names no message class/); // 13: "content"
    await rejects(bytes(...ext(33, array([0x7f], [0x80]))), /names no message class/);
    await rejects(bytes(...ext(33, array([0x00], [0x81, 0x7f, 0xc0]))), /key 127 at byte 6 is not a number of the message strings/);
    await rejects(bytes(...ext(33, array([0x00], [0x81, 13, 0xd4, 32, 61]))), /string reference 61 at byte 7: only 61 strings before it/);
    // A record's strings are its own: the blob's table is out of its reach.
    await rejects(bytes(0x92, ...str("abcdef"), ...ext(33, array([0x00], [0x81, 13, 0xd5, 32, 0, 61]))), /string reference 61/);
    const value = await serde.loadsTyped("msgpack", bytes(...ext(33, array([0x00], [0x82, 13, ...str("hi"), 0xa9, ...Buffer.from("__proto__"), 0x81, ...str("polluted"), 0xc3]))));
    assert.ok(value instanceof HumanMessage);
    assert.equal(value.content, "hi");
    assert.equal({}.polluted, undefined);
  });

  it("forged class names are errors, never looked up", async function () {
    await rejects(bytes(...ext(5, array(str("os"), str("system"), [0x80], str("model_validate_json")))), /class os\.system \(ext type 5 at byte 0\) is not one langgraph-native reads/);
    await rejects(bytes(...ext(1, array(str("subprocess"), str("Popen"), array(str("ls"))))), /class subprocess\.Popen/);
    await rejects(bytes(...ext(3, array(str("datetime"), str("datetime"), str("x"), str("__import__")))), /class datetime\.datetime/);
    await rejects(bytes(...ext(0, array(str("uuid"), str("UUID"), str("not hex")))), /class uuid\.UUID/);
    await rejects(bytes(...ext(1, array(str("re"), str("compile"), array(str("a"), [64])))), /class re\.compile/); // re.VERBOSE
    // A message class under another module is refused too.
    await rejects(bytes(...ext(5, array(str("evil"), str("HumanMessage"), [0x80], str("x")))), /class evil\.HumanMessage/);
  });

  it("deep nesting is refused before it can exhaust the stack", async function () {
    await rejects(new Uint8Array(100_000).fill(0x91), /nesting deeper than 300 levels at byte 300/);
    // Nesting through ext payloads counts too.
    let nested = [0xc0];
    for (let i = 0; i < 400; i++) nested = [0xc7, 0, 7, ...nested].length < 258 ? ext(7, nested) : [0xc9, ...u32(nested.length), 7, ...nested];
    await rejects(new Uint8Array(nested), /nesting deeper than 300 levels/);
  });

  it("a \"__proto__\" key stays an ordinary property, and Object.prototype is untouched", async function () {
    // {"__proto__": {"polluted": true}} and the same inside a message's fields.
    const data = bytes(0x82, ...str("__proto__"), 0x81, ...str("polluted"), 0xc3, ...str("m"),
      ...ext(5, array(str("langchain_core.messages.human"), str("HumanMessage"), [0x82, ...str("content"), ...str("x"), ...str("__proto__"), 0x81, ...str("polluted"), 0xc3], str("model_validate_json"))));
    const value = await serde.loadsTyped("msgpack", data);
    assert.equal(Object.getPrototypeOf(value), Object.prototype);
    assert.deepStrictEqual(Object.getOwnPropertyDescriptor(value, "__proto__").value, { polluted: true });
    assert.equal(value.polluted, undefined);
    assert.ok(value.m instanceof HumanMessage);
    assert.equal({}.polluted, undefined);
    assert.equal(Object.prototype.polluted, undefined);
  });

  it("data given as a string is refused (msgpack is bytes)", async function () {
    await rejects("\x91\x01", /"msgpack" data must be bytes, not string/);
  });

  it("fuzz: 100,000 mutated and random blobs give values or our error, nothing else", async function () {
    this.timeout(120_000);
    const random = seededRandom(17);
    const int = (n) => Math.floor(random() * n);
    const blobs = (dir) => fs.readdirSync(dir).filter((f) => f.endsWith(".msgpack")).map((f) => new Uint8Array(fs.readFileSync(path.join(dir, f))));
    const seeds = blobs(FIXTURES);
    const old = blobs(OLD_FORMAT).filter((blob) => Buffer.from(blob).includes("langgraph_native"));
    assert.ok(old.length >= 3, "earlier shim's blobs with ext 5 message records");
    seeds.push(...old);
    const [, own] = await serde.dumpsTyped({ messages: [new HumanMessage({ content: "hi", id: "1" })], at: new Date(0), s: new Set([1]), b: new Uint8Array([1]) });
    const chat = { messages: [new HumanMessage({ content: "weather?", id: "h" }), new AIMessage({ content: "", id: "a", tool_calls: [{ id: "c", name: "get_weather", args: { city: "Zürich" }, type: "tool_call" }], usage_metadata: { input_tokens: 1, output_tokens: 2, total_tokens: 3 } }), new ToolMessage({ content: "sun", tool_call_id: "c", name: "get_weather" })] };
    const [, ownChat] = await serde.dumpsTyped(chat);
    for (const blob of [own, ownChat]) assert.ok(!Buffer.from(blob).includes("langgraph_native") && !Buffer.from(blob).includes("HumanMessage"), "ext 33 records");
    // Each format gets a good share of the mutations.
    seeds.push(own, ownChat, ...old.slice(0, 2), ownChat);
    const INTERESTING = [0x00, 0x7f, 0x80, 0x90, 0xa0, 0xc0, 0xc1, 0xc4, 0xc7, 0xc9, 0xcb, 0xd4, 0xd8, 0xdb, 0xdc, 0xdd, 0xde, 0xdf, 0xff];
    let values = 0;
    let errors = 0;
    const started = process.hrtime.bigint();
    for (let i = 0; i < 100_000; i++) {
      let data;
      const kind = i % 4;
      if (kind === 3) {
        data = new Uint8Array(1 + int(24)).map(() => (random() < 0.5 ? INTERESTING[int(INTERESTING.length)] : int(256)));
      } else {
        const seed = seeds[int(seeds.length)];
        data = seed.slice();
        const edits = 1 + int(4);
        for (let e = 0; e < edits; e++) {
          const at = int(data.length);
          if (kind === 0) data[at] = int(256);
          else if (kind === 1) data[at] = INTERESTING[int(INTERESTING.length)];
          else data = data.subarray(0, at); // truncation
          if (data.length === 0) break;
        }
      }
      try {
        await serde.loadsTyped("msgpack", data);
        values++;
      } catch (error) {
        if (!isOurError(error)) throw error;
        errors++;
      }
    }
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    assert.equal(values + errors, 100_000);
    assert.ok(values > 1000 && errors > 1000, `both outcomes occur: ${values} values, ${errors} errors`);
    assert.equal({}.polluted, undefined);
    assert.deepStrictEqual(Object.keys(Object.prototype), []);
    console.log(`      fuzz: ${values} values, ${errors} errors in ${seconds.toFixed(1)} s`);
  });
});

function u32(n) {
  return [(n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff];
}
