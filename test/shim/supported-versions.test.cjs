// The one supported-versions table: every patch is judged by it, MIGRATION.md shows it, and a copy
// outside it gets a remedy that names the version to move to.
const assert = require("node:assert/strict");
const path = require("node:path");
const { ALL_PATCHES, HOOK_TARGETS } = require("../../dist/patches");
const { SUPPORTED_HOSTS, COMPONENT_HOSTS } = require("../../dist/patches/supported-hosts.js");
const { hostsOfComponent, remedyFor, verdictOf } = require("../../dist/shim/host-versions.js");
const { renderSupportedTable, documentedTable } = require("../../compat/matrix/supported-table.cjs");
const { ROOT } = require("../support/run-app.cjs");

const packageDir = (pkg) => path.join(ROOT, "node_modules", ...pkg.split("/"));

describe("supported host versions, declared once", function () {
  it("no patch carries a version of its own; every hooked package has a range", function () {
    for (const patch of ALL_PATCHES) {
      assert.equal("versions" in patch, false, `${patch.replaces} declares its own versions`);
      assert.ok(SUPPORTED_HOSTS[patch.module], `${patch.module} has no supported range`);
      assert.ok(COMPONENT_HOSTS[patch.component].includes(patch.module), `${patch.component} does not list ${patch.module}`);
    }
    for (const target of HOOK_TARGETS) assert.ok(SUPPORTED_HOSTS[target.module], target.module);
  });

  it("MIGRATION.md's table is the one rendered from the table (node compat/matrix/supported-table.cjs --write)", function () {
    assert.equal(documentedTable(), renderSupportedTable());
  });

  it("judges the installed copies, and the copies a package imports, by the table", function () {
    const verdict = verdictOf("@langchain/langgraph", packageDir("@langchain/langgraph"));
    assert.equal(verdict.supported, true);
    assert.equal(verdict.range, SUPPORTED_HOSTS["@langchain/langgraph"].range);
    // tasks patched in langgraph relies on the checkpoint package and core it imports.
    const judged = hostsOfComponent("tasks", "@langchain/langgraph", packageDir("@langchain/langgraph")).map((host) => host.pkg);
    assert.deepEqual(judged.sort(), ["@langchain/core", "@langchain/langgraph", "@langchain/langgraph-checkpoint"]);
  });

  it("names the remedy: upgrade below the range, stay within it above", function () {
    const below = { pkg: "@langchain/core", dir: "", version: "1.2.17", supported: false, range: ">=1.2.18 <2" };
    assert.equal(remedyFor(below, "tasks"), "upgrade @langchain/core to >= 1.2.18 or set LANGGRAPH_NATIVE_TASKS=off to silence");
    const above = { ...below, version: "2.0.0" };
    assert.match(remedyFor(above, "serde"), /^use @langchain\/core >=1\.2\.18 <2 \(or a langgraph-native release that supports 2\.0\.0\) or set LANGGRAPH_NATIVE_SERDE=off to silence$/);
  });
});
