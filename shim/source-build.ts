// `langgraph-native build`: compiles the addon from the Rust sources shipped in the package, for a
// platform without a prebuilt binary. Needs cargo, and a C compiler for the bundled SQLite.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { loadAddon } from "./addon";
import { LOCAL_ADDON_PATH, platformName } from "./addon-location";

const PACKAGE_ROOT = path.resolve(__dirname, "..", "..");

/** The file cargo writes for the cdylib on each platform. */
function libraryFileName(platform: NodeJS.Platform = process.platform): string {
  if (platform === "win32") return "langgraph_native.dll";
  return platform === "darwin" ? "liblanggraph_native.dylib" : "liblanggraph_native.so";
}

export function buildFromSources(write: (line: string) => void = (line) => process.stderr.write(`${line}\n`)): number {
  const cargo = spawnSync("cargo", ["--version"], { encoding: "utf8" });
  if (cargo.error !== undefined || cargo.status !== 0) {
    write("langgraph-native build: cargo not found. Install Rust (https://rustup.rs) and a C compiler (SQLite is compiled from its bundled sources), then run this again.");
    return 1;
  }
  // A folder we choose and create is removed afterwards (hundreds of MB inside node_modules); one
  // named by CARGO_TARGET_DIR is the user's and is kept, so a second build reuses it.
  const targetDir = process.env.CARGO_TARGET_DIR ? path.resolve(process.env.CARGO_TARGET_DIR) : path.join(PACKAGE_ROOT, "native", "target");
  const createdTargetDir = !process.env.CARGO_TARGET_DIR && !fs.existsSync(targetDir);
  write(`langgraph-native build: compiling the addon for ${platformName()} with ${cargo.stdout.trim()} (a few minutes)`);
  const started = Date.now();
  const build = spawnSync("cargo", ["build", "--release", "--locked", "--manifest-path", path.join(PACKAGE_ROOT, "native", "Cargo.toml")], {
    stdio: ["ignore", "inherit", "inherit"],
    env: { ...process.env, CARGO_TARGET_DIR: targetDir },
  });
  if (build.status !== 0) {
    write(`langgraph-native build: cargo failed (${build.error?.message ?? `exit ${build.status}`}); the shim stays off`);
    return build.status ?? 1;
  }
  // Copied then renamed: a half-written file must never be the one the shim finds.
  const partial = `${LOCAL_ADDON_PATH}.${process.pid}.partial`;
  fs.copyFileSync(path.join(targetDir, "release", libraryFileName()), partial);
  fs.renameSync(partial, LOCAL_ADDON_PATH);
  if (createdTargetDir) fs.rmSync(targetDir, { recursive: true, force: true });
  const check = loadAddon(LOCAL_ADDON_PATH);
  if (!check.loaded) {
    fs.rmSync(LOCAL_ADDON_PATH, { force: true });
    write(`langgraph-native build: the built addon does not load (${check.error}); removed it, the shim stays off`);
    return 1;
  }
  write(`langgraph-native build: ${LOCAL_ADDON_PATH} (version ${check.version}) built in ${Math.round((Date.now() - started) / 1000)} s; the shim loads it from now on`);
  return 0;
}
