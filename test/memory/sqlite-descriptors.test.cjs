// A closed SqliteSaver releases its descriptors and threads at once: 2,000 open / put / getTuple /
// db.close() cycles under `ulimit -n 256`, stock and shim, in child processes; a saver that is only
// dropped (never closed) holds no thread after a GC.
const assert = require("node:assert/strict");
const { spawnSync } = require("node:child_process");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const { SHIM_REQUIRE, ROOT, childEnv, lastJson } = require("../support/run-app.cjs");

const APP = path.join(__dirname, "apps", "open-close.cjs");
const SAVERS = { stock: "", shim: `--require ${SHIM_REQUIRE}` };

function runLimited(saver, mode, cycles) {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "lgn-fds-")), "requests.sqlite");
  const command = `ulimit -n 256 && exec "${process.execPath}" --expose-gc ${SAVERS[saver]} "${APP}" "${file}" ${mode} ${cycles}`;
  const result = spawnSync("bash", ["-c", command], { cwd: ROOT, env: childEnv(), encoding: "utf8" });
  assert.equal(result.status, 0, `${saver}: ${result.stderr}`);
  return lastJson(result.stdout);
}

describe("SqliteSaver: a closed saver releases descriptors and threads (ulimit -n 256)", function () {
  for (const saver of Object.keys(SAVERS)) {
    it(`${saver}: 2,000 open/put/getTuple/close cycles keep descriptors and threads where they were`, function () {
      const { before, after, cycles } = runLimited(saver, "close", 2000);
      assert.equal(cycles, 2000);
      assert.ok(after.fds <= before.fds, `${saver}: descriptors ${before.fds} -> ${after.fds}`);
      assert.ok(after.threads <= before.threads, `${saver}: threads ${before.threads} -> ${after.threads}`);
    });
  }

  it("shim: savers that are dropped without close hold no thread after a GC", function () {
    const { before, after } = runLimited("shim", "drop", 50);
    assert.ok(after.threads <= before.threads, `threads ${before.threads} -> ${after.threads}`);
  });
});
