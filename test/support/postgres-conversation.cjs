// A conversation written through any PostgresSaver (messages, bytes, regular, special and send
// writes, a child namespace, a fork), and everything a reader can ask of it: for cross-read tests.
const { uuid6, TASKS } = require("@langchain/langgraph-checkpoint");
const { HumanMessage, AIMessage } = require("@langchain/core/messages");

async function collect(iterable) {
  const out = [];
  for await (const item of iterable) out.push(item);
  return out;
}

async function writeConversation(saver, ids) {
  let config = { configurable: { thread_id: "thread", checkpoint_ns: "" } };
  const messages = [];
  const configs = [];
  for (const [i, id] of ids.entries()) {
    messages.push(i % 2 ? new AIMessage({ id: `a${i}`, content: `reply ${i}` }) : new HumanMessage({ id: `h${i}`, content: `ask ${i}` }));
    const checkpoint = {
      v: 4,
      id,
      ts: `2026-01-01T00:00:0${i}.000Z`,
      channel_values: { messages: [...messages], bytes: new Uint8Array([i, 255]), counter: i },
      channel_versions: { messages: i + 1, bytes: i + 1, counter: 1 },
      versions_seen: { agent: { messages: i } },
    };
    // `counter` is written once (version 1) and read by every later checkpoint.
    const newVersions = i === 0 ? { messages: 1, bytes: 1, counter: 1 } : { messages: i + 1, bytes: i + 1 };
    config = await saver.put(config, checkpoint, { source: i ? "loop" : "input", step: i - 1, parents: {}, user: { n: i } }, newVersions);
    configs.push(config);
    await saver.putWrites(config, [["messages", new AIMessage({ id: `w${i}`, content: "pending" })], ["__interrupt__", { question: i }]], `task-${i}`);
    await saver.putWrites(config, [[TASKS, { send: i }]], "b-task");
  }
  // A fork: a new checkpoint from the second one, reusing version numbers with other values.
  const fork = {
    v: 4,
    id: uuid6(-1),
    ts: "2026-01-01T00:01:00.000Z",
    channel_values: { messages: [new HumanMessage({ id: "fork", content: "forked" })], bytes: new Uint8Array([9]), counter: 0 },
    channel_versions: { messages: 3, bytes: 3, counter: 1 },
    versions_seen: {},
  };
  await saver.put({ configurable: { ...configs[1].configurable, thread_id: "forked" } }, fork, { source: "fork", step: 2, parents: {} }, { messages: 3, bytes: 3, counter: 1 });
  await saver.put({ configurable: { thread_id: "thread", checkpoint_ns: "child" } }, { v: 4, id: uuid6(-1), ts: "x", channel_values: {}, channel_versions: {}, versions_seen: {} }, { source: "loop", step: 0 }, {});
}

async function readEverything(saver, ids) {
  return {
    latest: await saver.getTuple({ configurable: { thread_id: "thread" } }),
    byId: await saver.getTuple({ configurable: { thread_id: "thread", checkpoint_ns: "", checkpoint_id: ids[1] } }),
    missing: await saver.getTuple({ configurable: { thread_id: "thread", checkpoint_ns: "", checkpoint_id: "nope" } }),
    fork: await saver.getTuple({ configurable: { thread_id: "forked" } }),
    all: await collect(saver.list({ configurable: { thread_id: "thread" } })),
    limited: await collect(saver.list({ configurable: { thread_id: "thread", checkpoint_ns: "" } }, { limit: 2, before: { configurable: { checkpoint_id: ids[3] } } })),
    filtered: await collect(saver.list({ configurable: {} }, { filter: { source: "loop", user: { n: 2 } } })),
    everyThread: (await collect(saver.list({ configurable: {} }))).length,
    history: await saver.getDeltaChannelHistory({ config: { configurable: { thread_id: "thread", checkpoint_ns: "" } }, channels: ["messages"] }),
  };
}

module.exports = { collect, writeConversation, readEverything };
