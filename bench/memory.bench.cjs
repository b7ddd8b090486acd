// Checkpoint savers, stock vs native, in one process: put, putWrites, getTuple (latest and by id)
// and list(limit 10) at 1, 10, 100 and 1,000 100-message checkpoints in a thread; memory after
// 1,000 checkpoints (a child process per saver, so one saver's garbage never counts for another);
// the maximum event-loop delay during 200 back-to-back awaited puts to a file.
// Run: npm run bench:memory   (writes bench/results/memory.json)
const fs = require("node:fs");
const path = require("node:path");
const { spawnSync } = require("node:child_process");
const { monitorEventLoopDelay } = require("node:perf_hooks");
const fixtures = require("./memory-fixtures.cjs");

const SIZES = [1, 10, 100, 1000];
const TARGETS = { read: 10, sqlitePut: 3, loopDelayMs: 5, memoryShare: 0.25 };

/** Median milliseconds of `fn` over at least `min` runs and about `budgetMs` of work. */
async function median(fn, { min = 5, max = 50, budgetMs = 250 } = {}) {
  const samples = [];
  const started = performance.now();
  while (samples.length < min || (samples.length < max && performance.now() - started < budgetMs)) {
    const t = performance.now();
    await fn();
    samples.push(performance.now() - t);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)];
}

async function collect(iterable) {
  const out = [];
  for await (const item of iterable) out.push(item);
  return out;
}

/** Times every operation on one saver at each thread size. */
async function timeOperations(saver, label) {
  const thread = new fixtures.ChatThread(saver, `bench-${label}`);
  const rows = {};
  for (const size of SIZES) {
    await thread.growTo(size);
    const latest = { configurable: { thread_id: thread.threadId } };
    const middleId = thread.ids[Math.floor(size / 2)];
    const byId = { configurable: { thread_id: thread.threadId, checkpoint_ns: "", checkpoint_id: middleId } };
    rows[size] = {
      put: await median(() => thread.put(), { min: 5, max: 20 }),
      putWrites: await median(() => thread.putWrites()),
      getTupleLatest: await median(() => saver.getTuple(latest)),
      getTupleById: await median(() => saver.getTuple(byId)),
      list10: await median(() => collect(saver.list(latest, { limit: 10 }))),
    };
  }
  return rows;
}

/** Child process: fills one saver with 1,000 checkpoints and reports the growth of the process. */
async function memoryChild(kind) {
  const saver = kind === "native" ? new fixtures.NativeMemorySaver() : new fixtures.MemorySaver();
  const thread = new fixtures.ChatThread(saver, "memory");
  await thread.growTo(1);
  global.gc();
  const before = process.memoryUsage();
  await thread.growTo(1001);
  global.gc();
  const after = process.memoryUsage();
  const mb = (key) => (after[key] - before[key]) / 1e6;
  process.stdout.write(JSON.stringify({ rssMB: mb("rss"), heapUsedMB: mb("heapUsed"), externalMB: mb("external") }));
  if (!saver) throw new Error("unreachable: keeps the saver alive until measured");
}

function measureMemory(kind) {
  const result = spawnSync(process.execPath, ["--expose-gc", __filename, "--memory-child", kind], { encoding: "utf8" });
  if (result.status !== 0) throw new Error(`memory child failed: ${result.stderr}`);
  return JSON.parse(result.stdout);
}

/** Maximum event-loop delay (ms) while awaiting 200 puts, one after another, to a fresh file. */
async function eventLoopDelay(Saver, label) {
  const saver = Saver.fromConnString(fixtures.tempDatabase(`loop-${label}`));
  const thread = new fixtures.ChatThread(saver, "loop");
  await thread.growTo(1);
  const histogram = monitorEventLoopDelay({ resolution: 1 });
  histogram.enable();
  await thread.growTo(201);
  histogram.disable();
  fixtures.closeNative(saver);
  return { maxMs: histogram.max / 1e6, p99Ms: histogram.percentile(99) / 1e6, meanMs: histogram.mean / 1e6 };
}

const fmt = (ms) => (ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms.toFixed(3));
const ratio = (stock, native) => `${(stock / native).toFixed(1)}x`;

function table(headers, rows) {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((row) => String(row[i]).length)));
  const line = (cells) => cells.map((cell, i) => String(cell).padEnd(widths[i])).join("  ");
  return [line(headers), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}

async function main() {
  const savers = fixtures.makeSavers();
  const timings = {};
  for (const [name, pair] of Object.entries(savers)) {
    timings[name] = { stock: await timeOperations(pair.stock, `${name}-stock`), native: await timeOperations(pair.native, `${name}-native`) };
    fixtures.closeNative(pair.native);
  }

  const rows = [];
  for (const [name, { stock, native }] of Object.entries(timings)) {
    for (const op of ["put", "putWrites", "getTupleLatest", "getTupleById", "list10"]) {
      for (const size of SIZES) {
        const target =
          name === "MemorySaver" && /getTuple|list/.test(op) ? `>= ${TARGETS.read}x` : name === "SqliteSaver" && op === "put" ? `>= ${TARGETS.sqlitePut}x` : "";
        const met = target ? (stock[size][op] / native[size][op] >= parseFloat(target.slice(3)) ? "met" : "NOT met") : "";
        rows.push([name, op, size, fmt(stock[size][op]), fmt(native[size][op]), ratio(stock[size][op], native[size][op]), target, met]);
      }
    }
  }

  const memory = { stock: measureMemory("stock"), native: measureMemory("native") };
  const loop = { stock: await eventLoopDelay(fixtures.SqliteSaver, "stock"), native: await eventLoopDelay(fixtures.NativeSqliteSaver, "native") };

  console.log(`Checkpoint savers, 100-message checkpoints (median ms per call; ratio = stock / native)\n`);
  console.log(table(["saver", "operation", "checkpoints", "stock ms", "native ms", "ratio", "target", ""], rows));
  console.log(`\nMemory after 1,000 checkpoints (MemorySaver, growth of a fresh process; target native <= ${TARGETS.memoryShare * 100}% of stock)\n`);
  const share = (key) => `${((memory.native[key] / memory.stock[key]) * 100).toFixed(0)}%`;
  console.log(
    table(
      ["measure", "stock MB", "native MB", "native/stock", "target"],
      [
        ["RSS", memory.stock.rssMB.toFixed(1), memory.native.rssMB.toFixed(1), share("rssMB"), memory.native.rssMB <= memory.stock.rssMB * TARGETS.memoryShare ? "met" : "NOT met"],
        ["V8 heap used", memory.stock.heapUsedMB.toFixed(1), memory.native.heapUsedMB.toFixed(1), "", ""],
        ["external (ArrayBuffers)", memory.stock.externalMB.toFixed(1), memory.native.externalMB.toFixed(1), "", ""],
      ],
    ),
  );
  console.log(`\nEvent-loop delay during 200 back-to-back awaited SqliteSaver puts to a file (target native max <= ${TARGETS.loopDelayMs} ms)\n`);
  console.log(
    table(
      ["saver", "max ms", "p99 ms", "mean ms", "target"],
      [
        ["stock", fmt(loop.stock.maxMs), fmt(loop.stock.p99Ms), fmt(loop.stock.meanMs), ""],
        ["native", fmt(loop.native.maxMs), fmt(loop.native.p99Ms), fmt(loop.native.meanMs), loop.native.maxMs <= TARGETS.loopDelayMs ? "met" : "NOT met"],
      ],
    ),
  );

  const out = path.join(__dirname, "results", "memory.json");
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, JSON.stringify({ node: process.version, cpus: require("node:os").cpus().length, timings, memory, eventLoopDelay: loop, targets: TARGETS }, null, 2));
  console.log(`\nwrote ${path.relative(process.cwd(), out)}`);
}

if (process.argv[2] === "--memory-child") memoryChild(process.argv[3]);
else
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
