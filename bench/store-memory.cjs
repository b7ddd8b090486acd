// Child process of the store bench: builds one store of N items and reports how much the heap
// and the process grew. One store per process, so neither run's garbage counts against the other.
const { vectorPool, poolEmbeddings, makeStore, fill } = require("./store-workload.cjs");

async function main() {
  const [implementation, countText] = process.argv.slice(2);
  const count = Number(countText);
  const documents = vectorPool(count, 1);
  const queries = vectorPool(1, 2);
  const embeddings = poolEmbeddings(documents, queries);
  global.gc();
  const before = process.memoryUsage();
  const store = makeStore(implementation, embeddings);
  await fill(store, count);
  global.gc();
  const after = process.memoryUsage();
  // The pool (the "provider's" data) is the same in both children and outside the store.
  const result = {
    heapBytes: after.heapUsed - before.heapUsed,
    rssBytes: after.rss - before.rss,
    externalBytes: after.external + after.arrayBuffers - before.external - before.arrayBuffers,
    nativeIndexBytes: store.nativeIndexBytes ?? 0,
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
  void store;
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
