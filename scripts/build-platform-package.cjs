#!/usr/bin/env node
// Builds the linux-x64-gnu platform package's binary (npm/linux-x64-gnu/) the way the release
// does: against glibc 2.17 with cargo-zigbuild, so it loads on every glibc Linux since 2014
// (a plain cargo build links against this machine's newer glibc). zig and cargo-zigbuild come
// from PyPI into .tools/ the first time, unless both are already on PATH.
// The other platforms' binaries are built by .github/workflows/release.yml.
const { spawnSync } = require("node:child_process");
const fs = require("node:fs");
const path = require("node:path");

const ROOT = path.resolve(__dirname, "..");
const TOOLS = path.join(ROOT, ".tools", "pypi");
const TOOLCHAIN = ["ziglang==0.15.2", "cargo-zigbuild==0.20.1"];
const OUT_DIR = path.join(ROOT, "npm", "linux-x64-gnu");

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { stdio: "inherit", ...options });
  if (result.status !== 0) {
    console.error(`build-platform-package: ${command} ${args.join(" ")} failed (${result.error?.message ?? `exit ${result.status}`})`);
    process.exit(result.status || 1);
  }
}

function onPath(command, args) {
  const result = spawnSync(command, args, { stdio: "ignore" });
  return result.error === undefined && result.status === 0;
}

if (process.platform !== "linux" || process.arch !== "x64") {
  console.log(`build-platform-package: linux-x64 only (this is ${process.platform}-${process.arch}); the release workflow builds the others`);
  process.exit(0);
}

let PATH = process.env.PATH;
if (!(onPath("zig", ["version"]) && onPath("cargo-zigbuild", ["--help"]))) {
  if (!fs.existsSync(path.join(TOOLS, "bin", "cargo-zigbuild"))) {
    console.log(`build-platform-package: installing ${TOOLCHAIN.join(", ")} into .tools/ (once)`);
    run("python3", ["-m", "pip", "install", "--quiet", "--disable-pip-version-check", "--target", TOOLS, ...TOOLCHAIN]);
  }
  PATH = [path.join(TOOLS, "bin"), path.join(TOOLS, "ziglang"), PATH].join(path.delimiter);
}

const napi = path.join(ROOT, "node_modules", ".bin", "napi");
run(
  napi,
  ["build", "--release", "--cross-compile", "--target", "x86_64-unknown-linux-gnu.2.17", "--platform", "--no-js",
    "--manifest-path", "native/Cargo.toml", "--package-json-path", "package.json", "--output-dir", OUT_DIR],
  { cwd: ROOT, env: { ...process.env, PATH } },
);
// napi also writes type definitions; the platform package ships the binary alone.
fs.rmSync(path.join(OUT_DIR, "index.d.ts"), { force: true });
console.log(`build-platform-package: ${path.relative(ROOT, path.join(OUT_DIR, "langgraph-native.linux-x64-gnu.node"))}`);
