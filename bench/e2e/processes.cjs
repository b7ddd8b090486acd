// Child processes of the suite: one case in one process (child.cjs), stock or with the shim
// preloaded, and the start-up probe timed from spawn to its "LangGraph loaded" line.
const { spawn } = require("node:child_process");
const path = require("node:path");
const { pathToFileURL } = require("node:url");
const { performance } = require("node:perf_hooks");

const ROOT = path.resolve(__dirname, "..", "..");
const PRELOAD = {
  none: [],
  require: ["--require", path.join(ROOT, "dist", "shim", "require.js")],
  import: ["--import", pathToFileURL(path.join(ROOT, "dist", "shim", "esm.js")).href],
};

/** The parent's environment without LANGGRAPH_NATIVE_* knobs: both sides run with the defaults. */
function cleanEnv() {
  return Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith("LANGGRAPH_NATIVE")));
}

/** Runs node; resolves with its output, exit code and when (ms after spawn) `marker` was printed. */
function runNode(args, { marker } = {}) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, args, { cwd: ROOT, env: cleanEnv(), stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    let markerMs = null;
    child.stdout.setEncoding("utf8").on("data", (text) => {
      stdout += text;
      if (marker && markerMs === null && stdout.includes(marker)) markerMs = performance.now() - started;
    });
    child.stderr.setEncoding("utf8").on("data", (text) => (stderr += text));
    child.on("error", reject);
    child.on("close", (code, signal) => resolve({ code, signal, stdout, stderr, markerMs }));
  });
}

function lastJsonLine(stdout) {
  const lines = stdout.trim().split("\n");
  return JSON.parse(lines[lines.length - 1]);
}

function countWarnings(stderr) {
  return (stderr.match(/Warning:/g) ?? []).length;
}

function failure(what, result) {
  return new Error(`${what} exited with ${result.signal ?? result.code}:\n${result.stderr.trim().split("\n").slice(-15).join("\n")}`);
}

/** One case in one process; `side` is "stock" or "shim"; `record`: hash its output too. */
async function runCaseProcess(entry, side, { record = false, dump, profile } = {}) {
  const spec = { case: entry.case, params: entry.params, saver: entry.saver, warmup: entry.warmup, iterations: entry.iterations, record, dump, profile };
  const preload = side === "shim" ? PRELOAD.require : PRELOAD.none;
  const result = await runNode(["--expose-gc", ...preload, path.join(__dirname, "child.cjs"), JSON.stringify(spec)]);
  if (result.code !== 0) throw failure(`${entry.id} (${side})`, result);
  return { ...lastJsonLine(result.stdout), warnings: countWarnings(result.stderr) };
}

/**
 * One start-up probe; resolves with ms from spawn to "LangGraph loaded" and its exports. `profile`:
 * a CPU profile of the whole process (its main thread) is written to that file.
 */
async function runStartupProcess(entry, side, { profile } = {}) {
  const preload = side === "shim" ? PRELOAD[entry.preload] : PRELOAD.none;
  const profiler = profile ? ["--cpu-prof", `--cpu-prof-dir=${path.dirname(profile)}`, `--cpu-prof-name=${path.basename(profile)}`, "--cpu-prof-interval=200"] : [];
  const result = await runNode([...profiler, ...preload, path.join(__dirname, entry.app)], { marker: "LangGraph loaded" });
  if (result.code !== 0 || result.markerMs === null) throw failure(`${entry.id} (${side})`, result);
  return { ms: result.markerMs, output: lastJsonLine(result.stdout).exports, warnings: countWarnings(result.stderr) };
}

module.exports = { runCaseProcess, runStartupProcess };
