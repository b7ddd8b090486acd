// A seeded random workload (puts, updates, deletes, per-put index overrides, searches with and
// without query, filters, offsets) run on both stores: every result must be the same.
const { assert, STORES, seededRandom } = require("./support.cjs");

const DIMS = 24;

function workloadEmbeddings() {
  // Each text's vector comes from a PRNG seeded by the text: the same on both stores.
  const vectorOf = (text) => {
    let seed = 2166136261;
    for (let i = 0; i < text.length; i += 1) seed = Math.imul(seed ^ text.charCodeAt(i), 16777619);
    const random = seededRandom(seed);
    return Array.from({ length: DIMS }, () => random() * 2 - 1);
  };
  return { embedQuery: async (q) => vectorOf(q), embedDocuments: async (texts) => texts.map(vectorOf) };
}

function randomOperations(seed, count) {
  const random = seededRandom(seed);
  const pick = (list) => list[Math.floor(random() * list.length)];
  const namespaces = [["u", "1"], ["u", "2"], ["u", "1", "notes"], ["team"], ["team", "x"]];
  const words = ["alpha", "beta", "gamma", "delta", "eps", "zeta", "eta", "theta"];
  const operations = [];
  for (let i = 0; i < count; i += 1) {
    const roll = random();
    const namespace = pick(namespaces);
    const key = `k${Math.floor(random() * 40)}`;
    if (roll < 0.55) {
      const value = { text: `${pick(words)} ${pick(words)}`, n: Math.floor(random() * 10), kind: pick(["a", "b", "c"]) };
      if (random() < 0.3) value.tags = [pick(words), pick(words)];
      const index = pick([undefined, undefined, undefined, false, ["tags[*]"], ["text", "kind"]]);
      operations.push({ type: "put", namespace, key, value, index });
    } else if (roll < 0.65) {
      operations.push({ type: "delete", namespace, key });
    } else {
      const prefix = pick([[], ["u"], ["u", "1"], ["team"], namespace]);
      const options = { limit: pick([1, 3, 10, 25]), offset: pick([0, 0, 2, 7]) };
      if (random() < 0.7) options.query = `${pick(words)} ${pick(words)}`;
      const filter = pick([undefined, undefined, { kind: "a" }, { n: { $gte: 5 } }, { n: { $in: [1, 2, 3] }, kind: { $ne: "c" } }]);
      if (filter) options.filter = filter;
      operations.push({ type: "search", prefix, options });
    }
  }
  return operations;
}

async function run(Store, operations) {
  const store = new Store({ index: { dims: DIMS, embeddings: workloadEmbeddings(), fields: ["text"] } });
  const outputs = [];
  for (const op of operations) {
    if (op.type === "put") await store.put(op.namespace, op.key, op.value, op.index);
    else if (op.type === "delete") await store.delete(op.namespace, op.key);
    else {
      const results = await store.search(op.prefix, op.options);
      outputs.push(results.map((r) => ({ ns: r.namespace.join("/"), key: r.key, value: r.value, score: r.score })));
    }
  }
  outputs.push(await store.listNamespaces({ limit: 1000 }));
  return outputs;
}

function assertSameResults(actual, expected) {
  assert.equal(actual.length, expected.length);
  for (let i = 0; i < expected.length; i += 1) {
    if (!Array.isArray(expected[i]) || expected[i].length === 0 || Array.isArray(expected[i][0])) {
      assert.deepEqual(actual[i], expected[i]);
      continue;
    }
    assert.deepEqual(actual[i].map((r) => [r.ns, r.key, r.value]), expected[i].map((r) => [r.ns, r.key, r.value]), `search #${i}`);
    for (let j = 0; j < expected[i].length; j += 1) {
      const [a, e] = [actual[i][j].score, expected[i][j].score];
      if (e === undefined) assert.equal(a, undefined);
      else assert.ok(Math.abs(a - e) < 1e-6, `search #${i} item ${j}: ${a} vs ${e}`);
    }
  }
}

describe("a random workload gives identical results on both stores", () => {
  for (const seed of [1, 2, 3, 4]) {
    it(`seed ${seed}: 600 operations`, async () => {
      const operations = randomOperations(seed, 600);
      const [stock, native] = [await run(STORES[0].Store, operations), await run(STORES[1].Store, operations)];
      assert.ok(stock.some((r) => r.length > 0 && r[0].score !== undefined), "the workload scored something");
      assertSameResults(native, stock);
    });
  }
});
