// Port of the host's vector-search behaviours (langgraphjs libs/checkpoint/src/tests/vector.test.ts),
// plus the 1.2.2 specifics (pagination with unindexed items, stale vectors, ties, zero vectors),
// each run against both stores with the same expectations.
const { assert, forEachStore, CharacterEmbeddings, TableEmbeddings, comparable } = require("./support.cjs");

forEachStore("vector search", (Store) => {
  let embeddings;
  let store;
  beforeEach(() => {
    embeddings = new CharacterEmbeddings(500);
    store = new Store({ index: { dims: embeddings.dims, embeddings } });
  });

  it("keeps the index config", () => {
    assert.equal(store.indexConfig.dims, 500);
    assert.equal(store.indexConfig.embeddings, embeddings);
  });

  it("embeds on put and finds by similarity", async () => {
    const docs = [
      ["doc1", { text: "short text" }],
      ["doc2", { text: "longer text document" }],
      ["doc3", { text: "longest text document here" }],
      ["doc4", { description: "text in description field" }],
      ["doc5", { content: "text in content field" }],
      ["doc6", { body: "text in body field" }],
    ];
    for (const [key, value] of docs) await store.put(["test"], key, value);
    const keys = (await store.search(["test"], { query: "long text" })).map((r) => r.key);
    assert.ok(keys.includes("doc2") && keys.includes("doc3"));
  });

  it("re-embeds an updated document", async () => {
    await store.put(["test"], "doc1", { text: "zany zebra Xerxes" });
    await store.put(["test"], "doc2", { text: "something about dogs" });
    await store.put(["test"], "doc3", { text: "text about birds" });
    const before = await store.search(["test"], { query: "Zany Xerxes" });
    assert.equal(before[0].key, "doc1");
    await store.put(["test"], "doc1", { text: "new text about dogs" });
    const after = (await store.search(["test"], { query: "Zany Xerxes" })).find((r) => r.key === "doc1").score;
    assert.ok(after < before[0].score);
    const fresh = (await store.search(["test"], { query: "new text about dogs" })).find((r) => r.key === "doc1").score;
    assert.ok(fresh > after);
  });

  it("returns documents put with index false, without a score", async () => {
    await store.put(["test"], "doc1", { text: "new text about dogs" });
    await store.put(["test"], "doc2", { text: "new text about dogs" }, false);
    const results = await store.search(["test"], { query: "new text about dogs", limit: 3 });
    assert.deepEqual(results.map((r) => [r.key, r.score === undefined]), [["doc1", false], ["doc2", true]]);
  });

  it("combines vector search with filters", async () => {
    const docs = [
      ["doc1", { text: "red apple", color: "red", score: 4.5 }],
      ["doc2", { text: "red car", color: "red", score: 3.0 }],
      ["doc3", { text: "green apple", color: "green", score: 4.0 }],
      ["doc4", { text: "blue car", color: "blue", score: 3.5 }],
    ];
    for (const [key, value] of docs) await store.put(["test"], key, value);
    let results = await store.search(["test"], { query: "apple", filter: { color: "red" } });
    assert.deepEqual(results.map((r) => r.key), ["doc1", "doc2"]);
    results = await store.search(["test"], { query: "car", filter: { color: "red" } });
    assert.deepEqual(results.map((r) => r.key), ["doc2", "doc1"]);
    results = await store.search(["test"], { query: "bbbbluuu", filter: { score: { $gt: 3.2 } } });
    assert.equal(results.length, 3);
    assert.equal(results[0].key, "doc4");
    results = await store.search(["test"], { query: "apple", filter: { score: { $gte: 4.0 }, color: "green" } });
    assert.deepEqual(results.map((r) => r.key), ["doc3"]);
  });

  it("indexes the fields named in the config, one vector each", async () => {
    const withFields = new Store({ index: { dims: 500, embeddings, fields: ["key0", "key1", "key3"] } });
    await withFields.put(["test"], "doc1", { key1: "xxx", key2: "yyy", key3: "zzz" });
    await withFields.put(["test"], "doc2", { key0: "uuu", key1: "vvv", key2: "www", key3: "xxx" });
    const r1 = await withFields.search(["test"], { query: "xxx" });
    assert.equal(r1.length, 2);
    assert.notEqual(r1[0].key, r1[1].key);
    assert.equal(r1[0].score, r1[1].score);
    const r2 = await withFields.search(["test"], { query: "uuu" });
    assert.equal(r2[0].key, "doc2");
    assert.ok(r2[0].score > r2[1].score);
    assert.ok(Math.abs(r2[0].score - r1[0].score) < 1e-5);
    const r3 = await withFields.search(["test"], { query: "www" });
    assert.ok(r3.every((r) => r.score < r1[0].score));
  });

  it("indexes per-put fields and skips index false", async () => {
    const noDefaults = new Store({ index: { dims: 500, embeddings, fields: ["key17"] } });
    await noDefaults.put(["test"], "doc3", { key0: "aaa", key1: "bbb", key2: "ccc", key3: "ddd" }, ["key0", "key1"]);
    await noDefaults.put(["test"], "doc4", { key0: "eee", key1: "bbb", key2: "fff", key3: "ggg" }, ["key1", "key3"]);
    const r1 = await noDefaults.search(["test"], { query: "aaa" });
    assert.equal(r1[0].key, "doc3");
    assert.ok(r1[0].score > r1[1].score);
    const r2 = await noDefaults.search(["test"], { query: "ggg" });
    assert.equal(r2[0].key, "doc4");
    const r3 = await noDefaults.search(["test"], { query: "bbb" });
    assert.equal(r3[0].score, r3[1].score);
    const r4 = await noDefaults.search(["test"], { query: "ccc" });
    assert.ok(r4.every((r) => r.score < r1[0].score));
    await noDefaults.put(["test"], "doc5", { key0: "hhh", key1: "iii" }, false);
    const r5 = await noDefaults.search(["test"], { query: "hhh" });
    assert.equal(r5.length, 3);
    assert.equal(r5.find((r) => r.key === "doc5").score, undefined);
  });

  it("understands the host's path syntax: [*], [-1], {a,b}, nested and $", async () => {
    const seen = [];
    const recording = { embedQuery: async (q) => [q.length, 1], embedDocuments: async (texts) => (seen.push(texts), texts.map((t) => [t.length, 1])) };
    const paths = new Store({ index: { dims: 2, embeddings: recording, fields: ["chapters[*].title", "tags[-1]", "meta.{author,year}", "$"] } });
    await paths.put(["b"], "k", { chapters: [{ title: "one" }, { title: "three" }], tags: ["x", "last"], meta: { author: "ann", year: 1999 } });
    assert.equal(seen.length, 1);
    assert.ok(seen[0].includes("one") && seen[0].includes("three") && seen[0].includes("last") && seen[0].includes("ann") && seen[0].includes("1999"));
    const results = await paths.search(["b"], { query: "abc" });
    assert.equal(results.length, 1);
    assert.equal(typeof results[0].score, "number");
  });
});

forEachStore("vector search, 1.2.2 specifics", (Store) => {
  const table = {
    match: [1, 0],
    other: [0, 1],
    half: [1, 1],
    zero: [0, 0],
    neg: [-1, 0],
  };
  const make = (fields = ["text"]) => new Store({ index: { dims: 2, embeddings: new TableEmbeddings(table), fields } });

  it("pages scored items first, then unindexed ones in insertion order (offset not applied to those)", async () => {
    const store = make();
    for (const [key, text, index] of [
      ["unindexed-1", "match", false],
      ["indexed-1", "match", undefined],
      ["unindexed-2", "match", false],
      ["indexed-2", "other", undefined],
      ["unindexed-3", "match", false],
    ]) await store.put(["docs"], key, { text }, index);
    const page = async (offset, limit) => (await store.search(["docs"], { query: "match", offset, limit })).map((r) => [r.key, r.score]);
    assert.deepEqual(await page(0, 2), [["indexed-1", 1], ["indexed-2", 0]]);
    assert.deepEqual(await page(0, 4), [["indexed-1", 1], ["indexed-2", 0], ["unindexed-1", undefined], ["unindexed-2", undefined]]);
    assert.deepEqual(await page(1, 2), [["indexed-2", 0], ["unindexed-1", undefined]]);
    assert.deepEqual(await page(3, 2), [["unindexed-1", undefined], ["unindexed-2", undefined]]);
    assert.deepEqual(await page(0, 0), []);
  });

  it("breaks ties in insertion order and scores a zero vector 0", async () => {
    const store = make();
    await store.put(["a"], "z", { text: "zero" });
    await store.put(["a"], "m1", { text: "match" });
    await store.put(["a", "b"], "m2", { text: "match" });
    await store.put(["a"], "h", { text: "half" });
    await store.put(["a"], "n", { text: "neg" });
    await store.put(["a"], "m3", { text: "match" });
    const results = (await store.search(["a"], { query: "match" })).map((r) => [r.key, Number(r.score.toFixed(6))]);
    assert.deepEqual(results, [["m1", 1], ["m3", 1], ["m2", 1], ["h", 0.707107], ["z", 0], ["n", -1]]);
  });

  it("moves a deleted and re-put item to the end of its namespace", async () => {
    const store = make();
    for (const key of ["a", "b", "c"]) await store.put(["t"], key, { text: "match" });
    await store.delete(["t"], "a");
    await store.put(["t"], "a", { text: "match" });
    assert.deepEqual((await store.search(["t"], { query: "match" })).map((r) => r.key), ["b", "c", "a"]);
    await store.put(["t"], "b", { text: "match", v: 2 });
    assert.deepEqual((await store.search(["t"], { query: "match" })).map((r) => r.key), ["b", "c", "a"]);
  });

  it("keeps earlier vectors of an item when it is re-put with other fields or index false", async () => {
    const store = make(["text", "other"]);
    await store.put(["d"], "doc", { text: "match" });
    await store.put(["d"], "doc", { other: "other" });
    assert.deepEqual((await store.search(["d"], { query: "match" })).map((r) => r.score), [1]);
    await store.put(["d"], "doc", { text: "other" }, false);
    assert.deepEqual((await store.search(["d"], { query: "match" })).map((r) => r.score), [1]);
  });

  it("gives an item with several vectors its best score, once", async () => {
    const store = make(["texts[*]"]);
    await store.put(["d"], "multi", { texts: ["other", "half", "match"] });
    await store.put(["d"], "single", { texts: ["half"] });
    const results = (await store.search(["d"], { query: "match" })).map((r) => [r.key, Number(r.score.toFixed(6))]);
    assert.deepEqual(results, [["multi", 1], ["single", 0.707107]]);
  });

  it("embeds each distinct text once per batch, and each distinct query once", async () => {
    const calls = [];
    const queries = [];
    const embeddings = {
      embedDocuments: async (texts) => (calls.push(texts), texts.map((t) => table[t])),
      embedQuery: async (q) => (queries.push(q), table[q]),
    };
    const store = new Store({ index: { dims: 2, embeddings, fields: ["text"] } });
    await store.batch([
      { namespace: ["x"], key: "1", value: { text: "match" } },
      { namespace: ["x"], key: "2", value: { text: "match" } },
      { namespace: ["x"], key: "3", value: { text: "other" } },
    ]);
    assert.deepEqual(calls, [["match", "other"]]);
    const [a, b, c] = await store.batch([
      { namespacePrefix: ["x"], query: "match", limit: 2 },
      { namespacePrefix: ["x"], query: "match", offset: 1, limit: 5 },
      { namespacePrefix: ["x"], query: "other", limit: 1 },
    ]);
    assert.deepEqual(queries, ["match", "other"]);
    assert.deepEqual([a.map((r) => r.key), b.map((r) => r.key), c.map((r) => r.key)], [["1", "2"], ["2", "3"], ["3"]]);
  });

  it("returns insertion order with no score when no index is configured, even with a query", async () => {
    const store = new Store();
    for (const key of ["c", "a", "b"]) await store.put(["n"], key, { text: key });
    assert.deepEqual((await store.search(["n"], { query: "anything" })).map((r) => [r.key, r.score]), [["c", undefined], ["a", undefined], ["b", undefined]]);
  });

  it("searches an empty index", async () => {
    const store = make();
    assert.deepEqual(await store.search(["n"], { query: "match" }), []);
    await store.put(["n"], "k", { no: "text field" });
    assert.deepEqual((await store.search(["n"], { query: "match" })).map((r) => [r.key, r.score]), [["k", undefined]]);
  });
});

describe("vector search: native scores equal the host's", () => {
  const { STORES } = require("./support.cjs");
  it("agrees within 1e-6 on character embeddings, in the same order", async () => {
    const texts = ["the quick brown fox", "jumps over", "the lazy dog", "lorem ipsum dolor", "sit amet", "fox and dog", "quick quick"];
    const results = [];
    for (const { Store } of STORES) {
      const store = new Store({ index: { dims: 64, embeddings: new CharacterEmbeddings(64) } });
      for (let i = 0; i < texts.length; i += 1) await store.put(["n", String(i % 2)], `k${i}`, { text: texts[i] });
      results.push(comparable(await store.search(["n"], { query: "quick fox", limit: 20 })));
    }
    assert.deepEqual(results[1], results[0]);
  });
});
