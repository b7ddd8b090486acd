// The native index learns some changes lazily: inserts and deletes (item liveness) reach it in one
// call at the next vector search (or once 4,096 wait), and its int8 copy is rebuilt for rewritten
// rows by the next search that reads it. Whatever happens before that (puts, deletes, overwrites,
// puts again, failed puts) must give exactly the host's results.
const { assert, checkpoint, NativeInMemoryStore, TableEmbeddings, seededRandom } = require("./support.cjs");

const DIMS = 16;

/** The same vector for the same text on every store (a PRNG seeded by the text). */
function seededEmbeddings(dims = DIMS) {
  const vectorOf = (text) => {
    let seed = 2166136261;
    for (let i = 0; i < text.length; i += 1) seed = Math.imul(seed ^ text.charCodeAt(i), 16777619);
    const random = seededRandom(seed);
    return Array.from({ length: dims }, () => random() * 2 - 1);
  };
  return { embedQuery: async (q) => vectorOf(q), embedDocuments: async (texts) => texts.map(vectorOf) };
}

const make = (Store, dims = DIMS) => new Store({ index: { dims, embeddings: seededEmbeddings(dims), fields: ["text"] } });

function sameResults(actual, expected, label) {
  assert.deepEqual(
    actual.map((r) => `${r.namespace.join("/")}:${r.key}=${JSON.stringify(r.value)}`),
    expected.map((r) => `${r.namespace.join("/")}:${r.key}=${JSON.stringify(r.value)}`),
    label,
  );
  for (let i = 0; i < expected.length; i += 1) {
    if (expected[i].score === undefined) assert.equal(actual[i].score, undefined, `${label} #${i}`);
    else assert.ok(Math.abs(actual[i].score - expected[i].score) < 1e-6, `${label} #${i}: ${actual[i].score} vs ${expected[i].score}`);
  }
}

/** Runs `script(store)` on a host store and a native one; every value it returns must match. */
async function onBoth(script, dims = DIMS) {
  const expected = await script(make(checkpoint.InMemoryStore, dims));
  const actual = await script(make(NativeInMemoryStore, dims));
  assert.equal(actual.length, expected.length);
  for (let i = 0; i < expected.length; i += 1) sameResults(actual[i], expected[i], `step ${i}`);
}

const everything = (store, query, limit = 20) => store.search([], { query, limit });

describe("lazy index updates: puts before a search give the host's results", () => {
  it("puts then one search (no flush before it)", async () => {
    await onBoth(async (store) => {
      for (let i = 0; i < 30; i += 1) await store.put(["a", `${i % 3}`], `k${i}`, { text: `t${i}` });
      return [await everything(store, "q1"), await store.search(["a", "1"], { query: "q2", limit: 5 })];
    });
  });

  it("many puts, a search, more puts, searches (below the int8 threshold)", async () => {
    await onBoth(async (store) => {
      for (let i = 0; i < 1300; i += 1) await store.put(["a"], `k${i}`, { text: `t${i}` });
      const first = await everything(store, "q1", 30);
      for (let i = 1300; i < 1310; i += 1) await store.put(["a"], `k${i}`, { text: `t${i}` });
      return [first, await everything(store, "q2", 30), await everything(store, "q1", 1400)];
    });
  });

  it("past the int8 threshold (1,400 x 768 floats): rewrites, deletes and new items after a search", async function () {
    this.timeout(60000);
    await onBoth(async (store) => {
      await store.batch(Array.from({ length: 1400 }, (_, i) => ({ namespace: ["n", `${i % 3}`], key: `k${i}`, value: { text: `t${i}` } })));
      const first = await everything(store, "t7", 15);
      // Rewrite items to texts that now match queries best, delete some, add some.
      for (let i = 0; i < 40; i += 1) await store.put(["n", `${i % 3}`], `k${i}`, { text: `q${i % 4}` });
      for (let i = 100; i < 120; i += 1) await store.delete(["n", `${i % 3}`], `k${i}`);
      for (let i = 1400; i < 1420; i += 1) await store.put(["n", `${i % 3}`], `k${i}`, { text: `q${i % 4}` });
      return [first, await everything(store, "q1", 15), await everything(store, "t7", 15), await store.search(["n", "1"], { query: "q2", limit: 12 })];
    }, 768);
  });

  it("one batch of 700 puts, then a search", async () => {
    await onBoth(async (store) => {
      await store.batch(Array.from({ length: 700 }, (_, i) => ({ namespace: ["b"], key: `k${i}`, value: { text: `t${i}` } })));
      return [await everything(store, "q3", 50)];
    });
  });

  it("put, delete, put again (another text) before a search", async () => {
    await onBoth(async (store) => {
      await store.put(["a"], "x", { text: "first" });
      await store.put(["a"], "y", { text: "other" });
      await store.delete(["a"], "x");
      await store.put(["a"], "x", { text: "second" });
      await store.put(["a"], "y", { text: "changed" });
      await store.put(["a"], "y", { text: "changed again" });
      return [await everything(store, "first"), await everything(store, "second"), await everything(store, "changed again")];
    });
  });

  it("put, search (flush), delete, put again, search", async () => {
    await onBoth(async (store) => {
      for (let i = 0; i < 5; i += 1) await store.put(["a"], `k${i}`, { text: `t${i}` });
      const before = await everything(store, "t2");
      await store.delete(["a"], "k2");
      await store.put(["a"], "k3", { text: "t9" });
      const deleted = await everything(store, "t2");
      await store.put(["a"], "k2", { text: "t2" });
      return [before, deleted, await everything(store, "t2"), await everything(store, "t9")];
    });
  });

  it("deletes not yet told to the index, then a search", async () => {
    await onBoth(async (store) => {
      for (let i = 0; i < 10; i += 1) await store.put(["a"], `k${i}`, { text: `t${i}` });
      for (let i = 0; i < 10; i += 2) await store.delete(["a"], `k${i}`);
      return [await everything(store, "t4"), await store.search(["a"], { limit: 20 })];
    });
  });

  it("an item re-put without an index keeps its vector, as the host does", async () => {
    await onBoth(async (store) => {
      await store.put(["a"], "x", { text: "alpha" });
      await store.put(["a"], "y", { text: "beta" });
      await store.put(["a"], "x", { text: "gamma" }, false);
      return [await everything(store, "alpha")];
    });
  });

  it("a search and puts in one batch: the search sees the store before the puts", async () => {
    await onBoth(async (store) => {
      await store.put(["a"], "x", { text: "alpha" });
      const results = await store.batch([
        { namespace: ["a"], key: "y", value: { text: "beta" } },
        { namespacePrefix: ["a"], query: "beta", limit: 10 },
        { namespace: ["a"], key: "x", value: null },
      ]);
      return [results[1], await everything(store, "beta")];
    });
  });

  it("getVectors and a direct scoreResults see the latest puts", async () => {
    const store = make(NativeInMemoryStore);
    await store.put(["a"], "x", { text: "alpha" });
    const [vector] = store.getVectors({ namespace: ["a"], key: "x" });
    const expected = seededEmbeddings();
    const exact = (await expected.embedDocuments(["alpha"]))[0];
    assert.deepEqual(vector, Array.from(Float32Array.from(exact)));
    await store.put(["a"], "y", { text: "beta" });
    const scored = store.scoreResults(store.filterItems({ namespacePrefix: ["a"] }), exact, 0, 10);
    assert.deepEqual(scored.map((r) => r.key), ["x", "y"]);
    assert.ok(Math.abs(scored[0].score - 1) < 1e-6);
  });
});

describe("a rejected put fails itself and leaves earlier puts intact", () => {
  const table = { a: [1, 0, 0], b: [0, 1, 0], inf: [Infinity, 0, 0], big: [0, 1e39, 0], short: [1, 0] };
  const store3 = () => new NativeInMemoryStore({ index: { dims: 3, embeddings: new TableEmbeddings(table), fields: ["text"] } });

  it("an infinite (or beyond f32) embedding fails its own put, not the next search", async () => {
    const store = store3();
    await store.put(["v"], "a", { text: "a" });
    await assert.rejects(store.put(["v"], "inf", { text: "inf" }), /embedding 0 has an infinite value \(inf\) at position 0/);
    await assert.rejects(store.put(["v"], "big", { text: "big" }), /the value 1e\+39 at position 1, beyond the range of the 32-bit floats/);
    await store.put(["v"], "b", { text: "b" });
    await assert.rejects(store.put(["v"], "short", { text: "short" }), /2 dimensions but the index already holds 3-dimension vectors/);
    const found = await store.search(["v"], { query: "a" });
    assert.deepEqual(found.map((r) => [r.key, r.score]), [["a", 1], ["b", 0]]);
    assert.equal(await store.get(["v"], "inf"), null);
  });

  it("a failed put in the middle of a batch applies none of its rows", async () => {
    const store = store3();
    await store.put(["v"], "a", { text: "a" });
    await assert.rejects(
      store.batch([
        { namespace: ["v"], key: "b", value: { text: "b" } },
        { namespace: ["v"], key: "c", value: { text: "inf" } },
      ]),
      /embedding 1 has an infinite value/,
    );
    assert.equal(await store.get(["v"], "b"), null);
    assert.deepEqual((await store.search(["v"], { query: "b" })).map((r) => [r.key, r.score]), [["a", 0]]);
  });
});

describe("the native index holds no vector twice", () => {
  it("re-embedding updates before a search replace rows in place", async () => {
    const store = make(NativeInMemoryStore);
    for (let i = 0; i < 100; i += 1) await store.put(["a"], `k${i % 10}`, { text: `t${i}` });
    await everything(store, "q");
    const bytes = store.nativeIndexBytes;
    for (let i = 0; i < 1000; i += 1) await store.put(["a"], `k${i % 10}`, { text: `u${i}` });
    await everything(store, "q");
    assert.equal(store.nativeIndexBytes, bytes);
  });
});
