// Real LangGraph graphs (history, time travel, interrupts and resume, updateState) give identical
// results with and without the shim, in CJS and ESM, on MemorySaver and on SqliteSaver files.
const assert = require("node:assert/strict");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const { runApp, lastJson } = require("../support/run-app.cjs");

const APPS = { cjs: path.join(__dirname, "apps", "graph-app.cjs"), esm: path.join(__dirname, "apps", "graph-app.mjs") };
const PRELOAD = { cjs: "require", esm: "import" };

function run(system, preload, saver, env) {
  const args = [saver];
  if (saver === "sqlite") args.push(path.join(fs.mkdtempSync(path.join(os.tmpdir(), "lgn-graph-")), "graph.sqlite"));
  const result = runApp(APPS[system], { preload, args, env });
  assert.equal(result.code, 0, result.stderr);
  return lastJson(result.stdout);
}

for (const saver of ["memory", "sqlite"]) {
  const className = saver === "memory" ? "MemorySaver" : "SqliteSaver";
  describe(`graph apps on ${className}: identical with and without the shim`, function () {
    let reference;
    before(function () {
      reference = run("cjs", "none", saver);
      assert.equal(reference.native, false);
    });

    for (const system of ["cjs", "esm"]) {
      it(`${system}: the shim swaps in the native ${className} and results are identical`, function () {
        const shimmed = run(system, PRELOAD[system], saver);
        assert.equal(shimmed.native, true, shimmed.reason);
        assert.match(shimmed.reason, new RegExp(`${className} in `));
        assert.equal(shimmed.saverClass, className);
        assert.deepStrictEqual(shimmed.result, reference.result);
      });

      it(`${system}: without the shim the results are the same too`, function () {
        assert.deepStrictEqual(run(system, "none", saver).result, reference.result);
      });
    }

    it("LANGGRAPH_NATIVE_MEMORY=off keeps the stock saver", function () {
      const off = run("cjs", "require", saver, { LANGGRAPH_NATIVE_MEMORY: "off" });
      assert.equal(off.native, false);
      assert.equal(off.reason, "off: LANGGRAPH_NATIVE_MEMORY=off");
      assert.deepStrictEqual(off.result, reference.result);
    });
  });
}
