// Port of the host's namespace behaviours (langgraphjs libs/checkpoint/src/tests/namespace.test.ts
// and the InMemoryStore parts of store-delimiter.test.ts), run against both stores.
const { assert, checkpoint, forEachStore } = require("./support.cjs");

const { InvalidNamespaceError, AsyncBatchedStore } = checkpoint;

async function putAll(store, namespaces) {
  for (let i = 0; i < namespaces.length; i += 1) {
    await store.put(namespaces[i], `id_${i}`, { data: `value_${String(i).padStart(2, "0")}` });
  }
}

const sorted = (list) => [...list].sort();

forEachStore("namespaces", (Store) => {
  it("lists by prefix, suffix, both, maxDepth, limit and offset", async () => {
    const store = new Store();
    await putAll(store, [
      ["a", "b", "c"],
      ["a", "b", "d", "e"],
      ["a", "b", "d", "i"],
      ["a", "b", "f"],
      ["a", "c", "f"],
      ["b", "a", "f"],
      ["users", "123"],
      ["users", "456", "settings"],
      ["admin", "users", "789"],
    ]);
    assert.deepEqual(sorted(await store.listNamespaces({ prefix: ["a", "b"] })), sorted([
      ["a", "b", "c"], ["a", "b", "d", "e"], ["a", "b", "d", "i"], ["a", "b", "f"],
    ]));
    assert.deepEqual(sorted(await store.listNamespaces({ suffix: ["f"] })), sorted([
      ["a", "b", "f"], ["a", "c", "f"], ["b", "a", "f"],
    ]));
    assert.deepEqual(sorted(await store.listNamespaces({ prefix: ["a"], suffix: ["f"] })), [["a", "b", "f"], ["a", "c", "f"]]);
    assert.deepEqual(sorted(await store.listNamespaces({ prefix: ["a", "b"], maxDepth: 3 })), [
      ["a", "b", "c"], ["a", "b", "d"], ["a", "b", "f"],
    ]);
    // The host's own order (localeCompare of the joined path), not sorted by us.
    assert.deepEqual(await store.listNamespaces({ prefix: ["a", "b"], limit: 2 }), [["a", "b", "c"], ["a", "b", "d", "e"]]);
    assert.deepEqual(await store.listNamespaces({ prefix: ["a", "b"], offset: 2 }), [["a", "b", "d", "i"], ["a", "b", "f"]]);
  });

  it("matches wildcards in prefix and suffix", async () => {
    const store = new Store();
    await putAll(store, [
      ["users", "123"],
      ["users", "456"],
      ["users", "789", "settings"],
      ["admin", "users", "789"],
      ["guests", "123"],
      ["guests", "456", "preferences"],
    ]);
    assert.deepEqual(sorted(await store.listNamespaces({ prefix: ["users", "*"] })), sorted([
      ["users", "123"], ["users", "456"], ["users", "789", "settings"],
    ]));
    assert.deepEqual(await store.listNamespaces({ suffix: ["*", "preferences"] }), [["guests", "456", "preferences"]]);
    assert.deepEqual(await store.listNamespaces({ prefix: ["*", "users"], suffix: ["*", "settings"] }), []);
    await store.put(["admin", "users", "settings", "789"], "foo", { data: "some_val" });
    assert.deepEqual(await store.listNamespaces({ prefix: ["*", "users"], suffix: ["settings", "*"] }), [
      ["admin", "users", "settings", "789"],
    ]);
  });

  it("paginates namespaces in order", async () => {
    const store = new Store();
    for (let i = 0; i < 20; i += 1) {
      const n = String(i).padStart(2, "0");
      await store.put(["namespace", `sub_${n}`], `id_${n}`, { data: `value_${n}` });
    }
    for (const offset of [0, 5, 15]) {
      const expected = Array.from({ length: 5 }, (_, i) => ["namespace", `sub_${String(i + offset).padStart(2, "0")}`]);
      assert.deepEqual(await store.listNamespaces({ prefix: ["namespace"], limit: 5, offset }), expected);
    }
  });

  it("truncates to maxDepth and de-duplicates", async () => {
    const store = new Store();
    await putAll(store, [["a", "b", "c", "d"], ["a", "b", "c", "e"], ["a", "b", "f"], ["a", "g"], ["h", "i", "j", "k"]]);
    assert.deepEqual(sorted(await store.listNamespaces({ maxDepth: 2 })), [["a", "b"], ["a", "g"], ["h", "i"]]);
  });

  it("lists nothing in an empty store", async () => {
    assert.deepEqual(await new Store().listNamespaces({}), []);
  });

  it("keeps a namespace listed after its items are deleted, as the host does", async () => {
    const store = new Store();
    await store.put(["gone"], "k", { a: 1 });
    await store.delete(["gone"], "k");
    await store.delete(["never", "put"], "k");
    assert.deepEqual(await store.listNamespaces({}), [["gone"], ["never", "put"]]);
  });

  it("blocks invalid namespaces with InvalidNamespaceError and allows 'langgraph' below the root", async () => {
    const store = new Store();
    const doc = { foo: "bar" };
    await assert.rejects(store.put([], "foo", doc), InvalidNamespaceError);
    await assert.rejects(store.put(["the", "thing.about"], "foo", doc), InvalidNamespaceError);
    await assert.rejects(store.put(["some", "fun", ""], "foo", doc), InvalidNamespaceError);
    await assert.rejects(store.put(["langgraph", "foo"], "bar", doc), InvalidNamespaceError);
    await store.put(["foo", "langgraph", "foo"], "bar", doc);
    assert.deepEqual((await store.get(["foo", "langgraph", "foo"], "bar")).value, doc);
    assert.deepEqual((await store.search(["foo", "langgraph", "foo"]))[0].value, doc);
    await store.delete(["foo", "langgraph", "foo"], "bar");
    assert.equal(await store.get(["foo", "langgraph", "foo"], "bar"), null);
    await store.batch([{ namespace: ["valid", "namespace"], key: "key", value: doc }]);
    assert.deepEqual((await store.get(["valid", "namespace"], "key")).value, doc);
    assert.deepEqual((await store.search(["valid", "namespace"]))[0].value, doc);
  });

  it("rejects colons in labels, and an empty namespace in batch(), with the host's messages", async () => {
    const store = new Store();
    await store.put(["tenant", "alice", "files"], "secret", { text: "original" });
    await assert.rejects(store.get(["tenant:alice", "files"], "secret"), InvalidNamespaceError);
    await assert.rejects(store.batch([{ namespace: ["tenant:alice", "files"], key: "secret" }]), {
      name: "InvalidNamespaceError",
      message: "Invalid namespace label 'tenant:alice'. Namespace labels cannot contain colons (':').",
    });
    await assert.rejects(store.batch([{ namespace: [], key: "k" }]), { name: "InvalidNamespaceError", message: "Namespace cannot be empty." });
    await assert.rejects(store.batch([{ namespacePrefix: ["a.b"] }]), InvalidNamespaceError);
    await assert.rejects(store.batch([{ namespace: ["ok"], key: "k", value: { a: 1 } }, { namespace: ["x\0"], key: "k" }]), {
      message: "Namespace labels cannot contain NUL bytes.",
    });
    // A failed batch applied nothing.
    assert.equal(await store.get(["ok"], "k"), null);
    assert.equal((await store.search(["tenant", "alice"]))[0].namespace.join("/"), "tenant/alice/files");
    assert.equal((await store.search([])).length, 1);
  });

  it("works behind AsyncBatchedStore, as graphs use it", async () => {
    const underlying = new Store();
    await underlying.put(["tenant", "alice", "files"], "secret", { text: "original" });
    const store = new AsyncBatchedStore(underlying);
    store.start();
    try {
      await assert.rejects(store.put(["tenant:alice", "files"], "secret", { text: "x" }), InvalidNamespaceError);
      const [got, found, listed] = await Promise.all([
        store.get(["tenant", "alice", "files"], "secret"),
        store.search(["tenant"]),
        underlying.listNamespaces({ prefix: ["tenant"] }),
      ]);
      assert.deepEqual(got.value, { text: "original" });
      assert.equal(found.length, 1);
      assert.deepEqual(listed, [["tenant", "alice", "files"]]);
    } finally {
      await store.stop();
    }
  });
});
