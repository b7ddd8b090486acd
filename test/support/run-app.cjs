// Runs a real LangGraph app in a child process, with or without the shim preloaded, and returns
// what it printed. Tests compare the results of such runs; nothing is mocked.
const { spawnSync } = require("node:child_process");
const path = require("node:path");

const ROOT = path.resolve(__dirname, "..", "..");
const SHIM_REQUIRE = path.join(ROOT, "dist", "shim", "require.js");
const SHIM_IMPORT = path.join(ROOT, "dist", "shim", "esm.js");

/** Environment of a child: the parent's, minus every LANGGRAPH_NATIVE_* knob, plus `env`. */
function childEnv(env = {}) {
  const clean = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!key.startsWith("LANGGRAPH_NATIVE")) clean[key] = value;
  }
  return { ...clean, ...env };
}

/**
 * @param {string} appFile absolute path of the app (.cjs or .mjs)
 * @param {{ preload?: "require" | "import" | "none", env?: Record<string,string>, args?: string[], cwd?: string, node?: string }} options
 *   `node`: the Node binary to run (default: this one)
 */
function runApp(appFile, options = {}) {
  const preload = options.preload ?? "none";
  const nodeArgs = [];
  if (preload === "require") nodeArgs.push("--require", SHIM_REQUIRE);
  if (preload === "import") nodeArgs.push("--import", require("node:url").pathToFileURL(SHIM_IMPORT).href);
  const result = spawnSync(options.node ?? process.execPath, [...nodeArgs, appFile, ...(options.args ?? [])], {
    cwd: options.cwd ?? ROOT,
    env: childEnv(options.env),
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  return { code: result.status, signal: result.signal, stdout: result.stdout, stderr: result.stderr };
}

/** The last line of stdout parsed as JSON: apps print their result object last. */
function lastJson(stdout) {
  const lines = stdout.trim().split("\n");
  return JSON.parse(lines[lines.length - 1]);
}

module.exports = { ROOT, SHIM_REQUIRE, SHIM_IMPORT, runApp, lastJson, childEnv };
