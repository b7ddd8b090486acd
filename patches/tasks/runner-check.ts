// The PregelRunner's check at its first call: our `_executeTasksWithRetry` (the one method we
// replace, the production path) and the host's run the same superstep of probe tasks (they settle
// out of order; one fails; one superstep is capped by maxConcurrency) on a loop with no error
// handlers, and must yield the same outcomes in the same order and keep to the cap. A whole probe
// graph run twice cost ~30 ms at the first call (cold Pregel code); this costs ~1-3 ms.
import { difference, outcomeOf } from "../probe-outcome";
import type { FirstCallCheck } from "../types";

/** A few microtask turns: tasks settle in another order than they started. */
async function turns(count: number): Promise<void> {
  for (let i = 0; i < count; i++) await Promise.resolve();
}

/** What the runner reads of its loop while it runs tasks: a loop with no error-handler nodes. */
function probeLoop() {
  return {
    config: {},
    isErrorHandlerNode: () => false,
    getErrorHandlerNode: () => undefined,
    scheduleErrorHandler: () => undefined,
    acceptPush: () => undefined,
  };
}

/** Tasks of one superstep: task `i` finishes after `delays[i]` turns; a negative delay throws. */
function probeTasks(delays: number[], inFlight: { now: number; most: number }) {
  return delays.map((delay, i) => ({
    id: `probe-${i}`,
    name: `node-${i}`,
    path: ["__pregel_pull", `node-${i}`],
    input: { i },
    config: {},
    triggers: [],
    writers: [],
    writes: [] as unknown[],
    proc: {
      async invoke(input: { i: number }) {
        inFlight.now++;
        inFlight.most = Math.max(inFlight.most, inFlight.now);
        await turns(Math.abs(delay));
        inFlight.now--;
        if (delay < 0) throw new Error(`probe task ${input.i} fails`);
        return input.i;
      },
    },
  }));
}

/** The outcomes a runner yields for the probe supersteps, in order, and the most tasks in flight. */
async function runProbe(runner: any): Promise<string> {
  const supersteps: Array<{ delays: number[]; maxConcurrency?: number }> = [
    { delays: [6, 1, -3, 4] },
    { delays: [5, 2, 8, 1, 3], maxConcurrency: 2 },
  ];
  const report = [];
  for (const { delays, maxConcurrency } of supersteps) {
    const inFlight = { now: 0, most: 0 };
    const settled = [];
    for await (const outcome of runner._executeTasksWithRetry(probeTasks(delays, inFlight), { maxConcurrency })) {
      settled.push([outcome.task.id, outcome.error === undefined ? "ok" : String(outcome.error.message)]);
    }
    report.push({ settled, mostInFlight: inFlight.most });
  }
  return JSON.stringify(report);
}

export const runnerCheck: FirstCallCheck = {
  methods: { _executeTasksWithRetry: "asyncGenerator" },
  async run({ Ours, Host, probe }) {
    const ours = await outcomeOf(() => runProbe(probe(new Ours({ loop: probeLoop() }))));
    const host = await outcomeOf(() => runProbe(new Host({ loop: probeLoop() })));
    if (ours !== host) throw new Error(`the probe superstep ends differently: ${difference(ours, host)}`);
  },
};
