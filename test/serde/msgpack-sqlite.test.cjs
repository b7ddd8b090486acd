// A SqliteSaver file written with LANGGRAPH_NATIVE_SERDE_FORMAT=msgpack reads back identically
// under the shim; `langgraph-native convert --to json` makes it a file the stock host reads
// identically, and back again. Conversion is resumable: after a kill, or a partial run, the next
// run finishes it. Every run is a child process on the real packages.
const assert = require("node:assert/strict");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const Database = require("better-sqlite3");
const { ROOT, runApp, lastJson } = require("../support/run-app.cjs");
const { runAgent, agentReadout, convertCli, convert: convertTarget, killConvertMidway, itReadsUnderTheShimOnly } = require("../support/msgpack-storage.cjs");
const { loadAddon } = require("../../dist/shim/addon.js");

/** The file as the agent app and the convert command name it. */
const on = (file) => ({ app: [file], cli: [file] });
const run = (mode, file, options) => runAgent(mode, on(file), options);
const readout = (mode, file, options) => agentReadout(mode, on(file), options);
const convert = (file, ...args) => convertTarget(on(file), ...args);

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

  itReadsUnderTheShimOnly(() => on(file), () => written);

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
    await killConvertMidway(on(copy));
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
    const result = convertCli(on(other), ["--to", "json"]);
    assert.equal(result.status, 1);
    assert.match(result.stderr, /has no checkpoints table: it is not a SqliteSaver file/);
    const bad = convertCli(on(other), ["--to", "yaml"]);
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
