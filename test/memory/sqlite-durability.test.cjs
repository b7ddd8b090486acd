// Puts keep up with a fast graph under the host's default durability ("async"): a real graph is
// streamed on a SqliteSaver file in a child process, stock and shim, and SIGKILLed after N
// supersteps counted from the stream; a separate reader then finds at least N-5 checkpoints in the
// file. A long run keeps its heap flat (no chain of waiting checkpoints).
const assert = require("node:assert/strict");
const { spawn } = require("node:child_process");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const Database = require("better-sqlite3");
const { SHIM_REQUIRE, ROOT, childEnv, runApp, lastJson } = require("../support/run-app.cjs");

const APP = path.join(__dirname, "apps", "graph-stream.cjs");
const SAVERS = { stock: [], shim: ["--require", SHIM_REQUIRE] };

const tempFile = () => path.join(fs.mkdtempSync(path.join(os.tmpdir(), "lgn-durability-")), "stream.sqlite");

/** Streams the graph until `after` supersteps arrived, SIGKILLs it; every line printed is one streamed superstep. */
function streamAndKill(saver, file, after) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...SAVERS[saver], APP, file, "kill"], { cwd: ROOT, env: childEnv(), stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    let killed = false;
    child.stdout.on("data", (chunk) => {
      out += chunk;
      if (!killed && out.split("\n").length > after) {
        killed = true;
        child.kill("SIGKILL");
      }
    });
    child.stderr.on("data", (chunk) => (err += chunk));
    child.on("error", reject);
    child.on("exit", (code, signal) => {
      if (signal !== "SIGKILL") return reject(new Error(`child exited with ${code}: ${err}`));
      resolve(out.split("\n").filter(Boolean).length);
    });
  });
}

function checkpointsIn(file) {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare("SELECT count(*) FROM checkpoints").pluck().get();
  } finally {
    db.close();
  }
}

describe("SqliteSaver puts keep up with a fast graph (durability async)", function () {
  for (const after of [50, 400, 1500]) {
    it(`after ${after}+ streamed supersteps, SIGKILL leaves at least N-5 checkpoints on disk, stock and shim`, async function () {
      const results = {};
      for (const saver of Object.keys(SAVERS)) {
        const file = tempFile();
        const streamed = await streamAndKill(saver, file, after);
        results[saver] = { streamed, onDisk: checkpointsIn(file) };
      }
      for (const [saver, { streamed, onDisk }] of Object.entries(results)) {
        assert.ok(streamed >= after, `${saver}: ${streamed} supersteps streamed`);
        assert.ok(onDisk >= streamed - 5, `${saver}: ${streamed} supersteps streamed, ${onDisk} checkpoints on disk (${JSON.stringify(results)})`);
      }
    });
  }

  it("keeps the heap flat through a 2,000-superstep run, as stock does", function () {
    const growth = {};
    for (const [saver, preload] of [["stock", "none"], ["shim", "require"]]) {
      const result = runApp(APP, { preload, args: [tempFile(), "heap", "2000"], env: { NODE_OPTIONS: "--expose-gc" } });
      assert.equal(result.code, 0, result.stderr);
      const { streamed, first, last } = lastJson(result.stdout);
      assert.equal(streamed, 2000);
      growth[saver] = last - first;
    }
    // Measured: stock grows ~2 MB between superstep 200 and 2,000; the shim did ~11 MB while its puts fell behind.
    assert.ok(growth.shim < growth.stock + 3_000_000, `heap growth (bytes): ${JSON.stringify(growth)}`);
  });

  it("lets the event loop turn between puts awaited one by one (it waits only while the loop cannot turn)", async function () {
    const { SqliteSaver } = require("@langchain/langgraph-checkpoint-sqlite");
    const { loadAddon } = require("../../dist/shim/addon.js");
    const { defineNativeSqliteSaver } = require("../../dist/patches/memory/native-sqlite-saver.js");
    const NativeSqliteSaver = defineNativeSqliteSaver(SqliteSaver, loadAddon(undefined).addon, { synchronousFull: false });
    const saver = NativeSqliteSaver.fromConnString(tempFile());
    let turns = 0;
    let counting = true;
    const count = () => {
      turns++;
      if (counting) setImmediate(count);
    };
    setImmediate(count);
    const puts = 200;
    let parent;
    for (let n = 0; n < puts; n++) {
      const checkpoint = { v: 4, id: `cp-${String(n).padStart(4, "0")}`, ts: "2026-01-01T00:00:00.000Z", channel_values: { n }, channel_versions: { n: n + 1 }, versions_seen: {} };
      const config = { configurable: { thread_id: "t", checkpoint_ns: "", ...(parent ? { checkpoint_id: parent } : {}) } };
      parent = (await saver.put(config, checkpoint, { step: n }, { n: n + 1 })).configurable.checkpoint_id;
    }
    counting = false;
    saver.db.close();
    // One loop turn per put settles its Promise; a put that waited in the call would take none (the
    // stock saver, synchronous, takes none either: its 200 puts block the loop throughout).
    assert.ok(turns >= puts / 2, `${turns} loop turns during ${puts} awaited puts`);
  });
});
