// Counters of the task component's replacements, in one global object (one symbol, so every
// loaded copy of dist/ counts into the same place), read by tests in child processes to prove
// which code ran.
export interface TaskStats {
  /** The replacement runner: `_executeTasksWithRetry` calls (one per superstep it runs) and the
   * tasks of a step it started (not error-handler or `call()` tasks). */
  runner: { ticks: number; tasks: number };
  /** Inert callables' fast path: calls taken, and those that needed no config at all. */
  inert: { calls: number; configFree: number };
  /** The loop's `putWrites`: writes applied in place, and those that copied the list first. */
  putWrites: { inPlace: number; copies: number };
}

const KEY = Symbol.for("langgraph-native.tasks.stats");
type GlobalWithStats = typeof globalThis & { [KEY]?: TaskStats };

export const taskStats: TaskStats = ((globalThis as GlobalWithStats)[KEY] ??= {
  runner: { ticks: 0, tasks: 0 },
  inert: { calls: 0, configFree: 0 },
  putWrites: { inPlace: 0, copies: 0 },
});
