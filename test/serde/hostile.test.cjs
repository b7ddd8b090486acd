// Hostile and broken input: forged records stay inert as in the host, "__proto__" never reaches a
// prototype, absurd nesting and bad bytes give clear errors, and values the host silently replaces
// by a placeholder raise an error naming what could not be written.
const assert = require("node:assert/strict");
const { spawnSync } = require("node:child_process");
const path = require("node:path");
const { swapCjs, text } = require("../support/serde.cjs");
const { ROOT, childEnv } = require("../support/run-app.cjs");

const DEPTH_FIXTURE = path.join(__dirname, "fixtures", "depth-boundary.cjs");

/** What the fixture printed: stock and native read the same deep JSON in one child process. */
function depthRun(...args) {
  const result = spawnSync(process.execPath, [DEPTH_FIXTURE, ...args], { cwd: ROOT, env: childEnv(), encoding: "utf8", maxBuffer: 64 << 20 });
  assert.equal(result.status, 0, result.stderr.slice(-2000));
  return JSON.parse(result.stdout);
}

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
    // Deeper than our reviver goes (1,000 levels), the host's own reviver reads: as deep as the stock
    // serializer reads in the same process, and the same RangeError where it runs out of stack.
    it("objects nested 5,001 and 6,000 deep read as stock reads them; 20,000 and 100,000 throw its RangeError", function () {
      const outcomes = depthRun("read", "objects", "1001", "5001", "6000", "20000", "100000");
      assert.deepEqual(outcomes, {
        1001: { stock: "ok", native: "ok" },
        5001: { stock: "ok", native: "ok" },
        6000: { stock: "ok", native: "ok" },
        20000: { stock: "RangeError", native: "RangeError" },
        100000: { stock: "RangeError", native: "RangeError" },
      });
    });

    for (const shape of ["objects", "arrays", "records"]) {
      it(`${shape}: the deepest nesting read, and the error one level deeper, are stock's`, function () {
        const { stock, native } = depthRun("boundary", shape);
        assert.equal(stock.beyond, "RangeError");
        assert.equal(native.beyond, "RangeError");
        assert.ok(stock.reads > 3000, `stock reads ${stock.reads} levels`);
        // The same reviver, called from the same place: only the size of the caller's frame differs.
        assert.ok(Math.abs(native.reads - stock.reads) <= 2, `native reads ${native.reads} levels, stock ${stock.reads}`);
      });
    }

    it("a deep __proto__ key stays an own property where the host's reviver reads the data", async function () {
      const deep = '{"a":'.repeat(1500) + '{"__proto__":{"polluted":true},"r":{"lc":2,"type":"undefined"}}' + "}".repeat(1500);
      const ours = await swapped.native.loadsTyped("json", utf8(deep));
      const theirs = await swapped.stock.loadsTyped("json", utf8(deep));
      let [a, b] = [ours, theirs];
      for (let i = 0; i < 1500; i++) [a, b] = [a.a, b.a];
      assert.deepEqual(Object.getOwnPropertyDescriptor(a, "__proto__").value, { polluted: true });
      assert.equal(Object.getPrototypeOf(a), Object.prototype);
      assert.ok("r" in a && a.r === undefined, "the record inside is revived");
      assert.equal(Object.getPrototypeOf(b).polluted, true, "the host sets the prototype");
      assert.equal({}.polluted, undefined);
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
    /** The error class and message a read threw, or its value. */
    async function failure(serializer, data) {
      try {
        return { value: await serializer.loadsTyped("json", data) };
      } catch (error) {
        return { error: `${error.constructor.name}: ${error.message}` };
      }
    }

    it("truncated JSON throws the host's SyntaxError", async function () {
      const [, bytes] = await swapped.stock.dumpsTyped({ a: [1, 2, { b: "text" }] });
      for (const cut of [bytes.length - 1, bytes.length - 4, 10, 3, 1]) {
        const ours = await failure(swapped.native, bytes.subarray(0, cut));
        assert.match(ours.error, /^SyntaxError: /);
        assert.deepEqual(ours, await failure(swapped.stock, bytes.subarray(0, cut)));
      }
    });

    it("bytes cut inside a multi-byte character: the host's SyntaxError too", async function () {
      const bytes = utf8('{"a":"é"}');
      const ours = await failure(swapped.native, bytes.subarray(0, 7));
      assert.match(ours.error, /^SyntaxError: /);
      assert.deepEqual(ours, await failure(swapped.stock, bytes.subarray(0, 7)));
    });

    it("a UTF-8 byte order mark is skipped in bytes, as TextDecoder does, and not in a string", async function () {
      const bom = [0xef, 0xbb, 0xbf];
      for (const body of ['{"a":1}', '{"m":{"lc":2,"type":"undefined"},"s":"é"}', "[]", "7"]) {
        const bytes = new Uint8Array([...bom, ...utf8(body)]);
        const ours = await failure(swapped.native, bytes);
        assert.ok("value" in ours, ours.error);
        assert.deepStrictEqual(ours, await failure(swapped.stock, bytes));
        assert.deepStrictEqual(await swapped.native._loads(bytes), await swapped.native.loadsTyped("json", bytes));
        const asString = await failure(swapped.native, `\ufeff${body}`);
        assert.match(asString.error, /^SyntaxError: /);
        assert.deepEqual(asString, await failure(swapped.stock, `\ufeff${body}`));
      }
      // Only one is skipped, as TextDecoder skips one.
      const twice = new Uint8Array([...bom, ...bom, ...utf8("1")]);
      assert.deepEqual(await failure(swapped.native, twice), await failure(swapped.stock, twice));
    });

    it("invalid UTF-8 names the byte", async function () {
      const bytes = new Uint8Array([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xc3, 0x28, 0x22, 0x7d]);
      await assert.rejects(swapped.native.loadsTyped("json", bytes), /not valid UTF-8 at byte 6/);
    });

    it("malformed JSON throws the host's SyntaxError", async function () {
      for (const bad of ['{"a" 1}', "", '{"a":1}}', '{"a":1]', "[1,]", "]", '"abc']) {
        const ours = await failure(swapped.native, utf8(bad));
        assert.match(ours.error, /^SyntaxError: /, bad);
        assert.deepEqual(ours, await failure(swapped.stock, utf8(bad)), bad);
      }
    });
  });
});
