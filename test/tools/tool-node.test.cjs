// The ToolNode replacement on real packages, in child processes: identical results with and without
// the shim (CJS and ESM) when no knob is set, and each LANGGRAPH_NATIVE_TOOLS_* knob's effect.
const assert = require("node:assert/strict");
const path = require("node:path");
const { runApp, lastJson } = require("../support/run-app.cjs");

const APPS = path.join(__dirname, "apps");

function run(file, preload, env, names = []) {
  const result = runApp(path.join(APPS, file), { preload, env, args: names });
  assert.equal(result.code, 0, `${file} (${preload}) exited ${result.code}:\n${result.stderr}`);
  return { ...lastJson(result.stdout), stderr: result.stderr };
}

describe("tools: ToolNode replacement", function () {
  this.timeout(180000);

  for (const [app, preload] of [
    ["tool-app.cjs", "require"],
    ["tool-app.mjs", "import"],
  ]) {
    describe(`${app}, no knobs`, () => {
      let stock;
      before(() => {
        stock = run(app, "none");
      });

      it("every scenario runs on the stock ToolNode", () => {
        assert.equal(stock.nativeToolNode, false);
        for (const [name, result] of Object.entries(stock.results)) {
          assert.equal(result?.scenarioFailed, undefined, `${name}: ${result?.scenarioFailed}`);
        }
      });

      it(`gives identical results with the shim (--${preload}), and ours ran`, () => {
        const native = run(app, preload);
        assert.equal(native.nativeToolNode, true);
        for (const name of Object.keys(stock.results)) {
          assert.deepEqual(native.results[name], stock.results[name], `scenario ${name} differs`);
        }
      });

      it("LANGGRAPH_NATIVE_TOOLS=off keeps the stock ToolNode", () => {
        const off = run(app, preload, { LANGGRAPH_NATIVE_TOOLS: "off" }, ["messagesState"]);
        assert.equal(off.nativeToolNode, false);
        assert.deepEqual(off.results.messagesState, stock.results.messagesState);
      });
    });
  }

  describe("LANGGRAPH_NATIVE_TOOLS_CONCURRENCY", () => {
    it("caps the calls in flight and keeps ToolMessage order", () => {
      const out = run("tool-app.cjs", "require", { LANGGRAPH_NATIVE_TOOLS_CONCURRENCY: "3" }, ["manyCalls"]);
      assert.equal(out.results.manyCalls.peak, 3);
      assert.deepEqual(out.results.manyCalls.messages, Array.from({ length: 10 }, (_, i) => `slow ${i}`));
    });

    it("in ESM too", () => {
      const out = run("tool-app.mjs", "import", { LANGGRAPH_NATIVE_TOOLS_CONCURRENCY: "2" }, ["manyCalls"]);
      assert.equal(out.results.manyCalls.peak, 2);
    });

    it("the stock ToolNode runs all 10 at once", () => {
      assert.equal(run("tool-app.cjs", "none", {}, ["manyCalls"]).results.manyCalls.peak, 10);
    });
  });

  describe("LANGGRAPH_NATIVE_TOOLS_TIMEOUT_MS", () => {
    const env = { LANGGRAPH_NATIVE_TOOLS_TIMEOUT_MS: "50" };

    for (const [app, preload] of [
      ["tool-app.cjs", "require"],
      ["tool-app.mjs", "import"],
    ]) {
      it(`${app}: aborts the tool's signal and answers with an error ToolMessage naming the timeout`, () => {
        const { slowTool } = run(app, preload, env, ["slowTool"]).results;
        const [hang, echo] = slowTool.messages;
        assert.equal(hang.status, "error");
        assert.equal(hang.name, "hang");
        assert.equal(hang.tool_call_id, "hang_1");
        assert.equal(
          hang.content,
          'Error: Tool "hang" timed out after 50 ms (LANGGRAPH_NATIVE_TOOLS_TIMEOUT_MS=50)\n Please fix your mistakes.',
        );
        assert.equal(echo.content, "echo 2");
        assert.match(slowTool.sawAbort, /timed out after 50 ms/);
      });
    }

    it("with handleToolErrors: false the timeout is thrown", () => {
      const { slowToolNoErrorHandling } = run("tool-app.cjs", "require", env, ["slowToolNoErrorHandling"]).results;
      assert.match(slowToolNoErrorHandling.error, /^ToolTimeoutError: Tool "hang" timed out after 50 ms/);
    });
  });

  describe("LANGGRAPH_NATIVE_TOOLS_MAX_DEPTH", () => {
    it("stops tool calls nested deeper than the limit with a clear error", () => {
      const { nestedTools } = run("tool-app.cjs", "require", { LANGGRAPH_NATIVE_TOOLS_MAX_DEPTH: "2" }, ["nestedTools"]).results;
      // Level 3 runs at depth 2; its nested ToolNode refuses, and level 4's ToolNode reports the error.
      assert.equal(nestedTools.length, 1);
      assert.equal(nestedTools[0].status, "success");
      assert.equal(
        nestedTools[0].content,
        'level 4 <- Error: Tool "recurse" not run: tool calls nested more than 2 deep (a tool running a graph that calls tools; LANGGRAPH_NATIVE_TOOLS_MAX_DEPTH=2)\n Please fix your mistakes.',
      );
    });

    it("lets nesting within the limit run", () => {
      const { nestedTools } = run("tool-app.mjs", "import", { LANGGRAPH_NATIVE_TOOLS_MAX_DEPTH: "5" }, ["nestedTools"]).results;
      assert.deepEqual(nestedTools, [{ content: "level 4 <- level 3 <- level 2 <- level 1 <- bottom", status: "success" }]);
    });
  });

  describe("invalid knob values", () => {
    it("are reported by name with the allowed values, and the app still runs unchanged", () => {
      const out = run("tool-app.cjs", "require", { LANGGRAPH_NATIVE_TOOLS_CONCURRENCY: "many", LANGGRAPH_NATIVE_TOOLS_TIMEOUT_MS: "-5" }, [
        "manyCalls",
      ]);
      assert.equal(out.results.manyCalls.peak, 10);
      const logged = out.stderr
        .split("\n")
        .filter((line) => line.startsWith("{"))
        .map((line) => JSON.parse(line).msg);
      assert.ok(
        logged.includes('LANGGRAPH_NATIVE_TOOLS_CONCURRENCY="many" is not valid; allowed values: a whole number greater than 0. Leaving it unset.'),
        logged.join("\n"),
      );
      assert.ok(logged.some((msg) => msg.startsWith('LANGGRAPH_NATIVE_TOOLS_TIMEOUT_MS="-5" is not valid')), logged.join("\n"));
    });
  });
});
