// The task runner on real graphs, in child processes: identical results with and without the shim
// (CJS and ESM), proof that our runner ran, and the host bug it fixes (langgraphjs#2656).
const assert = require("node:assert/strict");
const path = require("node:path");
const { runApp, lastJson } = require("../support/run-app.cjs");

const APPS = path.join(__dirname, "apps");

function run(file, preload, env) {
  const result = runApp(path.join(APPS, file), { preload, env });
  assert.equal(result.code, 0, `${file} (${preload}) exited ${result.code}:\n${result.stderr}`);
  return { ...lastJson(result.stdout), stderr: result.stderr };
}

describe("tasks: PregelRunner replacement on real graphs", function () {
  this.timeout(180000);

  for (const [app, preloads] of [
    ["graph-app.cjs", ["require"]],
    // (An ES-module app under --require is patched only where Node hooks in-thread: see test/shim.)
    ["graph-app.mjs", ["import"]],
  ]) {
    describe(app, () => {
      let stock;
      before(() => {
        stock = run(app, "none");
      });

      it("every scenario runs on the stock runner", () => {
        assert.equal(stock.nativeRunnerTicks, 0);
        assert.equal(stock.inertCalls, 0);
        assert.equal(stock.inertConfigFree, 0);
        assert.equal(stock.putWritesInPlace, 0);
        for (const [name, result] of Object.entries(stock.results)) {
          assert.equal(result?.scenarioFailed, undefined, `${name}: ${result?.scenarioFailed}`);
        }
      });

      for (const preload of preloads) {
        it(`gives identical results with the shim (--${preload}), and our runner ran`, () => {
          const native = run(app, preload);
          assert.ok(native.nativeRunnerTicks > 0, "the replacement runner did not run");
          // The internal callables (state mapper, ChannelWrite, control branch) skipped storage.
          assert.ok(native.inertCalls > 0, "no internal callable took the inert path");
          // The state mappers and ChannelWrites ran without building a merged config.
          assert.ok(native.inertConfigFree > 0, "no internal callable skipped its config");
          // PregelLoop.putWrites appended in place (no copy of the pending writes per task).
          assert.ok(native.putWritesInPlace > 0, "putWrites never appended in place");
          for (const name of Object.keys(stock.results)) {
            assert.deepEqual(native.results[name], stock.results[name], `scenario ${name} differs`);
          }
        });
      }

      it("LANGGRAPH_NATIVE_TASKS=off keeps the stock runner", () => {
        const off = run(app, preloads[0], { LANGGRAPH_NATIVE_TASKS: "off" });
        assert.equal(off.nativeRunnerTicks, 0);
        assert.equal(off.inertCalls, 0);
        assert.equal(off.putWritesInPlace, 0);
        assert.deepEqual(off.results, stock.results);
      });
    });
  }

  describe("maxConcurrency with Send (langgraphjs#2656)", () => {
    const ALL = [0, 1, 2, 3, 4, 5];
    for (const [app, preload] of [
      ["max-concurrency.cjs", "require"],
      ["max-concurrency.mjs", "import"],
    ]) {
      it(`${app}: runs every Send task, never more than maxConcurrency at once`, () => {
        const out = run(app, preload);
        assert.deepEqual(out["1"], { items: ALL, peak: 1 });
        assert.deepEqual(out["2"], { items: ALL, peak: 2 });
      });

      it(`${app}: the stock runner drops Send tasks under maxConcurrency 1 (the host bug)`, () => {
        const out = run(app, "none");
        assert.ok(out["1"].items.length < ALL.length, `stock ran ${JSON.stringify(out["1"].items)}`);
      });
    }
  });

  it("prints no MaxListenersExceededWarning on a 300-task fan-out (the stock runner does)", () => {
    const native = run("fan-out-warnings.cjs", "require");
    assert.equal(native.count, 300);
    assert.doesNotMatch(native.stderr, /MaxListenersExceededWarning/);
    const stock = run("fan-out-warnings.cjs", "none");
    assert.equal(stock.count, 300);
    assert.match(stock.stderr, /MaxListenersExceededWarning/);
  });
});
