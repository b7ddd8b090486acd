// Forked histories, written once for the CJS and the ESM app. LangGraph.js channel versions are
// integers, so a fork (updateState on an older checkpoint, a replay, "__copy__", a subgraph fork)
// gives a new value a version that another branch already holds: every branch must still read
// back exactly what it stored.
const { summarize, collect } = require("./snapshots.cjs");


// Checkpoint ids are uuid6 of a millisecond clock and the step: two checkpoints made in one
// millisecond sort by their random bits (or a step -1 after a step 0), and histories, which are in
// id order, would differ from run to run. So every step's reducer and every update starts a new
// millisecond: each checkpoint here gets a time of its own.
function nextMillisecond() {
  const now = Date.now();
  while (Date.now() <= now + 1);
}

const pause = () => new Promise((resolve) => setTimeout(resolve, 3));

function chainState(lg) {
  const { Annotation } = lg;
  return Annotation.Root({
    x: Annotation(),
    trail: Annotation({
      reducer: (a, b) => {
        nextMillisecond();
        return a.concat(b);
      },
      default: () => [],
    }),
  });
}

/** START → one → two → END, each node rewriting `x` and appending to `trail`. */
function buildChain(lg, checkpointer) {
  const { StateGraph, START, END } = lg;
  return new StateGraph(chainState(lg))
    .addNode("one", (state) => ({ x: `one(${state.x})`, trail: ["one"] }))
    .addNode("two", (state) => ({ x: `two(${state.x})`, trail: ["two"] }))
    .addEdge(START, "one")
    .addEdge("one", "two")
    .addEdge("two", END)
    .compile({ checkpointer });
}

/** A parent whose node "child" is a subgraph that asks (interrupts) after its first node. */
function buildNested(lg, checkpointer) {
  const { StateGraph, START, END, interrupt } = lg;
  const child = new StateGraph(chainState(lg))
    .addNode("inner", (state) => ({ x: `inner(${state.x})`, trail: ["inner"] }))
    .addNode("ask", (state) => ({ x: `${state.x}+${interrupt("more?")}`, trail: ["ask"] }))
    .addEdge(START, "inner")
    .addEdge("inner", "ask")
    .addEdge("ask", END)
    .compile();
  return new StateGraph(chainState(lg))
    .addNode("child", child)
    .addNode("after", (state) => ({ x: `after(${state.x})`, trail: ["after"] }))
    .addEdge(START, "child")
    .addEdge("child", "after")
    .addEdge("after", END)
    .compile({ checkpointer });
}


/** Every stored checkpoint of a thread (all namespaces, all branches) with its channel values. */
async function storedValues(checkpointer, thread_id, checkpoint_ns) {
  const configurable = checkpoint_ns === undefined ? { thread_id } : { thread_id, checkpoint_ns };
  const tuples = await collect(checkpointer.list({ configurable }));
  return tuples.map((tuple) => ({
    ns: tuple.config.configurable.checkpoint_ns,
    id: tuple.checkpoint.id,
    parent: tuple.parentConfig?.configurable?.checkpoint_id,
    values: tuple.checkpoint.channel_values,
    versions: tuple.checkpoint.channel_versions,
    // Sorted by channel and value: savers order writes by task id, which is random per run.
    writes: tuple.pendingWrites.map(([, channel, value]) => JSON.stringify([channel, value])).sort(),
  }));
}

/** Each snapshot of `history` read again by its own checkpoint id. */
async function reread(graph, history) {
  return Promise.all(history.map(async (snapshot) => summarize(await graph.getState(snapshot.config))));
}

async function chainForks(lg, checkpointer) {
  const graph = buildChain(lg, checkpointer);
  const thread = { configurable: { thread_id: "fork-chain" } };
  const out = {};
  out.first = await graph.invoke({ x: "start", trail: ["start"] }, thread);
  const original = await collect(graph.getStateHistory(thread));
  out.original = original.map(summarize);

  // Fork after the input: "one" is answered by hand, "two" runs on the fork.
  const afterInput = original.find((snapshot) => snapshot.next.includes("one") && snapshot.metadata.source === "loop");
  await pause();
  const forkConfig = await graph.updateState(afterInput.config, { x: "fork", trail: ["fork"] }, "one");
  await pause();
  out.fork = await graph.invoke(null, forkConfig);
  out.originalAfterFork = await reread(graph, original);

  // Replay from an older checkpoint, then fork that checkpoint a second time.
  const beforeTwo = original.find((snapshot) => snapshot.next.includes("two"));
  await pause();
  out.replayed = await graph.invoke(null, beforeTwo.config);
  await pause();
  const secondFork = await graph.updateState(beforeTwo.config, { x: "second", trail: ["second"] }, "one");
  await pause();
  out.secondFork = await graph.invoke(null, secondFork);

  // A copy of the final checkpoint, and an update attributed to the last node.
  const final = original[0];
  await pause();
  const copied = await graph.updateState(final.config, undefined, "__copy__");
  out.copied = summarize(await graph.getState(copied));
  await pause();
  const late = await graph.updateState(final.config, { x: "late", trail: ["late"] }, "two");
  out.late = summarize(await graph.getState(late));
  out.originalAtEnd = await reread(graph, original);
  out.everyBranch = (await collect(graph.getStateHistory(thread))).map(summarize);
  out.stored = await storedValues(checkpointer, "fork-chain");
  return out;
}

async function subgraphForks(lg, checkpointer) {
  const graph = buildNested(lg, checkpointer);
  const thread = { configurable: { thread_id: "fork-nested" } };
  const out = {};
  out.paused = await graph.invoke({ x: "start", trail: ["start"] }, thread);
  const parent = await graph.getState(thread, { subgraphs: true });
  const child = parent.tasks.find((task) => task.state)?.state;
  out.child = summarize(child);
  // Two forks of the same subgraph checkpoint: both give "x" the same next version.
  await pause();
  const forkA = await graph.updateState(child.config, { x: "child-A" }, "inner");
  await pause();
  const forkB = await graph.updateState(child.config, { x: "child-B" }, "inner");
  out.childForks = [summarize(await graph.getState(forkA)), summarize(await graph.getState(forkB))];
  out.childBefore = summarize(await graph.getState(child.config));
  await pause();
  out.resumed = await graph.invoke(new lg.Command({ resume: "yes" }), thread);
  out.childForksAfterResume = [summarize(await graph.getState(forkA)), summarize(await graph.getState(forkB))];
  out.history = (await collect(graph.getStateHistory(thread))).map(summarize);
  out.stored = await storedValues(checkpointer, "fork-nested", child.config.configurable.checkpoint_ns);
  return out;
}

async function runForkScenarios({ lg, checkpointer }) {
  return { chain: await chainForks(lg, checkpointer), nested: await subgraphForks(lg, checkpointer) };
}

module.exports = { runForkScenarios };
