// `langgraph-native status` (table and --json) and status() without a preload.
const assert = require("node:assert/strict");
const { spawnSync } = require("node:child_process");
const path = require("node:path");
const { ROOT, childEnv } = require("../support/run-app.cjs");

const CLI = path.join(ROOT, "dist", "shim", "cli.js");

function cli(args, env = {}) {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, env: childEnv(env), encoding: "utf8" });
  assert.equal(result.status, 0, result.stderr);
  return result.stdout;
}

describe("status", function () {
  it("--json has addon, node, host and one entry per component", function () {
    const status = JSON.parse(cli(["status", "--json"]));
    for (const key of ["addon", "node", "host", "components"]) assert.ok(key in status, key);
    assert.deepEqual(Object.keys(status.components), ["serde", "memory", "tasks", "tools"]);
    for (const component of Object.values(status.components)) {
      assert.deepEqual(Object.keys(component), ["requested", "active", "reason"]);
      assert.equal(typeof component.reason, "string");
    }
    assert.equal(status.addon.loaded, true);
    assert.match(status.addon.version, /^\d+\.\d+\.\d+/);
    assert.equal(status.node.version, process.versions.node);
    // The CLI loads both builds of the host installed here: both copies are reported and patched.
    const copies = status.host["@langchain/langgraph-checkpoint"];
    assert.deepEqual(copies.map((copy) => copy.moduleSystem).sort(), ["cjs", "esm"]);
    assert.ok(copies.every((copy) => copy.supported));
    assert.equal(status.components.serde.active, true);
    assert.match(status.components.serde.reason, /\(cjs\).*\(esm\)|\(esm\).*\(cjs\)/);
    // It loads every module it reports on (ToolNode comes through @langchain/langgraph/prebuilt).
    for (const name of ["memory", "tasks", "tools"]) assert.equal(status.components[name].active, true, `${name}: ${status.components[name].reason}`);
    assert.match(status.components.tools.reason, /^native in ToolNode in /);
    // The component is named native for its main swap; the rest is named for what it is.
    assert.match(status.components.tasks.reason, /^native in PregelRunner in .*; also native: uuid5 in .*; JS-only: .*PregelLoop\.putWrites/);
  });

  it("prints a table for people, saying why a component is off", function () {
    const table = cli(["status"], { LANGGRAPH_NATIVE_SERDE: "off" });
    assert.match(table, /^node {7}\d+\.\d+\.\d+ \(supported\)$/m);
    assert.match(table, /^addon {6}loaded /m);
    assert.match(table, /^component  requested  active/m);
    assert.match(table, /^serde +no +original +off: LANGGRAPH_NATIVE_SERDE=off$/m);
  });

  it("reports a broken addon with its path and error", function () {
    const status = JSON.parse(cli(["status", "--json"], { LANGGRAPH_NATIVE_ADDON: "/nonexistent/x.node" }));
    assert.equal(status.addon.loaded, false);
    assert.equal(status.addon.path, "/nonexistent/x.node");
    assert.match(status.addon.error, /Cannot find module/);
    assert.match(status.components.serde.reason, /native addon not loaded/);
  });

  it("status() without a preload reports, and hooks nothing", function () {
    const script = `
      const api = require(${JSON.stringify(ROOT)});
      const status = api.status();
      const { JsonPlusSerializer } = require("@langchain/langgraph-checkpoint");
      const swapped = Object.getOwnPropertySymbols(JsonPlusSerializer.prototype.dumpsTyped).length > 0;
      console.log(JSON.stringify({ entry: status.entry, serde: status.components.serde, swapped }));`;
    const result = spawnSync(process.execPath, ["-e", script], { cwd: ROOT, env: childEnv(), encoding: "utf8" });
    assert.equal(result.status, 0, result.stderr);
    const report = JSON.parse(result.stdout);
    assert.equal(report.entry, "none");
    assert.equal(report.swapped, false);
    assert.deepEqual(report.serde, { requested: true, active: false, reason: "the shim is not preloaded in this process" });
  });
});
