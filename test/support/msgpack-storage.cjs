// What the msgpack storage tests do to a saver's data, a SqliteSaver file or a PostgresSaver
// schema alike: run the agent app (test/serde/fixtures/msgpack-agent-app.cjs) and the
// convert command in child processes. A target is `{ app: [args], cli: [args] }`: how each names it.
const assert = require("node:assert/strict");
const { spawn, spawnSync } = require("node:child_process");
const path = require("node:path");
const { ROOT, runApp, lastJson, childEnv } = require("./run-app.cjs");

const APP = path.join(ROOT, "test", "serde", "fixtures", "msgpack-agent-app.cjs");
const CLI = path.join(ROOT, "dist", "shim", "cli.js");

/** `write` (three agent turns, then the readout) or `read` on the target. */
function runAgent(mode, target, { shim, env = {} }) {
  return runApp(APP, { preload: shim ? "require" : "none", env, args: [mode, ...target.app] });
}

function agentReadout(mode, target, options) {
  const result = runAgent(mode, target, options);
  assert.equal(result.code, 0, result.stderr.slice(-3000));
  return lastJson(result.stdout);
}

/** `langgraph-native convert <args> <target>` as a user runs it; returns its exit and output. */
function convertCli(target, args) {
  return spawnSync(process.execPath, [CLI, "convert", ...args, ...target.cli], { cwd: ROOT, env: childEnv(), encoding: "utf8" });
}

function convert(target, ...args) {
  const result = convertCli(target, args);
  assert.equal(result.status, 0, result.stderr);
  return result;
}

/** A `convert --to json --batch 1` SIGKILLed as soon as it reports progress past the start. */
async function killConvertMidway(target) {
  const child = spawn(process.execPath, [CLI, "convert", "--to", "json", "--batch", "1", ...target.cli], { cwd: ROOT, env: childEnv() });
  await new Promise((resolve) => {
    let seen = "";
    child.stderr.on("data", (chunk) => {
      seen += chunk;
      if (/\] [1-9]\d*\//.test(seen)) child.kill("SIGKILL");
    });
    child.on("exit", resolve);
  });
  assert.equal(child.signalCode, "SIGKILL", "killed while converting");
}

/** The two checks of data written with msgpack before any conversion (mocha `it`s). */
function itReadsUnderTheShimOnly(target, written) {
  it("reads back identically under the shim (whatever format it writes)", function () {
    assert.deepStrictEqual(agentReadout("read", target(), { shim: true }).readout, written());
    assert.deepStrictEqual(agentReadout("read", target(), { shim: true, env: { LANGGRAPH_NATIVE_SERDE_FORMAT: "msgpack" } }).readout, written());
  });

  it("the stock host cannot read it before conversion", function () {
    const result = runAgent("read", target(), { shim: false });
    assert.notEqual(result.code, 0);
    assert.match(result.stderr, /Unknown serialization type: msgpack/);
  });
}

module.exports = { runAgent, agentReadout, convertCli, convert, killConvertMidway, itReadsUnderTheShimOnly };
