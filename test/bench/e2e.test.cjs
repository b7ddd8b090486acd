// The end-to-end suite must keep working: run it in --quick mode on cheap cases through the CLI,
// as `npm run bench -- e2e` does, and check its table, its JSON (both sides, same outputs) and that
// its chart is well-formed SVG.
const assert = require("node:assert/strict");
const { spawnSync } = require("node:child_process");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const { ROOT, childEnv } = require("../support/run-app.cjs");

/** Well-formed enough to open: one root <svg>, every tag closed in order, no stray `<` or `&`. */
function assertWellFormedSvg(text) {
  assert.match(text, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
  const stack = [];
  for (const [, closing, name, selfClosing] of text.matchAll(/<(\/?)([A-Za-z][\w:-]*)(?:\s+[\w:-]+="[^"<]*")*\s*(\/?)>/g)) {
    if (closing) assert.equal(stack.pop(), name, `</${name}> closes the wrong element`);
    else if (!selfClosing) stack.push(name);
  }
  assert.deepEqual(stack, [], "unclosed elements");
  const outsideTags = text.replace(/<[^>]*>/g, "");
  assert.doesNotMatch(outsideTags, /[<>]|&(?!(lt|gt|amp|quot);)/, "unescaped text");
}

describe("bench: end-to-end suite (--quick)", function () {
  this.timeout(90_000);
  const out = fs.mkdtempSync(path.join(os.tmpdir(), "lgn-e2e-test-"));
  after(() => fs.rmSync(out, { recursive: true, force: true }));

  it("runs stock and shim, finds the same outputs and writes the table, JSON and chart", () => {
    const only = "--only=startup/cjs,sequential_10/none,sequential_10/memory";
    const result = spawnSync(process.execPath, [path.join(ROOT, "dist", "shim", "cli.js"), "bench", "e2e", "--quick", only], {
      cwd: ROOT,
      env: childEnv({ BENCH_E2E_OUT: out }),
      encoding: "utf8",
    });
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stdout, /^case\s+stock ms\s+native ms\s+speed-up\s+target\s+met/m);
    for (const id of ["startup/cjs", "sequential_10/none", "sequential_10/memory"]) assert.match(result.stdout, new RegExp(`^${id}\\s+\\d`, "m"));
    assert.match(result.stdout, /outputs identical stock vs shim: all 3 cases/);
    assert.match(result.stderr, /case 3\/3 sequential_10\/memory · round 1\/1/);

    const json = JSON.parse(fs.readFileSync(path.join(out, "e2e.json"), "utf8"));
    assert.equal(json.quick, true);
    assert.deepEqual(json.cases.map((c) => c.id), ["sequential_10/none", "sequential_10/memory"]);
    for (const c of json.cases) {
      assert.ok(c.stock.medianMs > 0 && c.shim.medianMs > 0, c.id);
      assert.equal(c.same, true, c.id);
      assert.deepEqual(c.stock.hashes, c.shim.hashes, c.id);
      assert.deepEqual(c.stock.native, []);
      assert.ok(c.shim.native.includes("memory"), c.id);
    }
    assert.equal(json.startup[0].same, true);
    assert.ok(Number.isFinite(json.startup[0].addedMs));

    const svg = fs.readFileSync(path.join(out, "e2e.svg"), "utf8");
    assertWellFormedSvg(svg);
    assert.match(svg, /sequential_10\/memory/);
    assert.match(svg, /startup\/cjs: preloading adds/);
  });
});
