// A real StateGraph using the store through config.store, run in child processes: CJS and ESM,
// with and without the shim. Results must be identical; status must show who served them.
const path = require("node:path");
const { assert } = require("./support.cjs");
const { runApp, lastJson } = require("../../support/run-app.cjs");

const APPS = {
  cjs: path.join(__dirname, "..", "..", "fixtures", "store-graph-app.cjs"),
  esm: path.join(__dirname, "..", "..", "fixtures", "store-graph-app.mjs"),
};

function run(app, options) {
  const result = runApp(app, options);
  assert.equal(result.code, 0, `exit ${result.code}\n${result.stderr}`);
  return lastJson(result.stdout);
}

/** What must not depend on the shim: everything but who served it. */
const outcome = ({ native, memoryStatus, ...rest }) => rest;

/** Equal, except scores may differ by float noise: the native index stores f32, the host f64. */
function assertSameOutcome(actual, expected, where = "result") {
  if (typeof expected === "number" && !Number.isInteger(expected)) {
    assert.equal(typeof actual, "number", where);
    assert.ok(Math.abs(actual - expected) < 1e-6, `${where}: ${actual} vs ${expected}`);
  } else if (expected !== null && typeof expected === "object") {
    assert.deepEqual(Object.keys(actual), Object.keys(expected), where);
    for (const key of Object.keys(expected)) assertSameOutcome(actual[key], expected[key], `${where}.${key}`);
  } else assert.equal(actual, expected, where);
}

describe("a StateGraph with a store, with and without the shim", () => {
  const baseline = {};
  before(() => {
    baseline.cjs = run(APPS.cjs, { preload: "none" });
    baseline.esm = run(APPS.esm, { preload: "none" });
  });

  it("the baseline runs the host's store and finds scored memories", () => {
    assert.equal(baseline.cjs.native, false);
    assert.ok(baseline.cjs.results.first[0].length > 0 && typeof baseline.cjs.results.first[0][0][2] === "number");
    assert.deepEqual(outcome(baseline.esm), outcome(baseline.cjs));
  });

  for (const [system, preload] of [["cjs", "require"], ["esm", "import"]]) {
    it(`${system} app with --${preload}: native store, identical results`, () => {
      const shimmed = run(APPS[system], { preload });
      assert.equal(shimmed.native, true);
      assert.equal(shimmed.memoryStatus.active, true);
      assert.match(shimmed.memoryStatus.reason, new RegExp(`native in (?:[^,]+, )*InMemoryStore in @langchain/langgraph-checkpoint@1\\.2\\.2 \\(${system}\\)`));
      assertSameOutcome(outcome(shimmed), outcome(baseline[system]));
    });
  }

  it("LANGGRAPH_NATIVE_MEMORY=off keeps the original store", () => {
    for (const [system, preload] of [["cjs", "require"], ["esm", "import"]]) {
      const off = run(APPS[system], { preload, env: { LANGGRAPH_NATIVE_MEMORY: "off" } });
      assert.equal(off.native, false);
      assert.equal(off.memoryStatus.active, false);
      assert.match(off.memoryStatus.reason, /LANGGRAPH_NATIVE_MEMORY=off/);
      assert.deepEqual(outcome(off), outcome(baseline[system]));
    }
  });
});
