// The cases of the end-to-end suite: upstream's shapes and sizes (langgraphjs internal/bench) plus
// ours, each graph case with no checkpointer, MemorySaver and SqliteSaver. `quick` sizes only check
// that the suite works. Targets are issue 13's; every other case must at least not be slower (1.0x).
// `iterations` are timed runs per process after `warmup`; a round is one stock and one shim process;
// BENCH_E2E_ROUNDS overrides every case's `rounds`.
const { SAVERS } = require("./savers.cjs");

const ONE = 1.0;

/** One entry per saver; `per[saver]` adds to (or overrides) `spec` for that saver, e.g. a target. */
function perSaver(id, spec, per = {}) {
  return SAVERS.map((saver) => ({ target: ONE, ...spec, ...per[saver], id: `${id}/${saver}`, saver }));
}

// Sizes of a full run (about 10 minutes on 2 cores, see README): cheap cases run 4 rounds of a
// few seconds per process; heavy ones (a stock run of 1-10 s) 3 rounds of 1-2 runs, no warm-up.
const CHEAP = { rounds: 4, warmup: 1 };
const HEAVY = { rounds: 3, warmup: 0 };

function cases({ quick }) {
  const q = (full, small) => (quick ? small : full);
  const largeState = ([messages, items]) =>
    perSaver(`large_state_${messages}x${items}`, { case: "large-state", params: { messages, items: q(items, items / 20) }, ...HEAVY, iterations: 2 }, {
      none: { ...CHEAP, iterations: 8 },
      memory: { target: 3 },
      sqlite: { target: 3 },
    });
  return [
    { id: "compile/sequential_1000", case: "compile", params: { shape: "chain", nodes: q(1000, 100) }, ...CHEAP, iterations: 6, target: ONE },
    { id: "compile/react_agent_100x", case: "compile", params: { shape: "react", rounds: q(100, 10) }, ...CHEAP, iterations: 10, target: ONE },
    ...perSaver("sequential_10", { case: "sequential", params: { nodes: 10 }, ...CHEAP, iterations: 20 }),
    ...perSaver("sequential_1000", { case: "sequential", params: { nodes: q(1000, 100) }, ...HEAVY, iterations: 1 }, {
      none: { target: 1.5 },
      memory: { target: 3 },
      sqlite: { target: 3 },
    }),
    ...perSaver("first_event_1000", { case: "first-event", params: { nodes: q(1000, 100) }, ...CHEAP, iterations: 5 }),
    ...perSaver("react_agent_10x", { case: "react-agent", params: { rounds: q(10, 3) }, ...CHEAP, iterations: 6 }),
    ...perSaver("react_agent_100x", { case: "react-agent", params: { rounds: q(100, 10) }, ...HEAVY, iterations: 2 }, {
      none: { ...CHEAP, iterations: 4 },
      memory: { target: 3 },
      sqlite: { target: 3 },
    }),
    // Upstream's own model: 50 ms per call, which hides framework time (one run is ~5 s).
    { id: "react_agent_100x_sleep50/memory", case: "react-agent", saver: "memory", params: { rounds: q(100, 5), sleepMs: q(50, 5) }, ...HEAVY, iterations: 1, target: ONE },
    ...[[9, 1200], [15, 600], [25, 300]].flatMap(largeState),
    ...perSaver("wide_state_200", { case: "wide-state", params: { channels: q(200, 50), nodes: 10 }, ...CHEAP, iterations: 8 }),
    ...perSaver("fanout_1000", { case: "fanout", params: { tasks: q(1000, 100) }, ...HEAVY, iterations: 2 }, { none: { ...CHEAP, iterations: 3, target: 8 } }),
  ].map((entry) => (quick ? { ...entry, rounds: 1, warmup: Math.min(entry.warmup, 1), iterations: Math.min(entry.iterations, 2) } : entry));
}

/** Start-up: spawn to "LangGraph loaded", preloaded or not; the target is the added time. */
const STARTUP = [
  { id: "startup/cjs", app: "startup-app.cjs", preload: "require", maxAddedMs: 30 },
  { id: "startup/esm", app: "startup-app.mjs", preload: "import", maxAddedMs: 100 },
];

module.exports = { cases, STARTUP };
