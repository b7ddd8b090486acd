// The patch declaration itself: it swaps both classes of one module copy, its self-check passes
// against the host and catches a store that ranks differently, and a rollback puts back exactly
// the originals.
const { assert, checkpoint, addon } = require("./support.cjs");
const { storePatches } = require("../../../dist/patches/memory/store.js");
const { SwapRegistry, ORIGINAL } = require("../../../dist/shim/registry.js");
const { readConfig } = require("../../../dist/config/index.js");

const [patch] = storePatches;
const context = { addon, config: readConfig({}), moduleSystem: "cjs" };

/** A stand-in for the module's exports object, so the real module stays untouched. */
const moduleCopy = () => ({ InMemoryStore: checkpoint.InMemoryStore, MemoryStore: checkpoint.MemoryStore });

describe("the memory (store) patch declaration", () => {
  it("targets the host file defining InMemoryStore, in both builds, as the memory component's main swap", () => {
    assert.equal(patch.component, "memory");
    assert.equal(patch.module, "@langchain/langgraph-checkpoint");
    assert.deepEqual(patch.files, ["dist/store/memory.cjs", "dist/store/memory.js"]);
    assert.equal(patch.role, "main");
  });

  it("swaps InMemoryStore and MemoryStore, passes its self-check, and rolls back exactly", () => {
    const exports = moduleCopy();
    const swap = new SwapRegistry().begin("memory", "test");
    patch.apply(exports, swap, context);
    assert.notEqual(exports.InMemoryStore, checkpoint.InMemoryStore);
    assert.equal(exports.InMemoryStore[ORIGINAL], checkpoint.InMemoryStore);
    assert.equal(Object.getPrototypeOf(exports.MemoryStore), exports.InMemoryStore);
    assert.ok(new exports.InMemoryStore() instanceof checkpoint.InMemoryStore);
    patch.selfCheck(exports, context);
    swap.rollback();
    assert.equal(exports.InMemoryStore, checkpoint.InMemoryStore);
    assert.equal(exports.MemoryStore, checkpoint.MemoryStore);
  });

  it("LANGGRAPH_NATIVE_MEMORY_STORE_INT8=off builds stores without the int8 copy", async () => {
    const bytesAfterSearch = async (config) => {
      const exports = moduleCopy();
      patch.apply(exports, new SwapRegistry().begin("memory", "test"), { ...context, config });
      const dims = 512;
      const embeddings = {
        embedQuery: async () => Array.from({ length: dims }, (_, d) => Math.cos(d)),
        embedDocuments: async (texts) => texts.map((t) => Array.from({ length: dims }, (_, d) => Math.sin(d * (1 + t.length)))),
      };
      const store = new exports.InMemoryStore({ index: { dims, embeddings, fields: ["text"] } });
      // 2100 x 512 floats: past the two-phase threshold (2^20), where the int8 copy is built.
      await store.batch(Array.from({ length: 2100 }, (_, i) => ({ namespace: ["t"], key: `${i}`, value: { text: "x".repeat(i % 50) } })));
      await store.search(["t"], { query: "q" });
      return store.nativeIndexBytes;
    };
    const withInt8 = await bytesAfterSearch(readConfig({}));
    const without = await bytesAfterSearch(readConfig({ LANGGRAPH_NATIVE_MEMORY_STORE_INT8: "off" }));
    assert.ok(withInt8 - without >= 2100 * 512, `${withInt8} vs ${without}`);
  });

  it("its self-check fails for a store that ranks differently from the host", () => {
    const exports = moduleCopy();
    patch.apply(exports, new SwapRegistry().begin("memory", "test"), context);
    const Native = exports.InMemoryStore;
    class Reversed extends Native {
      scoreResults(...args) {
        return super.scoreResults(...args).reverse();
      }
    }
    Reversed[ORIGINAL] = checkpoint.InMemoryStore;
    exports.InMemoryStore = Reversed;
    exports.MemoryStore = class MemoryStore extends Reversed {};
    assert.throws(() => patch.selfCheck(exports, context), /vector search differs from the host's/);
  });

  it("refuses a module without the classes (the shim then keeps the originals)", () => {
    assert.throws(() => patch.apply({}, new SwapRegistry().begin("memory", "test"), context), /no InMemoryStore/);
  });
});
