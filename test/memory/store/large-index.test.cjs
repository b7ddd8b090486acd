// A store large enough for the native index's two-phase scan (int8 first pass, exact rescoring),
// with near-duplicate and identical vectors: results must still equal the host's exactly
// (same items, same order, scores within float noise), with and without filters.
const { assert, STORES, checkpoint, addon, seededRandom } = require("./support.cjs");
const { createNativeStoreClasses } = require("../../../dist/patches/memory/native-store.js");

// LANGGRAPH_NATIVE_MEMORY_STORE_INT8=off: the same index without its int8 copy (exact scans only).
const { NativeInMemoryStore: ExactOnlyStore } = createNativeStoreClasses(checkpoint.InMemoryStore, addon, { int8Prefilter: false });

const DIMS = 768;
const ITEMS = 1600; // 1600 x 768 floats: above the index's two-phase threshold (2^20)

function clusteredEmbeddings() {
  const random = seededRandom(5);
  const centres = Array.from({ length: 4 }, () => Array.from({ length: DIMS }, () => random() * 2 - 1));
  const vectors = new Map();
  const vectorOf = (text) => {
    if (!vectors.has(text)) {
      const [kind, n] = text.split(" ");
      const i = Number(n);
      const centre = centres[i % centres.length];
      // Every 5th item repeats its centre exactly (ties); the rest sit very close to it.
      const noise = kind === "query" ? 0.02 : i % 5 === 0 ? 0 : 0.003;
      vectors.set(text, centre.map((c) => c + (random() * 2 - 1) * noise));
    }
    return [...vectors.get(text)];
  };
  return { embedQuery: async (q) => vectorOf(q), embedDocuments: async (texts) => texts.map(vectorOf) };
}

function sameResults(actual, expected, label) {
  assert.deepEqual(actual.map((r) => `${r.namespace.join("/")}:${r.key}`), expected.map((r) => `${r.namespace.join("/")}:${r.key}`), label);
  for (let i = 0; i < expected.length; i += 1) {
    if (expected[i].score === undefined) assert.equal(actual[i].score, undefined, label);
    else assert.ok(Math.abs(actual[i].score - expected[i].score) < 1e-6, `${label} #${i}: ${actual[i].score} vs ${expected[i].score}`);
  }
}

describe("a store past the two-phase threshold gives the host's results", function () {
  this.timeout(120000);
  const results = [];
  const indexBytes = [];
  before(async () => {
    for (const Store of [...STORES.map((s) => s.Store), ExactOnlyStore]) {
      const embeddings = clusteredEmbeddings();
      const store = new Store({ index: { dims: DIMS, embeddings, fields: ["text"] } });
      const namespaces = [["users", "a"], ["users", "b"], ["docs"]];
      for (let i = 0; i < ITEMS; i += 1) {
        await store.put(namespaces[i % 3], `k${i}`, { text: `doc ${i}`, group: i % 10, even: i % 2 === 0 });
      }
      await store.delete(["users", "b"], "k4");
      const searches = [];
      for (const query of ["query 1", "query 2", "query 7"]) {
        searches.push(await store.search([], { query, limit: 10 }));
        searches.push(await store.search([], { query, limit: 7, offset: 13 }));
        searches.push(await store.search(["users"], { query, limit: 10 }));
        searches.push(await store.search(["users"], { query, filter: { group: { $ne: 3 } }, limit: 12 }));
        searches.push(await store.search([], { query, filter: { even: true }, limit: 10 }));
      }
      results.push(searches);
      if (store.nativeIndexBytes !== undefined) indexBytes.push(store.nativeIndexBytes);
    }
  });

  it("every search agrees with the host", () => {
    const [stock, native] = results;
    assert.equal(native.length, stock.length);
    stock.forEach((expected, i) => sameResults(native[i], expected, `search ${i}`));
  });

  it("without the int8 copy too, and that index holds one byte per float less", () => {
    const [stock, , exactOnly] = results;
    stock.forEach((expected, i) => sameResults(exactOnly[i], expected, `exact-only search ${i}`));
    const [withInt8, withoutInt8] = indexBytes;
    assert.ok(withInt8 - withoutInt8 >= ITEMS * DIMS, `${withInt8} vs ${withoutInt8} bytes`);
  });
});
