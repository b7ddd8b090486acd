// The native store's short paths (get without the host's batch, one put without its maps, one
// vector row per put) must behave exactly as the host's longer ones: same values, same errors
// (as rejections, never thrown), same timing of reads against writes, subclasses still obeyed.
const { assert, STORES, NativeInMemoryStore, TableEmbeddings, comparable } = require("./support.cjs");

const table = { a: [1, 0, 0], b: [0, 1, 0], c: [0.6, 0.8, 0], d: [0, 0.6, 0.8] };

/** The outcome of a call that may throw synchronously, reject, or resolve. */
async function outcome(call) {
  let promise;
  try {
    promise = call();
  } catch (error) {
    return `threw synchronously: ${error.constructor.name}: ${error.message}`;
  }
  try {
    return JSON.stringify(comparableValue(await promise));
  } catch (error) {
    return `rejected: ${error.constructor.name}: ${error.message}`;
  }
}

const comparableValue = (value) =>
  Array.isArray(value) ? value.map(comparableValue) : value && typeof value === "object" && "key" in value ? comparable([value])[0] : value;

/** Runs `script(store)` on both stores; the lists of outcomes must be equal. */
async function sameOnBoth(makeStore, script) {
  const outcomes = [];
  for (const { Store } of STORES) outcomes.push(await script(makeStore(Store)));
  assert.deepEqual(outcomes[1], outcomes[0]);
  return outcomes[0];
}

const indexed = (Store) => new Store({ index: { dims: 3, embeddings: new TableEmbeddings(table), fields: ["text"] } });

describe("store short paths behave as the host's batch", () => {
  it("get: the same items and the same rejections for every kind of bad namespace", async () => {
    const bad = [[], [""], ["a.b"], ["a", "b:c"], ["x\0"], [1], ["ok", null], "abc", undefined, null, ["langgraph"]];
    const result = await sameOnBoth(indexed, async (store) => {
      await store.put(["n", "m"], "k", { text: "a", n: 1 });
      await store.put(["langgraph", "x"], "k", { text: "b" }).catch(() => {});
      const outcomes = [await outcome(() => store.get(["n", "m"], "k")), await outcome(() => store.get(["n"], "k"))];
      for (const namespace of bad) outcomes.push(await outcome(() => store.get(namespace, "k")));
      return outcomes;
    });
    assert.match(result[0], /"key":"k"/);
    assert.ok(result.slice(2).some((o) => o.startsWith("rejected: InvalidNamespaceError")));
    assert.ok(result.slice(2).every((o) => !o.startsWith("threw")));
  });

  it("get returns the stored item object itself, as the host's does", async () => {
    for (const { Store } of STORES) {
      const store = new Store();
      await store.put(["o"], "k", { v: 1 });
      const first = await store.get(["o"], "k");
      assert.equal(await store.get(["o"], "k"), first);
    }
  });

  it("a get issued while a put awaits its embedding sees the store as it was at the call", async () => {
    await sameOnBoth(indexed, async (store) => {
      const put = store.put(["r"], "k", { text: "a" });
      const during = store.get(["r"], "k");
      await put;
      return [JSON.stringify(await during), (await store.get(["r"], "k")).value.text];
    });
  });

  it("a subclass that overrides batch still receives every get", async () => {
    for (const { Store } of STORES) {
      const seen = [];
      class Logged extends Store {
        batch(operations) {
          seen.push(operations.map((op) => Object.keys(op).join(",")).join(";"));
          return super.batch(operations);
        }
      }
      const store = new Logged();
      await store.put(["s"], "k", { v: 1 });
      assert.deepEqual((await store.get(["s"], "k")).value, { v: 1 });
      assert.deepEqual(seen, ["namespace,key,value,index", "namespace,key"]);
    }
  });

  it("malformed single operations reject with the host's errors", async () => {
    const operations = [[5], [null], [{ value: { a: 1 } }], [{ namespace: ["p"], key: "k", value: { text: "a" }, namespacePrefix: ["p"] }], [{}]];
    await sameOnBoth(indexed, async (store) => {
      await store.put(["p"], "k", { text: "b" });
      const outcomes = [];
      for (const ops of operations) outcomes.push(await outcome(() => store.batch(ops)));
      outcomes.push(await outcome(() => store.batch(undefined)));
      return outcomes;
    });
  });

  it("one put indexing several fields, a list field and index: false give the host's results", async () => {
    await sameOnBoth(indexed, async (store) => {
      await store.put(["f"], "1", { text: "a", other: "b" }, ["text", "other"]);
      await store.put(["f"], "2", { text: "c", tags: ["a", "d"] }, ["tags[*]"]);
      await store.put(["f"], "3", { text: "d" }, false);
      await store.put(["f"], "4", { text: "b" });
      await store.put(["f"], "1", { text: "d", other: "a" }, ["text", "other"]);
      await store.put(["f"], "4", { text: "a" });
      return [
        comparable(await store.search(["f"], { query: "a", limit: 10 })),
        comparable(await store.search(["f"], { query: "d", limit: 2, offset: 1 })),
      ];
    });
  });

  it("a put whose embedding has the wrong length fails alone and stores nothing", async () => {
    const store = new NativeInMemoryStore({
      index: { dims: 3, embeddings: new TableEmbeddings({ ...table, short: [1, 0] }), fields: ["text"] },
    });
    await store.put(["w"], "1", { text: "a" });
    await assert.rejects(store.put(["w"], "2", { text: "short" }), /dimensions/);
    assert.equal(await store.get(["w"], "2"), null);
    assert.deepEqual((await store.search(["w"], { query: "a" })).map((r) => r.key), ["1"]);
  });
});
