// Shared bench plumbing: starts the shim in this process, switches one swapped export between the
// stock class and ours (the host reads it at call time), times runs and prints ratio tables.
const fs = require("node:fs");
const path = require("node:path");
const { monitorEventLoopDelay, performance } = require("node:perf_hooks");

const ROOT = path.resolve(__dirname, "..");
const ORIGINAL = Symbol.for("langgraph-native.original");

function startShim() {
  const { start } = require(path.join(ROOT, "dist", "shim", "start.js"));
  return start("cli");
}

/** A switch between stock and native for `exports[key]`, which the shim must have swapped. */
function exportSwitch(exports, key) {
  const native = exports[key];
  const stock = native?.[ORIGINAL];
  if (!stock) throw new Error(`${key} was not swapped by the shim; is the component on?`);
  return {
    use(variant) {
      exports[key] = variant === "native" ? native : stock;
    },
  };
}

/** Median wall time (ms) of `iterations` runs after `warmup` runs; counts process warnings. */
async function measure(run, { iterations, warmup = 1 }) {
  let warnings = 0;
  const onWarning = () => warnings++;
  process.on("warning", onWarning);
  for (let i = 0; i < warmup; i++) await run();
  const times = [];
  for (let i = 0; i < iterations; i++) {
    const t0 = performance.now();
    await run();
    times.push(performance.now() - t0);
  }
  await new Promise((resolve) => setImmediate(resolve));
  process.off("warning", onWarning);
  times.sort((a, b) => a - b);
  return { medianMs: times[Math.floor(times.length / 2)], minMs: times[0], iterations, warnings };
}

/**
 * Times stock and native alternately (stock, native, stock, ...) so that JIT warm-up and the load
 * of a shared machine fall on both alike. `run(variant)` does one run; returns medians per variant.
 */
async function measurePair(run, { iterations, warmup = 1, iterationsOf = {} }) {
  let warnings = { stock: 0, native: 0 };
  let current = "stock";
  const onWarning = () => warnings[current]++;
  process.on("warning", onWarning);
  const times = { stock: [], native: [] };
  const wanted = { stock: iterationsOf.stock ?? iterations, native: iterationsOf.native ?? iterations };
  for (let i = 0; i < warmup; i++) {
    for (const variant of ["stock", "native"]) {
      current = variant;
      await run(variant);
    }
  }
  for (let i = 0; i < Math.max(wanted.stock, wanted.native); i++) {
    for (const variant of ["stock", "native"]) {
      if (i >= wanted[variant]) continue;
      current = variant;
      // Each timed run starts from a collected heap (`--expose-gc`, as `langgraph-native bench` runs
      // us), so one variant's garbage is not billed to the other.
      global.gc?.();
      const t0 = performance.now();
      await run(variant);
      times[variant].push(performance.now() - t0);
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
  process.off("warning", onWarning);
  const summary = (variant) => {
    const sorted = times[variant].sort((a, b) => a - b);
    return { medianMs: sorted[Math.floor(sorted.length / 2)], minMs: sorted[0], iterations: sorted.length, warnings: warnings[variant] };
  };
  return { stock: summary("stock"), native: summary("native") };
}

function fmt(ms) {
  return ms >= 100 ? ms.toFixed(0) : ms.toFixed(2);
}

/** `columns`: extra columns after the standard ones, each `{ header, cell(row) }`. */
function printTable(title, rows, { columns = [] } = {}) {
  const header = ["case", "stock ms", "native ms", "speed-up", "target", "met", "warnings s/n", ...columns.map((c) => c.header)];
  const body = rows.map((row) => [
    row.name,
    fmt(row.stock.medianMs),
    fmt(row.native.medianMs),
    `${(row.stock.medianMs / row.native.medianMs).toFixed(2)}x`,
    row.target ?? "",
    row.met === undefined ? "" : row.met ? "yes" : "NO",
    `${row.stock.warnings}/${row.native.warnings}`,
    ...columns.map((c) => String(c.cell(row) ?? "")),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((r) => r[i].length)));
  const line = (cells) => cells.map((c, i) => c.padEnd(widths[i])).join("  ");
  console.log(`\n${title}`);
  console.log(line(header));
  for (const row of body) console.log(line(row));
}

// LANGGRAPH_NATIVE_BENCH_RESULTS: set by `langgraph-native bench` when it runs from an installed package.
function writeResults(name, data, dir = process.env.LANGGRAPH_NATIVE_BENCH_RESULTS || path.join(__dirname, "results")) {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}.json`);
  fs.writeFileSync(file, `${JSON.stringify({ date: new Date().toISOString(), node: process.version, ...data }, null, 2)}\n`);
  return file;
}

/** The host's internal CJS module, by its file inside the package. */
function hostInternal(pkg, file) {
  const main = require.resolve(pkg);
  const root = main.slice(0, main.lastIndexOf(`${path.sep}dist${path.sep}`));
  return require(path.join(root, file));
}

/**
 * Median milliseconds per call of the stock and the native `fn`, sampled in alternating blocks of
 * `block` calls (the order flipping every round) for at least `min` rounds and about `budgetMs`
 * of work: both sides see the same machine and heap growth, so their ratio is what is compared.
 * Blocks rather than single calls: a call right after the other side's pays for that side's
 * garbage and cold caches (a native getTuple of a 100-message checkpoint takes 0.14 ms on its
 * own, 0.31 ms right after a stock one, 0.16 ms in blocks of 5), which no process running one
 * saver pays. A `fn` with a `prepare` method gets it called, untimed, before each timed call.
 */
async function pairedMedians(fns, { min = 3, max = 40, budgetMs = 600, block = 5 } = {}) {
  const samples = { stock: [], native: [] };
  const started = performance.now();
  for (let round = 0; round < min || (round < max && performance.now() - started < budgetMs); round++) {
    for (const side of round % 2 ? ["native", "stock"] : ["stock", "native"]) {
      for (let call = 0; call < block; call++) {
        fns[side].prepare?.();
        const t = performance.now();
        await fns[side]();
        samples[side].push(performance.now() - t);
      }
    }
  }
  return { stock: middle(samples.stock), native: middle(samples.native) };
}

const middle = (values) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)];

/**
 * The calling thread's nanoseconds on a core and waiting in the run queue for one, as Linux counts
 * them (`/proc/thread-self/schedstat`); undefined where there is no such file.
 */
function threadSchedule() {
  try {
    const [onCpu, waiting] = fs.readFileSync("/proc/thread-self/schedstat", "utf8").split(" ");
    return { onCpu: Number(onCpu), waiting: Number(waiting) };
  } catch {
    return undefined;
  }
}

/**
 * Runs `work()` under a 1 ms event-loop monitor and returns the histogram's max and p99 (ms), the
 * largest gap between 1 ms interval ticks (the histogram under-reports one long block, such as a
 * synchronous saver makes for a whole burst) and how long the work took. Where Linux reports it,
 * the largest gap is split into the main thread's time on a core (this process's code blocking the
 * loop) and its time runnable but waiting for a core (other processes on a busy machine).
 */
async function loopDelayDuring(work) {
  const histogram = monitorEventLoopDelay({ resolution: 1 });
  histogram.enable();
  let lastTick = performance.now();
  let lastSchedule = threadSchedule();
  let maxGapMs = 0;
  let maxGapSplit;
  const ticker = setInterval(() => {
    const now = performance.now();
    const schedule = lastSchedule && threadSchedule();
    if (now - lastTick > maxGapMs) {
      maxGapMs = now - lastTick;
      maxGapSplit = schedule && { onCpuMs: (schedule.onCpu - lastSchedule.onCpu) / 1e6, waitingMs: (schedule.waiting - lastSchedule.waiting) / 1e6 };
    }
    lastTick = now;
    lastSchedule = schedule;
  }, 1);
  const started = performance.now();
  await work();
  const elapsedMs = performance.now() - started;
  // A loop blocked until now has a timer overdue: let it fire so both measures record it.
  await new Promise((resolve) => setTimeout(resolve, 20));
  histogram.disable();
  clearInterval(ticker);
  return { maxMs: histogram.max / 1e6, p99Ms: histogram.percentile(99) / 1e6, maxGapMs, maxGapSplit, elapsedMs };
}

module.exports = { startShim, exportSwitch, measure, measurePair, printTable, writeResults, hostInternal, loopDelayDuring, middle, pairedMedians };
