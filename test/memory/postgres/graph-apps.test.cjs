// Real LangGraph graphs (history, time travel, interrupts and resume, updateState, forks) on a
// PostgresSaver give identical results with and without the shim, in CJS and ESM; each run on a
// fresh schema of the test server.
const assert = require("node:assert/strict");
const path = require("node:path");
const { runApp, lastJson } = require("../../support/run-app.cjs");
const { postgresUrl, uniqueSchema, dropSchema } = require("../../support/postgres.cjs");

const APPS = { cjs: path.join(__dirname, "..", "apps", "graph-app.cjs"), esm: path.join(__dirname, "..", "apps", "graph-app.mjs") };
const PRELOAD = { cjs: "require", esm: "import" };

describe("graph apps on PostgresSaver: identical with and without the shim", function () {
  const schemas = [];
  function run(system, preload, env = {}) {
    const schema = uniqueSchema("graph");
    schemas.push(schema);
    const result = runApp(APPS[system], { preload, args: ["postgres", schema], env: { LANGGRAPH_NATIVE_TEST_PG_URL: postgresUrl(), ...env } });
    assert.equal(result.code, 0, result.stderr);
    return lastJson(result.stdout);
  }
  after(async function () {
    for (const schema of schemas) await dropSchema(schema);
  });

  let reference;
  before(function () {
    reference = run("cjs", "none");
    assert.equal(reference.native, false);
    assert.equal(reference.saverClass, "PostgresSaver");
    assert.equal(reference.postgresHandle, false);
  });

  for (const system of ["cjs", "esm"]) {
    it(`${system}: the shim swaps in the native PostgresSaver and results are identical`, function () {
      const shimmed = run(system, PRELOAD[system]);
      assert.equal(shimmed.native, true, shimmed.reason);
      assert.match(shimmed.reason, /PostgresSaver in /);
      assert.equal(shimmed.saverClass, "PostgresSaver");
      assert.equal(shimmed.postgresHandle, true, "the native saver ran the host's queries");
      assert.deepStrictEqual(shimmed.result, reference.result);
    });
  }

  it("LANGGRAPH_NATIVE_MEMORY=off keeps the stock saver", function () {
    const off = run("cjs", "require", { LANGGRAPH_NATIVE_MEMORY: "off" });
    assert.equal(off.native, false);
    assert.equal(off.reason, "off: LANGGRAPH_NATIVE_MEMORY=off");
    assert.equal(off.postgresHandle, false);
    assert.deepStrictEqual(off.result, reference.result);
  });
});
