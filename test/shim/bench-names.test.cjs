// `langgraph-native bench <name>`: every bench file is reachable by its name, and former names by
// the bench that replaced them.
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");
const { currentBenchName } = require("../../dist/shim/bench-command.js");

const BENCH_DIR = path.join(__dirname, "..", "..", "bench");

describe("bench names", () => {
  it("the serializer bench is now serde, and its old name still finds it", () => {
    assert.equal(currentBenchName("serializer"), "serde");
    assert.ok(fs.existsSync(path.join(BENCH_DIR, `${currentBenchName("serializer")}.bench.cjs`)));
  });

  it("a current name, and an unknown one, are taken as given", () => {
    assert.equal(currentBenchName("memory"), "memory");
    assert.equal(currentBenchName("constructor"), "constructor");
  });
});
