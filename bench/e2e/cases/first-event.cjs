// Time to the first streamed event of a `nodes`-node chain (upstream: first-event latency). The
// rest of the stream is drained after the clock stops, so no run overlaps the next one.
const { performance } = require("node:perf_hooks");
const { runConfig, recordRun } = require("../graph-run.cjs");
const { buildChain } = require("./sequential.cjs");

async function setup({ params, checkpointer }) {
  const graph = buildChain(params.nodes).compile({ checkpointer });
  const runs = new Map();
  return {
    async run(runIndex) {
      const config = runConfig(runIndex);
      const started = performance.now();
      const stream = await graph.stream({ messages: [] }, config);
      const first = await stream.next();
      const ms = performance.now() - started;
      const chunks = [first.value];
      for await (const chunk of stream) chunks.push(chunk);
      runs.set(runIndex, { config, chunks });
      return { ms };
    },
    async record(digest, runIndex) {
      const { config, chunks } = runs.get(runIndex);
      await recordRun(digest, graph, config, chunks);
    },
  };
}

module.exports = { setup };
