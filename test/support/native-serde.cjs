// A JsonPlusSerializer instance carrying the native serializer's methods, as the shim swaps them
// in: the shim's serde patch (and its self-check) is applied to this process's class, the methods
// are copied onto one instance, and the class is restored, so no other test sees the swap.
const path = require("node:path");
const checkpoint = require("@langchain/langgraph-checkpoint");
const { loadAddon } = require("../../dist/shim/addon.js");
const { SwapRegistry } = require("../../dist/shim/registry.js");
const { readConfig } = require("../../dist/config/index.js");
const { serializerPatches } = require("../../dist/patches/serializer/definition.js");

const METHODS = ["_dumps", "_loads", "dumpsTyped", "loadsTyped"];

function nativeSerde() {
  const [patch] = serializerPatches;
  const context = {
    addon: loadAddon(undefined).addon,
    config: readConfig({}),
    moduleSystem: "cjs",
    baseDir: path.dirname(require.resolve("@langchain/langgraph-checkpoint/package.json")),
  };
  const swap = new SwapRegistry().begin("serde", "test");
  patch.apply(checkpoint, swap, context);
  try {
    patch.selfCheck(checkpoint, context);
    const serde = new checkpoint.JsonPlusSerializer();
    const proto = checkpoint.JsonPlusSerializer.prototype;
    for (const name of METHODS) serde[name] = proto[name];
    return serde;
  } finally {
    swap.rollback();
  }
}

module.exports = { nativeSerde };
