// Swaps the native serializer onto the real JsonPlusSerializer classes in this process (CJS and, on
// request, ESM; for tests, benches and the conformance runs) through a private registry, so `restore()` puts the host back exactly. A "stock"
// instance carries the original methods as own properties: the host's behaviour, side by side.
const path = require("node:path");
const { pathToFileURL } = require("node:url");
const { SwapRegistry, ORIGINAL } = require("../../dist/shim/registry.js");
const { loadAddon } = require("../../dist/shim/addon.js");
const { readConfig } = require("../../dist/config/index.js");
const { serializerPatches } = require("../../dist/patches/serde/definition.js");
const { collectInternal } = require("../../dist/patches/host-internals.js");

const CHECKPOINT_DIR = path.dirname(require.resolve("@langchain/langgraph-checkpoint/package.json"));
const METHODS = ["_dumps", "_loads", "dumpsTyped", "loadsTyped"];

/** `env`: LANGGRAPH_NATIVE_* variables the patch reads (e.g. LANGGRAPH_NATIVE_SERDE_FORMAT). */
function context(moduleSystem, env = {}) {
  const addon = loadAddon(undefined);
  if (!addon.loaded) throw new Error(addon.error);
  return { addon: addon.addon, config: readConfig(env), moduleSystem, baseDir: CHECKPOINT_DIR };
}

/**
 * What the shim's hook records before jsonplus loads: the copy's serde/types module (where
 * DeltaSnapshot lives), the real one of this build. Returns a promise for the ES build.
 */
function collectSerdeTypes(moduleSystem) {
  const file = path.join(CHECKPOINT_DIR, "dist", "serde", moduleSystem === "cjs" ? "types.cjs" : "types.js");
  const record = (exports) => collectInternal("@langchain/langgraph-checkpoint", `dist/serde/types.${moduleSystem === "cjs" ? "cjs" : "js"}`, exports, CHECKPOINT_DIR, moduleSystem);
  if (moduleSystem === "cjs") return record(require(file));
  return import(pathToFileURL(file).href).then(record);
}
collectSerdeTypes("cjs");

/** Applies the serde patch to one loaded copy of the checkpoint package, with its self-check. */
function swapInto(registry, exports, moduleSystem, env) {
  const [patch] = serializerPatches;
  const swap = registry.begin("serde", `test (${moduleSystem})`);
  const ctx = context(moduleSystem, env);
  patch.apply(exports, swap, ctx);
  patch.selfCheck(exports, ctx);
  return exports;
}

/** An instance of `Serializer` behaving exactly as the host's, even while the prototype is swapped. */
function stockInstance(Serializer) {
  const instance = new Serializer();
  for (const name of METHODS) {
    const current = Serializer.prototype[name];
    instance[name] = current[ORIGINAL] ?? current;
  }
  return instance;
}

function swapCjs(env) {
  const registry = new SwapRegistry();
  const exports = swapInto(registry, require("@langchain/langgraph-checkpoint"), "cjs", env);
  return { registry, exports, native: new exports.JsonPlusSerializer(), stock: stockInstance(exports.JsonPlusSerializer) };
}

async function swapEsm() {
  const registry = new SwapRegistry();
  const url = pathToFileURL(path.join(CHECKPOINT_DIR, "dist", "index.js")).href;
  const exports = await import(url);
  await collectSerdeTypes("esm");
  // ES module namespaces are frozen; the class objects themselves are not.
  swapInto(registry, { JsonPlusSerializer: exports.JsonPlusSerializer, DeltaSnapshot: exports.DeltaSnapshot }, "esm");
  return { registry, exports, native: new exports.JsonPlusSerializer(), stock: stockInstance(exports.JsonPlusSerializer) };
}

/**
 * A JsonPlusSerializer instance carrying the native methods as own properties (as the shim swaps
 * them in, self-check included), with this process's class restored at once: no other test sees
 * the swap.
 */
function nativeSerde(env) {
  const { registry, native } = swapCjs(env);
  for (const name of METHODS) native[name] = native[name];
  registry.restore();
  return native;
}

const text = (bytes) => new TextDecoder().decode(bytes);

module.exports = { collectSerdeTypes, swapInto, swapCjs, swapEsm, stockInstance, nativeSerde, CHECKPOINT_DIR, text, ORIGINAL };
