// The host-version matrix (`npm run test:matrix`): every host set of host-sets.cjs, installed in its
// own cached folder, runs the real-graph identity apps with and without the shim (CJS and ESM)
// and, once per distinct checkpoint version, the host's conformance suite on the native savers;
// the pinned set runs the identity apps on Node 22 and 24 too; a set below every range runs as
// stock with one warning line per component. Only a cold cache reaches the npm registry (in
// `before`, through install.cjs); the tests themselves run offline.
const assert = require("node:assert/strict");
const { spawnSync } = require("node:child_process");
const fs = require("node:fs");
const path = require("node:path");
const { ROOT, runApp, lastJson } = require("../../test/support/run-app.cjs");
const { HOST_SETS, OUTSIDE, OTHER_NODES } = require("./host-sets.cjs");
const { ensureInstalled, ensureNode } = require("./install.cjs");

const COMPONENTS = ["serde", "memory", "tasks", "tools"];
const DEMO = ["12", "6"]; // history size, supersteps: several checkpoints per run, still quick

/** The identity apps, copied next to each set's node_modules so they resolve that set's host. */
const APP_DIRS = { agent: "test/fixtures/agent", memory: "test/memory/apps", tasks: "test/tasks/apps", tools: "test/tools/apps" };
/** The savers' conformance specs, run by the set's own vitest on the set's own checkpoint package. */
const COMPAT_FILES = ["memory-saver.spec.mjs", "sqlite-saver.spec.mjs", "native-savers.mjs", "vitest.config.mjs"];

function prepare(set) {
  const apps = path.join(set.dir, "apps");
  for (const [name, from] of Object.entries(APP_DIRS)) fs.cpSync(path.join(ROOT, from), path.join(apps, name), { recursive: true });
  const compat = path.join(set.dir, "compat");
  fs.mkdirSync(compat, { recursive: true });
  for (const file of COMPAT_FILES) fs.copyFileSync(path.join(ROOT, "compat", file), path.join(compat, file));
  // native-savers.mjs reaches our build as ../dist.
  const dist = path.join(set.dir, "dist");
  if (!fs.existsSync(dist)) fs.symlinkSync(path.join(ROOT, "dist"), dist, "dir");
  return apps;
}

function run(set, app, options = {}) {
  const result = runApp(path.join(set.apps, app), { cwd: set.dir, ...options });
  assert.equal(result.code, 0, `${app} failed on ${set.id}:\n${result.stderr}`);
  return { ...lastJson(result.stdout), stderr: result.stderr };
}

const PRELOAD = { cjs: "require", esm: "import" };
const APP = { cjs: "agent/app.cjs", esm: "agent/app.mjs" };
const GRAPH_APP = { cjs: "memory/graph-app.cjs", esm: "memory/graph-app.mjs" };
const TASKS_APP = { cjs: "tasks/graph-app.cjs", esm: "tasks/graph-app.mjs" };
const TOOLS_APP = { cjs: "tools/tool-app.cjs", esm: "tools/tool-app.mjs" };

function sqliteFile(set, name) {
  const dir = fs.mkdtempSync(path.join(set.dir, "tmp-"));
  return path.join(dir, `${name}.sqlite`);
}

describe("host-version matrix", function () {
  this.timeout(600000);
  const sets = [];
  let outside;

  before(function () {
    // Setup, not test: the registry is reached only for a set not cached yet.
    for (const set of ensureInstalled([...HOST_SETS, OUTSIDE])) {
      const entry = { ...set, apps: prepare(set) };
      if (set.id === OUTSIDE.id) outside = entry;
      // "latest" equal to a pinned set is the same test twice: run once.
      else if (!sets.some((known) => JSON.stringify(known.versions) === JSON.stringify(set.versions))) sets.push(entry);
    }
  });

  // The sets are known only after `before`: one dynamic block runs each.
  it("installs every host set (cached)", function () {
    assert.ok(sets.length >= 5, `sets: ${sets.map((set) => set.id)}`);
    for (const set of sets) assert.ok(fs.existsSync(path.join(set.dir, "node_modules", "@langchain", "langgraph")));
  });

  it("the test agent: identical with and without the shim, CJS and ESM, every component native, on every host set", function () {
    for (const set of sets) {
      const label = `${set.id} ${JSON.stringify(set.versions)}`;
      const stock = run(set, APP.cjs, { args: DEMO });
      assert.equal(run(set, APP.esm, { args: DEMO }).hash, stock.hash, `${label}: ESM build without the shim`);
      for (const system of ["cjs", "esm"]) {
        const shimmed = run(set, APP[system], { args: DEMO, preload: PRELOAD[system] });
        assert.equal(shimmed.hash, stock.hash, `${label} ${system}: results differ with the shim`);
        for (const name of COMPONENTS) {
          const component = shimmed.status.components[name];
          assert.equal(component.active, true, `${label} ${system}: ${name} is not native: ${component.reason}`);
          assert.match(component.reason, new RegExp(`\\(${system}\\)`));
        }
        // PregelLoop.putWrites is a copy of 1.5-1.7's body: 1.4.x keeps its own, and status says so.
        const putWrites = /^1\.4\./.test(set.versions.langgraph) ? /kept the host's \(its code differs\): .*PregelLoop\.putWrites/ : /JS-only: .*PregelLoop\.putWrites/;
        assert.match(shimmed.status.components.tasks.reason, putWrites, label);
        assert.equal(shimmed.stderr, "", `${label} ${system}: nothing is logged at the default level`);
      }
    }
  });

  it("graph apps (history, time travel, interrupts, forks) on MemorySaver and SqliteSaver: identical with and without the shim", function () {
    for (const set of sets) {
      for (const saver of ["memory", "sqlite"]) {
        const args = (name) => (saver === "sqlite" ? [saver, sqliteFile(set, name)] : [saver]);
        const stock = run(set, GRAPH_APP.cjs, { args: args("stock") });
        assert.equal(stock.native, false);
        for (const system of ["cjs", "esm"]) {
          const shimmed = run(set, GRAPH_APP[system], { args: args(system), preload: PRELOAD[system] });
          assert.equal(shimmed.native, true, `${set.id} ${saver} ${system}: ${shimmed.reason}`);
          assert.deepStrictEqual(shimmed.result, stock.result, `${set.id} ${saver} ${system}`);
        }
      }
    }
  });

  it("task-runner scenarios (Send fan-outs, interrupts, retries, errors, subgraphs) and ToolNode scenarios: identical with and without the shim", function () {
    for (const set of sets) {
      const tasksStock = run(set, TASKS_APP.cjs);
      const toolsStock = run(set, TOOLS_APP.cjs);
      assert.equal(tasksStock.nativeRunnerTicks, 0);
      for (const system of ["cjs", "esm"]) {
        const tasks = run(set, TASKS_APP[system], { preload: PRELOAD[system] });
        assert.ok(tasks.nativeRunnerTicks > 0, `${set.id} ${system}: the native runner did not run`);
        assert.deepStrictEqual(tasks.results, tasksStock.results, `${set.id} ${system}: task scenarios differ`);
        const tools = run(set, TOOLS_APP[system], { preload: PRELOAD[system] });
        assert.equal(tools.nativeToolNode, true, `${set.id} ${system}`);
        assert.deepStrictEqual(tools.results, toolsStock.results, `${set.id} ${system}: tool scenarios differ`);
      }
    }
  });

  it("the savers' conformance suite passes on the native MemorySaver and SqliteSaver, per checkpoint version", function () {
    const seen = new Set();
    for (const set of sets) {
      if (seen.has(set.versions.checkpoint)) continue;
      seen.add(set.versions.checkpoint);
      const vitest = path.join(set.dir, "node_modules", "vitest", "vitest.mjs");
      const result = spawnSync(process.execPath, [vitest, "run", "--config", path.join(set.dir, "compat", "vitest.config.mjs")], {
        cwd: set.dir,
        encoding: "utf8",
        env: { ...process.env, CI: "1", NO_COLOR: "1" },
      });
      const summary = (result.stdout.match(/^\s*Tests\s+.*$/m) ?? ["(no summary)"])[0].trim();
      assert.equal(result.status, 0, `checkpoint ${set.versions.checkpoint}: ${summary}\n${result.stdout.slice(-4000)}\n${result.stderr.slice(-2000)}`);
      assert.match(summary, /passed/);
      assert.doesNotMatch(summary, /failed/);
    }
    assert.ok(seen.size >= 3, `checkpoint versions: ${[...seen]}`);
  });

  for (const version of OTHER_NODES) {
    it(`Node ${version}: the test agent and the MemorySaver graph app identical with and without the shim, CJS and ESM`, function () {
      const node = ensureNode(version);
      const pinned = sets.find((set) => set.id === "pinned");
      const stock = run(pinned, APP.cjs, { args: DEMO, node });
      for (const system of ["cjs", "esm"]) {
        const shimmed = run(pinned, APP[system], { args: DEMO, node, preload: PRELOAD[system] });
        assert.equal(shimmed.status.node.version, version);
        // These Nodes have module.registerHooks: ES modules are hooked in-thread, no loader thread.
        if (system === "esm") assert.equal(shimmed.status.esm.mode, "in-thread", shimmed.status.esm.reason);
        assert.equal(shimmed.hash, stock.hash, `Node ${version} ${system}`);
        for (const name of COMPONENTS) assert.equal(shimmed.status.components[name].active, true, `${name}: ${shimmed.status.components[name].reason}`);
        assert.equal(shimmed.stderr, "");
      }
      // MemorySaver only: better-sqlite3 (under the stock SqliteSaver) has one build per Node ABI,
      // fetched from GitHub at install; the cached sets hold this Node's build alone.
      const graphStock = run(pinned, GRAPH_APP.cjs, { args: ["memory"], node });
      for (const system of ["cjs", "esm"]) {
        const graph = run(pinned, GRAPH_APP[system], { args: ["memory"], node, preload: PRELOAD[system] });
        assert.equal(graph.native, true, graph.reason);
        assert.deepStrictEqual(graph.result, graphStock.result, `Node ${version} ${system} graph app`);
      }
    });
  }

  it("below every supported range: runs as stock, with exactly one warning line per component", function () {
    const stock = run(outside, APP.cjs, { args: DEMO });
    for (const system of ["cjs", "esm"]) {
      const shimmed = run(outside, APP[system], { args: DEMO, preload: PRELOAD[system] });
      assert.equal(shimmed.hash, stock.hash);
      assert.deepEqual(shimmed.swappedSerializerMethods, []);
      const lines = shimmed.stderr.split("\n").filter(Boolean);
      assert.equal(lines.length, COMPONENTS.length, shimmed.stderr);
      const warnings = lines.map((line) => JSON.parse(line));
      assert.deepEqual(warnings.map((line) => line.component).sort(), [...COMPONENTS].sort());
      for (const line of warnings) {
        assert.equal(line.level, 40);
        assert.match(line.msg, /@langchain\/[a-z-]+@[\d.]+ is outside the supported range .*; upgrade @langchain\/[a-z-]+ to >= [\d.]+ or set LANGGRAPH_NATIVE_[A-Z]+=off to silence$/);
        assert.equal(shimmed.status.components[line.component].active, false);
      }
    }
  });
});
