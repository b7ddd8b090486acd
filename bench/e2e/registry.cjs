// The cases of the end-to-end suite: upstream's shapes and sizes (langgraphjs internal/bench) plus
// ours, each graph case with no checkpointer, MemorySaver and SqliteSaver. `quick` sizes only check
// that the suite works. Targets are issue 13's; every other case must at least not be slower (1.0x).
// `iterations` are timed runs per process after `warmup`; a round is one stock and one shim process.
const { SAVERS } = require("./savers.cjs");

const ONE = 1.0;

/** One entry per saver; `targets` maps a saver to its target ratio (default: not slower). */
function perSaver(id, spec, targets = {}) {
  return SAVERS.map((saver) => ({ ...spec, id: `${id}/${saver}`, saver, target: targets[saver] ?? ONE }));
}

function cases({ quick }) {
  const q = (full, small) => (quick ? small : full);
  const large = [[9, 1200], [15, 600], [25, 300]].map(([messages, items]) =>
    perSaver(`large_state_${messages}x${items}`, { case: "large-state", params: { messages, items: q(items, items / 20) }, iterations: 5 }, { memory: 3, sqlite: 3 }),
  );
  return [
    { id: "compile/sequential_1000", case: "compile", params: { shape: "chain", nodes: q(1000, 100) }, iterations: 10, target: ONE },
    { id: "compile/react_agent_100x", case: "compile", params: { shape: "react", rounds: q(100, 10) }, iterations: 20, target: ONE },
    ...perSaver("sequential_10", { case: "sequential", params: { nodes: 10 }, iterations: 40 }),
    ...perSaver("sequential_1000", { case: "sequential", params: { nodes: q(1000, 100) }, iterations: 4 }, { none: 1.5, memory: 3, sqlite: 3 }),
    ...perSaver("first_event_1000", { case: "first-event", params: { nodes: q(1000, 100) }, iterations: 4 }),
    ...perSaver("react_agent_10x", { case: "react-agent", params: { rounds: q(10, 3) }, iterations: 10 }),
    ...perSaver("react_agent_100x", { case: "react-agent", params: { rounds: q(100, 10) }, iterations: 3 }, { memory: 3, sqlite: 3 }),
    // Upstream's own model: 50 ms per call, which hides framework time (one run is ~5 s).
    { id: "react_agent_100x_sleep50/memory", case: "react-agent", saver: "memory", params: { rounds: q(100, 5), sleepMs: q(50, 5) }, warmup: 0, iterations: 1, target: ONE },
    ...large.flat(),
    ...perSaver("wide_state_200", { case: "wide-state", params: { channels: q(200, 50), nodes: 10 }, iterations: 10 }),
    ...perSaver("fanout_1000", { case: "fanout", params: { tasks: q(1000, 100) }, iterations: 3 }, { none: 8 }),
  ].map((entry) => ({ warmup: 1, ...entry, iterations: quick ? Math.min(entry.iterations, 2) : entry.iterations }));
}

/** Start-up: spawn to "LangGraph loaded", preloaded or not; the target is the added time. */
const STARTUP = [
  { id: "startup/cjs", app: "startup-app.cjs", preload: "require", maxAddedMs: 30 },
  { id: "startup/esm", app: "startup-app.mjs", preload: "import", maxAddedMs: 100 },
];

module.exports = { cases, STARTUP };
