// A SqliteSaver file written with LANGGRAPH_NATIVE_SERDE_FORMAT=msgpack reads back identically
// under the shim; `langgraph-native convert --to json` makes it a file the stock host reads
// identically, and back again. Conversion is resumable: after a kill, or a partial run, the next
// run finishes it. Every run is a child process on the real packages.
const assert = require("node:assert/strict");
const { spawn, spawnSync } = require("node:child_process");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const Database = require("better-sqlite3");
const { ROOT, runApp, lastJson, childEnv } = require("../support/run-app.cjs");
const { loadAddon } = require("../../dist/shim/addon.js");

const APP = path.join(__dirname, "fixtures", "msgpack-sqlite-app.cjs");
const CLI = path.join(ROOT, "dist", "shim", "cli.js");

function run(mode, file, { shim, env = {} }) {
  const result = runApp(APP, { preload: shim ? "require" : "none", env, args: [mode, file] });
  return result;
}

function readout(mode, file, options) {
  const result = run(mode, file, options);
  assert.equal(result.code, 0, result.stderr.slice(-3000));
  return lastJson(result.stdout);
}

function convert(file, ...args) {
  const result = spawnSync(process.execPath, [CLI, "convert", ...args, file], { cwd: ROOT, env: childEnv(), encoding: "utf8" });
  assert.equal(result.status, 0, result.stderr);
  return result;
}

/** Row counts per type in the file's two tables. */
function types(file) {
  const db = new Database(file, { readonly: true });
  try {
    const count = (table) => Object.fromEntries(db.prepare(`SELECT coalesce(type, 'null') AS type, count(*) AS n FROM ${table} GROUP BY type`).all().map((row) => [row.type, row.n]));
    return { checkpoints: count("checkpoints"), writes: count("writes") };
  } finally {
    db.close();
  }
}

describe("serde: msgpack SqliteSaver files and `langgraph-native convert`", function () {
  this.timeout(300_000);
  let dir;
  let file;
  let written;

  before(function () {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "lgn-msgpack-"));
    file = path.join(dir, "chat.sqlite");
    const out = readout("write", file, { shim: true, env: { LANGGRAPH_NATIVE_SERDE_FORMAT: "msgpack" } });
    assert.match(out.serde, /writes msgpack/);
    written = out.readout;
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  const copyOf = (name) => {
    const copy = path.join(dir, name);
    fs.copyFileSync(file, copy);
    return copy;
  };

  it("writes every checkpoint and write as msgpack (top-level bytes stay \"bytes\")", function () {
    const found = types(file);
    assert.deepStrictEqual(Object.keys(found.checkpoints), ["msgpack"]);
    assert.deepStrictEqual(Object.keys(found.writes).filter((t) => t !== "bytes"), ["msgpack"]);
    assert.ok(found.checkpoints.msgpack >= 10, JSON.stringify(found));
    assert.ok(written.values.messages.length >= 12, "three tool-calling turns");
    assert.ok(written.inputCheckpoints.length === 3, "metadata filters work on msgpack metadata");
  });

  it("reads back identically under the shim (whatever format it writes)", function () {
    assert.deepStrictEqual(readout("read", file, { shim: true }).readout, written);
    assert.deepStrictEqual(readout("read", file, { shim: true, env: { LANGGRAPH_NATIVE_SERDE_FORMAT: "msgpack" } }).readout, written);
  });

  it("the stock host cannot read it before conversion", function () {
    const result = run("read", file, { shim: false });
    assert.notEqual(result.code, 0);
    assert.match(result.stderr, /Unknown serialization type: msgpack/);
  });

  it("after convert --to json the stock host reads it identically; --to msgpack turns it back", function () {
    const copy = copyOf("to-json.sqlite");
    const result = convert(copy, "--to", "json");
    assert.match(result.stdout, /^converted \d+ checkpoints and \d+ writes of .* to json in [\d.]+ s$/m);
    assert.match(result.stdout, /the stock LangGraph SqliteSaver \(no shim\) reads this file again/);
    assert.match(result.stderr, /converting \[#+\] \d+\/\d+ rows \(100%\)/);
    assert.deepStrictEqual(Object.keys(types(copy).checkpoints), ["json"]);
    assert.deepStrictEqual(readout("read", copy, { shim: false }).readout, written);
    assert.match(convert(copy, "--to", "json").stdout, /already json; nothing to do/);

    convert(copy, "--to=msgpack");
    assert.deepStrictEqual(Object.keys(types(copy).checkpoints), ["msgpack"]);
    assert.deepStrictEqual(readout("read", copy, { shim: true }).readout, written);
  });

  it("a partial conversion (stopped between batches) reads identically, and the next run finishes it", function () {
    const copy = copyOf("partial.sqlite");
    const addon = loadAddon(undefined).addon;
    const step = addon.sqliteConvertBatch(copy, "checkpoints", "json", 0, 3);
    assert.equal(step.converted, 3);
    assert.deepStrictEqual(types(copy).checkpoints.json, 3);
    assert.deepStrictEqual(readout("read", copy, { shim: true }).readout, written, "a mixed file reads as before");
    const pending = addon.sqliteConvertPending(copy, "json");
    const result = convert(copy, "--to", "json");
    assert.match(result.stdout, new RegExp(`converted ${pending.checkpoints} checkpoints and ${pending.writes} writes`));
    assert.deepStrictEqual(readout("read", copy, { shim: false }).readout, written);
  });

  it("a killed conversion leaves every row whole; running it again finishes it", async function () {
    const copy = copyOf("killed.sqlite");
    const child = spawn(process.execPath, [CLI, "convert", "--to", "json", "--batch", "1", copy], { cwd: ROOT, env: childEnv() });
    // Killed as soon as it reports progress past the start.
    await new Promise((resolve) => {
      let seen = "";
      child.stderr.on("data", (chunk) => {
        seen += chunk;
        if (/\] [1-9]\d*\//.test(seen)) child.kill("SIGKILL");
      });
      child.on("exit", resolve);
    });
    assert.equal(child.signalCode, "SIGKILL", "killed while converting");
    assert.deepStrictEqual(readout("read", copy, { shim: true }).readout, written, "readable under the shim after the kill");
    convert(copy, "--to", "json");
    const found = types(copy);
    assert.deepStrictEqual(Object.keys(found.checkpoints), ["json"]);
    assert.deepStrictEqual(readout("read", copy, { shim: false }).readout, written);
  });

  it("a wrong LANGGRAPH_NATIVE_SERDE_FORMAT is named with its allowed values; the app runs on json", function () {
    const other = path.join(dir, "wrong-format.sqlite");
    const result = run("write", other, { shim: true, env: { LANGGRAPH_NATIVE_SERDE_FORMAT: "cbor" } });
    assert.equal(result.code, 0, result.stderr.slice(-3000));
    assert.match(result.stderr, /LANGGRAPH_NATIVE_SERDE_FORMAT=\\?"cbor\\?" is not valid; allowed values: json, msgpack/);
    assert.match(lastJson(result.stdout).serde, /writes json/);
    assert.deepStrictEqual(Object.keys(types(other).checkpoints), ["json"]);
  });

  it("refuses a file that is not a SqliteSaver file, and bad arguments, with a clear message", function () {
    const other = path.join(dir, "other.sqlite");
    new Database(other).exec("CREATE TABLE t (x)").close();
    const result = spawnSync(process.execPath, [CLI, "convert", "--to", "json", other], { cwd: ROOT, env: childEnv(), encoding: "utf8" });
    assert.equal(result.status, 1);
    assert.match(result.stderr, /has no checkpoints table: it is not a SqliteSaver file/);
    const bad = spawnSync(process.execPath, [CLI, "convert", "--to", "yaml", other], { cwd: ROOT, env: childEnv(), encoding: "utf8" });
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /--to must be one of: json, msgpack/);
  });
});

describe("serde: the graph scenario gives the same results with msgpack storage", function () {
  this.timeout(300_000);
  const GRAPH_APP = path.join(ROOT, "test", "memory", "apps", "graph-app.cjs");
  let expected;
  before(function () {
    const result = runApp(GRAPH_APP, { preload: "require", args: ["memory"] });
    assert.equal(result.code, 0, result.stderr.slice(-3000));
    expected = lastJson(result.stdout).result;
  });

  for (const saver of ["memory", "sqlite"]) {
    it(`${saver}: history, time travel, interrupts, forks and metadata filters`, function () {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lgn-msgpack-graph-"));
      try {
        const result = runApp(GRAPH_APP, { preload: "require", env: { LANGGRAPH_NATIVE_SERDE_FORMAT: "msgpack" }, args: [saver, path.join(dir, "graph.sqlite")] });
        assert.equal(result.code, 0, result.stderr.slice(-3000));
        const out = lastJson(result.stdout);
        assert.equal(out.native, true, out.reason);
        assert.deepStrictEqual(out.result, expected);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
  }
});
