// End-to-end suite (`npm run bench -- e2e [--quick] [--profile] [--only=a,b]`): real LangGraph graphs in the
// shapes and sizes of langgraphjs's internal/bench (sequential 10/1,000, react agent 10x/100x,
// first-event latency, compilation, large state) plus large state as real messages, a 200-channel
// state, a Send fan-out of 1,000 and the react agent with a zero-latency model; each with no
// checkpointer, MemorySaver and SqliteSaver. Every case runs in fresh processes, stock and shim
// alternated (ABBA), 3-4 rounds per case (env BENCH_E2E_ROUNDS overrides; --quick: 1 round, small
// sizes);
// medians per side, ratio stock/shim, targets of issue 13. Start-up is timed from spawn to
// "LangGraph loaded" over BENCH_E2E_STARTUP_RUNS (7) alternated runs. Outputs (ids and times
// normalized; stream chunks, final state, checkpoint history), recorded in each side's first
// round, must hash alike on both sides, else the suite fails and shows the first difference.
// Writes bench/results/e2e.json and e2e.svg. Full run: estimated ~10 min alone on 2 cores, up to
// ~14 min on a shared one (from single full-size processes: the stock checkpointed 1,000-node chain
// takes ~9 s a run plus ~20 s to read its history back, which is why outputs are read once a side).
const fs = require("node:fs");
const path = require("node:path");
const { printTable, writeResults } = require("./support.cjs");
const { cases, STARTUP } = require("./e2e/registry.cjs");
const { runCaseProcess, runStartupProcess } = require("./e2e/processes.cjs");
const { renderChart } = require("./e2e/chart.cjs");
const { Progress, elapsed } = require("./e2e/progress.cjs");
const { summarize, formatComparison } = require("./e2e/cpu-profile.cjs");

const args = process.argv.slice(2);
const quick = args.includes("--quick");
// --profile: no timing table; one stock and one shim process per selected case, CPU-profiled.
const profiling = args.includes("--profile");
const only = args.find((arg) => arg.startsWith("--only="))?.slice("--only=".length).split(",").filter(Boolean);
const ROUNDS_OVERRIDE = process.env.BENCH_E2E_ROUNDS ? Number(process.env.BENCH_E2E_ROUNDS) : undefined;
const STARTUP_RUNS = Number(process.env.BENCH_E2E_STARTUP_RUNS ?? (quick ? 2 : 7));
// BENCH_E2E_OUT: where e2e.json and e2e.svg go (the suite's own test writes to a temp dir).
const RESULTS = process.env.BENCH_E2E_OUT ?? path.join(__dirname, "results");

const selected = (entry) => !only || only.some((part) => entry.id.includes(part));
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
/** Round r runs stock first when r is even, shim first when odd: drift falls on both alike. */
const order = (round) => (round % 2 === 0 ? ["stock", "shim"] : ["shim", "stock"]);

async function measureCase(entry, progress, label) {
  const rounds = ROUNDS_OVERRIDE ?? entry.rounds;
  const sides = { stock: { processMediansMs: [], timesMs: [], warnings: 0, hashes: new Set(), native: new Set() }, shim: null };
  sides.shim = { processMediansMs: [], timesMs: [], warnings: 0, hashes: new Set(), native: new Set() };
  for (let round = 0; round < rounds; round++) {
    for (const side of order(round)) {
      progress.update(`${label} ${entry.id} · round ${round + 1}/${rounds} · ${side}`);
      // The first round of each side records the output; later rounds only time the runs.
      const result = await runCaseProcess(entry, side, { record: round === 0 });
      const s = sides[side];
      s.processMediansMs.push(median(result.timesMs));
      s.timesMs.push(...result.timesMs);
      s.warnings += result.warnings;
      if (result.hash) s.hashes.add(result.hash);
      for (const name of result.native) s.native.add(name);
    }
  }
  if (sides.stock.native.size > 0) throw new Error(`${entry.id}: the stock process ran native components (${[...sides.stock.native]})`);
  if (sides.shim.native.size === 0) throw new Error(`${entry.id}: the shim process ran no native component`);
  const hashes = new Set([...sides.stock.hashes, ...sides.shim.hashes]);
  if (sides.stock.hashes.size === 0 || sides.shim.hashes.size === 0) throw new Error(`${entry.id}: no output recorded on one side`);
  const summary = (s) => ({ medianMs: median(s.processMediansMs), processMediansMs: s.processMediansMs, timesMs: s.timesMs, warnings: s.warnings, hashes: [...s.hashes], native: [...s.native] });
  const stock = summary(sides.stock);
  const shim = summary(sides.shim);
  const ratio = stock.medianMs / shim.medianMs;
  const row = { ...entry, rounds, stock, shim, ratio, met: ratio >= entry.target, same: hashes.size === 1 };
  if (!row.same) row.difference = await explainDifference(entry, progress, label);
  return row;
}

/** Runs each side once more, keeping the normalized output, and finds the first part that differs. */
async function explainDifference(entry, progress, label) {
  const dir = path.join(RESULTS, "e2e-diff");
  fs.mkdirSync(dir, { recursive: true });
  const files = {};
  for (const side of ["stock", "shim"]) {
    progress.update(`${label} ${entry.id} · outputs differ: dumping ${side}`);
    files[side] = path.join(dir, `${entry.id.replace(/[^\w.-]+/g, "_")}.${side}.txt`);
    await runCaseProcess(entry, side, { dump: files[side] });
  }
  const stockParts = fs.readFileSync(files.stock, "utf8").split("\n");
  const shimParts = fs.readFileSync(files.shim, "utf8").split("\n");
  const index = stockParts.findIndex((part, i) => part !== shimParts[i]);
  if (index < 0 && stockParts.length === shimParts.length) return { note: "outputs differ between processes of the same side (nondeterministic)", files };
  const at = [...(stockParts[index] ?? "")].findIndex((c, i) => c !== (shimParts[index] ?? "")[i]);
  const excerpt = (text) => (text ?? "(missing)").slice(Math.max(0, at - 120), at + 200);
  return { part: index, char: at, stock: excerpt(stockParts[index]), shim: excerpt(shimParts[index]), files };
}

async function measureStartup(entry, progress, label) {
  const sides = { stock: [], shim: [] };
  const outputs = new Set();
  let warnings = { stock: 0, shim: 0 };
  await runStartupProcess(entry, "stock"); // warms the file cache; not counted
  for (let run = 0; run < STARTUP_RUNS; run++) {
    for (const side of order(run)) {
      progress.update(`${label} ${entry.id} · run ${run + 1}/${STARTUP_RUNS} · ${side}`);
      const result = await runStartupProcess(entry, side);
      sides[side].push(result.ms);
      outputs.add(JSON.stringify(result.output));
      warnings[side] += result.warnings;
    }
  }
  const stock = { medianMs: median(sides.stock), timesMs: sides.stock, warnings: warnings.stock };
  const shim = { medianMs: median(sides.shim), timesMs: sides.shim, warnings: warnings.shim };
  const addedMs = shim.medianMs - stock.medianMs;
  return { ...entry, stock, shim, ratio: stock.medianMs / shim.medianMs, addedMs, met: addedMs <= entry.maxAddedMs, same: outputs.size === 1 };
}

/**
 * One stock and one shim process of each case under V8's profiler (timed runs only; start-up cases
 * as whole processes), summarized by owner: where the time is and whose code it is. Profiles and
 * summaries go to <results>/e2e-profile/.
 */
async function profileCases(graphCases, startupCases, progress) {
  const dir = path.join(RESULTS, "e2e-profile");
  fs.mkdirSync(dir, { recursive: true });
  const texts = [];
  const entries = [...startupCases, ...graphCases];
  for (const [i, entry] of entries.entries()) {
    const files = {};
    const runsMs = {};
    for (const side of ["stock", "shim"]) {
      progress.update(`profile ${i + 1}/${entries.length} ${entry.id} · ${side}`);
      files[side] = path.join(dir, `${entry.id.replace(/[^\w.-]+/g, "_")}.${side}.cpuprofile`);
      if (entry.app) runsMs[side] = [(await runStartupProcess(entry, side, { profile: files[side] })).ms];
      else runsMs[side] = (await runCaseProcess(entry, side, { profile: files[side] })).timesMs;
    }
    const read = (side) => summarize(JSON.parse(fs.readFileSync(files[side], "utf8")));
    const text = formatComparison(entry.id, read("stock"), read("shim"), { runsMs });
    fs.writeFileSync(files.shim.replace(/\.shim\.cpuprofile$/, ".txt"), `${text}\n`);
    texts.push(text);
  }
  progress.done();
  console.log(texts.join("\n\n"));
  console.log(`\nprofiles and summaries: ${path.relative(process.cwd(), dir)}`);
}

async function main() {
  const graphCases = cases({ quick }).filter(selected);
  const startupCases = STARTUP.filter(selected);
  const total = startupCases.length + graphCases.length;
  if (total === 0) throw new Error(`--only=${only} matches no case`);
  const progress = new Progress();
  if (profiling) return profileCases(graphCases, startupCases, progress);
  const rows = [];
  const startup = [];
  let i = 0;
  for (const entry of startupCases) {
    startup.push(await measureStartup(entry, progress, `case ${++i}/${total}`).catch((error) => ({ ...entry, error: error.message })));
  }
  for (const entry of graphCases) {
    rows.push(await measureCase(entry, progress, `case ${++i}/${total}`).catch((error) => ({ ...entry, error: error.message })));
  }
  const elapsedMs = progress.elapsedMs();
  progress.done();
  report({ rows, startup, elapsedMs });
}

function report({ rows, startup, elapsedMs }) {
  const roundCounts = [...new Set(rows.map((row) => row.rounds).filter(Boolean))].sort();
  const roundsText = `${roundCounts.join("/") || 0} round(s)`;
  const failed = [...startup, ...rows].filter((row) => row.error);
  const ok = (row) => !row.error;
  const tableRows = [
    ...startup.filter(ok).map((row) => ({ ...row, name: row.id, native: row.shim, target: `+${row.maxAddedMs} ms max`, note: `${row.addedMs >= 0 ? "+" : ""}${row.addedMs.toFixed(1)} ms` })),
    ...rows.filter(ok).map((row) => ({ ...row, name: row.id, native: row.shim, target: `>= ${row.target.toFixed(1)}x` })),
  ];
  printTable(`End to end, stock vs shim (${quick ? "QUICK sizes, " : ""}${roundsText} of alternated processes, ${STARTUP_RUNS} start-up runs; node ${process.version})`, tableRows, {
    columns: [
      { header: "output", cell: (row) => (row.same ? "same" : "DIFFERS") },
      { header: "note", cell: (row) => row.note ?? "" },
    ],
  });
  const file = writeResults("e2e", { quick, roundsOverride: ROUNDS_OVERRIDE ?? null, startupRuns: STARTUP_RUNS, elapsedS: elapsedMs / 1000, startup, cases: rows }, RESULTS);
  const svg = path.join(RESULTS, "e2e.svg");
  fs.writeFileSync(
    svg,
    renderChart({
      title: `langgraph-native end to end: stock / shim${quick ? " (QUICK sizes: not the real figures)" : ""}`,
      subtitle: `LangGraph.js ${require("@langchain/langgraph/package.json").version}, node ${process.version}, ${roundsText} of alternated processes, medians, ${new Date().toISOString().slice(0, 10)}`,
      rows: rows.map((row) => ({ id: row.id, ratio: row.error ? NaN : row.ratio, target: row.target, met: row.met, same: row.same ?? true })),
      startup: startup.filter(ok),
    }),
  );
  const differing = [...startup, ...rows].filter((row) => ok(row) && !row.same);
  const missed = tableRows.filter((row) => !row.met);
  console.log(`\nelapsed ${elapsed(elapsedMs)}; results ${path.relative(process.cwd(), file)}; chart ${path.relative(process.cwd(), svg)}`);
  console.log(`targets met: ${tableRows.length - missed.length}/${tableRows.length}${missed.length ? `; NOT met: ${missed.map((row) => row.id).join(", ")}` : ""}`);
  console.log(differing.length === 0 ? `outputs identical stock vs shim: all ${tableRows.length} cases` : "");
  for (const row of differing) {
    console.error(`OUTPUT DIFFERS stock vs shim: ${row.id}`);
    if (row.difference) console.error(JSON.stringify(row.difference, null, 2));
  }
  for (const row of failed) console.error(`FAILED ${row.id}: ${row.error}`);
  if (differing.length > 0 || failed.length > 0) process.exitCode = 1;
}

main().catch((error) => {
  console.error(error?.stack ?? error);
  process.exitCode = 1;
});
