// Checkpoint savers, stock vs native, in one process: put, putWrites, getTuple (latest and by id)
// and list(limit 10) at 1, 10, 100 and 1,000 100-message checkpoints in a thread; memory after
// 1,000 checkpoints (a child process per saver, so one saver's garbage never counts for another);
// the maximum event-loop delay during 200 back-to-back awaited puts to a file (in a fresh process and after a warm-up).
//
// Serializers. The shim swaps two things a user sees together: the saver and JsonPlusSerializer
// (the serde patch replaces the class's prototype methods, so every saver's `this.serde` is the
// native one). The bench applies that serde patch in-process (fixtures.jsonPlusSerializers: the
// shim's own patch and self-check on this process's JsonPlusSerializer) and keeps a "stock"
// instance carrying the host's original methods. Timing modes:
//   "user view"      stock saver + stock serde  vs  native saver + native serde (what a user sees)
//   "native serde"   both savers on the native serializer (isolates the saver, realistic serde)
//   "stock serde"    both savers on the host's JsonPlusSerializer
//   "plain JSON"     both on a serde as cheap as JSON.stringify/parse (storage cost alone)
// BENCH_MODES="user view,native serde" picks some. Memory and event-loop children use the user view.
// Run: npm run bench:memory   (writes bench/results/memory.json)
const fs = require("node:fs");
const path = require("node:path");
const { spawnSync } = require("node:child_process");
const { monitorEventLoopDelay } = require("node:perf_hooks");
const fixtures = require("./memory-fixtures.cjs");
const { loopDelayDuring, middle, pairedMedians } = require("./support.cjs");

const SIZES = [1, 10, 100, 1000];
const TARGETS = { read: 10, sqlitePut: 3, loopDelayMs: 5, memoryShare: 0.25 };
const WRITES_PER_BATCH = 20;


/** Median milliseconds of one `fn` over 30 runs. */
async function medianMs(fn) {
  const samples = [];
  for (let i = 0; i < 30; i++) {
    const t = performance.now();
    await fn();
    samples.push(performance.now() - t);
  }
  return middle(samples);
}

async function collect(iterable) {
  const out = [];
  for await (const item of iterable) out.push(item);
  return out;
}

/** Times every operation on a stock and a native saver side by side, size by size, op by op. */
async function timePair(pair, label) {
  const threads = { stock: new fixtures.ChatThread(pair.stock, `${label}-stock`), native: new fixtures.ChatThread(pair.native, `${label}-native`) };
  const rows = { stock: {}, native: {} };
  for (const size of SIZES) {
    for (const thread of Object.values(threads)) await thread.growTo(size);
    for (const side of ["stock", "native"]) rows[side][size] = {};
    const ops = {
      // The saver's put alone: the app builds the checkpoint (untimed, before each call).
      put: (thread) => Object.assign(() => thread.put(), { prepare: () => thread.prepare() }),
      // Per call, over 20 calls (a superstep's tasks) and then the native MemorySaver's flush of
      // its buffered writes, so that the one crossing they share is counted here and not in a read.
      putWrites: (thread) => async () => {
        for (let i = 0; i < WRITES_PER_BATCH; i++) await thread.putWrites();
        thread.saver._flushWrites?.();
      },
      // As LangGraph's loop issues them: a superstep's putWrites started together, awaited at once.
      putWritesInFlight: (thread) => async () => {
        await Promise.all(Array.from({ length: WRITES_PER_BATCH }, () => thread.putWrites()));
        thread.saver._flushWrites?.();
      },
      getTupleLatest: (thread) => () => thread.saver.getTuple({ configurable: { thread_id: thread.threadId } }),
      getTupleById: (thread) => {
        const config = { configurable: { thread_id: thread.threadId, checkpoint_ns: "", checkpoint_id: thread.ids[Math.floor(size / 2)] } };
        return () => thread.saver.getTuple(config);
      },
      list10: (thread) => () => collect(thread.saver.list({ configurable: { thread_id: thread.threadId } }, { limit: 10 })),
    };
    for (const [op, make] of Object.entries(ops)) {
      const fns = { stock: make(threads.stock), native: make(threads.native) };
      // Puts grow the threads: few of them (10 to 20 a side), so each size stays near its nominal count.
      const medians = await pairedMedians(fns, op === "put" ? { min: 2, max: 4 } : undefined);
      for (const side of ["stock", "native"]) rows[side][size][op] = op.startsWith("putWrites") ? medians[side] / WRITES_PER_BATCH : medians[side];
    }
  }
  return rows;
}

/** Child process: fills one saver with 1,000 checkpoints and reports the growth of the process. */
async function memoryChild(kind) {
  const serdes = fixtures.jsonPlusSerializers();
  const saver = kind === "native" ? new fixtures.NativeMemorySaver(serdes.native) : kind === "stock" ? new fixtures.MemorySaver(serdes.stock) : new DiscardingSaver(serdes.stock);
  const thread = new fixtures.ChatThread(saver, "memory");
  await thread.growTo(1);
  global.gc();
  const before = process.memoryUsage();
  await thread.growTo(1001);
  // Let V8 and the allocator hand back what the fill's garbage used before measuring.
  for (let i = 0; i < 3; i++) {
    global.gc();
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const after = process.memoryUsage();
  const mb = (key) => (after[key] - before[key]) / 1e6;
  // What each saver itself holds: the stock one's Uint8Arrays, the native store's own count.
  const store = saver[Symbol.for("langgraph-native.memory.store")];
  const heldMB = store ? store.storedBytes() / 1e6 : kind === "stock" ? heldByStock(saver) / 1e6 : 0;
  process.stdout.write(JSON.stringify({ rssMB: mb("rss"), heapUsedMB: mb("heapUsed"), heapTotalMB: mb("heapTotal"), externalMB: mb("external"), heldMB }));
  if (!saver) throw new Error("unreachable: keeps the saver alive until measured");
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Child process: maximum event-loop delay (ms) while awaiting 200 puts, one after another, to a
 * fresh file. `warm`: 100 puts to another thread of the same file first, as a running server has
 * made; a fresh process's first burst also measures V8 compiling the code on background threads
 * (on 2 cores they take turns with the JavaScript thread: gaps of 2-7 ms in the first puts).
 */
async function eventLoopChild(kind, warm) {
  const Saver = kind === "native" ? fixtures.NativeSqliteSaver : fixtures.SqliteSaver;
  const saver = Saver.fromConnString(fixtures.tempDatabase(`loop-${kind}`));
  saver.serde = fixtures.jsonPlusSerializers()[kind];
  const thread = new fixtures.ChatThread(saver, "loop");
  await thread.growTo(1);
  if (warm === "warm") await new fixtures.ChatThread(saver, "warm-up").growTo(100);
  // The same monitor with nothing running: what the shared machine alone adds.
  const idle = monitorEventLoopDelay({ resolution: 1 });
  idle.enable();
  await sleep(500);
  idle.disable();
  for (let step = 1; step <= 201; step++) fixtures.chatCheckpoint(step); // messages built before timing
  const loop = await loopDelayDuring(() => thread.growTo(201));
  fixtures.closeNative(saver);
  process.stdout.write(JSON.stringify({ ...loop, idle: { maxMs: idle.max / 1e6, p99Ms: idle.percentile(99) / 1e6 } }));
}

/** The same work as a put (building and serializing the checkpoint) with nothing kept: the baseline. */
class DiscardingSaver extends fixtures.MemorySaver {
  async put(config, checkpoint, metadata) {
    await Promise.all([this.serde.dumpsTyped(checkpoint), this.serde.dumpsTyped(metadata)]);
    return { configurable: { thread_id: config.configurable.thread_id, checkpoint_ns: "", checkpoint_id: checkpoint.id } };
  }
}

/** Bytes of the serialized checkpoints, metadata and writes a stock MemorySaver holds. */
function heldByStock(saver) {
  let bytes = 0;
  for (const namespaces of Object.values(saver.storage))
    for (const checkpoints of Object.values(namespaces))
      for (const [checkpoint, metadata] of Object.values(checkpoints)) bytes += checkpoint.length + metadata.length;
  for (const writes of Object.values(saver.writes)) for (const [, , value] of Object.values(writes)) bytes += value.length;
  return bytes;
}

function runChild(mode, kind, variant = "") {
  const result = spawnSync(process.execPath, ["--expose-gc", __filename, mode, kind, variant], { encoding: "utf8" });
  if (result.status !== 0) throw new Error(`${mode} child failed: ${result.stderr}`);
  return JSON.parse(result.stdout);
}

/** The serializer's share: one 100-message checkpoint through `serde` and back. */
async function serdeCost(serde) {
  const checkpoint = fixtures.chatCheckpoint(0);
  const [type, bytes] = await serde.dumpsTyped(checkpoint);
  return { dumpsTyped: await medianMs(() => serde.dumpsTyped(checkpoint)), loadsTyped: await medianMs(() => serde.loadsTyped(type, bytes)), bytes: bytes.length };
}

const fmt = (ms) => (ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms.toFixed(3));
const ratio = (stock, native) => `${(stock / native).toFixed(1)}x`;

function table(headers, rows) {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((row) => String(row[i]).length)));
  const line = (cells) => cells.map((cell, i) => String(cell).padEnd(widths[i])).join("  ");
  return [line(headers), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}

/** Storage cost alone: a serializer as cheap as JSON itself, identical for both savers. */
class PlainJsonSerde {
  async dumpsTyped(value) {
    return ["json", new TextEncoder().encode(JSON.stringify(value))];
  }
  async loadsTyped(type, data) {
    return JSON.parse(typeof data === "string" ? data : new TextDecoder().decode(data));
  }
}

function timingRows(timings) {
  const rows = [];
  for (const [name, { stock, native }] of Object.entries(timings)) {
    for (const op of ["put", "putWrites", "putWritesInFlight", "getTupleLatest", "getTupleById", "list10"]) {
      for (const size of SIZES) {
        const target =
          name === "MemorySaver" && /getTuple|list/.test(op) ? TARGETS.read : name === "SqliteSaver" && op === "put" ? TARGETS.sqlitePut : undefined;
        const met = target === undefined ? "" : stock[size][op] / native[size][op] >= target ? "met" : "NOT met";
        rows.push([name, op, size, fmt(stock[size][op]), fmt(native[size][op]), ratio(stock[size][op], native[size][op]), target ? `>= ${target}x` : "", met]);
      }
    }
  }
  return rows;
}

async function main() {
  const jsonPlus = fixtures.jsonPlusSerializers();
  const allSerdes = { "user view": jsonPlus, "native serde": jsonPlus.native, "stock serde": jsonPlus.stock, "plain JSON": new PlainJsonSerde() };
  const wanted = process.env.BENCH_MODES ? process.env.BENCH_MODES.split(",") : Object.keys(allSerdes);
  const serdes = Object.fromEntries(wanted.map((name) => [name, allSerdes[name]]));
  const timings = {};
  const serdeCosts = {};
  for (const [serdeName, serde] of Object.entries(serdes)) {
    timings[serdeName] = {};
    for (const name of ["MemorySaver", "SqliteSaver"]) {
      // One pair at a time, so one pair's checkpoints are not the other's garbage.
      const pair = fixtures.makeSavers(serde)[name];
      timings[serdeName][name] = await timePair(pair, `${serdeName}-${name}`);
      fixtures.closeNative(pair.native);
    }
    const pair = fixtures.makeSavers(serde).MemorySaver;
    serdeCosts[serdeName] = { stock: await serdeCost(pair.stock.serde), native: await serdeCost(pair.native.serde) };
    global.gc?.();
  }
  const memory = { baseline: runChild("--memory-child", "discard"), stock: runChild("--memory-child", "stock"), native: runChild("--memory-child", "native") };
  for (const side of ["stock", "native"]) memory[side].savedRssMB = memory[side].rssMB - memory.baseline.rssMB;
  const loop = {};
  for (const variant of ["cold", "warm"]) loop[variant] = { stock: runChild("--loop-child", "stock", variant), native: runChild("--loop-child", "native", variant) };

  const headers = ["saver", "operation", "checkpoints", "stock ms", "native ms", "ratio", "target", ""];
  for (const [serdeName, cost] of Object.entries(serdeCosts)) {
    console.log(`\n== serde: ${serdeName} (median ms per call; ratio = stock / native)`);
    for (const side of ["stock", "native"])
      console.log(`${side} side's serde, one 100-message checkpoint: ${cost[side].bytes} bytes, dumpsTyped ${fmt(cost[side].dumpsTyped)} ms, loadsTyped ${fmt(cost[side].loadsTyped)} ms`);
    console.log("");
    console.log(table(headers, timingRows(timings[serdeName])));
  }
  console.log(`\n== Memory after 1,000 checkpoints (MemorySaver, user view; growth of a fresh process each; target native <= ${TARGETS.memoryShare * 100}% of stock)`);
  console.log(`baseline: the same 1,000 checkpoints built and serialized by a saver that keeps nothing grows RSS by ${memory.baseline.rssMB.toFixed(1)} MB (V8 heap ${memory.baseline.heapTotalMB.toFixed(1)} MB)\n`);
  const share = (key) => `${((memory.native[key] / memory.stock[key]) * 100).toFixed(0)}%`;
  const meets = (key) => (memory.native[key] <= memory.stock[key] * TARGETS.memoryShare ? "met" : "NOT met");
  console.log(
    table(
      ["measure", "stock MB", "native MB", "native/stock", "target"],
      [
        ["RSS growth", memory.stock.rssMB.toFixed(1), memory.native.rssMB.toFixed(1), share("rssMB"), meets("rssMB")],
        ["RSS growth minus baseline", memory.stock.savedRssMB.toFixed(1), memory.native.savedRssMB.toFixed(1), share("savedRssMB"), meets("savedRssMB")],
        ["V8 heap used", memory.stock.heapUsedMB.toFixed(1), memory.native.heapUsedMB.toFixed(1), "", ""],
        ["external (ArrayBuffers)", memory.stock.externalMB.toFixed(1), memory.native.externalMB.toFixed(1), "", ""],
        ["checkpoint bytes held", memory.stock.heldMB.toFixed(1), memory.native.heldMB.toFixed(1), share("heldMB"), meets("heldMB")],
      ],
    ),
  );
  console.log(`\n== Event-loop delay during 200 back-to-back awaited SqliteSaver puts to a file (user view; target native max <= ${TARGETS.loopDelayMs} ms)\n`);
  console.log(
    table(
      ["saver", "process", "histogram max ms", "p99 ms", "largest tick gap ms", "200 puts ms", "idle max ms (machine noise)", "target"],
      ["cold", "warm"].flatMap((variant) =>
        ["stock", "native"].map((side) => {
          const run = loop[variant][side];
          return [
            side,
            variant === "cold" ? "fresh" : "after 100 puts",
            fmt(run.maxMs),
            fmt(run.p99Ms),
            fmt(run.maxGapMs),
            fmt(run.elapsedMs),
            fmt(run.idle.maxMs),
            side === "native" ? (Math.max(run.maxMs, run.maxGapMs) <= TARGETS.loopDelayMs ? "met" : "NOT met") : "",
          ];
        }),
      ),
    ),
  );

  const out = path.join(__dirname, "results", "memory.json");
  fs.mkdirSync(path.dirname(out), { recursive: true });
  const results = { node: process.version, cpus: require("node:os").cpus().length, loadavg: require("node:os").loadavg(), timings, serdeCosts, memory, eventLoopDelay: loop, targets: TARGETS };
  fs.writeFileSync(out, JSON.stringify(results, null, 2));
  console.log(`\nwrote ${path.relative(process.cwd(), out)}`);
}

if (process.argv[2] === "--memory-child") memoryChild(process.argv[3]);
else if (process.argv[2] === "--loop-child") eventLoopChild(process.argv[3], process.argv[4]);
else
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
