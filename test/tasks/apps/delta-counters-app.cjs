// advanceDeltaCounters under the shim (ours, over the delta channels it learned once per channels
// object) against the host's function underneath it, call for call; and a real graph with delta
// channels, whose checkpoints' counters_since_delta_snapshot the test compares with a stock run.
// Prints one JSON line. Usage: node [--require shim] delta-counters-app.cjs
const path = require("node:path");
const lg = require("@langchain/langgraph");
const channels = require("@langchain/langgraph/channels");

const main = require.resolve("@langchain/langgraph");
const checkpointModule = require(path.join(main.slice(0, main.lastIndexOf(`${path.sep}dist${path.sep}`) + 6), "pregel", "checkpoint.cjs"));
const ORIGINAL = Symbol.for("langgraph-native.original");
const ours = checkpointModule.advanceDeltaCounters;
const host = ours[ORIGINAL] ?? ours;

function callsOn(advance) {
  const concat = (a, b) => (a ?? []).concat(b);
  const chans = {
    first: new channels.DeltaChannel(concat),
    plain: new channels.LastValue(),
    second: new channels.DeltaChannel(concat, { snapshotFrequency: 3 }),
    "branch:to:x": new channels.EphemeralValue(),
  };
  const none = { plain: new channels.LastValue(), other: new channels.EphemeralValue() };
  const out = [];
  let counters;
  // Several supersteps on one channels object: updates to one, both, neither; counters carried on.
  for (const updated of [["first"], ["first", "second"], [], ["plain", "second"]]) {
    counters = advance(chans, new Set(updated), counters);
    out.push(counters);
  }
  // Counters the caller made up: extra names, missing names, undefined.
  out.push(advance(chans, new Set(["second"]), { first: [5, 9], gone: [1, 1] }));
  out.push(advance(chans, new Set(), undefined));
  out.push(advance(none, new Set(["plain"]), { plain: [1, 1] }));
  out.push(advance({}, new Set(), {}));
  return out;
}

async function graphRun() {
  const { StateGraph, Annotation, START, END, MemorySaver } = lg;
  const concat = (a, b) => (a ?? []).concat(b);
  const State = Annotation.Root({
    log: new channels.DeltaChannel(concat, { snapshotFrequency: 2 }),
    count: Annotation({ reducer: (a, b) => a + b, default: () => 0 }),
  });
  const saver = new MemorySaver();
  let graph = new StateGraph(State);
  let previous = START;
  for (let i = 0; i < 6; i++) {
    graph = graph.addNode(`n${i}`, () => (i % 2 === 0 ? { log: [`n${i}`], count: 1 } : { count: 1 }));
    graph = graph.addEdge(previous, `n${i}`);
    previous = `n${i}`;
  }
  const compiled = graph.addEdge(previous, END).compile({ checkpointer: saver });
  const config = { configurable: { thread_id: "delta" } };
  const result = await compiled.invoke({ log: ["start"], count: 0 }, config);
  await compiled.updateState(config, { log: ["edited"] });
  const history = [];
  for await (const snapshot of compiled.getStateHistory(config)) {
    history.push({ values: snapshot.values, counters: snapshot.metadata?.counters_since_delta_snapshot ?? null, step: snapshot.metadata?.step });
  }
  return { result, history };
}

(async () => {
  const swapped = ours !== host;
  console.log(JSON.stringify({ swapped, ours: callsOn(ours), host: callsOn(host), graph: await graphRun() }));
})();
