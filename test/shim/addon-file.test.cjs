// A broken addon file is a fallback with a reason, never a crash: truncated copies of the real
// addon (which dlopen would map and then die on with SIGBUS), other libraries, and crafted
// truncated Mach-O and PE files, checked from their headers before anything loads them.
const assert = require("node:assert/strict");
const { spawnSync } = require("node:child_process");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const { ROOT, runApp, lastJson, childEnv } = require("../support/run-app.cjs");
const { addonFileProblem } = require("../../dist/shim/addon-file.js");
const { LOCAL_ADDON_PATH } = require("../../dist/shim/addon.js");

const CLI = path.join(ROOT, "dist", "shim", "cli.js");
const CJS_APP = path.join(__dirname, "..", "fixtures", "agent", "app.cjs");
const SMALL = ["12", "6"];
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lgn-addon-file-"));

function truncatedCopy(name, length) {
  const file = path.join(dir, name);
  fs.writeFileSync(file, fs.readFileSync(LOCAL_ADDON_PATH).subarray(0, length));
  return file;
}

function writeFile(name, bytes) {
  const file = path.join(dir, name);
  fs.writeFileSync(file, bytes);
  return file;
}

/** A shared library this process has mapped that is not a Node addon (libc, libz, ...), on Linux. */
function someSystemLibrary() {
  if (process.platform !== "linux") return undefined;
  const maps = fs.readFileSync("/proc/self/maps", "utf8").split("\n");
  const library = maps.map((line) => line.split(/\s+/)[5]).find((file) => file && /\/lib[^/]*\.so(\.\d+)*$/.test(file) && !file.endsWith(".node"));
  return library;
}

/** A 64-bit little-endian Mach-O dylib of 4096 bytes whose one segment spans the whole file. */
function machO() {
  const bytes = Buffer.alloc(4096);
  bytes.writeUInt32LE(0xfeedfacf, 0);
  bytes.writeUInt32LE(0x01000007, 4);
  bytes.writeUInt32LE(3, 8);
  bytes.writeUInt32LE(6, 12); // MH_DYLIB
  bytes.writeUInt32LE(1, 16); // ncmds
  bytes.writeUInt32LE(72, 20); // sizeofcmds
  bytes.writeUInt32LE(0x19, 32); // LC_SEGMENT_64
  bytes.writeUInt32LE(72, 36);
  bytes.writeBigUInt64LE(0n, 32 + 40); // fileoff
  bytes.writeBigUInt64LE(4096n, 32 + 48); // filesize
  return bytes;
}

/** A universal file holding that Mach-O at offset 4096. */
function fatMachO() {
  const header = Buffer.alloc(4096);
  header.writeUInt32BE(0xcafebabe, 0);
  header.writeUInt32BE(1, 4);
  header.writeUInt32BE(0x01000007, 8);
  header.writeUInt32BE(3, 12);
  header.writeUInt32BE(4096, 16); // offset
  header.writeUInt32BE(4096, 20); // size
  header.writeUInt32BE(12, 24);
  return Buffer.concat([header, machO()]);
}

/** A PE file of 1024 bytes with one section whose raw data fills its second half. */
function pe() {
  const bytes = Buffer.alloc(1024);
  bytes.write("MZ", 0, "latin1");
  bytes.writeUInt32LE(64, 0x3c);
  bytes.write("PE\0\0", 64, "latin1");
  bytes.writeUInt16LE(0x8664, 68);
  bytes.writeUInt16LE(1, 70); // NumberOfSections
  bytes.writeUInt16LE(0, 84); // SizeOfOptionalHeader
  bytes.writeUInt32LE(512, 88 + 16); // SizeOfRawData
  bytes.writeUInt32LE(512, 88 + 20); // PointerToRawData
  return bytes;
}

after(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("the addon file is checked before it is loaded", function () {
  it("the real addon passes; every truncated copy of it is named truncated", function () {
    assert.equal(addonFileProblem(LOCAL_ADDON_PATH), undefined);
    const size = fs.statSync(LOCAL_ADDON_PATH).size;
    for (const length of [0, 3, 40, 63, 64, 200, 4096, 200_000, Math.floor(size / 2), size - 64, size - 1]) {
      const problem = addonFileProblem(truncatedCopy(`cut-${length}.node`, length));
      assert.match(problem, length < 4 ? /too short for a shared library/ : new RegExp(`truncated: ${length} bytes, but its ELF headers`), `cut at ${length}`);
    }
  });

  it("crafted Mach-O (thin and universal) and PE files: whole ones pass, truncated ones are named", function () {
    for (const [name, bytes, platform, cut] of [
      ["thin.dylib", machO(), "darwin", 2000],
      ["fat.dylib", fatMachO(), "darwin", 6000],
      ["fat-header.dylib", fatMachO(), "darwin", 4000],
      ["lib.dll", pe(), "win32", 700],
      ["header.dll", pe(), "win32", 100],
    ]) {
      const whole = writeFile(name, bytes);
      assert.equal(addonFileProblem(whole, platform), undefined, name);
      const format = platform === "darwin" ? "Mach-O" : "PE";
      assert.match(addonFileProblem(writeFile(`cut-${name}`, bytes.subarray(0, cut)), platform), new RegExp(`truncated: ${cut} bytes, but its ${format} headers`), name);
      // On another platform, a whole one is a library for the wrong loader.
      assert.match(addonFileProblem(whole, "linux"), new RegExp(`not a Node addon for linux: a ${format} library`));
    }
  });

  it("a file that is no library at all is named so", function () {
    assert.match(addonFileProblem(writeFile("text.node", "this is not a shared object")), /^not a Node addon: not a shared library/);
    assert.equal(addonFileProblem(path.join(dir, "missing.node")), undefined, "a missing file is the loader's to report");
  });
});

describe("a broken addon file falls back, in the app and in status", function () {
  let baseline;
  before(function () {
    const result = runApp(CJS_APP, { args: SMALL });
    assert.equal(result.code, 0, result.stderr);
    baseline = lastJson(result.stdout);
  });

  it("a truncated copy: the app runs on the host's classes with the same result, one warning line", function () {
    const truncated = truncatedCopy("app-truncated.node", 200_000);
    const result = runApp(CJS_APP, { preload: "require", args: SMALL, env: { LANGGRAPH_NATIVE_ADDON: truncated } });
    assert.equal(result.signal, null, "no crash");
    assert.equal(result.code, 0, result.stderr);
    const shimmed = lastJson(result.stdout);
    assert.equal(shimmed.hash, baseline.hash);
    assert.deepEqual(shimmed.swappedSerializerMethods, []);
    assert.equal(shimmed.status.addon.loaded, false);
    assert.match(shimmed.status.addon.error, /^the file is truncated: 200000 bytes/);
    const lines = result.stderr.split("\n").filter((line) => line.startsWith("{"));
    assert.equal(lines.length, 1);
    assert.match(JSON.parse(lines[0]).msg, /native addon not loaded from .*app-truncated\.node: the file is truncated/);
  });

  it("status reports a truncated copy and a library that is not a Node addon", function () {
    const status = (file) => {
      const result = spawnSync(process.execPath, [CLI, "status", "--json"], { cwd: ROOT, env: childEnv({ LANGGRAPH_NATIVE_ADDON: file }), encoding: "utf8" });
      assert.equal(result.signal, null, "no crash");
      assert.equal(result.status, 0, result.stderr);
      return JSON.parse(result.stdout);
    };
    const truncated = status(truncatedCopy("status-truncated.node", 200_000));
    assert.equal(truncated.addon.loaded, false);
    assert.match(truncated.addon.error, /^the file is truncated/);
    assert.match(truncated.components.serde.reason, /native addon not loaded/);
    const table = spawnSync(process.execPath, [CLI, "status"], { cwd: ROOT, env: childEnv({ LANGGRAPH_NATIVE_ADDON: path.join(dir, "status-truncated.node") }), encoding: "utf8" });
    assert.match(table.stdout, /^addon {6}not loaded: the file is truncated: 200000 bytes/m);

    const library = someSystemLibrary();
    if (library === undefined) return;
    // By its own name (libz.so.1 is not a ".node" name) and copied under an addon's name.
    for (const file of [library, writeFile("library.node", fs.readFileSync(library))]) {
      const other = status(file);
      assert.equal(other.addon.loaded, false);
      assert.match(other.addon.error, /^not a Node addon: a shared library that registers no Node module/, file);
    }
  });
});
