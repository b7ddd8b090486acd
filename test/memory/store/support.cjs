// Shared by the store tests: the host's real InMemoryStore (loaded without the shim), the native
// class built over it exactly as the patch does, and deterministic embeddings.
const assert = require("node:assert/strict");
const { seededRandom } = require("../../support/seeded-random.cjs");
const checkpoint = require("@langchain/langgraph-checkpoint");
const { loadAddon } = require("../../../dist/shim/addon.js");
const { createNativeStoreClasses } = require("../../../dist/patches/memory/native-store.js");

const loaded = loadAddon(undefined);
if (!loaded.loaded) throw new Error(`native addon not loaded: ${loaded.error}`);
const { NativeInMemoryStore, NativeMemoryStore } = createNativeStoreClasses(checkpoint.InMemoryStore, loaded.addon);

const STORES = [
  { name: "stock InMemoryStore", Store: checkpoint.InMemoryStore },
  { name: "native InMemoryStore", Store: NativeInMemoryStore },
];

/** Runs the same suite (same expectations) against the host's class and the native one. */
function forEachStore(title, suite) {
  for (const { name, Store } of STORES) describe(`${title} (${name})`, () => suite(Store));
}

/** The host tests' character-count embeddings: normalised counts of char codes modulo dims. */
class CharacterEmbeddings {
  constructor(dims = 500) {
    this.dims = dims;
    this.documentCalls = [];
    this.queryCalls = [];
  }
  async embedQuery(query) {
    this.queryCalls.push(query);
    return this.embed(query);
  }
  async embedDocuments(texts) {
    this.documentCalls.push([...texts]);
    return texts.map((text) => this.embed(text));
  }
  embed(text) {
    const embedding = new Array(this.dims).fill(0);
    for (let i = 0; i < text.length && i < this.dims; i += 1) embedding[text.charCodeAt(i) % this.dims] += 1;
    const magnitude = Math.sqrt(embedding.reduce((acc, val) => acc + val * val, 0));
    return embedding.map((val) => val / magnitude);
  }
}

/** Embeddings from a table (text -> vector), for exact scores and ties. */
class TableEmbeddings {
  constructor(table, fallback) {
    this.table = table;
    this.fallback = fallback;
  }
  async embedQuery(text) {
    return this.vector(text);
  }
  async embedDocuments(texts) {
    return texts.map((text) => this.vector(text));
  }
  vector(text) {
    const vector = this.table[text] ?? this.fallback;
    if (!vector) throw new Error(`no vector for ${text}`);
    return [...vector];
  }
}

/** Search results without timestamps, scores rounded: what two stores must agree on. */
function comparable(results, digits = 6) {
  return results.map(({ createdAt, updatedAt, score, ...rest }) => ({
    ...rest,
    score: score === undefined ? undefined : Number(score.toFixed(digits)),
  }));
}


module.exports = {
  assert,
  checkpoint,
  addon: loaded.addon,
  NativeInMemoryStore,
  NativeMemoryStore,
  STORES,
  forEachStore,
  CharacterEmbeddings,
  TableEmbeddings,
  comparable,
  seededRandom,
};
