// The demo app: the prebuilt ReAct agent (createReactAgent: a scripted tool-calling model and a
// ToolNode) with a MemorySaver, as the end-to-end bench builds it, run for `rounds` tool rounds.
// Prints one JSON line: a hash of everything that must not change with the shim, and timings.
const { createHash } = require("node:crypto");
const { buildAgent } = require("../bench/e2e/cases/react-agent.cjs");

const rounds = Number(process.argv[2] ?? 50);

async function main() {
  const { MemorySaver } = require("@langchain/langgraph");
  const { HumanMessage } = require("@langchain/core/messages");
  const { graph } = buildAgent(rounds, { checkpointer: new MemorySaver() });
  const config = { configurable: { thread_id: "demo" }, recursionLimit: 4 * rounds + 10 };
  const started = process.hrtime.bigint();
  const final = await graph.invoke({ messages: [new HumanMessage({ content: "hi?", id: "human-0" })] }, config);
  const history = [];
  for await (const snapshot of graph.getStateHistory(config)) history.push(snapshot);
  const elapsedMs = Number(process.hrtime.bigint() - started) / 1e6;

  // Tool messages get random ids from the host: what identifies a message is its content.
  const digest = createHash("sha256");
  const describe = (message) => [message.getType(), message.content, message.tool_calls ?? null, message.tool_call_id ?? null];
  digest.update(JSON.stringify(final.messages.map(describe)));
  for (const snapshot of history) digest.update(JSON.stringify([snapshot.next, snapshot.metadata?.step, snapshot.values.messages?.map(describe)]));
  // The package's own status (self-reference): what the shim did in this very process.
  const { status } = require("langgraph-native");
  console.log(JSON.stringify({ hash: digest.digest("hex"), messages: final.messages.length, checkpoints: history.length, elapsedMs, status: status() }));
}

main();
