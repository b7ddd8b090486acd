// Runs ONE case in THIS process and prints one JSON line: the timed runs (ms), the hash of the
// normalized output of the last run, and which components the shim made native here (none when the
// driver started us without the preload). Usage: node [--require dist/shim/require.js] child.cjs '<spec>'
// spec: { case, params, saver, warmup, iterations, record, dump? }: without `record` the output is not
// read back (hash null; a long history costs more than the runs); `dump` writes it out as text.
const fs = require("node:fs");
const path = require("node:path");
const { performance } = require("node:perf_hooks");
const { makeSaver } = require("./savers.cjs");
const { OutputDigest } = require("./normalize.cjs");

async function main() {
  const spec = JSON.parse(process.argv[2]);
  const checkpointer = makeSaver(spec.saver ?? "none");
  const bench = await require(path.join(__dirname, "cases", `${spec.case}.cjs`)).setup({ params: spec.params, checkpointer });
  const total = spec.warmup + spec.iterations;
  const timesMs = [];
  for (let i = 0; i < total; i++) {
    global.gc?.();
    const started = performance.now();
    const result = await bench.run(i);
    const ms = result?.ms ?? performance.now() - started;
    if (i >= spec.warmup) timesMs.push(ms);
  }
  let hash = null;
  let parts = 0;
  if (spec.record || spec.dump) {
    const digest = new OutputDigest({ keep: Boolean(spec.dump) });
    await bench.record(digest, total - 1);
    if (spec.dump) fs.writeFileSync(spec.dump, digest.parts.join(""));
    hash = digest.digest();
    parts = digest.count;
  }
  const status = require("langgraph-native").status();
  const native = Object.entries(status.components).filter(([, c]) => c.active === true).map(([name]) => name);
  await checkpointer?.end?.();
  console.log(JSON.stringify({ timesMs, hash, parts, native }));
}

main().catch((error) => {
  console.error(error?.stack ?? error);
  process.exit(1);
});
