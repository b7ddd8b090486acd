// The demo agent: a real LangGraph StateGraph with a deterministic fake model node, a ToolNode and
// a MemorySaver. The host modules are passed in, so the CommonJS and the ES-module app run the
// same graph on their own builds of LangGraph.
const { createHash } = require("node:crypto");

const FILLER = "The quick brown fox jumps over the lazy dog; ünïcødé ✓ 🚀. ";

/** ~400 characters of deterministic text. */
function text(i) {
  return `#${i} ${FILLER.repeat(7)}`.slice(0, 400);
}

/** A prior conversation: Human, AI with a tool call, Tool result, repeated. */
function history(count, { HumanMessage, AIMessage, ToolMessage }) {
  const messages = [];
  for (let i = 0; messages.length < count; i++) {
    messages.push(new HumanMessage({ content: text(i), id: `h${i}` }));
    messages.push(new AIMessage({
      content: text(i + 1),
      id: `a${i}`,
      tool_calls: [{ id: `call_${i}`, name: "lookup", args: { query: `q${i}`, n: i } }],
      usage_metadata: { input_tokens: 10 + i, output_tokens: 5, total_tokens: 15 + i },
    }));
    messages.push(new ToolMessage({ content: text(i + 2), id: `t${i}`, tool_call_id: `call_${i}`, name: "lookup" }));
  }
  return messages.slice(0, count);
}

/**
 * Builds and runs the agent; resolves to a summary whose `hash` covers everything that must be
 * identical with and without the shim: the final messages and the whole checkpoint history.
 */
async function runAgent(host, { historySize = 100, supersteps = 50, threadId = "demo" } = {}) {
  const { StateGraph, MessagesAnnotation, MemorySaver, START, END } = host.langgraph;
  const { ToolNode } = host.prebuilt;
  const { AIMessage, HumanMessage, ToolMessage } = host.messages;
  const { tool } = host.tools;
  const { z } = host.zod;

  const lookup = tool(async ({ query, n }) => `result for ${query}: ${text(n)}`, {
    name: "lookup",
    description: "Looks something up.",
    schema: z.object({ query: z.string(), n: z.number() }),
  });

  // Each model turn calls the tool until the step budget is spent, then answers.
  const modelTurns = Math.max(1, Math.floor(supersteps / 2));
  let turn = 0;
  const model = async () => {
    turn += 1;
    if (turn >= modelTurns) return { messages: [new AIMessage({ content: `final answer after ${turn} turns`, id: `final${turn}` })] };
    return {
      messages: [new AIMessage({
        content: text(turn),
        id: `m${turn}`,
        tool_calls: [{ id: `run_${turn}`, name: "lookup", args: { query: `turn ${turn}`, n: turn } }],
        response_metadata: { model: "fake", turn },
      })],
    };
  };
  const route = (state) => (state.messages.at(-1).tool_calls?.length ? "tools" : END);

  const checkpointer = new MemorySaver();
  const graph = new StateGraph(MessagesAnnotation)
    .addNode("model", model)
    .addNode("tools", new ToolNode([lookup]))
    .addEdge(START, "model")
    .addConditionalEdges("model", route, ["tools", END])
    .addEdge("tools", "model")
    .compile({ checkpointer });

  const config = { configurable: { thread_id: threadId }, recursionLimit: supersteps + 10 };
  const started = process.hrtime.bigint();
  const final = await graph.invoke(
    { messages: [...history(historySize, { HumanMessage, AIMessage, ToolMessage }), new HumanMessage({ content: "go", id: "go" })] },
    config,
  );
  const states = [];
  for await (const snapshot of graph.getStateHistory(config)) states.push(snapshot);
  const elapsedMs = Number(process.hrtime.bigint() - started) / 1e6;

  const digest = createHash("sha256");
  digest.update(JSON.stringify(final.messages.map(describeMessage)));
  for (const snapshot of states) {
    digest.update(JSON.stringify({
      next: snapshot.next,
      step: snapshot.metadata?.step,
      source: snapshot.metadata?.source,
      messages: snapshot.values.messages?.map(describeMessage),
    }));
  }
  return {
    hash: digest.digest("hex"),
    messages: final.messages.length,
    checkpoints: states.length,
    elapsedMs,
    // Through a saver's default serde: some releases' index (checkpoint 1.2.1) does not export the class.
    swappedSerializerMethods: swappedMethods(Object.getPrototypeOf(new host.langgraph.MemorySaver().serde)),
  };
}

/** Methods of a host prototype that the shim replaced (they carry its "original" marker). */
function swappedMethods(prototype) {
  const marker = Symbol.for("langgraph-native.original");
  return Object.getOwnPropertyNames(prototype).filter((name) => {
    const value = Object.getOwnPropertyDescriptor(prototype, name).value;
    return typeof value === "function" && Object.prototype.hasOwnProperty.call(value, marker);
  });
}

/** What identifies a message, leaving out fields the host fills in randomly. */
function describeMessage(message) {
  return {
    class: message.constructor.name,
    type: message._getType(),
    id: message.id && !/^[0-9a-f-]{36}$/.test(message.id) ? message.id : "(generated)",
    content: message.content,
    tool_calls: message.tool_calls,
    tool_call_id: message.tool_call_id,
    name: message.name,
    status: message.status,
    usage_metadata: message.usage_metadata,
    response_metadata: message.response_metadata,
  };
}

module.exports = { runAgent, history, text };
