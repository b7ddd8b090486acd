// A 10-node chain given a large messages state: `messages` real BaseMessages (Human and AI in turn),
// each carrying `items` entries in additional_kwargs, each entry the upstream case's 30 mixed values
// (upstream: large_state_9x1200 / 15x600 / 25x300, built there from plain objects, which the
// messages reducer rejects; here as messages, so the state is what an app would hold).
const { streamingCase } = require("../graph-run.cjs");
const { buildChain } = require("./sequential.cjs");

function entry() {
  const row = ["hi?".repeat(10), true, 1, 6327816386138, null];
  return Array.from({ length: 6 }, () => row).flat();
}

function largeMessages(count, items) {
  const { HumanMessage, AIMessage } = require("@langchain/core/messages");
  const messages = [];
  for (let i = 0; i < count; i++) {
    const data = {};
    for (let j = 0; j < items; j++) data[`item_${String(j).padStart(5, "0")}`] = entry();
    const Message = i % 2 === 0 ? HumanMessage : AIMessage;
    messages.push(new Message({ content: `message ${i}`, id: `msg-${i}`, additional_kwargs: { data } }));
  }
  return messages;
}

async function setup({ params, checkpointer }) {
  const graph = buildChain(10).compile({ checkpointer });
  const messages = largeMessages(params.messages, params.items);
  return streamingCase(graph, () => ({ messages }));
}

module.exports = { setup };
