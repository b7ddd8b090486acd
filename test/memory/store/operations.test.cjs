// The store's key-value operations and search without a query: get/put/delete, filters with every
// operator the host supports, offset/limit, batch() semantics. Same expectations for both stores.
const { assert, checkpoint, forEachStore, NativeInMemoryStore, NativeMemoryStore } = require("./support.cjs");

forEachStore("operations", (Store) => {
  it("puts, gets, updates and deletes, keeping createdAt on update", async () => {
    const store = new Store();
    assert.equal(await store.get(["a"], "missing"), null);
    await store.put(["a", "b"], "k", { n: 1 });
    const first = await store.get(["a", "b"], "k");
    assert.deepEqual([first.key, first.namespace, first.value], ["k", ["a", "b"], { n: 1 }]);
    assert.ok(first.createdAt instanceof Date);
    await new Promise((resolve) => setTimeout(resolve, 2));
    await store.put(["a", "b"], "k", { n: 2 });
    const second = await store.get(["a", "b"], "k");
    assert.deepEqual(second.value, { n: 2 });
    assert.equal(second.createdAt.getTime(), first.createdAt.getTime());
    assert.ok(second.updatedAt.getTime() >= first.updatedAt.getTime());
    await store.delete(["a", "b"], "k");
    assert.equal(await store.get(["a", "b"], "k"), null);
  });

  it("searches without a query in insertion order, by namespace prefix", async () => {
    const store = new Store();
    await store.put(["docs", "x"], "3", { i: 3 });
    await store.put(["docs"], "1", { i: 1 });
    await store.put(["docs", "x"], "2", { i: 2 });
    await store.put(["docsy"], "9", { i: 9 });
    await store.put(["docs"], "0", { i: 0 });
    const keys = async (prefix, options) => (await store.search(prefix, options)).map((r) => r.key);
    assert.deepEqual(await keys(["docs"]), ["3", "2", "1", "0"]);
    assert.deepEqual(await keys([]), ["3", "2", "1", "0", "9"]);
    assert.deepEqual(await keys(["docs", "x"]), ["3", "2"]);
    assert.deepEqual(await keys(["doc"]), []);
    assert.deepEqual(await keys([], { offset: 1, limit: 2 }), ["2", "1"]);
    assert.deepEqual(await keys([], { offset: 10 }), []);
    assert.deepEqual(await keys([], { limit: 0 }), []);
    assert.ok((await store.search(["docs"])).every((r) => r.score === undefined && "score" in r));
  });

  it("defaults to 10 results", async () => {
    const store = new Store();
    for (let i = 0; i < 15; i += 1) await store.put(["many"], `k${i}`, { i });
    assert.equal((await store.search(["many"])).length, 10);
    assert.equal((await store.search(["many"], { limit: 20 })).length, 15);
  });

  it("filters with equality and every operator, as the host compares", async () => {
    const store = new Store();
    const values = [
      { name: "a", n: 1, tag: "x", flag: true },
      { name: "b", n: 2, tag: "y", flag: false },
      { name: "c", n: "3", tag: "x" },
      { name: "d", n: null, tag: ["x"], nested: { deep: 1 } },
      { name: "e", tag: "z" },
    ];
    for (const value of values) await store.put(["f"], value.name, value);
    const names = async (filter) => (await store.search(["f"], { filter })).map((r) => r.key).join("");
    assert.equal(await names({ tag: "x" }), "ac");
    assert.equal(await names({ tag: "x", n: 1 }), "a");
    assert.equal(await names({ n: { $eq: 2 } }), "b");
    assert.equal(await names({ n: { $ne: 2 } }), "acde");
    assert.equal(await names({ n: { $gt: 1 } }), "bc");
    assert.equal(await names({ n: { $gte: 1 } }), "abc");
    assert.equal(await names({ n: { $lt: 2 } }), "ad");
    assert.equal(await names({ n: { $lte: 2, $gt: 0 } }), "ab");
    assert.equal(await names({ n: { $in: [1, "3"] } }), "ac");
    assert.equal(await names({ n: { $in: 1 } }), "");
    assert.equal(await names({ n: { $nin: [1, 2] } }), "cde");
    assert.equal(await names({ n: { $nin: "x" } }), "abcde");
    assert.equal(await names({ flag: false }), "b");
    assert.equal(await names({ tag: ["x"] }), "");
    assert.equal(await names({ nested: { deep: 1 } }), "");
    assert.equal(await names({ "nested.deep": 1 }), "");
    assert.equal(await names({ n: {} }), "abcde");
    assert.equal(await names({ n: { $exists: true } }), "");
    assert.equal(await names({}), "abcde");
  });

  it("applies filter, then offset and limit", async () => {
    const store = new Store();
    for (let i = 0; i < 12; i += 1) await store.put(["p"], `k${i}`, { even: i % 2 === 0 });
    const keys = (await store.search(["p"], { filter: { even: true }, offset: 2, limit: 3 })).map((r) => r.key);
    assert.deepEqual(keys, ["k4", "k6", "k8"]);
  });

  it("runs a batch like the host: reads see the state before the batch's writes", async () => {
    const store = new Store();
    await store.put(["b"], "old", { v: 0 });
    const results = await store.batch([
      { namespace: ["b"], key: "new", value: { v: 1 } },
      { namespace: ["b"], key: "new" },
      { namespacePrefix: ["b"], limit: 10, offset: 0 },
      { matchConditions: undefined, limit: 10, offset: 0 },
      { namespace: ["b"], key: "old", value: null },
      { namespace: ["b"], key: "new", value: { v: 2 } },
    ]);
    assert.equal(results[0], null);
    assert.equal(results[1], null);
    assert.deepEqual(results[2].map((r) => r.key), ["old"]);
    assert.deepEqual(results[3], [["b"]]);
    assert.deepEqual((await store.get(["b"], "new")).value, { v: 2 });
    assert.equal(await store.get(["b"], "old"), null);
  });

  it("returns search items as copies with a score key, and get as the stored item", async () => {
    const store = new Store();
    await store.put(["c"], "k", { a: 1 });
    const [found] = await store.search(["c"]);
    found.value = "changed";
    assert.deepEqual((await store.get(["c"], "k")).value, { a: 1 });
  });

  it("is a BaseStore and an instance of the host's InMemoryStore", () => {
    const store = new Store();
    assert.ok(store instanceof checkpoint.BaseStore);
    assert.ok(store instanceof checkpoint.InMemoryStore);
  });
});

describe("MemoryStore (the host's alias)", () => {
  it("extends the native InMemoryStore and behaves the same", async () => {
    const store = new NativeMemoryStore();
    assert.ok(store instanceof NativeInMemoryStore);
    assert.ok(store instanceof checkpoint.InMemoryStore);
    assert.equal(NativeMemoryStore.name, "MemoryStore");
    await store.put(["m"], "k", { a: 1 });
    assert.deepEqual((await store.get(["m"], "k")).value, { a: 1 });
  });
});
