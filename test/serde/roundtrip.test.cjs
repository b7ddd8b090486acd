// Native and stock JsonPlusSerializer side by side in one process: identical bytes, and every
// direction of loading (native->stock, stock->native, native->native) equal to stock->stock.
const assert = require("node:assert/strict");
const { swapCjs, text } = require("../support/serde.cjs");
const { messageCases, valueCases } = require("./cases.cjs");

describe("serde: native JsonPlusSerializer round trips (CJS)", function () {
  let swapped;
  before(() => {
    swapped = swapCjs();
  });
  after(() => swapped.registry.restore());

  /** Loads `bytes` with `serializer`, capturing a rejection as a value to compare. */
  async function load(serializer, bytes) {
    try {
      return { value: await serializer.loadsTyped("json", bytes) };
    } catch (error) {
      return { error: `${error.name}: ${error.message}` };
    }
  }

  function roundTrips(name, make) {
    it(`${name}: same bytes, same values both ways`, async function () {
      const { native, stock } = swapped;
      const value = make();
      const [stockType, stockBytes] = await stock.dumpsTyped(value);
      const [nativeType, nativeBytes] = await native.dumpsTyped(value);
      assert.equal(nativeType, stockType);
      assert.equal(text(nativeBytes), text(stockBytes));
      assert.ok(nativeBytes instanceof Uint8Array);
      const expected = await load(stock, stockBytes);
      assert.deepStrictEqual(await load(native, stockBytes), expected, "stock -> native");
      assert.deepStrictEqual(await load(stock, nativeBytes), expected, "native -> stock");
      assert.deepStrictEqual(await load(native, nativeBytes), expected, "native -> native");
    });
  }

  for (const [name, value] of Object.entries(messageCases())) roundTrips(name, () => value);
  roundTrips("all message classes in one list", () => Object.values(messageCases()));
  for (const name of Object.keys(valueCases(class {}))) {
    roundTrips(name, () => valueCases(swapped.exports.DeltaSnapshot)[name]);
  }

  it("a toJSON that writes with the same serializer inside the walk (a nested dumps) and one that throws leave later writes as the host's", async function () {
    // The native serializer keeps one walk for the next write: a write inside a write must get its
    // own, and a write that throws must hand it back clean.
    const { native, stock } = swapped;
    class Nested {
      constructor(serializer) {
        this.serializer = serializer;
      }
      toJSON() {
        return text(this.serializer._dumps({ inner: [1, { deep: true }], list: ["x", undefined] }));
      }
    }
    class Throws {
      toJSON() {
        throw new TypeError("no JSON for this");
      }
    }
    const value = (serializer) => ({ before: "x", nested: new Nested(serializer), after: [1, { y: undefined }] });
    const [, stockBytes] = await stock.dumpsTyped(value(stock));
    const [, nativeBytes] = await native.dumpsTyped(value(native));
    assert.equal(text(nativeBytes), text(stockBytes));
    const failure = async (serializer) => serializer.dumpsTyped({ a: [new Throws()] }).then(() => "no error", (error) => `${error.name}: ${error.message}`);
    // The host writes a placeholder string there; we refuse with our error (see hostile.test.cjs).
    assert.match(await failure(native), /^LangGraphNativeSerializationError: .*toJSON method or getter that throws/);
    const later = { messages: ["m"], after: new Set([1]), deep: { a: { b: [undefined, null] } } };
    assert.equal(text((await native.dumpsTyped(later))[1]), text((await stock.dumpsTyped(later))[1]));
  });

  it("top-level Uint8Array is written as bytes and read back as the same bytes", async function () {
    const { native, stock } = swapped;
    const bytes = new Uint8Array([1, 2, 3]);
    assert.deepStrictEqual(await native.dumpsTyped(bytes), await stock.dumpsTyped(bytes));
    assert.equal((await native.dumpsTyped(bytes))[1], bytes);
    assert.deepStrictEqual(await native.loadsTyped("bytes", bytes), await stock.loadsTyped("bytes", bytes));
    assert.deepStrictEqual(await native.loadsTyped("bytes", "abc"), await stock.loadsTyped("bytes", "abc"));
  });

  it("reads json given as a string, a Buffer and an ArrayBuffer like the host", async function () {
    const { native, stock } = swapped;
    const [, bytes] = await stock.dumpsTyped(valueCases(swapped.exports.DeltaSnapshot)["nested mix"]);
    const expected = await stock.loadsTyped("json", bytes);
    assert.deepStrictEqual(await native.loadsTyped("json", text(bytes)), expected);
    assert.deepStrictEqual(await native.loadsTyped("json", Buffer.from(bytes)), expected);
    assert.deepStrictEqual(await native.loadsTyped("json", bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length)), expected);
  });

  it("writes the host's bytes even when Object.prototype carries keys the host looks at", async function () {
    const { native, stock } = swapped;
    const value = valueCases(swapped.exports.DeltaSnapshot)["nested mix"];
    for (const [key, marker] of [["lc", 1], ["lg_name", "Send"], ["lg_name", "Other"], ["lc_serializable", true]]) {
      Object.defineProperty(Object.prototype, key, { value: marker, configurable: true, writable: true });
      try {
        let ours;
        try {
          ours = text(native._dumps(value));
        } catch (error) {
          ours = error.name; // the host writes a placeholder where we raise
        }
        const theirs = text(stock._dumps(value));
        assert.ok(ours === theirs || (ours === "LangGraphNativeSerializationError" && theirs.startsWith('"[unable')), `${key}: ${ours}`);
      } finally {
        delete Object.prototype[key];
      }
    }
  });

  it("an unknown type fails with the host's error", async function () {
    const { native, stock } = swapped;
    // ("msgpack" is read under the shim: msgpack-roundtrip.test.cjs.)
    const stockError = await stock.loadsTyped("pickle", new Uint8Array()).catch((e) => e);
    const nativeError = await native.loadsTyped("pickle", new Uint8Array()).catch((e) => e);
    assert.equal(nativeError.message, "Unknown serialization type: pickle");
    assert.equal(nativeError.message, stockError.message);
  });

  it("revived messages are instances of the very classes core's load() builds", async function () {
    const { native, stock } = swapped;
    const values = Object.values(messageCases());
    const [, bytes] = await native.dumpsTyped(values);
    const ours = await native.loadsTyped("json", bytes);
    const theirs = await stock.loadsTyped("json", bytes);
    ours.forEach((message, i) => {
      assert.equal(Object.getPrototypeOf(message), Object.getPrototypeOf(theirs[i]), `message ${i}`);
      assert.equal(Object.getPrototypeOf(message), Object.getPrototypeOf(values[i]), `message ${i}`);
    });
  });

  it("writes the same bytes as the host over many generated values", async function () {
    const { native, stock } = swapped;
    const { HumanMessage, AIMessage, ToolMessage, AIMessageChunk } = require("@langchain/core/messages");
    const { Send } = require("@langchain/langgraph");
    const { DeltaSnapshot } = swapped.exports;
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    const leaf = () => {
      const r = random();
      if (r < 0.15) return undefined;
      if (r < 0.3) return Math.floor(random() * 1e6) / 7;
      if (r < 0.45) return `s${Math.floor(random() * 1e4)}-é😀\n`;
      if (r < 0.5) return null;
      if (r < 0.55) return new Set([random()]);
      if (r < 0.6) return new Map([["k", random()]]);
      if (r < 0.65) return new HumanMessage({ content: `m${r}`, id: String(r) });
      if (r < 0.7) return new AIMessage({ content: "", tool_calls: [{ id: "t", name: "n", args: { r } }] });
      if (r < 0.75) return new Uint8Array([Math.floor(r * 255)]);
      if (r < 0.78) return new Date(Math.floor(r * 1e12));
      if (r < 0.81) return new Send(`n${r}`, { r, list: [undefined] });
      if (r < 0.84) return new ToolMessage({ content: [{ type: "text", text: "t" }], tool_call_id: "x", artifact: { r, s: new Set([r]) }, status: "success" });
      if (r < 0.87) return new AIMessageChunk({ content: "c", additional_kwargs: { nested: new HumanMessage("n"), undef: undefined, lc: r } });
      if (r < 0.9) return new DeltaSnapshot({ r });
      return random() < 0.5;
    };
    const build = (depth) => {
      if (depth > 4 || random() < 0.3) return leaf();
      if (random() < 0.5) return Array.from({ length: Math.floor(random() * 5) }, () => build(depth + 1));
      const out = {};
      for (let i = 0; i < Math.floor(random() * 5); i++) out[`k${i}${random() < 0.1 ? "_x" : ""}`] = build(depth + 1);
      return out;
    };
    for (let i = 0; i < 400; i++) {
      const value = build(0);
      assert.equal(text(native._dumps(value)), text(stock._dumps(value)), `value ${i}`);
      const [type, bytes] = await native.dumpsTyped(value);
      assert.deepStrictEqual(await native.loadsTyped(type, bytes), await stock.loadsTyped(type, bytes), `value ${i}`);
    }
  });
});
