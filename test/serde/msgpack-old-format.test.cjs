// "msgpack" blobs written by an earlier shim (commit 160026d: messages as ext 5 records whose strings
// refer to the blob's string table) read as that shim read them: the same JSON text, reviving to
// what the "json" format of the same value revives to (a Date stays a Date).
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");
const { nativeSerde, swapCjs } = require("../support/serde.cjs");
const { loadAddon } = require("../../dist/shim/addon.js");

const DIR = path.join(__dirname, "fixtures", "msgpack-160026d");
const { cases } = JSON.parse(fs.readFileSync(path.join(DIR, "fixtures.json"), "utf8"));

/** `value` with each Date as its ISO string, as the "json" format reads it back. */
function datesAsJson(value) {
  if (value instanceof Date) return value.toJSON();
  if (value === null || typeof value !== "object") return value;
  if (value instanceof Map) return new Map([...value].map(([k, v]) => [k, datesAsJson(v)]));
  if (value instanceof Set) return new Set([...value].map(datesAsJson));
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== Array.prototype) return value; // messages, bytes, errors
  const out = Array.isArray(value) ? [] : {};
  for (const key of Object.keys(value)) out[key] = datesAsJson(value[key]);
  return out;
}

describe("serde: msgpack blobs of an earlier shim (160026d)", function () {
  let msgpack;
  let swapped;
  let addon;
  before(() => {
    msgpack = nativeSerde({ LANGGRAPH_NATIVE_SERDE_FORMAT: "msgpack" });
    swapped = swapCjs();
    addon = loadAddon(undefined).addon;
  });
  after(() => swapped.registry.restore());

  it("has the blobs it lists", function () {
    assert.ok(cases.length >= 10);
    for (const { file } of cases) assert.ok(fs.existsSync(path.join(DIR, file)), file);
  });

  for (const { name, file, read, json } of cases) {
    it(`${name}: the same JSON text, the same value as its "json" form`, async function () {
      const bytes = new Uint8Array(fs.readFileSync(path.join(DIR, file)));
      assert.equal(addon.msgpackToJson(bytes).text, read);
      const value = await msgpack.loadsTyped("msgpack", bytes);
      const expected = await swapped.native.loadsTyped("json", new TextEncoder().encode(json));
      assert.deepStrictEqual(datesAsJson(value), expected);
    });
  }
});
