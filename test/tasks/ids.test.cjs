// Property tests: the native uuid5 and XXH3 (through the wrappers the shim installs) give exactly
// what the host's JavaScript gives, on many random inputs: ASCII, multi-byte, astral, lone
// surrogates, and every XXH3 length class (0-16, 17-128, 129-240, >240 bytes).
const assert = require("node:assert/strict");
const path = require("node:path");
const { ROOT } = require("../support/run-app.cjs");

const addon = require(path.join(ROOT, "dist", "shim", "addon.js")).loadAddon(undefined).addon;
const { createNativeUuid5, createNativeXxh3 } = require(path.join(ROOT, "dist", "patches", "tasks", "ids.js"));

function hostFile(pkg, file) {
  const main = require.resolve(pkg);
  return require(path.join(main.slice(0, main.lastIndexOf(`${path.sep}dist${path.sep}`)), file));
}
const hostUuid5 = hostFile("@langchain/langgraph-checkpoint", "dist/id.cjs").uuid5;
const hostXxh3 = hostFile("@langchain/langgraph", "dist/hash.cjs").XXH3;
const uuid5 = createNativeUuid5(hostUuid5, addon);
const XXH3 = createNativeXxh3(hostXxh3, addon);

/** xorshift32: reproducible random inputs (the seed is printed on failure). */
function random(seed) {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 4294967296;
  };
}

const RANGES = [
  [0x20, 0x7e], // ASCII
  [0x00, 0x1f], // control characters
  [0xa0, 0x7ff], // two-byte UTF-8
  [0x800, 0xd7ff], // three-byte (CJK and others)
  [0xe000, 0xfffd], // three-byte above the surrogates
  [0x10000, 0x10ffff], // astral: surrogate pairs in JS, four bytes in UTF-8
];

function randomText(next, maxLength, withLoneSurrogates = false) {
  const length = Math.floor(next() * maxLength);
  let text = "";
  while (text.length < length) {
    if (withLoneSurrogates && next() < 0.05) {
      text += String.fromCharCode(0xd800 + Math.floor(next() * 0x800));
      continue;
    }
    const [lo, hi] = RANGES[Math.floor(next() * RANGES.length)];
    text += String.fromCodePoint(lo + Math.floor(next() * (hi - lo + 1)));
  }
  return text;
}

function randomUuid(next) {
  const hex = Array.from({ length: 32 }, () => Math.floor(next() * 16).toString(16)).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The value, or the error's class and message: the host throws on some inputs, and so must we. */
function outcome(call) {
  try {
    return { value: call() };
  } catch (error) {
    return { error: `${error.name}: ${error.message}` };
  }
}

describe("tasks: native ids are byte-identical to the host's", () => {
  const SEED = 20261122;

  it("uuid5 on 3,000 random names and namespaces", () => {
    const next = random(SEED);
    for (let i = 0; i < 3000; i++) {
      const name = randomText(next, i % 3 === 0 ? 400 : 80);
      const namespace = randomUuid(next);
      assert.equal(uuid5(name, namespace), hostUuid5(name, namespace), `seed ${SEED}, case ${i}: ${JSON.stringify(name)}`);
    }
  });

  it("uuid5 on task-id shaped input (JSON of checkpoint id, step, node, path)", () => {
    const next = random(SEED + 1);
    for (let i = 0; i < 1000; i++) {
      const name = JSON.stringify([randomUuid(next), i, randomText(next, 12), "__pregel_push", [i, randomText(next, 6)]]);
      const namespace = randomUuid(next);
      assert.equal(uuid5(name, namespace), hostUuid5(name, namespace));
    }
  });

  it("uuid5 with lone surrogates or odd namespaces behaves as the host (value or the same error)", () => {
    const next = random(SEED + 2);
    const namespaces = ["1ef4f797-8335-6428-8001-8a1503f9b875", "1EF4F797-8335-6428-8001-8A1503F9B875", "1ef4f79783356428800-18a1503f9b875", "not-a-uuid", "zz"];
    for (let i = 0; i < 500; i++) {
      const name = randomText(next, 40, true);
      const namespace = namespaces[i % namespaces.length];
      assert.deepEqual(outcome(() => uuid5(name, namespace)), outcome(() => hostUuid5(name, namespace)), `case ${i}`);
    }
  });

  it("XXH3 on 3,000 random strings across every length class", () => {
    const next = random(SEED + 3);
    const maxLengths = [8, 16, 64, 128, 240, 1200, 6000];
    for (let i = 0; i < 3000; i++) {
      const text = randomText(next, maxLengths[i % maxLengths.length]);
      assert.equal(XXH3(text), hostXxh3(text), `seed ${SEED + 3}, case ${i}, length ${text.length}`);
    }
  });

  it("XXH3 on 20,000 short strings (1-16 bytes: the host's two differing branches)", () => {
    // About 1 in 100 inputs of 9-16 bytes hits the host's carry-into-bit-64 path; make sure many do.
    const next = random(SEED + 5);
    for (let i = 0; i < 20000; i++) {
      const text = randomText(next, 1 + (i % 16));
      assert.equal(XXH3(text), hostXxh3(text), `seed ${SEED + 5}, case ${i}: ${JSON.stringify(text)}`);
    }
  });

  it("XXH3 at the exact byte boundaries of the host's branches", () => {
    for (const bytes of [0, 1, 3, 4, 8, 9, 16, 17, 128, 129, 240, 241, 1024, 1025]) {
      for (const unit of ["a", "é", "€"]) {
        const text = unit.repeat(Math.ceil(bytes / Buffer.byteLength(unit)));
        assert.equal(XXH3(text), hostXxh3(text), `${bytes} bytes of ${unit}`);
      }
    }
  });

  it("XXH3 with lone surrogates, bytes or a seed falls back to the host's result", () => {
    const next = random(SEED + 4);
    for (let i = 0; i < 300; i++) {
      const text = randomText(next, 300, true);
      assert.equal(XXH3(text), hostXxh3(text));
    }
    const bytes = new TextEncoder().encode("raw bytes input");
    assert.equal(XXH3(bytes), hostXxh3(bytes));
    assert.equal(XXH3("seeded", 7n), hostXxh3("seeded", 7n));
  });
});
