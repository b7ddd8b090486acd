// Routing a hooked module to its patches, and the Node version guard.
const assert = require("node:assert/strict");
const { splitModuleName, patchesFor } = require("../../dist/shim/apply");
const { nodeSupport } = require("../../dist/shim/state");

describe("patch routing", function () {
  it("splits scoped and unscoped module names into package and file", function () {
    assert.deepEqual(splitModuleName("@langchain/langgraph"), { pkg: "@langchain/langgraph", file: undefined });
    assert.deepEqual(splitModuleName("@langchain/langgraph/dist/pregel/runner.cjs"), {
      pkg: "@langchain/langgraph",
      file: "dist/pregel/runner.cjs",
    });
    assert.deepEqual(splitModuleName("pkg\\dist\\a.js"), { pkg: "pkg", file: "dist/a.js" });
  });

  it("matches main-entry patches to the main entry and file patches to their files only", function () {
    const main = { module: "@x/y", files: undefined };
    const deep = { module: "@x/y", files: ["dist/a.cjs", "dist/a.js"] };
    const patches = [main, deep, { module: "@x/z" }];
    assert.deepEqual(patchesFor(patches, "@x/y", undefined), [main]);
    assert.deepEqual(patchesFor(patches, "@x/y", "dist/a.js"), [deep]);
    assert.deepEqual(patchesFor(patches, "@x/y", "dist/b.js"), []);
  });
});

describe("Node version guard", function () {
  it("accepts 20.6 and later, and explains older versions", function () {
    assert.equal(nodeSupport("20.6.0").supported, true);
    assert.equal(nodeSupport("22.1.0").supported, true);
    assert.equal(nodeSupport(process.versions.node).supported, true);
    const old = nodeSupport("20.5.1");
    assert.equal(old.supported, false);
    assert.match(old.reason, /Node 20\.5\.1 is older than 20\.6.*nothing is patched/);
    assert.equal(nodeSupport("18.19.0").supported, false);
  });
});

describe("ES-module loader include list", function () {
  const { loaderIncludeList } = require("../../dist/shim/hooks");

  it("lists main entries by bare specifier and files by URL, once each", function () {
    const include = loaderIncludeList([
      { module: "@langchain/langgraph-checkpoint" },
      { module: "@langchain/langgraph-checkpoint" },
      { module: "@langchain/langgraph", files: ["dist/pregel/runner.js"] },
    ]);
    assert.equal(include.length, 2);
    assert.equal(include[0], "@langchain/langgraph-checkpoint");
    const [file] = include.filter((entry) => entry instanceof RegExp);
    assert.ok(file.test("file:///app/node_modules/@langchain/langgraph/dist/pregel/runner.js"));
    assert.ok(!file.test("file:///app/node_modules/@langchain/langgraph/dist/pregel/runner.js.map"));
    assert.ok(!file.test("file:///app/node_modules/@langchain/langgraph/dist/pregel/runnerXjs"));
  });
});
