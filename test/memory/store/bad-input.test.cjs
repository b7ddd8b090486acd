// Bad input: the host's errors where the host raises one (same class, same message), and a clear
// Error (never a crash, never a half-applied batch) where the native index cannot hold the input.
const { assert, checkpoint, STORES, forEachStore, TableEmbeddings, comparable } = require("./support.cjs");

const table = {
  a: [1, 0, 0], b: [0, 1, 0], c: [0.5, 0.5, 0], short: [1, 0], nan: [1, NaN, 0], inf: [Infinity, 0, 0],
  huge: [0, 1e308, 0], f32max: [3.4028234663852886e38, 0, 0],
};

forEachStore("bad input the host rejects", (Store) => {
  it("rejects empty and invalid namespaces with InvalidNamespaceError", async () => {
    const store = new Store();
    for (const namespace of [[], [""], ["a.b"], ["a:b"], ["langgraph"], ["x", "\0"]]) {
      await assert.rejects(store.put(namespace, "k", { v: 1 }), checkpoint.InvalidNamespaceError);
    }
    await assert.rejects(store.search(["a.b"]), checkpoint.InvalidNamespaceError);
    await assert.rejects(store.listNamespaces({ prefix: ["a.b"] }), checkpoint.InvalidNamespaceError);
  });

  it("rejects a namespace that is not an array with the host's TypeError", async () => {
    const store = new Store();
    await assert.rejects(store.batch([{ namespace: "abc", key: "k", value: {} }]), TypeError);
    await assert.rejects(store.batch([{ namespace: undefined, key: "k" }]), TypeError);
  });

  it("reports a missing embedding with the host's message and applies nothing", async () => {
    const embeddings = { embedQuery: async () => [1, 0, 0], embedDocuments: async () => [[1, 0, 0]] };
    const store = new Store({ index: { dims: 3, embeddings, fields: ["text"] } });
    await assert.rejects(
      store.batch([
        { namespace: ["e"], key: "1", value: { text: "first" } },
        { namespace: ["e"], key: "2", value: { text: "second" } },
      ]),
      { message: "No embedding found for text: second" },
    );
    assert.equal(await store.get(["e"], "1"), null);
  });

  it("passes an embeddings provider's error through unchanged", async () => {
    const failure = new Error("provider down");
    const embeddings = { embedQuery: async () => { throw failure; }, embedDocuments: async () => { throw failure; } };
    const store = new Store({ index: { dims: 3, embeddings } });
    await assert.rejects(store.put(["e"], "1", { text: "x" }), (error) => error === failure);
    await assert.rejects(store.search(["e"], { query: "x" }), (error) => error === failure);
  });

  it("treats a query without an index as no query", async () => {
    const store = new Store();
    await store.put(["q"], "k", { text: "t" });
    assert.deepEqual((await store.search(["q"], { query: "t" })).map((r) => r.score), [undefined]);
  });
});

describe("invalid namespaces: the same error class and message as the host", () => {
  const bad = [[], [""], ["a.b"], ["a", "b:c"], ["x\0"], [1], ["ok", null], "abc", undefined, ["langgraph"]];
  const failure = async (promise) => {
    try {
      await promise;
      return "no error";
    } catch (error) {
      return `${error.constructor.name}: ${error.message}`;
    }
  };
  for (const namespace of bad) {
    it(`${JSON.stringify(namespace) ?? "undefined"}`, async () => {
      const outcomes = [];
      for (const { Store } of STORES) {
        const store = new Store();
        outcomes.push([
          await failure(store.batch([{ namespace, key: "k", value: { a: 1 } }])),
          await failure(store.batch([{ namespace, key: "k" }])),
          await failure(store.batch([{ namespacePrefix: namespace }])),
        ]);
      }
      assert.deepEqual(outcomes[1], outcomes[0]);
    });
  }
});

describe("a key that cannot become a string: the host's error class and message", () => {
  const outcome = async (promise) => {
    try {
      return ["ok", await promise];
    } catch (error) {
      return [error.constructor.name, error.message];
    }
  };
  it("Symbol keys in put, delete, batch and get", async () => {
    const outcomes = [];
    for (const { Store } of STORES) {
      const store = new Store();
      outcomes.push([
        await outcome(store.put(["n"], Symbol("k"), { a: 1 })),
        await outcome(store.delete(["n"], Symbol("k"))),
        await outcome(store.batch([{ namespace: ["n"], key: Symbol("k"), value: { a: 1 } }])),
        await outcome(store.batch([{ namespace: ["n"], key: "ok", value: { a: 1 } }, { namespace: ["n"], key: Symbol("k"), value: null }])),
        await outcome(store.get(["n"], Symbol("k"))),
        await outcome(store.search(["n"])),
      ]);
    }
    assert.deepEqual(outcomes[0][0], ["TypeError", "Cannot convert a Symbol value to a string"]);
    assert.deepEqual(outcomes[1], outcomes[0]);
  });
});

describe("odd offset and limit values give the host's pages", () => {
  const odd = [
    { offset: -1 }, { limit: -1 }, { limit: 2.5 }, { offset: 1.5 }, { limit: NaN }, { offset: NaN },
    { limit: Infinity }, { offset: 2, limit: 1e12 }, { offset: -2, limit: 3 },
  ];
  for (const bounds of odd) {
    it(JSON.stringify(bounds, (k, v) => (typeof v === "number" && !Number.isFinite(v) ? String(v) : v)), async () => {
      const outcomes = [];
      for (const { Store } of STORES) {
        const store = new Store({ index: { dims: 3, embeddings: new TableEmbeddings(table, [0, 0, 1]) } });
        for (const [key, text, index] of [["1", "a", undefined], ["2", "b", false], ["3", "c", undefined], ["4", "a", false], ["5", "b", undefined]]) {
          await store.put(["o"], key, { text }, index);
        }
        outcomes.push([
          comparable(await store.search(["o"], { ...bounds, query: "a" })),
          comparable(await store.search(["o"], bounds)),
        ]);
      }
      assert.deepEqual(outcomes[1], outcomes[0]);
    });
  }
});

describe("vectors the native index cannot hold (the host would store them and score NaN)", () => {
  const { NativeInMemoryStore } = require("./support.cjs");
  const make = () => new NativeInMemoryStore({ index: { dims: 3, embeddings: new TableEmbeddings(table), fields: ["text"] } });

  it("rejects an embedding of another length than the index's, applying nothing", async () => {
    const store = make();
    await store.put(["v"], "ok", { text: "a" });
    await assert.rejects(store.put(["v"], "bad", { text: "short" }), /2 dimensions but the index already holds 3-dimension vectors/);
    assert.equal(await store.get(["v"], "bad"), null);
    await assert.rejects(
      store.batch([
        { namespace: ["v"], key: "x", value: { text: "a" } },
        { namespace: ["v"], key: "y", value: { text: "short" } },
      ]),
      /differ in length/,
    );
    assert.equal(await store.get(["v"], "x"), null);
    assert.deepEqual((await store.search(["v"], { query: "a" })).map((r) => r.key), ["ok"]);
  });

  it("rejects Infinity in a stored embedding or in a query", async () => {
    const store = make();
    await store.put(["v"], "ok", { text: "a" });
    await assert.rejects(store.put(["v"], "inf", { text: "inf" }), /infinite value \(inf\) at position 0/);
    await assert.rejects(store.search(["v"], { query: "inf" }), /query embedding has an infinite value/);
    await assert.rejects(store.search(["v"], { query: "short" }), /query embedding has 2 dimensions/);
    assert.deepEqual((await store.search(["v"], { query: "a" })).map((r) => [r.key, r.score]), [["ok", 1]]);
    assert.equal(await store.get(["v"], "inf"), null);
  });

  it("says that a finite value beyond the f32 range overflows, rather than calling it infinite", async () => {
    const store = make();
    await store.put(["v"], "ok", { text: "a" });
    const overflow = /embedding 0 has the value 1e\+308 at position 1, beyond the range of the 32-bit floats the native store keeps/;
    await assert.rejects(store.put(["v"], "huge", { text: "huge" }), overflow);
    await assert.rejects(
      store.batch([
        { namespace: ["v"], key: "x", value: { text: "a" } },
        { namespace: ["v"], key: "huge", value: { text: "huge" } },
      ]),
      /embedding 1 has the value 1e\+308 at position 1, beyond the range/,
    );
    assert.equal(await store.get(["v"], "huge"), null);
    assert.equal(await store.get(["v"], "x"), null);
    // The largest f32 itself is held, and scores as the host scores it.
    await store.put(["v"], "max", { text: "f32max" });
    assert.deepEqual((await store.search(["v"], { query: "a" })).map((r) => [r.key, r.score]), [["ok", 1], ["max", 1]]);
  });

  it("rejects an empty embedding", async () => {
    const store = new NativeInMemoryStore({ index: { dims: 0, embeddings: new TableEmbeddings({ e: [] }), fields: ["text"] } });
    await assert.rejects(store.put(["v"], "k", { text: "e" }), /0 dimensions/);
  });

  it("documents the host's behaviour for those: no error, scores computed past the vector's end", async () => {
    const store = new checkpoint.InMemoryStore({ index: { dims: 3, embeddings: new TableEmbeddings(table), fields: ["text"] } });
    await store.put(["v"], "short", { text: "short" });
    await store.put(["v"], "inf", { text: "inf" });
    const found = await store.search(["v"], { query: "a" });
    assert.deepEqual(found.map((r) => r.key).sort(), ["inf", "short"]);
  });
});

forEachStore("NaN in embeddings, as the host scores it", (Store) => {
  it("scores a vector holding NaN 0 (a NaN magnitude is falsy), and a NaN query 0 for all", async () => {
    const store = new Store({ index: { dims: 3, embeddings: new TableEmbeddings(table), fields: ["text"] } });
    await store.put(["v"], "b", { text: "b" });
    await store.put(["v"], "nan", { text: "nan" });
    await store.put(["v"], "a", { text: "a" });
    const keysAndScores = async (query) => (await store.search(["v"], { query })).map((r) => [r.key, r.score]);
    assert.deepEqual(await keysAndScores("a"), [["a", 1], ["b", 0], ["nan", 0]]);
    assert.deepEqual(await keysAndScores("nan"), [["b", 0], ["nan", 0], ["a", 0]]);
  });
});
