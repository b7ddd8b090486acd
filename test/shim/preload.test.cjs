// The shim preloaded into real LangGraph apps (CJS and ESM, --require and --import), and every way
// it can fall back. Each case runs the test agent (test/fixtures/agent) in a child process and compares its result hash
// with the run without the shim: a fallback must leave the app working with identical results.
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");
const { ROOT, runApp, lastJson } = require("../support/run-app.cjs");
const { makeHostCopy, editFile, setVersion } = require("../support/host-copy.cjs");

const CJS_APP = path.join(__dirname, "..", "fixtures", "agent", "app.cjs");
const ESM_APP = path.join(__dirname, "..", "fixtures", "agent", "app.mjs");
const SMALL = ["12", "6"]; // history size, supersteps: small, still several checkpoints per run
const CHECKPOINT = "@langchain/langgraph-checkpoint";

function run(app, options = {}) {
  const result = runApp(app, { args: SMALL, ...options });
  assert.equal(result.code, 0, `app failed:\n${result.stderr}`);
  return { ...lastJson(result.stdout), stderr: result.stderr };
}

/** stderr lines pino wrote, parsed. */
function logLines(stderr) {
  return stderr.split("\n").filter((line) => line.startsWith("{")).map((line) => JSON.parse(line));
}

describe("preloaded into real LangGraph apps", function () {
  let baseline;
  before(function () {
    baseline = run(CJS_APP);
  });

  it("gives the same result from the CJS and the ESM build without the shim", function () {
    assert.equal(run(ESM_APP).hash, baseline.hash);
    assert.deepEqual(baseline.swappedSerializerMethods, []);
    assert.equal(baseline.status.entry, "none");
  });

  it("patches a CommonJS app with --require, with identical results", function () {
    const shimmed = run(CJS_APP, { preload: "require" });
    assert.equal(shimmed.hash, baseline.hash);
    assert.equal(shimmed.status.entry, "require");
    assert.equal(shimmed.status.components.serde.active, true);
    assert.match(shimmed.status.components.serde.reason, /JsonPlusSerializer in @langchain\/langgraph-checkpoint@1\.2\.2 \(cjs\)/);
    assert.ok(shimmed.swappedSerializerMethods.length > 0);
    assert.equal(shimmed.stderr, "", "nothing logged at the default level");
    // A CommonJS app loads LangGraph's CommonJS build: no ES-module loader is paid for at start.
    assert.equal(shimmed.status.esm.mode, "off");
    assert.match(shimmed.status.esm.reason, /--import langgraph-native\/shim\/esm/);
  });

  it("runs an ES-module app started with --require as stock on Node 20, with one line saying to use --import", function () {
    // Node's off-thread loader, registered from --require, hung such starts in our tests; where
    // Node hooks in-thread (>= 22.22.3, >= 24.11.1) the app is patched instead (test:matrix).
    const shimmed = run(ESM_APP, { preload: "require" });
    assert.equal(shimmed.hash, baseline.hash);
    assert.equal(shimmed.status.esm.mode, "off");
    assert.doesNotMatch(shimmed.status.components.serde.reason, /\(esm\)/);
    const lines = logLines(shimmed.stderr);
    assert.equal(lines.length, 1, shimmed.stderr);
    assert.match(lines[0].msg, /ES-module app started with --require .*start it with --import langgraph-native\/shim\/esm/);
  });

  it("patches an ES-module app with --import", function () {
    const shimmed = run(ESM_APP, { preload: "import" });
    assert.equal(shimmed.hash, baseline.hash);
    assert.equal(shimmed.status.entry, "import");
    assert.equal(shimmed.status.components.serde.active, true);
    assert.ok(shimmed.swappedSerializerMethods.length > 0);
    assert.equal(shimmed.stderr, "");
  });

  it("logs one start-up line naming the active components at LANGGRAPH_NATIVE_LOG=info", function () {
    const shimmed = run(CJS_APP, { preload: "require", env: { LANGGRAPH_NATIVE_LOG: "info" } });
    const started = logLines(shimmed.stderr).filter((line) => /started/.test(line.msg));
    assert.equal(started.length, 1);
    assert.match(started[0].msg, /native components: .*serde/);
  });

  describe("switched off", function () {
    it("LANGGRAPH_NATIVE=off keeps every original and does not load the addon", function () {
      const result = run(CJS_APP, { preload: "require", env: { LANGGRAPH_NATIVE: "off" } });
      assert.equal(result.hash, baseline.hash);
      assert.deepEqual(result.swappedSerializerMethods, []);
      assert.equal(result.status.addon.loaded, false);
      for (const component of Object.values(result.status.components)) {
        assert.deepEqual(component, { requested: false, active: false, reason: "off: LANGGRAPH_NATIVE=off" });
      }
    });

    it("LANGGRAPH_NATIVE_SERDE=off keeps JsonPlusSerializer", function () {
      const result = run(ESM_APP, { preload: "import", env: { LANGGRAPH_NATIVE_SERDE: "OFF" } });
      assert.equal(result.hash, baseline.hash);
      assert.deepEqual(result.swappedSerializerMethods, []);
      assert.deepEqual(result.status.components.serde, {
        requested: false,
        active: false,
        reason: "off: LANGGRAPH_NATIVE_SERDE=off",
      });
    });

    it("an invalid value is named with its allowed values, and the default stays", function () {
      const result = run(CJS_APP, { preload: "require", env: { LANGGRAPH_NATIVE_SERDE: "maybe" } });
      assert.equal(result.hash, baseline.hash);
      assert.equal(result.status.components.serde.active, true);
      const warnings = logLines(result.stderr).filter((line) => line.level === 40);
      assert.equal(warnings.length, 1);
      assert.match(warnings[0].msg, /LANGGRAPH_NATIVE_SERDE="maybe" is not valid; allowed values: on, off/);
      assert.deepEqual(result.status.warnings, [warnings[0].msg]);
    });
  });

  describe("falls back to the originals", function () {
    it("when LANGGRAPH_NATIVE_ADDON names a missing file", function () {
      const missing = path.join(ROOT, ".fixtures", "no-such-addon.node");
      const result = run(CJS_APP, { preload: "require", env: { LANGGRAPH_NATIVE_ADDON: missing } });
      assert.equal(result.hash, baseline.hash);
      assert.deepEqual(result.swappedSerializerMethods, []);
      assert.equal(result.status.addon.loaded, false);
      assert.equal(result.status.addon.path, missing);
      assert.match(result.status.addon.error, /Cannot find module/);
      assert.match(result.status.components.serde.reason, /native addon not loaded/);
      const warnings = logLines(result.stderr).filter((line) => line.level === 40);
      assert.equal(warnings.length, 1);
      assert.match(warnings[0].msg, /native addon not loaded/);
    });

    it("when LANGGRAPH_NATIVE_ADDON names a file that is not a native addon", function () {
      const bogus = path.join(ROOT, ".fixtures", "bogus.node");
      fs.mkdirSync(path.dirname(bogus), { recursive: true });
      fs.writeFileSync(bogus, "this is not a shared object");
      const result = run(ESM_APP, { preload: "import", env: { LANGGRAPH_NATIVE_ADDON: bogus } });
      assert.equal(result.hash, baseline.hash);
      assert.equal(result.status.addon.loaded, false);
      assert.match(result.status.addon.error, /^not a Node addon: not a shared library/);
      assert.deepEqual(result.swappedSerializerMethods, []);
    });

    it("when the host version is outside the supported range", function () {
      const project = makeHostCopy("old-host", (dir) => setVersion(dir(CHECKPOINT), "1.1.0"));
      const result = run(path.join(project, "app.cjs"), { preload: "require", cwd: project });
      assert.equal(result.hash, baseline.hash);
      assert.deepEqual(result.swappedSerializerMethods, []);
      // Every component relying on the checkpoint package stays stock, with one warning line each
      // naming the version and what to do; tools relies on langgraph and core only.
      const warnings = logLines(result.stderr).filter((line) => line.level === 40);
      assert.deepEqual(warnings.map((line) => line.component).sort(), ["memory", "serde", "tasks"]);
      for (const line of warnings) {
        assert.match(line.msg, /@langchain\/langgraph-checkpoint@1\.1\.0 is outside the supported range >=1\.1\.6 <2; upgrade @langchain\/langgraph-checkpoint to >= 1\.1\.6 or set LANGGRAPH_NATIVE_[A-Z]+=off to silence$/);
        assert.match(line.msg, new RegExp(`LANGGRAPH_NATIVE_${line.component.toUpperCase()}=off`));
      }
      for (const name of ["serde", "memory", "tasks"]) {
        assert.equal(result.status.components[name].active, false, name);
        assert.match(result.status.components[name].reason, /@langchain\/langgraph-checkpoint@1\.1\.0 is outside the supported range/);
      }
      assert.equal(result.status.components.tools.active, true);
      const copies = result.status.host[CHECKPOINT];
      assert.equal(copies.length, 1);
      assert.equal(copies[0].supported, false);
      assert.equal(copies[0].range, ">=1.1.6 <2");
    });

    it("when a patch throws half-way, undoing what it had already swapped", function () {
      // A host whose loadsTyped cannot be redefined: the swap of dumpsTyped succeeds, then fails.
      const project = makeHostCopy("locked-host", (dir) => {
        for (const ext of ["cjs", "js"]) {
          editFile(path.join(dir(CHECKPOINT), "dist", "serde", `jsonplus.${ext}`), (source) =>
            source.replace(
              "//#endregion",
              'Object.defineProperty(JsonPlusSerializer.prototype, "loadsTyped", { configurable: false, writable: false });\n//#endregion',
            ),
          );
        }
      });
      for (const [app, preload] of [["app.cjs", "require"], ["app.mjs", "import"]]) {
        const result = run(path.join(project, app), { preload, cwd: project });
        assert.equal(result.hash, baseline.hash);
        assert.deepEqual(result.swappedSerializerMethods, [], "no half-done patch is left behind");
        assert.match(result.status.components.serde.reason, /^patch failed for JsonPlusSerializer .*the originals are back$/);
        const warnings = logLines(result.stderr).filter((line) => line.level === 40);
        assert.equal(warnings.length, 1);
      }
    });

    it("when the self-check fails on a host whose bytes differ from ours", function () {
      // A host release that writes its JSON differently: our bytes would no longer match its own.
      const project = makeHostCopy("other-format-host", (dir) => {
        for (const ext of ["cjs", "js"]) {
          editFile(path.join(dir(CHECKPOINT), "dist", "serde", `jsonplus.${ext}`), (source) =>
            source.replace(/return new TextEncoder\(\)\.encode\(([\s\S]*?)\)\);\n\t\}/, "return new TextEncoder().encode($1) + \"\\n\");\n\t}"),
          );
        }
      });
      const source = fs.readFileSync(path.join(project, "node_modules", CHECKPOINT, "dist", "serde", "jsonplus.cjs"), "utf8");
      assert.match(source, /\+ "\\n"\)/, "the fixture edit applied");
      // The check runs at the app's first checkpoint (checkOnFirstUse): that call and every later
      // one are the host's, and the one warning line still says why.
      for (const [app, preload] of [["app.cjs", "require"], ["app.mjs", "import"]]) {
        const result = run(path.join(project, app), { preload, cwd: project });
        assert.equal(result.hash, baseline.hash);
        assert.deepEqual(result.swappedSerializerMethods, []);
        assert.match(result.status.components.serde.reason, /^self-check failed for JsonPlusSerializer/);
        const warnings = logLines(result.stderr).filter((line) => line.level === 40);
        assert.equal(warnings.length, 1, result.stderr);
        assert.match(warnings[0].msg, /serde: kept LangGraph's own JsonPlusSerializer: self-check failed/);
      }
    });

    it("a failing serializer check costs an app that never serializes nothing, and status still runs it", function () {
      const project = makeHostCopy("other-format-host-idle", (dir) => {
        editFile(path.join(dir(CHECKPOINT), "dist", "serde", "jsonplus.cjs"), (source) =>
          source.replace(/return new TextEncoder\(\)\.encode\(([\s\S]*?)\)\);\n\t\}/, "return new TextEncoder().encode($1) + \"\\n\");\n\t}"),
        );
      });
      const app = path.join(project, "idle.cjs");
      fs.writeFileSync(
        app,
        `
const { JsonPlusSerializer } = require("${CHECKPOINT}");
const marker = Symbol.for("langgraph-native.original");
const gated = Object.prototype.hasOwnProperty.call(JsonPlusSerializer.prototype.dumpsTyped, marker);
process.stderr.write("loaded\\n");
const { status } = require("langgraph-native");
const serde = status().components.serde;
const after = Object.prototype.hasOwnProperty.call(JsonPlusSerializer.prototype.dumpsTyped, marker);
console.log(JSON.stringify({ gated, after, serde }));
`,
      );
      const result = runApp(app, { preload: "require", cwd: project });
      assert.equal(result.code, 0, result.stderr);
      const { gated, after, serde } = lastJson(result.stdout);
      assert.equal(gated, true, "swapped in at import, its check waiting");
      const [beforeStatus] = result.stderr.split("loaded\n");
      assert.equal(beforeStatus, "", "nothing ran or was logged before the app used the serializer");
      assert.match(serde.reason, /^self-check failed for JsonPlusSerializer/);
      assert.equal(serde.active, false);
      assert.equal(after, false, "status() ran the check, and the host's methods are back");
    });

    it("LANGGRAPH_NATIVE_STRICT=1 turns a fallback into an error", function () {
      const result = runApp(CJS_APP, {
        preload: "require",
        args: SMALL,
        env: { LANGGRAPH_NATIVE_STRICT: "1", LANGGRAPH_NATIVE_ADDON: "/nonexistent/addon.node" },
      });
      assert.notEqual(result.code, 0);
      assert.match(result.stderr, /StrictModeError: langgraph-native \(LANGGRAPH_NATIVE_STRICT=1\): native addon not loaded/);
    });
  });

  describe("several copies of the host", function () {
    it("patches every loaded copy, and unpatch() puts every original back", function () {
      const project = makeHostCopy("second-copy");
      const app = path.join(project, "two-copies.cjs");
      fs.writeFileSync(
        app,
        `
const marker = Symbol.for("langgraph-native.original");
const swapped = (cls) => Object.prototype.hasOwnProperty.call(cls.prototype.dumpsTyped, marker);
const first = require("node:module").createRequire(${JSON.stringify(path.join(ROOT, "package.json"))})("${CHECKPOINT}").JsonPlusSerializer;
const second = require("${CHECKPOINT}").JsonPlusSerializer;
const originals = [first, second].map((cls) => cls.prototype.dumpsTyped[marker]);
const api = require("langgraph-native");
const before = { distinct: first !== second, swapped: [swapped(first), swapped(second)], copies: api.status().host["${CHECKPOINT}"].length };
const restored = api.unpatch();
const after = {
  swapped: [swapped(first), swapped(second)],
  identical: [first.prototype.dumpsTyped === originals[0], second.prototype.dumpsTyped === originals[1]],
  serde: api.status().components.serde,
};
console.log(JSON.stringify({ before, restored, after }));
`,
      );
      const result = runApp(app, { preload: "require", cwd: project });
      assert.equal(result.code, 0, result.stderr);
      const { before, restored, after } = lastJson(result.stdout);
      assert.deepEqual(before, { distinct: true, swapped: [true, true], copies: 2 });
      assert.ok(restored >= 2);
      assert.deepEqual(after.swapped, [false, false]);
      assert.deepEqual(after.identical, [true, true]);
      assert.equal(after.serde.active, false);
    });
  });
});
