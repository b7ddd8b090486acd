// Ids bench: the host's uuid5 and XXH3 (JavaScript, XXH3 in BigInt arithmetic) against the native
// ones as the shim installs them (wrapper + N-API crossing), on short, task-id shaped and long input.
const path = require("node:path");
const { performance } = require("node:perf_hooks");
const { writeResults, hostInternal } = require("./support.cjs");

const ROOT = path.resolve(__dirname, "..");
const addon = require(path.join(ROOT, "dist", "shim", "addon.js")).loadAddon(undefined).addon;
const { createNativeUuid5, createNativeXxh3 } = require(path.join(ROOT, "dist", "patches", "tasks", "ids.js"));
const hostUuid5 = hostInternal("@langchain/langgraph-checkpoint", "dist/id.cjs").uuid5;
const hostXxh3 = hostInternal("@langchain/langgraph", "dist/hash.cjs").XXH3;
const nativeUuid5 = createNativeUuid5(hostUuid5, addon);
const nativeXxh3 = createNativeXxh3(hostXxh3, addon);

const NAMESPACE = "1ef4f797-8335-6428-8001-8a1503f9b875";
const INPUTS = {
  "short (8 chars)": "node:ab1",
  "task id (71 chars)": JSON.stringify([NAMESPACE, 3, "work", "__pregel_push", "[3]"]),
  "long (3 KB)": JSON.stringify({ messages: Array.from({ length: 20 }, (_, i) => ({ role: "user", content: `${"hello ".repeat(20)}${i}` })) }),
};

/** Mean microseconds per call over `count` calls (after 200 warm-up calls). */
function perCall(fn, input, count) {
  for (let i = 0; i < 200; i++) fn(input + i);
  const t0 = performance.now();
  for (let i = 0; i < count; i++) fn(input + (i % 1000));
  return ((performance.now() - t0) * 1000) / count;
}

const rows = [];
for (const [label, input] of Object.entries(INPUTS)) {
  for (const [name, host, native, count] of [
    ["uuid5", (text) => hostUuid5(text, NAMESPACE), (text) => nativeUuid5(text, NAMESPACE), 5000],
    ["XXH3", hostXxh3, nativeXxh3, label.startsWith("long") ? 500 : 3000],
  ]) {
    const times = { host: [], native: [] };
    for (let round = 0; round < 5; round++) {
      times.host.push(perCall(host, input, count));
      times.native.push(perCall(native, input, count));
    }
    const median = (list) => list.sort((a, b) => a - b)[2];
    rows.push({ fn: name, input: label, hostUs: median(times.host), nativeUs: median(times.native) });
  }
}

console.log(`\nIds (node ${process.version}): microseconds per call, host JS vs native (wrapper + N-API)`);
console.log(`${"function".padEnd(8)}  ${"input".padEnd(20)}  ${"host µs".padStart(9)}  ${"native µs".padStart(9)}  speed-up`);
for (const row of rows) {
  console.log(
    `${row.fn.padEnd(8)}  ${row.input.padEnd(20)}  ${row.hostUs.toFixed(2).padStart(9)}  ${row.nativeUs.toFixed(2).padStart(9)}  ${(row.hostUs / row.nativeUs).toFixed(1)}x`,
  );
}
console.log(`\nresults: ${writeResults("ids", { rows })}`);
