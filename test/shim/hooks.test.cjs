// The module hooks' decisions: which files the CommonJS hook reports, whether a --require preload
// faces an ES-module app, and which ES-module hook a process gets.
const assert = require("node:assert/strict");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const { spawnSync } = require("node:child_process");
const { findTarget } = require("../../dist/shim/require-hook");
const { mainRunsAsModule } = require("../../dist/shim/main-module");
const { chooseEsmHook } = require("../../dist/shim/hooks");
const { ROOT, SHIM_REQUIRE, childEnv } = require("../support/run-app.cjs");

describe("CommonJS hook: which loaded files are host targets", function () {
  const byPackage = new Map([
    ["@langchain/langgraph", { main: true, files: new Set(["dist/pregel/runner.cjs"]) }],
    ["plain", { main: false, files: new Set(["lib/a.js"]) }],
  ]);
  const mains = { "/app/node_modules/@langchain/langgraph": "/app/node_modules/@langchain/langgraph/dist/index.cjs" };
  const mainEntryOf = (pkg, baseDir) => mains[baseDir];

  it("names a package's main entry by the package, and its files by package/file", function () {
    assert.deepEqual(findTarget("/app/node_modules/@langchain/langgraph/dist/index.cjs", byPackage, mainEntryOf), {
      name: "@langchain/langgraph",
      baseDir: "/app/node_modules/@langchain/langgraph",
    });
    assert.deepEqual(findTarget("/app/node_modules/@langchain/langgraph/dist/pregel/runner.cjs", byPackage, mainEntryOf), {
      name: "@langchain/langgraph/dist/pregel/runner.cjs",
      baseDir: "/app/node_modules/@langchain/langgraph",
    });
    assert.deepEqual(findTarget("/app/node_modules/plain/lib/a.js", byPackage, mainEntryOf), { name: "plain/lib/a.js", baseDir: "/app/node_modules/plain" });
  });

  it("takes the innermost node_modules, as in pnpm's store", function () {
    const file = "/app/node_modules/.pnpm/@langchain+langgraph@1.7.3/node_modules/@langchain/langgraph/dist/pregel/runner.cjs";
    assert.equal(findTarget(file, byPackage, mainEntryOf).baseDir, "/app/node_modules/.pnpm/@langchain+langgraph@1.7.3/node_modules/@langchain/langgraph");
  });

  it("ignores other files of a hooked package, other packages and files outside node_modules", function () {
    for (const file of [
      "/app/node_modules/@langchain/langgraph/dist/pregel/loop.cjs",
      "/app/node_modules/@langchain/langgraph-checkpoint/dist/index.cjs",
      "/app/node_modules/plain/index.js",
      "/app/src/node_modules_like/@langchain/langgraph/dist/pregel/runner.cjs",
      "/app/node_modules/@langchain",
    ]) {
      assert.equal(findTarget(file, byPackage, mainEntryOf), undefined, file);
    }
  });
});

describe("--require preload: is the main script an ES module?", function () {
  let dir;
  before(function () {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "lgn-main-"));
    for (const [name, type] of [["typed-module", "module"], ["typed-cjs", "commonjs"], ["untyped", undefined]]) {
      fs.mkdirSync(path.join(dir, name));
      fs.writeFileSync(path.join(dir, name, "package.json"), JSON.stringify(type ? { type } : {}));
      for (const file of ["app.js", "app.mjs", "app.cjs"]) fs.writeFileSync(path.join(dir, name, file), "");
    }
  });
  after(function () {
    fs.rmSync(dir, { recursive: true, force: true });
  });
  const kind = (script, { flags = [], detection = false } = {}) => mainRunsAsModule(["node", script], flags, detection);

  it("reads the extension first, then the nearest package.json's type", function () {
    assert.equal(kind(path.join(dir, "untyped", "app.mjs")), true);
    assert.equal(kind(path.join(dir, "typed-module", "app.cjs")), false);
    assert.equal(kind(path.join(dir, "typed-module", "app.js")), true);
    assert.equal(kind(path.join(dir, "typed-cjs", "app.js")), false);
    assert.equal(kind(path.join(dir, "untyped", "app.js")), false);
    // Resolved as Node resolves a main script: without its extension too.
    assert.equal(kind(path.join(dir, "typed-module", "app")), true);
  });

  it("does not guess where Node decides by syntax, or cannot find the script", function () {
    assert.equal(kind(path.join(dir, "untyped", "app.js"), { detection: true }), undefined);
    assert.equal(kind(path.join(dir, "missing.js")), undefined);
  });

  it("follows --input-type and --experimental-default-type; no script is CommonJS", function () {
    assert.equal(mainRunsAsModule(["node"], [], false), false);
    assert.equal(mainRunsAsModule(["node"], ["--input-type=module"], false), true);
    assert.equal(kind(path.join(dir, "untyped", "app.js"), { flags: ["--experimental-default-type=module"] }), true);
  });
});

describe("ES-module hook choice", function () {
  const never = () => {
    throw new Error("not asked");
  };
  it("skips the ES-module hook for a CommonJS app started with --require", function () {
    const choice = chooseEsmHook("require", () => false, never);
    assert.equal(choice.mode, "off");
    assert.match(choice.reason, /--import langgraph-native\/shim\/esm/);
  });
  it("hooks in-thread where Node can, else with the off-thread loader", function () {
    assert.equal(chooseEsmHook("require", () => true, () => true).mode, "in-thread");
    assert.equal(chooseEsmHook("import", never, () => false).mode, "loader-thread");
    assert.equal(chooseEsmHook("import", never, () => false).mode, "loader-thread");
    assert.equal(chooseEsmHook("cli", never, () => true).mode, "in-thread");
  });

  it("never registers Node's off-thread loader from --require: an ES-module app is told to use --import", function () {
    for (const main of [true, undefined]) {
      const choice = chooseEsmHook("require", () => main, () => false);
      assert.equal(choice.mode, "off");
      assert.match(choice.reason, /start it with --import langgraph-native\/shim\/esm/);
      // One warning line when the main script is known to be an ES module.
      assert.equal(choice.warn, main === true);
    }
  });

  it("a CommonJS app that imports LangGraph's ES build under --require runs it unpatched, and status says so", function () {
    const app = path.join(os.tmpdir(), `lgn-dynamic-import-${process.pid}.cjs`);
    fs.writeFileSync(
      app,
      `const { createRequire } = require("node:module");
const req = createRequire(${JSON.stringify(path.join(ROOT, "package.json"))});
import(req.resolve("@langchain/langgraph-checkpoint").replace(/index\\.cjs$/, "index.js")).then(async (esm) => {
  const saver = new esm.MemorySaver();
  const config = { configurable: { thread_id: "t", checkpoint_ns: "" } };
  const checkpoint = { v: 4, id: "1ef", ts: new Date(0).toISOString(), channel_values: { a: 1 }, channel_versions: { a: 1 }, versions_seen: {} };
  await saver.put(config, checkpoint, { source: "input", step: 0, parents: {} }, { a: 1 });
  const tuple = await saver.getTuple(config);
  const status = require(${JSON.stringify(path.join(ROOT, "dist", "index.js"))}).status();
  console.log(JSON.stringify({ values: tuple.checkpoint.channel_values, esm: status.esm, memory: status.components.memory.reason }));
});
`,
    );
    try {
      const result = spawnSync(process.execPath, ["--require", SHIM_REQUIRE, app], { cwd: ROOT, env: childEnv(), encoding: "utf8" });
      assert.equal(result.status, 0, result.stderr);
      const out = JSON.parse(result.stdout.trim().split("\n").pop());
      assert.deepEqual(out.values, { a: 1 });
      assert.doesNotMatch(out.memory, /\(esm\)/);
      assert.equal(out.esm.mode, "off");
    } finally {
      fs.rmSync(app, { force: true });
    }
  });
});
