// What status calls a component: native only once its main swap is in; the addon-backed parts and
// the JS-only accelerations are named for what they are; an optional part whose host code differs
// stays the host's without turning the component off. Real host modules and the real patches.
const assert = require("node:assert/strict");
const path = require("node:path");
const { ALL_PATCHES, IMPLEMENTED, MAIN_CLASSES } = require("../../dist/patches");
const { applyPatches } = require("../../dist/shim/apply");
const { loadAddon } = require("../../dist/shim/addon");
const { createLogger } = require("../../dist/shim/log");
const { nodeSupport, ShimState } = require("../../dist/shim/state");
const { readConfig } = require("../../dist/config");
const { ROOT } = require("../support/run-app.cjs");

const CHECKPOINT_DIR = path.join(ROOT, "node_modules", "@langchain", "langgraph-checkpoint");
const LANGGRAPH_DIR = path.join(ROOT, "node_modules", "@langchain", "langgraph");

function freshState() {
  return new ShimState(readConfig({}), loadAddon(undefined), nodeSupport(), IMPLEMENTED, MAIN_CLASSES);
}

/** Loads a real host file and hands a copy of its exports to the shim, as the hook would. */
function load(state, pkg, dir, file) {
  const exports = { ...require(path.join(dir, file)) };
  applyPatches({ exports, name: `${pkg}/${file}`, baseDir: dir, moduleSystem: "cjs" }, ALL_PATCHES, state, createLogger("silent"));
  return exports;
}

describe("component roles in status", function () {
  it("uuid5 alone (native, not the runner) leaves tasks not native, and says what is in", function () {
    const state = freshState();
    const ids = load(state, "@langchain/langgraph-checkpoint", CHECKPOINT_DIR, "dist/id.cjs");
    try {
      assert.notEqual(ids.uuid5, require(path.join(CHECKPOINT_DIR, "dist/id.cjs")).uuid5, "uuid5 was swapped");
      const tasks = state.components.tasks;
      assert.equal(tasks.active, false);
      assert.match(tasks.reason, /^waiting: PregelRunner not loaded yet in this process; also native: uuid5 in @langchain\/langgraph-checkpoint@[\d.]+ \(cjs\)$/);
    } finally {
      state.registry.restore();
    }
  });

  it("a PregelLoop.putWrites whose body differs from the copied one stays the host's; tasks stays on", function () {
    const state = freshState();
    // A release's loop module whose putWrites is not the body the shim copies.
    const exports = { PregelLoop: class PregelLoop { putWrites(taskId, writes) { this.last = [taskId, writes]; } } };
    const original = exports.PregelLoop.prototype.putWrites;
    applyPatches({ exports, name: "@langchain/langgraph/dist/pregel/loop.cjs", baseDir: LANGGRAPH_DIR, moduleSystem: "cjs" }, ALL_PATCHES, state, createLogger("silent"));
    assert.equal(exports.PregelLoop.prototype.putWrites, original);
    const tasks = state.components.tasks;
    assert.equal(tasks.failure, undefined);
    assert.ok(state.mayApply("tasks"));
    assert.match(tasks.reason, /kept the host's \(its code differs\): PregelLoop\.putWrites in @langchain\/langgraph@[\d.]+ \(cjs\)$/);
  });

  it("the real loop module gets the JS-only putWrites, named as JS-only", function () {
    const state = freshState();
    // Its internals load first, as its imports do; the hook records them.
    for (const file of ["dist/constants.cjs", "dist/pregel/algo.cjs", "dist/pregel/utils/index.cjs"]) load(state, "@langchain/langgraph", LANGGRAPH_DIR, file);
    load(state, "@langchain/langgraph-checkpoint", CHECKPOINT_DIR, "dist/base.cjs");
    try {
      load(state, "@langchain/langgraph", LANGGRAPH_DIR, "dist/pregel/loop.cjs");
      const tasks = state.components.tasks;
      assert.equal(tasks.active, false, "the runner is not in");
      assert.match(tasks.reason, /JS-only: PregelLoop\.putWrites in @langchain\/langgraph@[\d.]+ \(cjs\)/);
    } finally {
      state.registry.restore();
    }
  });
});

describe("host code a replacement was written from", function () {
  const { hostCodeFingerprint } = require("../../dist/patches/host-fingerprint.js");

  it("fingerprints the CJS and ES-module builds of one method alike, and a changed method differently", async function () {
    const { pathToFileURL } = require("node:url");
    for (const [file, get] of [
      ["dist/pregel/runner", (m) => m.PregelRunner.prototype._executeTasksWithRetry],
      ["dist/utils", (m) => m.RunnableCallable.prototype.invoke],
      ["dist/pregel/loop", (m) => m.PregelLoop.prototype.putWrites],
    ]) {
      const cjs = get(require(path.join(LANGGRAPH_DIR, `${file}.cjs`)));
      const esm = get(await import(pathToFileURL(path.join(LANGGRAPH_DIR, `${file}.js`)).href));
      assert.equal(hostCodeFingerprint(cjs), hostCodeFingerprint(esm), file);
    }
    // Module plumbing and whitespace do not count; one changed token does.
    const plumbed = new Function("return function f(x) {\n\treturn (0, require_utils.g)(x, _langchain_core_runnables.h);\n}")();
    const plain = new Function("return function f(x) { return g(x, h); }")();
    const changed = new Function("return function f(x) { return g(x, i); }")();
    assert.equal(hostCodeFingerprint(plumbed), hostCodeFingerprint(plain));
    assert.notEqual(hostCodeFingerprint(changed), hostCodeFingerprint(plain));
  });

  it("a PregelRunner whose _executeTasksWithRetry differs keeps tasks stock, with the reason", function () {
    const state = freshState();
    const Host = require(path.join(LANGGRAPH_DIR, "dist/pregel/runner.cjs")).PregelRunner;
    const exports = { PregelRunner: class PregelRunner extends Host { async *_executeTasksWithRetry() {} } };
    const before = exports.PregelRunner;
    applyPatches({ exports, name: "@langchain/langgraph/dist/pregel/runner.cjs", baseDir: LANGGRAPH_DIR, moduleSystem: "cjs" }, ALL_PATCHES, state, createLogger("silent"));
    assert.equal(exports.PregelRunner, before);
    assert.equal(state.mayApply("tasks"), false);
    assert.match(state.components.tasks.reason, /^patch failed for PregelRunner in @langchain\/langgraph@[\d.]+ \(cjs\): PregelRunner\.prototype\._executeTasksWithRetry of this release differs from the code it replaces/);
  });
});
