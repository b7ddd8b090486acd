// InMemoryStore (the host's) vs the native store, in one process: vector search, search with a
// filter, filter-only search, put, get, and memory growth (from child processes), at 1k/10k/100k
// items of 768 dims. Prints a table with ratios against the targets; writes JSON.
//   node --expose-gc bench/store.bench.cjs [--sizes 1000,10000,100000]
const { execFileSync } = require("node:child_process");
const fs = require("node:fs");
const path = require("node:path");
const { DIMS, CATEGORIES, addon, vectorPool, poolEmbeddings, makeStore, fill } = require("./store-workload.cjs");

const argSizes = process.argv.indexOf("--sizes");
const SIZES = argSizes > 0 ? process.argv[argSizes + 1].split(",").map(Number) : [1000, 10000, 100000];
const QUERIES = 64;
/** Each timed case runs at least this long (or MAX_RUNS), after one warm-up call. */
const BUDGET_MS = 600;
const MAX_RUNS = 400;

async function timeCase(run) {
  await run(0);
  const times = [];
  const start = performance.now();
  for (let i = 1; times.length < MAX_RUNS && (performance.now() - start < BUDGET_MS || times.length < 3); i += 1) {
    const t = performance.now();
    await run(i);
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return { medianMs: times[Math.floor(times.length / 2)], runs: times.length };
}

async function benchOne(implementation, count, documents, queries) {
  const store = makeStore(implementation, poolEmbeddings(documents, queries));
  const fillMs = await fill(store, count);
  const search = await timeCase((i) => store.search([], { query: `query ${i % QUERIES}`, limit: 10 }));
  const searchFiltered = await timeCase((i) =>
    store.search(["users"], { query: `query ${i % QUERIES}`, filter: { category: `c${i % CATEGORIES}` }, limit: 10 }),
  );
  const filterOnly = await timeCase((i) => store.search(["users"], { filter: { category: `c${i % CATEGORIES}`, rank: { $gte: count / 2 } }, limit: 10 }));
  const get = await timeCase(async (i) => {
    for (let j = 0; j < 100; j += 1) await store.get(["users", "a"], `k${((i * 100 + j) * 4) % count}`);
  });
  // Updates of existing items (re-embedded), so the store does not grow while timed.
  const put = await timeCase(async (i) => {
    for (let j = 0; j < 20; j += 1) {
      const n = (i * 20 + j) % count;
      await store.put(["docs"], `k${n - (n % 4) + 3 < count ? n - (n % 4) + 3 : 3}`, { text: `doc ${n}`, category: `c${n % CATEGORIES}`, rank: n });
    }
  });
  const result = {
    fillUsPerPut: (fillMs * 1000) / count,
    searchMs: search.medianMs,
    searchFilteredMs: searchFiltered.medianMs,
    filterOnlyMs: filterOnly.medianMs,
    getUs: (get.medianMs * 1000) / 100,
    putUs: (put.medianMs * 1000) / 20,
  };
  if (implementation === "native") result.bytesPerSearch = count * (DIMS * 4 + 8);
  return result;
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
    const stock = await benchOne("stock", count, documents, queries);
    global.gc?.();
    const native = await benchOne("native", count, documents, queries);
    global.gc?.();
    const memory = { stock: memoryOf("stock", count), native: memoryOf("native", count) };
    json.sizes[count] = { stock, native, memory };
    const gbps = native.bytesPerSearch / (native.searchMs / 1000) / 1e9;
    const speedTarget = count >= 10000 ? 20 : 1;
    const line = (label, s, n, unit, target) => {
      const ratio = s / n;
      rows.push([`${count}`, label, `${fmt(s)} ${unit}`, `${fmt(n)} ${unit}`, `${ratio.toFixed(1)}x`, target, ratio >= (target === "-" ? 0 : parseFloat(target.replace(/[^0-9.]/g, ""))) ? "met" : "MISSED"]);
    };
    line("search(query, limit 10)", stock.searchMs, native.searchMs, "ms", count >= 10000 ? `>=${speedTarget}x` : ">=1x");
    line("search(query + filter)", stock.searchFilteredMs, native.searchFilteredMs, "ms", ">=1x");
    line("search(filter only)", stock.filterOnlyMs, native.filterOnlyMs, "ms", ">=1x");
    line("put (update, re-embed)", stock.putUs, native.putUs, "us", ">=1x");
    line("put (fill, new items)", stock.fillUsPerPut, native.fillUsPerPut, "us", ">=1x");
    line("get", stock.getUs, native.getUs, "us", ">=1x");
    const memTarget = count === 100000 ? ">=4x" : "-";
    const memRow = (label, s, n) => rows.push([`${count}`, label, mb(s), mb(n), `${(s / Math.max(n, 1)).toFixed(1)}x`, memTarget, memTarget === "-" ? "-" : s / n >= 4 ? "met" : "MISSED"]);
    memRow("heap growth", memory.stock.heapBytes, memory.native.heapBytes);
    memRow("RSS growth", memory.stock.rssBytes, memory.native.rssBytes);
    rows.push([`${count}`, "native scan", `${mb(native.bytesPerSearch)}/search`, `${gbps.toFixed(1)} GB/s`, "", "", ""]);
  }
  const header = ["items", "case", "InMemoryStore", "native", "ratio", "target", ""];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const print = (r) => console.log(r.map((c, i) => c.padEnd(widths[i])).join("  ").trimEnd());
  console.log(`store bench: ${DIMS} dims, limit 10, filter = one of ${CATEGORIES} categories; node ${process.version}, ${require("node:os").cpus().length} cpus`);
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
