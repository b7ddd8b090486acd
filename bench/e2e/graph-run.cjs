// How the graph cases run and what they record: a stream in "updates" mode collected to the end
// (as the upstream suite runs its graphs), on a thread of its own per run, and for the recorded run
// its chunks plus, with a checkpointer, the whole checkpoint history of its thread.

function runConfig(runIndex) {
  return { configurable: { thread_id: `run-${runIndex}` }, recursionLimit: 1_000_000_000 };
}

async function streamAll(graph, input, config) {
  const chunks = [];
  for await (const chunk of await graph.stream(input, config)) chunks.push(chunk);
  return chunks;
}

/**
 * A snapshot's values with each list cut to its length and last item: the chunks already hold
 * every update in full, and whole values of every snapshot (a 100-round agent's history holds
 * ~400 MB of messages) would cost more than the runs themselves.
 */
function valuesSummary(values) {
  return Object.fromEntries(Object.entries(values ?? {}).map(([key, value]) => [key, Array.isArray(value) ? { length: value.length, last: value.at(-1) } : value]));
}

/**
 * Adds a run's chunks and, when the graph has a checkpointer, its thread's final state in full
 * and every snapshot of its history (values summarized).
 */
async function recordRun(digest, graph, config, chunks) {
  digest.add("chunks", chunks);
  if (!graph.checkpointer) return;
  digest.add("final values", (await graph.getState(config)).values);
  let count = 0;
  for await (const snapshot of graph.getStateHistory(config)) {
    digest.add(`snapshot ${count++}`, {
      values: valuesSummary(snapshot.values),
      next: snapshot.next,
      metadata: snapshot.metadata,
      tasks: snapshot.tasks,
      hasParent: Boolean(snapshot.parentConfig),
    });
  }
  digest.add("snapshots", count);
}

/** A case whose timed run streams `input()` through `graph` and records the last run. */
function streamingCase(graph, input) {
  const runs = new Map();
  return {
    async run(runIndex) {
      const config = runConfig(runIndex);
      runs.set(runIndex, { config, chunks: await streamAll(graph, input(), config) });
    },
    async record(digest, runIndex) {
      const { config, chunks } = runs.get(runIndex);
      await recordRun(digest, graph, config, chunks);
    },
  };
}

module.exports = { runConfig, streamAll, recordRun, streamingCase };
