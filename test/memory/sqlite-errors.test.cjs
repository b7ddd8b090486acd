// SQLite errors keep their identity: the native SqliteSaver throws what the stock one throws
// (better-sqlite3's SqliteError, same name, code and message) for a write lock held elsewhere
// (SQLITE_BUSY after the handle's busy timeout, 5 s by default), a read-only handle
// (SQLITE_READONLY) and a closed handle (TypeError), while its event loop keeps running during the
// lock wait. Stock and shim run the same app in child processes.
const assert = require("node:assert/strict");
const { spawn } = require("node:child_process");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const Database = require("better-sqlite3");
const { SHIM_REQUIRE, ROOT, childEnv, lastJson } = require("../support/run-app.cjs");

const APP = path.join(__dirname, "apps", "sqlite-errors.cjs");
const SAVERS = { stock: [], shim: ["--require", SHIM_REQUIRE] };

/** A database file with the host's tables (made by the stock saver) and no checkpoint. */
function preparedFile() {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "lgn-errors-")), "errors.sqlite");
  const { SqliteSaver } = require("@langchain/langgraph-checkpoint-sqlite");
  const saver = SqliteSaver.fromConnString(file);
  saver.setup();
  saver.db.close();
  return file;
}

function run(saver, file, scenario) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...SAVERS[saver], APP, file, scenario], { cwd: ROOT, env: childEnv(), stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stdout.on("data", (chunk) => (out += chunk));
    child.stderr.on("data", (chunk) => (err += chunk));
    child.on("error", reject);
    child.on("exit", (code) => (code === 0 ? resolve(lastJson(out)) : reject(new Error(`${saver} ${scenario} exited with ${code}: ${err}`))));
  });
}

/** Runs stock and shim side by side; the lock (if any) is held by this process meanwhile. */
async function bothSavers(scenario, { lock = false } = {}) {
  const file = preparedFile();
  let holder;
  if (lock) {
    holder = new Database(file);
    holder.exec("BEGIN IMMEDIATE");
  }
  try {
    const [stock, shim] = await Promise.all([run("stock", file, scenario), run("shim", file, scenario)]);
    return { stock, shim };
  } finally {
    holder?.exec("ROLLBACK");
    holder?.close();
  }
}

const IDENTITY = ["thrown", "className", "name", "code", "message", "isSqliteError"];
const identity = (result) => Object.fromEntries(IDENTITY.map((key) => [key, result[key]]));

describe("SqliteSaver errors: the shim throws what the stock saver throws", function () {
  this.timeout(60_000);

  it("SQLITE_BUSY after the default 5 s busy timeout; the shim's event loop keeps running meanwhile", async function () {
    const { stock, shim } = await bothSavers("busy", { lock: true });
    assert.deepStrictEqual(identity(stock), { thrown: true, className: "SqliteError", name: "SqliteError", code: "SQLITE_BUSY", message: "database is locked", isSqliteError: true });
    assert.deepStrictEqual(identity(shim), identity(stock));
    assert.equal(shim.saver, "SqliteSaver");
    for (const result of [stock, shim]) assert.ok(result.elapsedMs >= 4500 && result.elapsedMs < 8000, `waited ${result.elapsedMs} ms`);
    // 20 ms ticks over ~5 s: the stock saver blocks its loop (none), the shim's keeps going.
    assert.ok(stock.ticks <= 1, `stock ticks: ${stock.ticks}`);
    assert.ok(shim.ticks >= 100, `shim ticks: ${shim.ticks}`);
  });

  it("SQLITE_BUSY after the handle's own timeout (timeout: 300)", async function () {
    const { stock, shim } = await bothSavers("busy-300", { lock: true });
    assert.equal(stock.code, "SQLITE_BUSY");
    assert.deepStrictEqual(identity(shim), identity(stock));
    for (const result of [stock, shim]) assert.ok(result.elapsedMs >= 250 && result.elapsedMs < 3000, `waited ${result.elapsedMs} ms`);
  });

  it("SQLITE_READONLY from a handle opened readonly (and reads still work)", async function () {
    const { stock, shim } = await bothSavers("readonly");
    assert.deepStrictEqual(identity(stock), { thrown: true, className: "SqliteError", name: "SqliteError", code: "SQLITE_READONLY", message: "attempt to write a readonly database", isSqliteError: true });
    assert.deepStrictEqual(identity(shim), identity(stock));
    assert.equal(shim.found, stock.found);
  });

  it("a TypeError for a call after saver.db.close()", async function () {
    const { stock, shim } = await bothSavers("closed");
    assert.deepStrictEqual(identity(stock), { thrown: true, className: "TypeError", name: "TypeError", code: undefined, message: "The database connection is not open", isSqliteError: false });
    assert.deepStrictEqual(identity(shim), identity(stock));
  });
});
