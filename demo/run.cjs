// `npm run demo`: runs the demo agent (100-message history, ~50 supersteps) in two child
// processes, without and with the shim, and shows that the results are identical and how long
// each took.
const path = require("node:path");
const { runApp, lastJson } = require("../test/support/run-app.cjs");
const { formatStatus } = require("../dist/shim/status.js");

const app = path.join(__dirname, "app.cjs");
const args = process.argv.slice(2);

function run(preload) {
  const result = runApp(app, { preload, args });
  if (result.code !== 0) {
    process.stderr.write(result.stderr);
    throw new Error(`demo app (${preload === "none" ? "without" : "with"} the shim) exited with ${result.code}`);
  }
  if (result.stderr.trim()) process.stderr.write(result.stderr);
  return lastJson(result.stdout);
}

const stock = run("none");
const native = run("require");
const same = stock.hash === native.hash;
const line = (label, r) =>
  `${label.padEnd(16)} hash ${r.hash.slice(0, 16)}…  ${String(r.messages).padStart(4)} messages  ${String(r.checkpoints).padStart(3)} checkpoints  ${r.elapsedMs.toFixed(1).padStart(8)} ms`;
console.log("langgraph-native demo: StateGraph + fake model + ToolNode + MemorySaver\n");
console.log(line("without shim", stock));
console.log(line("with shim", native));
console.log(`\nresults identical: ${same ? "yes" : "NO"}`);
console.log(`speed-up: ${(stock.elapsedMs / native.elapsedMs).toFixed(2)}x (without / with)\n`);
console.log(formatStatus(native.status));
if (process.env.DEMO_JSON) console.log(`\n${JSON.stringify(native.status, null, 2)}`);
if (!same) process.exitCode = 1;
