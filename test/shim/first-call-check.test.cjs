// The first-call checks of the swapped classes (shim/first-call-check.ts) run ours against the
// host's on a real probe at the first call: passed, ours runs; failed (a class broken in the
// child, as a bug in ours would be), the host's runs that very call and every later one, the
// exports are the host's again, and status says why.
const assert = require("node:assert/strict");
const path = require("node:path");
const { runApp, lastJson } = require("../support/run-app.cjs");

const APP = path.join(__dirname, "..", "fixtures", "first-call-check-app.cjs");

describe("shim: first-call checks of the swapped classes", function () {
  this.timeout(60000);
  let stock;
  before(() => {
    stock = lastJson(runApp(APP, { preload: "none" }).stdout);
  });

  it("pass: MemorySaver, ToolNode and PregelRunner stay ours, results as without the shim, no probe in the app's callbacks", () => {
    const run = runApp(APP, { preload: "require", env: { LANGGRAPH_NATIVE_LOG: "debug" } });
    const result = lastJson(run.stdout);
    for (const key of ["messages", "toolStarts", "latest", "history"]) assert.deepEqual(result[key], stock[key], key);
    assert.deepEqual(result.toolStarts, ['{"a":1,"b":2}']);
    assert.ok(result.status.memory.startsWith("native in MemorySaver"), result.status.memory);
    assert.ok(result.status.tools.startsWith("native in ToolNode"), result.status.tools);
    assert.ok(result.status.tasks.startsWith("native in PregelRunner"), result.status.tasks);
    for (const checked of ["MemorySaver", "ToolNode", "PregelRunner"]) assert.match(run.stderr, new RegExp(`first-call check passed for ${checked} in`));
  });

  it("a broken MemorySaver falls back at its first call: the host's saver serves the app, status says why", () => {
    const run = runApp(APP, { preload: "require", args: ["memory"] });
    const result = lastJson(run.stdout);
    for (const key of ["messages", "latest", "history"]) assert.deepEqual(result[key], stock[key], key);
    assert.equal(result.exports.memorySaverIsOurs, false, "the export is the host's class again");
    assert.match(result.status.memory, /^first-call check failed for MemorySaver in @langchain\/langgraph-checkpoint@[^ ]+ \(cjs\): the probe thread reads back differently: .*tampered.*; the originals are back$/);
    assert.match(run.stderr, /memory: kept LangGraph's own MemorySaver/);
    assert.ok(result.status.tools.startsWith("native in ToolNode"), "other components stay native");
  });

  it("a broken ToolNode falls back at its first call: the host's ToolNode answers, status says why", () => {
    const run = runApp(APP, { preload: "require", args: ["tools"] });
    const result = lastJson(run.stdout);
    for (const key of ["messages", "toolStarts", "latest"]) assert.deepEqual(result[key], stock[key], key);
    assert.equal(result.exports.toolNodeIsOurs, false, "the export is the host's class again");
    assert.match(result.status.tools, /^first-call check failed for ToolNode in @langchain\/langgraph@[^ ]+ \(cjs\): the probe tool calls answer differently: .*tampered.*; the originals are back$/);
    assert.ok(result.status.memory.startsWith("native in MemorySaver"), "other components stay native");
  });

  it("a broken PregelRunner falls back at its first call: the host's runner runs the graph, status says why", () => {
    const run = runApp(APP, { preload: "require", args: ["runner"] });
    const result = lastJson(run.stdout);
    for (const key of ["messages", "toolStarts", "latest", "history"]) assert.deepEqual(result[key], stock[key], key);
    assert.match(result.status.tasks, /first-call check failed for PregelRunner in @langchain\/langgraph@[^ ]+ \(cjs\): the probe superstep ends differently: .*tampered.*; the originals are back$/);
    assert.ok(result.status.tools.startsWith("native in ToolNode"), "other components stay native");
  });
});
