// After unpatch(), the host's own PregelRunner, ToolNode, XXH3 and uuid5 are back, and graphs run on them.
const assert = require("node:assert/strict");
const path = require("node:path");
const { runApp, lastJson } = require("../support/run-app.cjs");

// Only tasks and tools are on, so the restored count is theirs alone.
const ONLY_TASKS_AND_TOOLS = { LANGGRAPH_NATIVE_SERDE: "off", LANGGRAPH_NATIVE_MEMORY: "off" };

describe("tasks/tools: unpatch() puts the originals back", function () {
  this.timeout(60000);

  it("restores every swapped export and later graphs use the host's runner", () => {
    const result = runApp(path.join(__dirname, "apps", "unpatch-app.cjs"), { preload: "require", env: ONLY_TASKS_AND_TOOLS });
    assert.equal(result.code, 0, result.stderr);
    const out = lastJson(result.stdout);
    const names = [
      "PregelRunner",
      "ToolNode",
      "XXH3",
      "uuid5",
      "prebuilt.ToolNode",
      "checkpoint.uuid5",
      "RunnableCallable.invoke",
      "StateGraph._compileResolved",
      "Branch.run",
      "PregelLoop.putWrites",
      "createCheckpoint",
      "advanceDeltaCounters",
      "channels.createCheckpoint",
    ];
    assert.deepEqual(out.before, Object.fromEntries(names.map((name) => [name, true])));
    assert.deepEqual(out.after, Object.fromEntries(names.map((name) => [name, false])));
    assert.equal(out.restored, names.length);
    assert.deepEqual(out.items, [0, 1, 2]);
    assert.equal(out.nativeTicksAfterUnpatch, 0);
    // A graph compiled under the shim keeps its marks, but the host's invoke ignores them.
    assert.equal(out.inertCallsAfterUnpatch, 0);
    assert.equal(out.inertMarked, true);
  });
});

describe("tasks/tools: unpatch() in an ES-module app", function () {
  this.timeout(60000);

  it("restores the re-exports the app imported and the runner pregel/index.js bound", () => {
    const result = runApp(path.join(__dirname, "apps", "unpatch-app.mjs"), { preload: "import", env: ONLY_TASKS_AND_TOOLS });
    assert.equal(result.code, 0, result.stderr);
    const out = lastJson(result.stdout);
    assert.deepEqual(out.before, { "prebuilt.ToolNode": true, "checkpoint.uuid5": true });
    assert.ok(out.ticksBefore > 0);
    assert.deepEqual(out.after, { "prebuilt.ToolNode": false, "checkpoint.uuid5": false });
    // runner, ToolNode, XXH3, uuid5, RunnableCallable.invoke, StateGraph._compileResolved, Branch.run,
    // PregelLoop.putWrites, createCheckpoint, advanceDeltaCounters, and the copies in prebuilt,
    // checkpoint and channels indexes
    assert.equal(out.restored, 13);
    assert.deepEqual(out.items, [0, 1, 2]);
    assert.equal(out.ticksAfterUnpatch, 0);
  });
});
