// Time to the first streamed event of a `nodes`-node chain (upstream: first-event latency). The run
// is then aborted and awaited, so no run's remaining steps overlap the next one; what it records is
// that first event (how far an aborted run got before stopping is timing, not output).
const { performance } = require("node:perf_hooks");
const { runConfig } = require("../graph-run.cjs");
const { buildChain } = require("./sequential.cjs");

async function setup({ params, checkpointer }) {
  const graph = buildChain(params.nodes).compile({ checkpointer });
  const firsts = new Map();
  return {
    async run(runIndex) {
      const controller = new AbortController();
      const started = performance.now();
      const stream = await graph.stream({ messages: [] }, { ...runConfig(runIndex), signal: controller.signal });
      const first = await stream.next();
      const ms = performance.now() - started;
      controller.abort();
      try {
        for await (const _ of stream);
      } catch (error) {
        if (!controller.signal.aborted) throw error;
      }
      firsts.set(runIndex, first);
      return { ms };
    },
    async record(digest, runIndex) {
      digest.add("first event", firsts.get(runIndex));
    },
  };
}

module.exports = { setup };
