// Runs ONE case in THIS process and prints one JSON line: the timed runs (ms), the hash of the
// normalized output of the last run, and which components the shim made native here (none when the
// driver started us without the preload). Usage: node [--require dist/shim/require.js] child.cjs '<spec>'
// spec: { case, params, saver, warmup, iterations, record, dump?, profile? }: without `record` the
// output is not read back (hash null; a long history costs more than the runs); `dump` writes it out
// as text; `profile` writes a CPU profile of the timed runs to that file (cpu-profile.cjs), and then
// no collection is forced between runs, so the profile holds the garbage collection a user's app has.
const fs = require("node:fs");
const path = require("node:path");
const { performance } = require("node:perf_hooks");
const { makeSaver } = require("./savers.cjs");
const { OutputDigest } = require("./normalize.cjs");
const { startProfile } = require("./cpu-profile.cjs");

async function main() {
  const spec = JSON.parse(process.argv[2]);
  const checkpointer = makeSaver(spec.saver ?? "none");
  const bench = await require(path.join(__dirname, "cases", `${spec.case}.cjs`)).setup({ params: spec.params, checkpointer });
  const total = spec.warmup + spec.iterations;
  const timesMs = [];
  let stopProfile = null;
  for (let i = 0; i < total; i++) {
    if (spec.profile && i === spec.warmup) stopProfile = await startProfile(spec.profile);
    else if (!spec.profile) global.gc?.();
    const started = performance.now();
    const result = await bench.run(i);
    const ms = result?.ms ?? performance.now() - started;
    if (i >= spec.warmup) timesMs.push(ms);
  }
  await stopProfile?.();
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
