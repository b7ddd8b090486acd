// InMemoryStore (the host's) vs the native store, in one process: vector search, search with a
// filter, filter-only search, put, get, and memory growth (from child processes), at 1k/10k/100k
// items of 768 dims. Prints a table with ratios against the issue's targets; writes JSON.
//   node --expose-gc bench/store.bench.cjs [--sizes 1000,10000,100000]
const { execFileSync } = require("node:child_process");
const fs = require("node:fs");
const path = require("node:path");
const { DIMS, CATEGORIES, addon, vectorPool, poolEmbeddings, makeStore, fill } = require("./store-workload.cjs");

const argSizes = process.argv.indexOf("--sizes");
const SIZES = argSizes > 0 ? process.argv[argSizes + 1].split(",").map(Number) : [1000, 10000, 100000];
const QUERIES = 64;
/** Each timed case runs about this long (or MAX_RUNS calls). */
const BUDGET_MS = 700;
const MAX_RUNS = 400;

/** Median time of `run` over BUDGET_MS (at least 3 calls), after one warm-up call. */
async function timeCase(store, run) {
  await run(store, 0);
  const times = [];
  const start = performance.now();
  for (let i = 1; times.length < 3 || (performance.now() - start < BUDGET_MS && times.length < MAX_RUNS); i += 1) {
    const t = performance.now();
    await run(store, i);
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

/** Lets garbage be collected and swept: V8's background sweeping competes for the two cores. */
async function settle(count) {
  global.gc?.();
  await new Promise((resolve) => setTimeout(resolve, count >= 100000 ? 2000 : 200));
}

const GETS = 20000;
const PUTS = 4000;

/**
 * Mean time per operation over `count` operations: for writes and reads the total matters,
 * including the garbage collection each store's allocations cause (a median would hide it).
 */
async function meanUs(store, count, run) {
  for (let i = 0; i < Math.min(200, count); i += 1) await run(store, i);
  const start = performance.now();
  for (let i = 0; i < count; i += 1) await run(store, i);
  return ((performance.now() - start) * 1000) / count;
}

/** Every case on one store. Only this store's data is alive while it is timed. */
async function benchStore(name, count, documents, queries) {
  const store = makeStore(name, poolEmbeddings(documents, queries));
  const fillMs = await fill(store, count);
  await settle(count);
  const result = { fillUsPerPut: (fillMs * 1000) / count };
  result.searchMs = await timeCase(store, (s, i) => s.search([], { query: `query ${i % QUERIES}`, limit: 10 }));
  result.searchFilteredMs = await timeCase(store, (s, i) =>
    s.search(["users"], { query: `query ${i % QUERIES}`, filter: { category: `c${i % CATEGORIES}` }, limit: 10 }),
  );
  result.filterOnlyMs = await timeCase(store, (s, i) =>
    s.search(["users"], { filter: { category: `c${i % CATEGORIES}`, rank: { $gte: count / 2 } }, limit: 10 }),
  );
  result.getUs = await meanUs(store, GETS, (s, i) => s.get(["users", "a"], `k${((i * 4) * 7919) % count - ((((i * 4) * 7919) % count) % 4)}`));
  // Updates of existing items in ["docs"] (keys 3, 7, 11, ...), re-embedded: the store does not grow.
  result.putUs = await meanUs(store, PUTS, (s, i) => {
    const n = ((i * 4 * 7919) % count) - (((i * 4 * 7919) % count) % 4) + 3;
    return s.put(["docs"], `k${n}`, { text: `doc ${(n + 1 + i) % count}`, category: `c${n % CATEGORIES}`, rank: n });
  });
  if (name === "native") {
    // What the index itself read in the last search (int8 first pass + rows rescored in f32).
    await store.search([], { query: "query 0", limit: 10 });
    result.bytesPerSearch = store.nativeLastScanBytes;
  }
  return result;
}

/** Vector search on the store without its int8 copy (LANGGRAPH_NATIVE_MEMORY_STORE_INT8=off). */
async function benchExactOnly(count, documents, queries) {
  const store = makeStore("native-exact", poolEmbeddings(documents, queries));
  await fill(store, count);
  await settle(count);
  return { searchMs: await timeCase(store, (s, i) => s.search([], { query: `query ${i % QUERIES}`, limit: 10 })) };
}

/** Rounds per size, alternating which store goes first; each figure is the median over rounds. */
const roundsFor = (count) => (count >= 100000 ? 1 : 3);

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function benchSize(count, documents, queries) {
  const runs = { stock: [], native: [] };
  for (let round = 0; round < roundsFor(count); round += 1) {
    for (const name of round % 2 === 0 ? ["stock", "native"] : ["native", "stock"]) {
      runs[name].push(await benchStore(name, count, documents, queries));
      await settle(count);
    }
  }
  const combine = (list) => Object.fromEntries(Object.keys(list[0]).map((key) => [key, median(list.map((r) => r[key]))]));
  return { stock: combine(runs.stock), native: combine(runs.native) };
}

function memoryOf(implementation, count) {
  const out = execFileSync(process.execPath, ["--expose-gc", "--max-old-space-size=4096", path.join(__dirname, "store-memory.cjs"), implementation, String(count)], {
    encoding: "utf8",
  });
  return JSON.parse(out.trim().split("\n").pop());
}

const fmt = (x, digits = 2) => (x >= 100 ? x.toFixed(0) : x.toFixed(digits));
const mb = (bytes) => `${(bytes / 1048576).toFixed(0)} MB`;

async function main() {
  const bandwidth = addon.measureMemoryBandwidth(512);
  const rows = [];
  const json = { dims: DIMS, bandwidth, sizes: {} };
  for (const count of SIZES) {
    const documents = vectorPool(count, 1);
    const queries = vectorPool(QUERIES, 2);
    const { stock, native } = await benchSize(count, documents, queries);
    await settle(count);
    const exactOnly = await benchExactOnly(count, documents, queries);
    global.gc?.();
    const memory = { stock: memoryOf("stock", count), native: memoryOf("native", count), exactOnly: memoryOf("native-exact", count) };
    json.sizes[count] = { stock, native, exactOnly, memory };
    const gbps = native.bytesPerSearch / (native.searchMs / 1000) / 1e9;
    const speedTarget = count >= 10000 ? 20 : 1;
    const line = (label, s, n, unit, target) => {
      const ratio = s / n;
      const needed = parseFloat(target.replace(/[^0-9.]/g, ""));
      // "Not slower" (>=1x) allows 5% for timing noise on a shared machine; speed-ups do not.
      const met = needed === 1 ? ratio >= 0.95 : ratio >= needed;
      rows.push([`${count}`, label, `${fmt(s)} ${unit}`, `${fmt(n)} ${unit}`, `${ratio.toFixed(1)}x`, target, met ? "met" : "MISSED"]);
    };
    line("search(query, limit 10)", stock.searchMs, native.searchMs, "ms", count >= 10000 ? `>=${speedTarget}x` : ">=1x");
    rows.push([`${count}`, "  same, no int8 copy", `${fmt(stock.searchMs)} ms`, `${fmt(exactOnly.searchMs)} ms`, `${(stock.searchMs / exactOnly.searchMs).toFixed(1)}x`, "-", "-"]);
    line("search(query + filter)", stock.searchFilteredMs, native.searchFilteredMs, "ms", ">=1x");
    line("search(filter only)", stock.filterOnlyMs, native.filterOnlyMs, "ms", ">=1x");
    line("put (update, re-embed)", stock.putUs, native.putUs, "us", ">=1x");
    line("put (fill, new items)", stock.fillUsPerPut, native.fillUsPerPut, "us", ">=1x");
    line("get", stock.getUs, native.getUs, "us", ">=1x");
    const memTarget = count === 100000 ? ">=4x" : "-";
    const memRow = (label, s, n) => rows.push([`${count}`, label, mb(s), mb(n), `${(s / Math.max(n, 1)).toFixed(1)}x`, memTarget, memTarget === "-" ? "-" : s / n >= 4 ? "met" : "MISSED"]);
    memRow("heap growth", memory.stock.heapBytes, memory.native.heapBytes);
    memRow("RSS growth", memory.stock.rssBytes, memory.native.rssBytes);
    memRow("  same, no int8 copy", memory.stock.rssBytes, memory.exactOnly.rssBytes);
    rows[rows.length - 1][5] = "-";
    rows[rows.length - 1][6] = "-";
    rows.push([`${count}`, "native scan (read/search)", `f32 rows ${mb(count * DIMS * 4)}`, mb(native.bytesPerSearch), "", `${gbps.toFixed(1)} GB/s`, ""]);
  }
  const header = ["items", "case", "InMemoryStore", "native", "ratio", "target", ""];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const print = (r) => console.log(r.map((c, i) => c.padEnd(widths[i])).join("  ").trimEnd());
  console.log(`store bench: ${DIMS} dims, limit 10, filter = one of ${CATEGORIES} categories; node ${process.version}, ${require("node:os").cpus().length} cpus`);
  console.log("searches: median latency; put/get: mean over 4,000/20,000 calls (GC included); fill: mean over all items. Each store timed alone.");
  console.log(`rounds per size: ${SIZES.map((n) => `${n}: ${roundsFor(n)}`).join(", ")} (alternating which store goes first; median of the rounds)`);
  console.log("ratio = InMemoryStore / native; \">=1x\" counts as met from 0.95x (timing noise on a shared 2-core machine)");
  console.log(`memory read bandwidth (Rust, 512 MB): ${bandwidth.singleThreadGbPerS.toFixed(1)} GB/s one thread, ${bandwidth.allThreadsGbPerS.toFixed(1)} GB/s all threads`);
  print(header);
  print(widths.map((w) => "-".repeat(w)));
  for (const r of rows) print(r);
  const out = path.join(__dirname, "results", "store.json");
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, JSON.stringify(json, null, 2));
  console.log(`\nwrote ${path.relative(process.cwd(), out)}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
