// CPU profiles of the timed runs of one case (`npm run bench -- e2e --profile --only=<case>`), and
// their summary by owner: whose code the time is in. A child starts V8's sampling profiler (through
// node:inspector, in its own thread) after set-up and warm-up and stops it after the last timed
// run, so start-up, set-up and reading the output back are not in the profile. The summary puts
// every sample's self time on the package its function comes from (the host's packages one by
// one, our shim, Node's internals) or on V8's own work (garbage collection, the compiler and
// runtime outside any function, and native functions such as the addon's methods).
const fs = require("node:fs");
const path = require("node:path");
const { middle } = require("../support.cjs");

/** Starts the profiler in this process; resolves with stop(), which writes the profile to `file`. */
async function startProfile(file, { intervalUs = 200 } = {}) {
  const { Session } = require("node:inspector");
  const session = new Session();
  session.connect();
  const post = (method, params) =>
    new Promise((resolve, reject) => session.post(method, params, (error, result) => (error ? reject(error) : resolve(result))));
  await post("Profiler.enable");
  await post("Profiler.setSamplingInterval", { interval: intervalUs });
  await post("Profiler.start");
  return async function stop() {
    const { profile } = await post("Profiler.stop");
    session.disconnect();
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, JSON.stringify(profile));
  };
}

// Owners, first match wins: a function's script url decides, else its name (V8's own entries).
const OWNERS = [
  ["@langchain/langgraph", /node_modules\/@langchain\/langgraph\/dist\//],
  ["@langchain/langgraph-checkpoint*", /node_modules\/@langchain\/langgraph-checkpoint[^/]*\/dist\//],
  ["@langchain/core", /node_modules\/@langchain\/core\//],
  ["other packages", /node_modules\//],
  ["langgraph-native (JS)", /\/dist\/(shim|patches|config)\//],
  ["bench harness", /\/bench\//],
  ["node internals", /^node:|^internal\//],
];
const V8_OWNERS = new Map([
  ["(garbage collector)", "GC"],
  ["(program)", "V8 outside JS (compile, runtime, IC misses)"],
  ["(idle)", "idle"],
]);

function ownerOfScript(url) {
  for (const [owner, pattern] of OWNERS) if (pattern.test(url)) return owner;
  return "other scripts";
}

/**
 * The owner of a sample's function. A native function (no script: the addon's methods, Node's C++
 * bindings such as TextEncoder's) is put on its nearest JavaScript caller's owner, marked native:
 * V8 names these frames after their function template, which is not always the method called.
 */
function ownerOf(node, parents, nodes) {
  const frame = node.callFrame;
  if (V8_OWNERS.has(frame.functionName)) return V8_OWNERS.get(frame.functionName);
  if (frame.url !== "") return ownerOfScript(frame.url);
  if (frame.functionName === "(root)") return V8_OWNERS.get("(program)");
  for (let id = parents.get(node.id); id !== undefined; id = parents.get(id)) {
    const caller = nodes.get(id).callFrame;
    if (caller.url !== "") return `${ownerOfScript(caller.url)}: native calls`.replace("langgraph-native (JS): native calls", "langgraph-native (addon)");
  }
  return "native functions";
}

/** Whether a node is the profiler's own start-up (its inspector call), which is not the case's time. */
function isProfilerStart(node, parents, nodes) {
  for (let id = node.id; id !== undefined; id = parents.get(id)) if (nodes.get(id).callFrame.url.endsWith("cpu-profile.cjs")) return true;
  return false;
}

/** Self time (ms) per owner and per function of a .cpuprofile; idle is left out of `totalMs`. */
function summarize(profile) {
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const parents = new Map();
  for (const node of profile.nodes) for (const child of node.children ?? []) parents.set(child, node.id);
  const selfUs = new Map();
  profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const owners = new Map();
  const functions = new Map();
  let totalMs = 0;
  for (const [id, us] of selfUs) {
    const node = nodes.get(id);
    if (isProfilerStart(node, parents, nodes)) continue;
    const frame = node.callFrame;
    const owner = ownerOf(node, parents, nodes);
    const ms = us / 1000;
    owners.set(owner, (owners.get(owner) ?? 0) + ms);
    if (owner === "idle") continue;
    totalMs += ms;
    const name = `${frame.functionName || "(anonymous)"} ${frame.url ? `${shortUrl(frame.url)}:${frame.lineNumber + 1}` : ""}`.trim();
    const key = `${owner}\u0000${name}`;
    functions.set(key, (functions.get(key) ?? 0) + ms);
  }
  const top = [...functions]
    .map(([key, ms]) => ({ owner: key.split("\u0000")[0], name: key.split("\u0000")[1], ms }))
    .sort((a, b) => b.ms - a.ms);
  return { totalMs, owners, top };
}

function shortUrl(url) {
  const inModules = url.lastIndexOf("node_modules/");
  if (inModules >= 0) return url.slice(inModules + "node_modules/".length).replace(/\/dist\//, "/");
  const inDist = url.lastIndexOf("/dist/");
  if (inDist >= 0) return url.slice(inDist + 1);
  return url.replace(/^file:\/\/.*\/bench\//, "bench/");
}

/** The two sides' summaries as text: owners side by side, then each side's top functions. */
function formatComparison(id, stock, shim, { top = 12, runsMs } = {}) {
  const lines = [`${id}: self time in the timed runs, by owner (ms; idle left out)`];
  const runs = (values) => `${values.map((ms) => ms.toFixed(1)).join(" ")} (median ${middle([...values]).toFixed(1)})`;
  if (runsMs) lines.push(`  runs while profiled (ms): stock ${runs(runsMs.stock)}; shim ${runs(runsMs.shim)}`);
  const owners = [...new Set([...stock.owners.keys(), ...shim.owners.keys()])].filter((owner) => owner !== "idle");
  owners.sort((a, b) => (shim.owners.get(b) ?? 0) + (stock.owners.get(b) ?? 0) - (shim.owners.get(a) ?? 0) - (stock.owners.get(a) ?? 0));
  const pct = (ms, total) => `${((100 * ms) / total).toFixed(1).padStart(5)}%`;
  lines.push(`  ${"owner".padEnd(46)}${"stock ms".padStart(10)}${"".padStart(8)}${"shim ms".padStart(10)}${"".padStart(8)}`);
  for (const owner of owners) {
    const a = stock.owners.get(owner) ?? 0;
    const b = shim.owners.get(owner) ?? 0;
    lines.push(`  ${owner.padEnd(46)}${a.toFixed(1).padStart(10)}${pct(a, stock.totalMs)}${b.toFixed(1).padStart(10)}${pct(b, shim.totalMs)}`);
  }
  lines.push(`  ${"total".padEnd(46)}${stock.totalMs.toFixed(1).padStart(10)}${"".padStart(8)}${shim.totalMs.toFixed(1).padStart(10)}`);
  for (const [side, summary] of [["stock", stock], ["shim", shim]]) {
    lines.push(`  top ${top} functions, ${side}:`);
    for (const entry of summary.top.slice(0, top)) lines.push(`    ${entry.ms.toFixed(1).padStart(8)} ms ${pct(entry.ms, summary.totalMs)}  ${entry.name}  [${entry.owner}]`);
  }
  return lines.join("\n");
}

module.exports = { startProfile, summarize, formatComparison };
