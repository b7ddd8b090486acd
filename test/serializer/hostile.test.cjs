// Hostile and broken input: forged records stay inert as in the host, "__proto__" never reaches a
// prototype, absurd nesting and bad bytes give clear errors, and values the host silently replaces
// by a placeholder raise an error naming what could not be written.
const assert = require("node:assert/strict");
const { swapCjs, text } = require("../support/serde.cjs");

const utf8 = (value) => new TextEncoder().encode(typeof value === "string" ? value : JSON.stringify(value));

describe("serde: hostile input", function () {
  let swapped;
  before(() => {
    swapped = swapCjs();
  });
  after(() => swapped.registry.restore());

  async function outcome(serializer, bytes) {
    try {
      return { value: await serializer.loadsTyped("json", bytes) };
    } catch (error) {
      return { error: error.message };
    }
  }

  async function sameAsHost(bytes) {
    const ours = await outcome(swapped.native, bytes);
    assert.deepStrictEqual(ours, await outcome(swapped.stock, bytes));
    return ours;
  }

  describe("forged constructor records", function () {
    const forged = {
      "lc:1 outside the allow-list": { lc: 1, type: "constructor", id: ["child_process", "exec"], kwargs: { cmd: "ls" } },
      "lc:1 langchain namespace without import map": { lc: 1, type: "constructor", id: ["langchain", "llms", "openai", "OpenAI"], kwargs: {} },
      "lc:1 core class that is not a message": { lc: 1, type: "constructor", id: ["langchain_core", "prompts", "prompt", "PromptTemplate"], kwargs: { template: "{x}", input_variables: ["x"] } },
      "lc:1 message id with an unknown name": { lc: 1, type: "constructor", id: ["langchain_core", "messages", "EvilMessage"], kwargs: { content: "x" } },
      "lc:1 message with a long id path": { lc: 1, type: "constructor", id: ["langchain_core", "messages", "human", "HumanMessage"], kwargs: { content: "x" } },
      "lc:1 message without kwargs": { lc: 1, type: "constructor", id: ["langchain_core", "messages", "HumanMessage"] },
      "lc:1 message with kwargs nested past load()'s depth": { lc: 1, type: "constructor", id: ["langchain_core", "messages", "HumanMessage"], kwargs: { content: "x", additional_kwargs: JSON.parse("[".repeat(60) + "]".repeat(60)) } },
      "lc:1 secret": { lc: 1, type: "secret", id: ["OPENAI_API_KEY"] },
      "lc:1 not_implemented": { lc: 1, type: "not_implemented", id: ["x"] },
      "lc:2 Function constructor": { lc: 2, type: "constructor", id: ["Function"], method: null, args: ["return process"], kwargs: {} },
      "lc:2 Set with a method": { lc: 2, type: "constructor", id: ["Set"], method: "constructor", args: [[1]], kwargs: {} },
      "lc:2 Map with bad entries": { lc: 2, type: "constructor", id: ["Map"], method: null, args: [[[1, 2, 3]]], kwargs: {} },
      "lc:2 RegExp with bad flags": { lc: 2, type: "constructor", id: ["RegExp"], method: null, args: ["x", "zz"], kwargs: {} },
      "lc:2 Uint8Array with bad bytes": { lc: 2, type: "constructor", id: ["Uint8Array"], method: "from", args: [[1, 300]], kwargs: {} },
      "lc:2 unknown type": { lc: 2, type: "eval", value: "1+1" },
      "lc:2 delta_snapshot without value": { lc: 2, type: "delta_snapshot" },
      "lc:3": { lc: 3, type: "constructor", id: ["Set"], args: [[1]] },
    };
    for (const [name, record] of Object.entries(forged)) {
      it(`${name}: the same outcome as the host, alone and nested`, async function () {
        await sameAsHost(utf8(record));
        await sameAsHost(utf8({ wrapper: [record, { again: record }] }));
      });
    }
  });

  describe("__proto__, constructor and prototype keys", function () {
    const cases = {
      top: '{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}},"prototype":1}',
      nested: '{"a":{"b":[{"__proto__":{"polluted":true}}]},"lc_marker":{"lc":2,"type":"undefined"}}',
      "escaped spelling": '{"\\u005f_proto__":{"polluted":true},"x":{"lc":2,"type":"undefined"}}',
      "inside a message": '{"m":{"lc":1,"type":"constructor","id":["langchain_core","messages","HumanMessage"],"kwargs":{"content":"x","additional_kwargs":{"__proto__":{"polluted":true}}}}}',
      "as a kwargs key": '{"lc":1,"type":"constructor","id":["langchain_core","messages","HumanMessage"],"kwargs":{"content":"x","__proto__":{"polluted":true}}}',
      "inside a Set record": '{"s":{"lc":2,"type":"constructor","id":["Set"],"method":null,"args":[[{"__proto__":{"polluted":true}}]],"kwargs":{}}}',
    };
    for (const [name, json] of Object.entries(cases)) {
      it(`${name}: no pollution and no prototype change`, async function () {
        const value = await swapped.native.loadsTyped("json", utf8(json));
        assert.equal({}.polluted, undefined);
        assert.equal(Object.prototype.polluted, undefined);
        const visit = (node, seen = new Set()) => {
          if (node === null || typeof node !== "object" || seen.has(node)) return;
          seen.add(node);
          const proto = Object.getPrototypeOf(node);
          if (Object.prototype.hasOwnProperty.call(node, "__proto__")) {
            assert.equal(proto, Object.prototype, "an object with a __proto__ key keeps Object.prototype");
          }
          if (!Object.prototype.hasOwnProperty.call(node, "polluted")) assert.equal(node.polluted, undefined, "no inherited polluted");
          for (const key of Object.keys(node)) visit(node[key], seen);
          if (node instanceof Set) for (const item of node) visit(item, seen);
        };
        visit(value);
      });
    }

    it("keeps a top-level __proto__ key as an own property where the host would set a prototype", async function () {
      const json = utf8('{"__proto__":{"polluted":true},"x":{"lc":2,"type":"undefined"}}');
      const ours = await swapped.native.loadsTyped("json", json);
      assert.equal(Object.getPrototypeOf(ours), Object.prototype);
      assert.deepEqual(Object.getOwnPropertyDescriptor(ours, "__proto__").value, { polluted: true });
      const theirs = await swapped.stock.loadsTyped("json", json);
      assert.equal(theirs.polluted, true, "the host sets the prototype (what we must not do)");
    });

    it("messages whose kwargs hold __proto__ keys come back like the host's, minus the prototype", async function () {
      const json = utf8(JSON.parse(`[${cases["inside a message"]}]`)[0]);
      const ours = await swapped.native.loadsTyped("json", json);
      const theirs = await swapped.stock.loadsTyped("json", json);
      assert.equal(Object.getPrototypeOf(ours.m), Object.getPrototypeOf(theirs.m));
      assert.deepStrictEqual(ours.m.additional_kwargs, {});
      assert.deepStrictEqual(theirs.m.additional_kwargs, {});
    });
  });

  describe("nesting", function () {
    it("100,000 levels of arrays: a clear error, no crash", async function () {
      const deep = "[".repeat(100000) + "]".repeat(100000);
      await assert.rejects(swapped.native.loadsTyped("json", utf8(deep)), /nests deeper than 5000 levels/);
    });

    it("100,000 levels of objects with records inside: a clear error, no crash", async function () {
      const deep = '{"a":'.repeat(100000) + '{"lc":2,"type":"undefined"}' + "}".repeat(100000);
      await assert.rejects(swapped.native.loadsTyped("json", utf8(deep)), /nests deeper than 5000 levels/);
      await assert.rejects(swapped.native._loads(deep), /nests deeper than 5000 levels/);
    });

    it("reads back anything the host can write (3,000 levels)", async function () {
      let value = { lc_free: [undefined] };
      for (let i = 0; i < 3000; i++) value = { x: value };
      const bytes = swapped.stock._dumps(value);
      assert.ok(!text(bytes).startsWith('"[unable'), "the host writes 3,000 levels");
      // Compared as written again: assert's own deep comparison would run out of stack.
      const ours = await swapped.native.loadsTyped("json", bytes);
      const theirs = await swapped.stock.loadsTyped("json", bytes);
      assert.equal(text(swapped.stock._dumps(ours)), text(swapped.stock._dumps(theirs)));
      assert.equal(text(swapped.native._dumps(value)), text(bytes));
    });

    it("writing a value nested 6,000 levels deep raises an error naming the depth", async function () {
      let value = { leaf: 1 };
      for (let i = 0; i < 6000; i++) value = { x: value };
      await assert.rejects(swapped.native.dumpsTyped(value), (error) => {
        assert.equal(error.name, "LangGraphNativeSerializationError");
        assert.match(error.message, /cannot serialize a value nested 600\d levels deep .* at \$\.x\.x/);
        assert.match(error.message, /unable to serialize/);
        return true;
      });
      // What the host does instead: a placeholder (or a RangeError) for the whole checkpoint.
      let hostText;
      try {
        hostText = text(swapped.stock._dumps(value));
      } catch (error) {
        hostText = error.name;
      }
      assert.ok(hostText === JSON.stringify("[unable to serialize, circular reference is too complex to analyze]") || hostText === "RangeError", hostText);
    });

    it("writing a value nested 100,000 levels deep fails cleanly", async function () {
      let value = [];
      for (let i = 0; i < 100000; i++) value = [value];
      await assert.rejects(swapped.native.dumpsTyped(value), /cannot serialize a value nested 100000 levels deep/);
    });
  });

  describe("values the host silently replaces by a placeholder", function () {
    it("a BigInt raises an error naming where it is", async function () {
      const value = { channel_values: { count: [1, 2n] } };
      assert.equal(text(swapped.stock._dumps(value)), JSON.stringify("[unable to serialize, circular reference is too complex to analyze]"));
      await assert.rejects(swapped.native.dumpsTyped(value), /cannot serialize a BigInt at \$\.channel_values\.count\[1\]/);
    });

    it("a BigInt inside a message raises the same kind of error", async function () {
      const { HumanMessage } = require("@langchain/core/messages");
      const value = { messages: [new HumanMessage({ content: "x", additional_kwargs: { n: 5n } })] };
      await assert.rejects(swapped.native.dumpsTyped(value), /cannot serialize a BigInt at \$\.messages\[0\]\..*n/);
    });

    it("a cycle through a Set (which the host cannot break) raises an error", async function () {
      const value = { s: new Set() };
      value.s.add(value);
      assert.equal(text(swapped.stock._dumps(value)), JSON.stringify("[unable to serialize, circular reference is too complex to analyze]"));
      await assert.rejects(swapped.native.dumpsTyped(value), /circular reference/);
    });

    it("a BigInt with a user-defined toJSON is written as the host writes it", async function () {
      BigInt.prototype.toJSON = function () {
        return this.toString();
      };
      try {
        const value = { n: 12n };
        assert.equal(text(await swapped.native._dumps(value)), text(swapped.stock._dumps(value)));
      } finally {
        delete BigInt.prototype.toJSON;
      }
    });
  });

  describe("broken bytes", function () {
    it("truncated JSON says it is truncated", async function () {
      const [, bytes] = await swapped.stock.dumpsTyped({ a: [1, 2, { b: "text" }] });
      for (const cut of [bytes.length - 1, bytes.length - 4, 10]) {
        await assert.rejects(swapped.native.loadsTyped("json", bytes.subarray(0, cut)), /truncated/);
      }
    });

    it("bytes cut inside a multi-byte character say so", async function () {
      const bytes = utf8('{"a":"é"}');
      await assert.rejects(swapped.native.loadsTyped("json", bytes.subarray(0, 7)), /not valid UTF-8 at byte 6 .*truncated/);
    });

    it("invalid UTF-8 names the byte", async function () {
      const bytes = new Uint8Array([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xc3, 0x28, 0x22, 0x7d]);
      await assert.rejects(swapped.native.loadsTyped("json", bytes), /not valid UTF-8 at byte 6/);
    });

    it("malformed JSON fails like JSON.parse does", async function () {
      await assert.rejects(swapped.native.loadsTyped("json", utf8("{\"a\" 1}")), SyntaxError);
      await assert.rejects(swapped.native.loadsTyped("json", utf8("")), SyntaxError);
    });
  });
});
