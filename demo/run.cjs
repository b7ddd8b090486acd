// `npm run demo`: runs the demo agent (demo/agent.cjs, 50 tool rounds) in two child processes,
// without and with the shim, and shows that the results are identical and how long each took.
const { spawnSync } = require("node:child_process");
const path = require("node:path");
const { formatStatus } = require("../dist/shim/status.js");

const ROOT = path.resolve(__dirname, "..");
const app = path.join(__dirname, "agent.cjs");
const args = process.argv.slice(2);

/** Runs the app, with the shim preloaded or not, and returns the JSON line it printed last. */
function run(withShim) {
  // The user's own LANGGRAPH_NATIVE_* settings would make the two runs differ in more than the shim.
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith("LANGGRAPH_NATIVE")));
  const preload = withShim ? ["--require", path.join(ROOT, "dist", "shim", "require.js")] : [];
  const result = spawnSync(process.execPath, [...preload, app, ...args], { cwd: ROOT, env, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) {
    process.stderr.write(result.stderr);
    throw new Error(`demo app (${withShim ? "with" : "without"} the shim) exited with ${result.status}`);
  }
  if (result.stderr.trim()) process.stderr.write(result.stderr);
  return JSON.parse(result.stdout.trim().split("\n").at(-1));
}

const stock = run(false);
const native = run(true);
const same = stock.hash === native.hash;
const line = (label, r) =>
  `${label.padEnd(16)} hash ${r.hash.slice(0, 16)}…  ${String(r.messages).padStart(4)} messages  ${String(r.checkpoints).padStart(3)} checkpoints  ${r.elapsedMs.toFixed(1).padStart(8)} ms`;
console.log("langgraph-native demo: createReactAgent + scripted model + ToolNode + MemorySaver\n");
console.log(line("without shim", stock));
console.log(line("with shim", native));
console.log(`\nresults identical: ${same ? "yes" : "NO"}`);
console.log(`speed-up: ${(stock.elapsedMs / native.elapsedMs).toFixed(2)}x (without / with)\n`);
console.log(formatStatus(native.status));
if (process.env.DEMO_JSON) console.log(`\n${JSON.stringify(native.status, null, 2)}`);
if (!same) process.exitCode = 1;
