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

/** Adds a run's chunks and, when the graph has a checkpointer, every snapshot of its thread. */
async function recordRun(digest, graph, config, chunks) {
  digest.add("chunks", chunks);
  if (!graph.checkpointer) return;
  let count = 0;
  for await (const snapshot of graph.getStateHistory(config)) {
    digest.add(`snapshot ${count++}`, {
      values: snapshot.values,
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
