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

  it("--profile: profiles one stock and one shim process per case and puts the time on its owners", () => {
    const only = "--only=startup/cjs,sequential_10/memory";
    const result = spawnSync(process.execPath, [path.join(ROOT, "dist", "shim", "cli.js"), "bench", "e2e", "--quick", "--profile", only], {
      cwd: ROOT,
      env: childEnv({ BENCH_E2E_OUT: out }),
      encoding: "utf8",
    });
    assert.equal(result.status, 0, result.stderr);
    const dir = path.join(out, "e2e-profile");
    for (const id of ["startup_cjs", "sequential_10_memory"]) {
      for (const side of ["stock", "shim"]) assert.ok(JSON.parse(fs.readFileSync(path.join(dir, `${id}.${side}.cpuprofile`), "utf8")).samples.length > 0, `${id} ${side}`);
      assert.ok(fs.existsSync(path.join(dir, `${id}.txt`)));
    }
    // The graph case: the host's loop on both sides, our JS only on the shim's (the stock side is
    // exactly zero); the start-up case: our preload's code only on the shim's side too.
    const section = (id) => result.stdout.slice(result.stdout.indexOf(`${id}: self time`)).split("\n\n")[0];
    const owner = (text, name) => {
      const match = text.match(new RegExp(`^\\s+${name.replace(/[()*]/g, "\\$&")}\\s+([\\d.]+)\\s+[\\d.]+%\\s+([\\d.]+)`, "m"));
      assert.ok(match, `no row for ${name} in:\n${text}`);
      return { stock: Number(match[1]), shim: Number(match[2]) };
    };
    const graph = section("sequential_10/memory");
    assert.match(graph, /runs while profiled \(ms\): stock [\d.]+/);
    assert.ok(owner(graph, "@langchain/langgraph").stock > 0);
    const ours = owner(graph, "langgraph-native (JS)");
    assert.equal(ours.stock, 0);
    assert.ok(ours.shim > 0);
    const startup = owner(section("startup/cjs"), "langgraph-native (JS)");
    assert.equal(startup.stock, 0);
    assert.ok(startup.shim > 0);
  });
});
