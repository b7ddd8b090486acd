// Liveness of the native SqliteSaver's process: an open saver with nothing pending does not keep
// Node alive (no close() needed), and work in flight does (the process waits for it).
const assert = require("node:assert/strict");
const { spawn } = require("node:child_process");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const Database = require("better-sqlite3");

const APP = path.join(__dirname, "apps", "exit-idle.cjs");

function run(file, mode, timeoutMs = 30_000) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [APP, file, mode], { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`${mode}: the process did not exit on its own within ${timeoutMs} ms (stdout: ${out})`));
    }, timeoutMs);
    child.stdout.on("data", (chunk) => (out += chunk));
    child.stderr.on("data", (chunk) => (err += chunk));
    child.on("error", reject);
    child.on("exit", (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, lines: out.split("\n").filter(Boolean), err });
    });
  });
}

const tempFile = () => path.join(fs.mkdtempSync(path.join(os.tmpdir(), "lgn-exit-")), "exit.sqlite");

describe("native SqliteSaver and process exit", function () {
  it("exits on its own after a put without close()", async function () {
    const file = tempFile();
    const { code, lines, err } = await run(file, "idle");
    assert.equal(code, 0, err);
    assert.deepStrictEqual(lines, ["put idle-1"]);
    const db = new Database(file, { readonly: true });
    assert.equal(db.prepare("SELECT count(*) FROM checkpoints").pluck().get(), 1);
    db.close();
  });

  it("stays alive until pending puts settle, in call order, then exits", async function () {
    const file = tempFile();
    const { code, lines, err } = await run(file, "pending");
    assert.equal(code, 0, err);
    assert.deepStrictEqual(lines, [...Array.from({ length: 20 }, (_, i) => `put pending-${i}`), "done"]);
    const db = new Database(file, { readonly: true });
    assert.equal(db.prepare("SELECT count(*) FROM checkpoints").pluck().get(), 20);
    db.close();
  });
});
