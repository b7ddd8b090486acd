// One LangGraph scenario, written once for the CJS and the ESM app: each app passes in its own
// build of the host (`lg`, messages, saver class) so the scenario runs on that build's classes.
// It exercises history, time travel via checkpoint_id, interrupts and resume, updateState, and
// forked histories (fork-scenario.cjs).
const { runForkScenarios } = require("./fork-scenario.cjs");
const { summarize, collect } = require("./snapshots.cjs");

function buildGraph(lg, messages, checkpointer) {
  const { StateGraph, MessagesAnnotation, Annotation, START, END, interrupt } = lg;
  const State = Annotation.Root({
    ...MessagesAnnotation.spec,
    turns: Annotation({ reducer: (a, b) => a + b, default: () => 0 }),
    approved: Annotation(),
  });
  let ai = 0;
  return new StateGraph(State)
    .addNode("agent", (state) => {
      const last = state.messages[state.messages.length - 1];
      ai += 1;
      return { messages: [new messages.AIMessage({ id: `ai-${ai}`, content: `echo: ${last.content}` })], turns: 1 };
    })
    .addNode("review", () => ({ approved: interrupt({ question: "approve?" }) }))
    .addNode("finish", (state) => ({
      messages: [new messages.AIMessage({ id: `final-${state.turns}-${state.approved}`, content: `done (${state.approved})` })],
    }))
    .addEdge(START, "agent")
    .addEdge("agent", "review")
    .addEdge("review", "finish")
    .addEdge("finish", END)
    .compile({ checkpointer });
}



/**
 * Replaces ids that differ run to run (uuids, hashes) by their order of appearance, and every
 * timestamp by "<ts>": two checkpoints written in the same millisecond share a timestamp in one
 * run and not in the next, which numbering them would turn into a difference (seen on Node 24).
 */
function normalize(value) {
  const seen = new Map();
  const text = JSON.stringify(value)
    .replace(/\d{4}-\d\d-\d\dT[\d:.]+Z/g, "<ts>")
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|\b[0-9a-f]{32}\b/g, (match) => {
      if (!seen.has(match)) seen.set(match, `<id${seen.size}>`);
      return seen.get(match);
    });
  return JSON.parse(text);
}

async function runScenario({ lg, messages, checkpointer }) {
  const graph = buildGraph(lg, messages, checkpointer);
  const t1 = { configurable: { thread_id: "thread-1" } };
  const out = {};
  out.first = await graph.invoke({ messages: [new messages.HumanMessage({ id: "h1", content: "hi" })] }, t1);
  out.paused = summarize(await graph.getState(t1));
  out.resumed = await graph.invoke(new lg.Command({ resume: "yes" }), t1);
  const history = await collect(graph.getStateHistory(t1));
  out.history = history.map(summarize);

  // Time travel: replay from the checkpoint whose next node is "review".
  const beforeReview = history.find((snapshot) => snapshot.next.includes("review"));
  out.replayed = await graph.invoke(null, beforeReview.config);
  out.replayResumed = await graph.invoke(new lg.Command({ resume: "no" }), t1);

  // A fork by updateState, then a new turn on top of it.
  await graph.updateState(t1, { messages: [new messages.HumanMessage({ id: "h-edit", content: "edited" })] }, "finish");
  out.afterUpdate = summarize(await graph.getState(t1));
  out.secondTurn = await graph.invoke({ messages: [new messages.HumanMessage({ id: "h2", content: "again" })] }, t1);
  out.limited = (await collect(graph.getStateHistory(t1, { limit: 3 }))).map(summarize);
  out.filtered = (await collect(graph.getStateHistory(t1, { filter: { source: "input" } }))).map(summarize);
  const older = history[history.length - 2];
  out.byId = summarize(await graph.getState(older.config));

  // Raw saver calls, as apps that read checkpoints do.
  const tuples = await collect(checkpointer.list({ configurable: { thread_id: "thread-1" } }, { limit: 4 }));
  out.tuples = tuples.map((tuple) => ({ checkpoint: tuple.checkpoint, metadata: tuple.metadata, pendingWrites: tuple.pendingWrites }));
  await checkpointer.deleteThread("thread-1");
  out.afterDelete = (await checkpointer.getTuple(t1)) ?? null;
  out.forks = await runForkScenarios({ lg, checkpointer });
  return normalize(out);
}

module.exports = { runScenario };
