// The bench's data and stores: deterministic 768-dim vectors in one Float32Array pool, a fake
// embeddings object handing them out as number[] (as a provider's JSON would), and both stores.
const checkpoint = require("@langchain/langgraph-checkpoint");
const { seededRandom } = require("../test/support/seeded-random.cjs");
const { loadAddon } = require("../dist/shim/addon.js");
const { createNativeStoreClasses } = require("../dist/patches/memory/native-store.js");

const DIMS = 768;
const CATEGORIES = 10;

const loaded = loadAddon(undefined);
if (!loaded.loaded) throw new Error(`native addon not loaded: ${loaded.error}`);
const addon = loaded.addon;
const { NativeInMemoryStore } = createNativeStoreClasses(checkpoint.InMemoryStore, addon);
// LANGGRAPH_NATIVE_MEMORY_STORE_INT8=off: no int8 copy of the vectors (less memory, slower large scans).
const { NativeInMemoryStore: ExactOnlyStore } = createNativeStoreClasses(checkpoint.InMemoryStore, addon, { int8Prefilter: false });
const IMPLEMENTATIONS = { stock: checkpoint.InMemoryStore, native: NativeInMemoryStore, "native-exact": ExactOnlyStore };


/** `count` vectors of DIMS floats in [-1, 1), back to back. */
function vectorPool(count, seed) {
  const random = seededRandom(seed);
  const pool = new Float32Array(count * DIMS);
  for (let i = 0; i < pool.length; i += 1) pool[i] = random() * 2 - 1;
  return pool;
}

/** Texts are "doc <i>" and "query <i>"; each maps to its slot of a pool. */
function poolEmbeddings(documents, queries) {
  // A fresh packed number[] per call, like a provider's parsed JSON (a plain loop: cheap, so the
  // bench measures the stores rather than the fake provider).
  const slice = (pool, i) => {
    const vector = [];
    for (let d = 0, at = i * DIMS; d < DIMS; d += 1) vector.push(pool[at + d]);
    return vector;
  };
  return {
    async embedDocuments(texts) {
      return texts.map((text) => slice(documents, Number(text.slice(4))));
    },
    async embedQuery(text) {
      return slice(queries, Number(text.slice(6)));
    },
  };
}

function makeStore(implementation, embeddings) {
  return new IMPLEMENTATIONS[implementation]({ index: { dims: DIMS, embeddings, fields: ["text"] } });
}

const NAMESPACES = [["users", "a"], ["users", "b"], ["users", "c"], ["docs"]];

/** Puts `count` items one by one, as an app would; returns the elapsed ms. */
async function fill(store, count) {
  const start = performance.now();
  for (let i = 0; i < count; i += 1) {
    await store.put(NAMESPACES[i % NAMESPACES.length], `k${i}`, { text: `doc ${i}`, category: `c${i % CATEGORIES}`, rank: i });
  }
  return performance.now() - start;
}

module.exports = { DIMS, CATEGORIES, NAMESPACES, addon, IMPLEMENTATIONS, seededRandom, vectorPool, poolEmbeddings, makeStore, fill };
