// `langgraph-native bench [--list] [name [args]]`: runs the side-by-side benchmarks shipped in
// bench/, each in its own process, with a progress line before each; the tables are the benches'.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const BENCH_DIR = path.resolve(__dirname, "..", "..", "bench");

// Benchmarks run only by name: the end-to-end suite takes minutes, not seconds.
// postgres needs a server (a URL, or scripts/with-postgres.sh in a checkout).
const ONLY_BY_NAME = new Set(["e2e", "postgres"]);

/** Former bench names, still accepted: issues and notes cite them. */
const FORMER_NAMES = new Map([["serializer", "serde"]]);

/** The bench a name asks for: its current name for a former one. */
export function currentBenchName(name: string): string {
  return FORMER_NAMES.get(name) ?? name;
}

/** The host packages every bench loads, and those some load besides (their SqliteSaver cases). */
const HOST_PACKAGES = ["@langchain/langgraph", "@langchain/core"];
const EXTRA_PACKAGES: Readonly<Record<string, string[]>> = {
  memory: ["@langchain/langgraph-checkpoint-sqlite"],
  e2e: ["@langchain/langgraph-checkpoint-sqlite"],
  postgres: ["@langchain/langgraph-checkpoint-sqlite", "@langchain/langgraph-checkpoint-postgres", "pg"],
};

/** Packages `bench` needs that do not resolve from bench/ (as its process would resolve them). */
function missingPackages(bench: Benchmark): string[] {
  return [...HOST_PACKAGES, ...(EXTRA_PACKAGES[bench.name] ?? [])].filter((name) => {
    try {
      require.resolve(`${name}/package.json`, { paths: [BENCH_DIR] });
      return false;
    } catch {
      return true;
    }
  });
}

interface Benchmark {
  name: string;
  file: string;
  /** The first line of the file's header comment. */
  summary: string;
}

function benchmarks(): Benchmark[] {
  return fs
    .readdirSync(BENCH_DIR)
    .filter((file) => file.endsWith(".bench.cjs"))
    .sort()
    .map((file) => {
      const firstLine = fs.readFileSync(path.join(BENCH_DIR, file), "utf8").split("\n", 1)[0];
      return { name: file.slice(0, -".bench.cjs".length), file, summary: firstLine.replace(/^\/\/\s*/, "") };
    });
}

/** Inside an installed package bench/ may be read-only and is not the user's: results go to the cwd. */
function resultsDir(): string | undefined {
  return BENCH_DIR.split(path.sep).includes("node_modules") ? path.join(process.cwd(), "langgraph-native-bench") : undefined;
}

export function benchCommand(args: string[], write: (text: string) => void = (text) => process.stdout.write(text)): number {
  const all = benchmarks();
  if (args[0] === "--list") {
    const width = Math.max(...all.map((bench) => bench.name.length));
    for (const bench of all) {
      const missing = missingPackages(bench);
      const notes = [ONLY_BY_NAME.has(bench.name) ? "runs only by name" : "", missing.length > 0 ? `needs ${missing.join(", ")}: not installed` : ""];
      const note = notes.filter(Boolean).join("; ");
      write(`${bench.name.padEnd(width)}  ${bench.summary}${note ? ` (${note})` : ""}\n`);
    }
    return 0;
  }
  const [asked, ...benchArgs] = args;
  const wanted = asked === undefined ? undefined : currentBenchName(asked);
  const selected = wanted ? all.filter((bench) => bench.name === wanted) : all.filter((bench) => !ONLY_BY_NAME.has(bench.name));
  if (selected.length === 0) {
    process.stderr.write(`no benchmark named ${JSON.stringify(wanted)}; have: ${all.map((bench) => bench.name).join(", ")}\n`);
    return 2;
  }
  const results = resultsDir();
  for (const [index, bench] of selected.entries()) {
    const missing = missingPackages(bench);
    if (missing.length > 0) {
      process.stderr.write(`[${index + 1}/${selected.length}] ${bench.name}: skipped, it needs ${missing.join(", ")} (npm install it to run this bench)\n`);
      if (wanted) return 2;
      continue;
    }
    process.stderr.write(`[${index + 1}/${selected.length}] ${bench.name}: ${bench.summary}\n`);
    const env = results ? { ...process.env, LANGGRAPH_NATIVE_BENCH_RESULTS: results, BENCH_E2E_OUT: process.env.BENCH_E2E_OUT ?? results } : process.env;
    const run = spawnSync(process.execPath, ["--expose-gc", path.join(BENCH_DIR, bench.file), ...benchArgs], { stdio: "inherit", env });
    if (run.status !== 0) return run.status ?? 1;
  }
  return 0;
}
