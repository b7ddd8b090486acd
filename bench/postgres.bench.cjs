// PostgresSaver, stock saver + stock serde vs the shim's (user view), on one PostgreSQL server: put, getTuple, list(10), 8 concurrent puts, 4 worker processes, event-loop delay.
// 100-message checkpoints as a chat writes them (bench/memory-fixtures.cjs), each side on a schema
// of its own, dropped after. Cases:
//   put, getTuple (latest), list(limit 10)   median ms per call, in alternating blocks
//   8 concurrent puts                         200 puts from 8 threads (async, one thread id each) at once
//   4 worker processes                        4 processes x 50 puts, each to its thread, on one database,
//                                             once warmed by 100 puts of their own (a deployment's
//                                             long-lived workers: the target) and once fresh (the
//                                             first puts of a new process, still compiling: shown)
//   event-loop max delay                      during 200 back-to-back awaited puts (a child per side)
// Ratios are stock / native (higher is better); targets are issue 16's. The server: the
// LANGGRAPH_NATIVE_BENCH_PG_URL (or LANGGRAPH_NATIVE_TEST_PG_URL) one; in a checkout without
// either, a throwaway one from scripts/with-postgres.sh.
// Run: npm run bench -- postgres   (writes bench/results/postgres.json)
const fs = require("node:fs");
const path = require("node:path");
const { spawn, spawnSync } = require("node:child_process");

const TARGETS = { put: 2, getTuple: 5, list10: 5, concurrent: 2, workers: 2, loopDelayMs: 5 };
const WITH_POSTGRES = path.join(__dirname, "..", "scripts", "with-postgres.sh");
const serverUrl = () => process.env.LANGGRAPH_NATIVE_BENCH_PG_URL || process.env.LANGGRAPH_NATIVE_TEST_PG_URL;

if (!serverUrl()) {
  if (!fs.existsSync(WITH_POSTGRES)) {
    console.error("postgres bench: set LANGGRAPH_NATIVE_BENCH_PG_URL to a PostgreSQL server it may create schemas on");
    process.exit(2);
  }
  const run = spawnSync("bash", [WITH_POSTGRES, process.execPath, ...process.execArgv, __filename, ...process.argv.slice(2)], { stdio: "inherit" });
  process.exit(run.status ?? 1);
}

const pg = require("pg");
const { PostgresSaver } = require("@langchain/langgraph-checkpoint-postgres");
const fixtures = require("./memory-fixtures.cjs");
const { loopDelayDuring, middle, pairedMedians, writeResults } = require("./support.cjs");
const { loadAddon } = require("../dist/shim/addon.js");
const { defineNativePostgresSaver, NATIVE_PG } = require("../dist/patches/memory/native-postgres-saver.js");

const NativePostgresSaver = defineNativePostgresSaver(PostgresSaver, loadAddon(undefined).addon, {
  DatabaseError: pg.DatabaseError,
  onStock(reason) {
    throw new Error(`the native saver ran stock: ${reason}`);
  },
});

/** The saver a user has on `side`: stock saver + stock serde, or the shim's saver + serde. */
async function saverOf(side, schema) {
  const Saver = side === "native" ? NativePostgresSaver : PostgresSaver;
  const saver = Saver.fromConnString(serverUrl(), { schema });
  saver.serde = fixtures.jsonPlusSerializers()[side];
  await saver.setup();
  return saver;
}

async function sql(text) {
  const client = new pg.Client({ connectionString: serverUrl() });
  await client.connect();
  try {
    return await client.query(text);
  } finally {
    await client.end();
  }
}


/** 12 rounds of 5 calls per side, whatever they take (a round trip to the server each). */
const FIXED_ROUNDS = { min: 12, max: 12 };

async function drain(iterable) {
  let count = 0;
  for await (const _ of iterable) count++;
  return count;
}

/** ms for 200 puts from 8 concurrent threads of 25 puts each (fresh threads every run). */
async function concurrentPuts(saver, run) {
  const threads = Array.from({ length: 8 }, (_, i) => new fixtures.ChatThread(saver, `concurrent-${run}-${i}`));
  for (const thread of threads) for (let step = 0; step < 26; step++) fixtures.chatCheckpoint(step);
  const started = performance.now();
  await Promise.all(threads.map((thread) => thread.growTo(25)));
  return performance.now() - started;
}

/** Puts a worker makes on a thread of its own before it is timed: enough for V8 to have compiled
 * the put path (on a fresh process the shim's put costs about twice its steady CPU for its first
 * ~60 puts, mostly the optimizing compiler), as in a worker that has been serving for a while. */
const WORKER_WARM_PUTS = 100;

/**
 * Child: `--worker side schema warmPuts`: `warmPuts` puts on a warm-up thread, 5 on its own, then
 * "ready", then 50 puts on "go"; prints its span.
 */
async function workerChild(side, schema, warmPuts) {
  const saver = await saverOf(side, schema);
  await new fixtures.ChatThread(saver, `worker-warm-up-${process.pid}`).growTo(Number(warmPuts));
  const thread = new fixtures.ChatThread(saver, `worker-${process.pid}`);
  await thread.growTo(5);
  for (let step = 5; step < 56; step++) fixtures.chatCheckpoint(step);
  process.stdout.write("ready\n");
  await new Promise((resolve) => process.stdin.once("data", resolve));
  // An open stdin would keep this process alive after its work.
  process.stdin.destroy();
  const started = performance.timeOrigin + performance.now();
  await thread.growTo(55);
  const ended = performance.timeOrigin + performance.now();
  process.stdout.write(`${JSON.stringify({ started, ended })}\n`);
  await saver.end();
}

/** Wall ms from the first worker's start to the last one's end, 4 processes x 50 puts. */
async function workerProcesses(side, schema, warmPuts) {
  const children = Array.from({ length: 4 }, () => spawn(process.execPath, [__filename, "--worker", side, schema, String(warmPuts)], { stdio: ["pipe", "pipe", "inherit"], env: process.env }));
  const lines = children.map((child) => {
    let buffer = "";
    const waiting = [];
    child.stdout.on("data", (chunk) => {
      buffer += chunk;
      let newline;
      while ((newline = buffer.indexOf("\n")) >= 0) {
        const line = buffer.slice(0, newline);
        buffer = buffer.slice(newline + 1);
        waiting.shift()?.(line);
      }
    });
    return () => new Promise((resolve) => waiting.push(resolve));
  });
  const ready = lines.map((next) => next());
  await Promise.all(ready);
  const spans = lines.map((next) => next());
  for (const child of children) child.stdin.end("go\n");
  const results = (await Promise.all(spans)).map((line) => JSON.parse(line));
  await Promise.all(children.map((child) => new Promise((resolve) => (child.exitCode !== null ? resolve() : child.once("exit", resolve)))));
  return Math.max(...results.map((r) => r.ended)) - Math.min(...results.map((r) => r.started));
}

/** Child: `--loop side schema`: event-loop delay while awaiting 200 puts one after another. */
async function loopChild(side, schema) {
  const saver = await saverOf(side, schema);
  await new fixtures.ChatThread(saver, "warm-up").growTo(20);
  const thread = new fixtures.ChatThread(saver, "loop");
  for (let step = 0; step <= 201; step++) fixtures.chatCheckpoint(step);
  const loop = await loopDelayDuring(() => thread.growTo(200));
  await saver.end();
  process.stdout.write(JSON.stringify(loop));
}

function runChild(args) {
  const result = spawnSync(process.execPath, [__filename, ...args], { encoding: "utf8", env: process.env });
  if (result.status !== 0) throw new Error(`${args[0]} child failed: ${result.stderr}`);
  return JSON.parse(result.stdout);
}

const fmt = (ms) => (ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms.toFixed(2));

/** The largest gap between loop ticks, with its split: on a core / waiting for one, where known. */
const gapOf = ({ maxGapMs, maxGapSplit }) => (maxGapSplit ? `${fmt(maxGapMs)}: ${fmt(maxGapSplit.onCpuMs)} on CPU + ${fmt(maxGapSplit.waitingMs)} waiting` : fmt(maxGapMs));

function table(headers, rows) {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((row) => String(row[i]).length)));
  const line = (cells) => cells.map((cell, i) => String(cell).padEnd(widths[i])).join("  ");
  return [line(headers), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}

async function main() {
  const tag = `${process.pid}_${Date.now().toString(36)}`;
  const schemas = { stock: `bench_stock_${tag}`, native: `bench_native_${tag}` };
  try {
    const savers = { stock: await saverOf("stock", schemas.stock), native: await saverOf("native", schemas.native) };
    const threads = { stock: new fixtures.ChatThread(savers.stock, "bench"), native: new fixtures.ChatThread(savers.native, "bench") };
    await threads.stock.growTo(20);
    await threads.native.growTo(20);
    const each = (call) => ({ stock: () => call("stock"), native: () => call("native") });
    const put = Object.assign(each((side) => threads[side].put()), {});
    put.stock.prepare = () => threads.stock.prepare();
    put.native.prepare = () => threads.native.prepare();
    const config = { configurable: { thread_id: "bench", checkpoint_ns: "" } };
    const rows = [];
    const timed = {};
    timed.put = await pairedMedians(put, FIXED_ROUNDS);
    timed.getTuple = await pairedMedians(each((side) => savers[side].getTuple(config)), FIXED_ROUNDS);
    timed.list10 = await pairedMedians(each((side) => drain(savers[side].list(config, { limit: 10 }))), FIXED_ROUNDS);
    const concurrent = { stock: [], native: [] };
    for (let run = 0; run < 3; run++) for (const side of ["stock", "native"]) concurrent[side].push(await concurrentPuts(savers[side], run));
    timed.concurrent = { stock: middle(concurrent.stock), native: middle(concurrent.native) };
    if (savers.native[NATIVE_PG] === undefined) throw new Error("the native saver never opened its handle");
    await savers.stock.end();
    await savers.native.end();
    const workers = { stock: [], native: [] };
    const freshWorkers = { stock: [], native: [] };
    for (let run = 0; run < 2; run++) {
      for (const side of ["stock", "native"]) {
        workers[side].push(await workerProcesses(side, schemas[side], WORKER_WARM_PUTS));
        freshWorkers[side].push(await workerProcesses(side, schemas[side], 0));
      }
    }
    timed.workers = { stock: Math.min(...workers.stock), native: Math.min(...workers.native) };
    timed.freshWorkers = { stock: Math.min(...freshWorkers.stock), native: Math.min(...freshWorkers.native) };
    const loop = { stock: runChild(["--loop", "stock", schemas.stock]), native: runChild(["--loop", "native", schemas.native]) };

    const labels = {
      put: "put (ms per call)",
      getTuple: "getTuple latest (ms per call)",
      list10: "list(limit 10) (ms per call)",
      concurrent: "8 concurrent threads, 200 puts (ms)",
      workers: "4 worker processes x 50 puts (ms)",
      freshWorkers: "4 fresh worker processes x 50 puts (ms)",
    };
    for (const [key, label] of Object.entries(labels)) {
      const { stock, native } = timed[key];
      const ratio = stock / native;
      const target = TARGETS[key];
      rows.push([label, fmt(stock), fmt(native), `${ratio.toFixed(2)}x`, target ? `>= ${target}x` : "(shown)", target ? (ratio >= target ? "met" : "NOT met") : ""]);
    }
    rows.push([
      "event-loop max delay, 200 awaited puts (ms)",
      `${fmt(loop.stock.maxMs)} (gap ${gapOf(loop.stock)})`,
      `${fmt(loop.native.maxMs)} (gap ${gapOf(loop.native)})`,
      "",
      `native <= ${TARGETS.loopDelayMs} ms`,
      Math.max(loop.native.maxMs, loop.native.maxGapMs) <= TARGETS.loopDelayMs ? "met" : "NOT met",
    ]);
    console.log("\n== PostgresSaver, user view: stock saver + stock serde vs the shim (100-message checkpoints; ratio = stock / native)\n");
    console.log(table(["case", "stock", "native", "ratio", "target", ""], rows));
    const file = writeResults("postgres", { timed, loop, server: (await sql("show server_version")).rows[0].server_version });
    console.log(`\nresults: ${path.relative(process.cwd(), file)}`);
  } finally {
    for (const schema of Object.values(schemas)) await sql(`drop schema if exists "${schema}" cascade`);
  }
}

const [mode, side, schema, warmPuts] = process.argv.slice(2);
const entry = mode === "--worker" ? () => workerChild(side, schema, warmPuts) : mode === "--loop" ? () => loopChild(side, schema) : main;
entry().catch((error) => {
  console.error(error);
  process.exit(1);
});
