// status() reports the tasks component, and its flag.
const assert = require("node:assert/strict");
const path = require("node:path");
const { runApp, lastJson } = require("../support/run-app.cjs");

const APP = path.join(__dirname, "..", "fixtures", "status-app.cjs");

describe("tasks: status and flag", function () {
  this.timeout(60000);

  it("reports the component native where it was swapped", () => {
    const { tasks } = lastJson(runApp(APP, { preload: "require" }).stdout);
    assert.equal(tasks.active, true);
    for (const part of [
      "PregelRunner in @langchain/langgraph@1.7.3 (cjs)",
      "uuid5 in @langchain/langgraph-checkpoint@1.2.2 (cjs)",
      "XXH3 in @langchain/langgraph@1.7.3 (cjs)",
    ]) {
      assert.ok(tasks.reason.startsWith("native in ") && tasks.reason.includes(part), tasks.reason);
    }
  });

  it("LANGGRAPH_NATIVE_TASKS=off is reported", () => {
    const { tasks } = lastJson(runApp(APP, { preload: "require", env: { LANGGRAPH_NATIVE_TASKS: "off" } }).stdout);
    assert.deepEqual(tasks, { requested: false, active: false, reason: "off: LANGGRAPH_NATIVE_TASKS=off" });
  });
});
