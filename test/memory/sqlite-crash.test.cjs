// Crash safety: a child process putting checkpoints to a file is SIGKILLed mid-burst, many
// times, on the same file. Afterwards the database opens, `PRAGMA integrity_check` is ok, and
// every put whose Promise resolved before the kill is there (with its writes).
const assert = require("node:assert/strict");
const { spawn } = require("node:child_process");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const Database = require("better-sqlite3");

const APP = path.join(__dirname, "apps", "put-burst.cjs");
const KILLS = 10;

/** Runs the child until it has confirmed `after` puts plus a random delay, then SIGKILLs it. */
function burstAndKill(file, run, sync) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [APP, file, String(run), sync], { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    let armed = false;
    child.stdout.on("data", (chunk) => {
      out += chunk;
      if (!armed && out.split("\n").length > 20) {
        armed = true;
        setTimeout(() => child.kill("SIGKILL"), Math.floor(Math.random() * 150));
      }
    });
    child.stderr.on("data", (chunk) => (err += chunk));
    child.on("error", reject);
    child.on("exit", (code, signal) => {
      if (signal !== "SIGKILL") return reject(new Error(`child exited with ${code}: ${err}`));
      resolve(out.split("\n").filter((line) => line && line !== "ready"));
    });
  });
}

for (const sync of ["full", "normal"]) {
  describe(`native SqliteSaver survives SIGKILL mid-burst (synchronous=${sync})`, function () {
    it(`keeps every resolved put across ${KILLS} kills, and the file passes integrity_check`, async function () {
      const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "lgn-crash-")), "burst.sqlite");
      const confirmed = [];
      for (let run = 0; run < KILLS; run++) {
        const ids = await burstAndKill(file, run, sync);
        assert.ok(ids.length > 0, "the child confirmed no put before the kill");
        confirmed.push(...ids);
        const db = new Database(file);
        assert.equal(db.pragma("integrity_check", { simple: true }), "ok");
        const stored = new Set(db.prepare("SELECT checkpoint_id FROM checkpoints").pluck().all());
        const written = new Set(db.prepare("SELECT checkpoint_id FROM writes").pluck().all());
        db.close();
        const missing = confirmed.filter((id) => !stored.has(id) || !written.has(id));
        assert.deepStrictEqual(missing, [], `run ${run}: resolved puts missing after the kill`);
      }
    });
  });
}
