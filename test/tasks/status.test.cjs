// status() reports the tasks and tools components, and their flags.
const assert = require("node:assert/strict");
const path = require("node:path");
const { runApp, lastJson } = require("../support/run-app.cjs");

const APP = path.join(__dirname, "apps", "status-app.cjs");

describe("tasks/tools: status and flags", function () {
  this.timeout(60000);

  it("reports both components native where they were swapped", () => {
    const { tasks, tools } = lastJson(runApp(APP, { preload: "require" }).stdout);
    assert.equal(tasks.active, true);
    for (const part of [
      "PregelRunner in @langchain/langgraph@1.7.3 (cjs)",
      "uuid5 in @langchain/langgraph-checkpoint@1.2.2 (cjs)",
      "XXH3 in @langchain/langgraph@1.7.3 (cjs)",
    ]) {
      assert.ok(tasks.reason.startsWith("native in ") && tasks.reason.includes(part), tasks.reason);
    }
    assert.equal(tools.active, true);
    assert.ok(tools.reason.startsWith("native in ToolNode in @langchain/langgraph@1.7.3 (cjs)"), tools.reason);
  });

  it("LANGGRAPH_NATIVE_TASKS=off and LANGGRAPH_NATIVE_TOOLS=off are reported", () => {
    const { tasks, tools } = lastJson(
      runApp(APP, { preload: "require", env: { LANGGRAPH_NATIVE_TASKS: "off", LANGGRAPH_NATIVE_TOOLS: "off" } }).stdout,
    );
    assert.deepEqual(tasks, { requested: false, active: false, reason: "off: LANGGRAPH_NATIVE_TASKS=off" });
    assert.deepEqual(tools, { requested: false, active: false, reason: "off: LANGGRAPH_NATIVE_TOOLS=off" });
  });
});
