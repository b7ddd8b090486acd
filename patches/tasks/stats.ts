// Counters of the replacement runner, read by tests (through a global symbol) to prove which
// runner ran in a child process, and by the bench.
export interface RunnerStats {
  /** `_executeTasksWithRetry` calls: one per superstep run by our runner. */
  ticks: number;
  /** Tasks of a step started by our runner (not error-handler or `call()` tasks). */
  tasks: number;
}

const KEY = Symbol.for("langgraph-native.tasks.stats");
type GlobalWithStats = typeof globalThis & { [KEY]?: RunnerStats };

export const runnerStats: RunnerStats = ((globalThis as GlobalWithStats)[KEY] ??= { ticks: 0, tasks: 0 });
