// status() reports the tools component, and its flag.
const assert = require("node:assert/strict");
const path = require("node:path");
const { runApp, lastJson } = require("../support/run-app.cjs");

const APP = path.join(__dirname, "..", "fixtures", "status-app.cjs");

describe("tools: status and flag", function () {
  this.timeout(60000);

  it("reports the component native where it was swapped", () => {
    const { tools } = lastJson(runApp(APP, { preload: "require" }).stdout);
    assert.equal(tools.active, true);
    assert.ok(tools.reason.startsWith("native in ToolNode in @langchain/langgraph@1.7.3 (cjs)"), tools.reason);
  });

  it("LANGGRAPH_NATIVE_TOOLS=off is reported", () => {
    const { tools } = lastJson(runApp(APP, { preload: "require", env: { LANGGRAPH_NATIVE_TOOLS: "off" } }).stdout);
    assert.deepEqual(tools, { requested: false, active: false, reason: "off: LANGGRAPH_NATIVE_TOOLS=off" });
  });
});
