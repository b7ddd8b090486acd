// Installs each host set into its own cached scratch folder (from the npm registry, once): the only
// step of the matrix that needs the network. A folder counts as installed when its stamp file
// records the request host-sets.cjs makes now; LANGGRAPH_NATIVE_MATRIX_REFRESH=<id> reinstalls one
// (e.g. "latest", resolved from the registry's dist-tags when installed). The tests only read them.
const { execFileSync } = require("node:child_process");
const fs = require("node:fs");
const path = require("node:path");
const { HOST_SETS, TOOLING, OUTSIDE } = require("./host-sets.cjs");

const ROOT = path.resolve(__dirname, "..", "..");
const CACHE = process.env.LANGGRAPH_NATIVE_MATRIX_CACHE ?? path.join(ROOT, ".cache", "matrix");
const STAMP = "installed.json";

const PACKAGES = {
  langgraph: "@langchain/langgraph",
  checkpoint: "@langchain/langgraph-checkpoint",
  sqlite: "@langchain/langgraph-checkpoint-sqlite",
  postgres: "@langchain/langgraph-checkpoint-postgres",
  core: "@langchain/core",
};

function folderOf(set) {
  return path.join(CACHE, set.id);
}

/** What a set asks npm for: its host packages and the tooling, as the stamp records it. */
function requestOf(set) {
  const dependencies = { ...TOOLING };
  for (const [key, name] of Object.entries(PACKAGES)) if (set[key] !== undefined) dependencies[name] = set[key];
  return dependencies;
}

/**
 * The versions installed in a set's folder, or undefined when it is not installed yet or was
 * installed for another request (host-sets.cjs changed since).
 */
function installedVersions(set) {
  try {
    const stamp = JSON.parse(fs.readFileSync(path.join(folderOf(set), STAMP), "utf8"));
    return JSON.stringify(stamp.request) === JSON.stringify(requestOf(set)) ? stamp.versions : undefined;
  } catch {
    return undefined;
  }
}

/**
 * better-sqlite3 downloads its prebuilt binary from GitHub in an install script: scripts are
 * skipped, and the repository's own build (same major, same Node ABI) is copied in instead.
 */
function provideSqliteBinary(dir) {
  const target = path.join(dir, "node_modules", "better-sqlite3");
  if (!fs.existsSync(target)) return;
  const source = path.join(path.dirname(require.resolve("better-sqlite3/package.json", { paths: [ROOT] })), "build");
  fs.cpSync(source, path.join(target, "build"), { recursive: true });
}

function install(set) {
  const dir = folderOf(set);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const dependencies = requestOf(set);
  fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: `matrix-${set.id}`, private: true, dependencies }, null, 2));
  execFileSync("npm", ["install", "--ignore-scripts", "--no-audit", "--no-fund", "--prefer-offline", "--loglevel=error"], {
    cwd: dir,
    stdio: "inherit",
  });
  provideSqliteBinary(dir);
  // The shim's own package, as the apps require it by name ("langgraph-native").
  fs.symlinkSync(ROOT, path.join(dir, "node_modules", "langgraph-native"), "dir");
  const versions = {};
  for (const [key, name] of Object.entries(PACKAGES)) {
    if (dependencies[name] === undefined) continue;
    versions[key] = JSON.parse(fs.readFileSync(path.join(dir, "node_modules", name, "package.json"), "utf8")).version;
  }
  fs.writeFileSync(path.join(dir, STAMP), JSON.stringify({ request: dependencies, versions }, null, 2));
  return versions;
}

/** Installs what is missing; returns every set with its folder and installed versions. */
function ensureInstalled(sets = [...HOST_SETS, OUTSIDE], log = (line) => process.stderr.write(`${line}\n`)) {
  return sets.map((set) => {
    let versions = installedVersions(set);
    if (versions === undefined || process.env.LANGGRAPH_NATIVE_MATRIX_REFRESH === set.id) {
      log(`matrix: installing host set ${set.id} into ${folderOf(set)}`);
      versions = install(set);
    }
    return { ...set, dir: folderOf(set), versions };
  });
}

module.exports = { CACHE, PACKAGES, ensureInstalled, folderOf };

if (require.main === module) {
  for (const set of ensureInstalled()) process.stdout.write(`${set.id}: ${JSON.stringify(set.versions)}\n`);
}

/**
 * A Node binary of another major, from the npm registry's node-<platform>-<arch> packages, kept
 * in the cache: returns the path of its `bin/node`.
 */
function ensureNode(version, log = (line) => process.stderr.write(`${line}\n`)) {
  const name = `node-${process.platform}-${process.arch}`;
  const dir = path.join(CACHE, "node", `${name}-${version}`);
  const binary = path.join(dir, "package", "bin", "node");
  if (fs.existsSync(binary)) return binary;
  log(`matrix: fetching ${name}@${version} into ${dir}`);
  fs.mkdirSync(dir, { recursive: true });
  const tarball = execFileSync("npm", ["pack", `${name}@${version}`, "--pack-destination", dir, "--loglevel=error"], { cwd: dir, encoding: "utf8" })
    .trim()
    .split("\n")
    .pop();
  execFileSync("tar", ["xzf", path.join(dir, tarball), "-C", dir]);
  fs.rmSync(path.join(dir, tarball));
  return binary;
}

module.exports.ensureNode = ensureNode;
