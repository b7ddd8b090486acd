// advanceDeltaCounters under the shim walks only the delta channels it learned once per channels
// object; its answers must be the host function's own, call for call, and a graph with delta
// channels must checkpoint the same counters with and without the shim.
const assert = require("node:assert/strict");
const path = require("node:path");
const { runApp, lastJson } = require("../support/run-app.cjs");

const APP = path.join(__dirname, "apps", "delta-counters-app.cjs");

describe("tasks: advanceDeltaCounters over the delta channels only", function () {
  this.timeout(60000);
  let stock;
  let shim;
  before(function () {
    for (const preload of ["none", "require"]) {
      const result = runApp(APP, { preload });
      assert.equal(result.code, 0, result.stderr);
      if (preload === "none") stock = lastJson(result.stdout);
      else shim = lastJson(result.stdout);
    }
  });

  it("is swapped in under the shim, with the host's function underneath", function () {
    assert.equal(stock.swapped, false);
    assert.equal(shim.swapped, true);
  });

  it("gives the host's counters on one channels object across supersteps, with made-up counters, and with no delta channel", function () {
    assert.deepEqual(shim.ours, shim.host);
    assert.deepEqual(shim.ours, stock.host);
    // The calls did exercise delta channels: the second superstep counts both.
    assert.deepEqual(shim.ours[1], { first: [2, 2], second: [1, 2] });
  });

  it("a graph with a delta channel checkpoints the same counters and values with and without the shim", function () {
    assert.deepEqual(shim.graph, stock.graph);
    assert.ok(shim.graph.history.some((snapshot) => snapshot.counters !== null && Object.keys(snapshot.counters).length > 0));
  });
});
