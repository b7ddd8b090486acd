// Real LangGraph apps in child processes, with and without the shim (require and import): the same
// results, the saver's serde swapped, and checkpoints written natively read by the stock serializer.
const assert = require("node:assert/strict");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const { runApp, lastJson } = require("../support/run-app.cjs");

const CJS_APP = path.join(__dirname, "fixtures", "chat-app.cjs");
const ESM_APP = path.join(__dirname, "fixtures", "chat-app.mjs");

function run(app, options) {
  const result = runApp(app, options);
  assert.equal(result.code, 0, result.stderr);
  return lastJson(result.stdout);
}

describe("serde: LangGraph apps with and without the shim", function () {
  it("CommonJS: same results; the saver's serde is native only with the shim", function () {
    const plain = run(CJS_APP, { preload: "none", args: ["run"] });
    const shimmed = run(CJS_APP, { preload: "require", args: ["run"] });
    assert.equal(plain.serdeSwapped, false);
    assert.equal(shimmed.serdeSwapped, true);
    assert.deepStrictEqual({ ...shimmed, serdeSwapped: false }, plain);
    assert.equal(plain.stateMessages.length, 8);
  });

  it("ES modules: same results; the saver's serde is native only with the shim", function () {
    const plain = run(ESM_APP, { preload: "none" });
    const shimmed = run(ESM_APP, { preload: "import" });
    assert.equal(plain.serdeSwapped, false);
    assert.equal(shimmed.serdeSwapped, true);
    assert.equal(shimmed.revivedAreInstances, true);
    assert.deepStrictEqual({ ...shimmed, serdeSwapped: false }, plain);
  });

  it("LANGGRAPH_NATIVE_SERDE=off keeps the host's serializer", function () {
    const off = run(CJS_APP, { preload: "require", args: ["run"], env: { LANGGRAPH_NATIVE_SERDE: "off" } });
    assert.equal(off.serdeSwapped, false);
  });

  it("a checkpoint written with the shim is read by the stock serializer, and the other way", function () {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lgn-serde-"));
    try {
      const nativeFile = path.join(dir, "native.json");
      const stockFile = path.join(dir, "stock.json");
      run(CJS_APP, { preload: "require", args: ["write", nativeFile] });
      run(CJS_APP, { preload: "none", args: ["write", stockFile] });
      // Identical bytes, apart from the checkpoint's own id and timestamp.
      const written = (file) => {
        const [type, base64] = JSON.parse(fs.readFileSync(file, "utf8"));
        return [type, Buffer.from(base64, "base64").toString("utf8").replace(/^\{"v":4,"id":"[^"]+","ts":"[^"]+",/, '{"v":4,')];
      };
      assert.deepStrictEqual(written(nativeFile), written(stockFile), "identical checkpoint bytes");
      const stockReadsNative = run(CJS_APP, { preload: "none", args: ["read", nativeFile] });
      const nativeReadsStock = run(CJS_APP, { preload: "require", args: ["read", stockFile] });
      assert.deepStrictEqual(stockReadsNative, nativeReadsStock);
      assert.equal(stockReadsNative.instances, true);
      assert.equal(stockReadsNative.messages.length, 8);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
