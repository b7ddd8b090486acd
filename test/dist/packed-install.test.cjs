// The package as users get it: `npm pack` of the main package and of the linux-x64-gnu package,
// installed with the host packages into a fresh folder (offline, from the npm cache: see
// offline-install.cjs), no Rust step. There, CommonJS, ES-module and TypeScript apps run the same
// with and without the shim, the CLI works, the types check, and without the binary the app runs
// stock with one line saying what to do, until `npx langgraph-native build` restores it.
const assert = require("node:assert/strict");
const { execFileSync, spawnSync } = require("node:child_process");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const { ROOT } = require("../support/run-app.cjs");
const { installOffline } = require("./offline-install.cjs");

const PLATFORM = "linux-x64-gnu";
const PLATFORM_DIR = path.join(ROOT, "npm", PLATFORM);
const BINARY = `langgraph-native.${PLATFORM}.node`;
const HOST_PACKAGES = ["@langchain/langgraph", "@langchain/core", "@langchain/langgraph-checkpoint", "zod", "tsx", "typescript", "@types/node"];
const onThisPlatform = process.platform === "linux" && process.arch === "x64";

/** `npm pack` of `dir` into `into`; returns the tarball and the package.json inside it. */
function pack(dir, into) {
  const [{ filename }] = JSON.parse(execFileSync("npm", ["pack", "--json", "--ignore-scripts", "--pack-destination", into], { cwd: dir, encoding: "utf8" }));
  const file = path.join(into, filename);
  const manifest = JSON.parse(execFileSync("tar", ["-xOzf", file, "package/package.json"], { encoding: "utf8" }));
  return { file, manifest };
}

/** Runs `args` with node in `cwd`; the environment without the shim's variables. */
function run(cwd, args, env = {}) {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith("LANGGRAPH_NATIVE") && key !== "NODE_OPTIONS"));
  const result = spawnSync(args[0], args.slice(1), { cwd, encoding: "utf8", env: { ...clean, ...env }, timeout: 600000 });
  if (result.status !== 0) throw new Error(`${args.join(" ")} exited ${result.status}:\n${result.stderr}`);
  return result;
}

const APPS = {
  "CommonJS": { stock: ["node", "app.cjs"], shim: ["node", "--require", "langgraph-native/shim", "app.cjs"] },
  "ES-module": { stock: ["node", "app.mjs"], shim: ["node", "--import", "langgraph-native/shim/esm", "app.mjs"] },
  "TypeScript (tsx)": { stock: ["node", "--import", "tsx", "app.ts"], shim: ["node", "--import", "langgraph-native/shim/esm", "--import", "tsx", "app.ts"] },
};

(onThisPlatform ? describe : describe.skip)("dist: the packed package installed in a fresh folder", function () {
  this.timeout(600000);
  let work;
  let app;

  before(function () {
    assert.ok(fs.existsSync(path.join(PLATFORM_DIR, BINARY)), `npm/${PLATFORM}/${BINARY} is missing: run npm run build:platform (npm test does it first)`);
    work = fs.mkdtempSync(path.join(os.tmpdir(), "lgn-packed-"));
    const main = pack(ROOT, work);
    const platform = pack(PLATFORM_DIR, work);
    const otherPlatforms = fs.readdirSync(path.join(ROOT, "npm"))
      .filter((dir) => dir !== PLATFORM)
      .map((dir) => JSON.parse(fs.readFileSync(path.join(ROOT, "npm", dir, "package.json"), "utf8")));
    app = installOffline({ dir: path.join(work, "app"), projectRoot: ROOT, tarballs: [main, platform], hostPackages: HOST_PACKAGES, otherPlatforms });
    for (const file of fs.readdirSync(path.join(__dirname, "apps"))) fs.copyFileSync(path.join(__dirname, "apps", file), path.join(app, file));
  });

  after(function () {
    if (work) fs.rmSync(work, { recursive: true, force: true });
  });

  it("the tarball ships docs, license, sources and benches, and no source maps, Rust tests or binaries", function () {
    const installed = path.join(app, "node_modules", "langgraph-native");
    for (const file of ["README.md", "MIGRATION.md", "LICENSE", "native/Cargo.toml", "native/Cargo.lock", "native/src/lib.rs", "bench/support.cjs", "bench/ids.bench.cjs", "bench/e2e.bench.cjs"]) {
      assert.ok(fs.existsSync(path.join(installed, file)), file);
    }
    assert.match(fs.readFileSync(path.join(installed, "LICENSE"), "utf8"), /^MIT License/);
    const files = fs.readdirSync(installed, { recursive: true }).map(String);
    assert.deepEqual(files.filter((file) => file.endsWith(".map")), []);
    assert.deepEqual(files.filter((file) => /_tests\.rs$/.test(file)), []);
    assert.deepEqual(files.filter((file) => file.endsWith(".node")), []);
    assert.deepEqual(fs.readdirSync(path.join(app, "node_modules", `langgraph-native-${PLATFORM}`)).sort(), ["README.md", BINARY, "package.json"].sort());
  });

  for (const [name, commands] of Object.entries(APPS)) {
    it(`a ${name} app runs identically with and without the shim, 4/4 components native`, function () {
      const stock = JSON.parse(run(app, commands.stock).stdout);
      const shim = run(app, commands.shim);
      const native = JSON.parse(shim.stdout);
      assert.equal(stock.native, "0/4");
      assert.equal(native.native, "4/4");
      assert.deepEqual({ ...native, native: undefined }, { ...stock, native: undefined });
      assert.equal(shim.stderr, "");
    });
  }

  it("npx langgraph-native status --json finds the platform package's binary", function () {
    const status = JSON.parse(run(app, ["npx", "--offline", "langgraph-native", "status", "--json"]).stdout);
    assert.equal(status.addon.loaded, true);
    assert.equal(status.addon.path, path.join(app, "node_modules", `langgraph-native-${PLATFORM}`, BINARY));
    assert.deepEqual(Object.values(status.components).map((component) => component.active), [true, true, true, true]);
  });

  it("npx langgraph-native bench --list, and one short bench with its progress line and table", function () {
    const list = run(app, ["npx", "--offline", "langgraph-native", "bench", "--list"]).stdout;
    for (const bench of ["ids", "memory", "serde", "store", "tasks", "tools", "e2e"]) assert.match(list, new RegExp(`^${bench} `, "m"));
    // The fresh folder has no SqliteSaver package: the benches with SqliteSaver cases say so.
    assert.match(list, /^memory .*\(needs @langchain\/langgraph-checkpoint-sqlite: not installed\)$/m);
    assert.doesNotMatch(list, /^ids .*needs/m);
    const bench = run(app, ["npx", "--offline", "langgraph-native", "bench", "ids"]);
    assert.match(bench.stderr, /^\[1\/1\] ids: /m);
    assert.match(bench.stdout, /^function\s+input\s+host µs\s+native µs\s+speed-up$/m);
    assert.match(bench.stdout, /^XXH3\s+long \(3 KB\)\s+[\d.]+\s+[\d.]+\s+[\d.]+x$/m);
    assert.ok(fs.existsSync(path.join(app, "langgraph-native-bench", "ids.json")));
  });

  for (const [module, resolution] of [["node16", "node16"], ["nodenext", "nodenext"], ["esnext", "bundler"]]) {
    it(`the public types check under tsc --strict, skipLibCheck off, module ${module}/${resolution}`, function () {
      run(app, ["node_modules/.bin/tsc", "--strict", "--noEmit", "--skipLibCheck", "false", "--target", "es2022", "--module", module, "--moduleResolution", resolution, "types-check.ts"]);
    });
  }

  it("the linux-x64-gnu binary needs no glibc symbol newer than 2.17", function () {
    const symbols = execFileSync("objdump", ["-T", path.join(PLATFORM_DIR, BINARY)], { encoding: "utf8" });
    const versions = [...new Set(symbols.match(/GLIBC_\d+(\.\d+)*/g))];
    assert.ok(versions.length > 0);
    const newer = versions.filter((version) => {
      const [major, minor] = version.slice("GLIBC_".length).split(".").map(Number);
      return major > 2 || (major === 2 && minor > 17);
    });
    assert.deepEqual(newer, []);
  });

  it("without the binary the app runs stock with one line saying what to do; `npx langgraph-native build` restores it", function () {
    const stock = JSON.parse(run(app, APPS.CommonJS.stock).stdout);
    fs.rmSync(path.join(app, "node_modules", `langgraph-native-${PLATFORM}`, BINARY));
    const fallback = run(app, APPS.CommonJS.shim);
    assert.deepEqual(JSON.parse(fallback.stdout), stock);
    const lines = fallback.stderr.trim().split("\n");
    assert.equal(lines.length, 1, fallback.stderr);
    const { msg } = JSON.parse(lines[0]);
    assert.match(msg, new RegExp(`no langgraph-native binary for ${PLATFORM}`));
    assert.match(msg, /run `npx langgraph-native build`.*needs Rust/);
    assert.match(msg, /https:\/\/github\.com\/\S+\/issues/);

    if (spawnSync("cargo", ["--version"]).status !== 0) this.skip();
    // A target folder of its own inside the project's: kept between runs (the dependencies compile
    // once), and apart from napi's, whose build environment differs (each would rebuild the other's).
    const build = run(app, ["npx", "--offline", "langgraph-native", "build"], { CARGO_TARGET_DIR: path.join(ROOT, "native", "target", "source-build") });
    assert.match(build.stderr, /langgraph-native build: .*native\/langgraph-native\.node \(version [\d.]+\) built in \d+ s/);
    const restored = run(app, APPS.CommonJS.shim);
    assert.deepEqual(JSON.parse(restored.stdout), { ...stock, native: "4/4" });
    assert.equal(restored.stderr, "");
  });
});
