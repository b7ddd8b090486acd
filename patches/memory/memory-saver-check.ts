// The MemorySaver's check at its first call: our saver and the host's run the same small thread
// (puts with and without new versions, a fork, pending writes, a child namespace) and must give
// the same tuples from getTuple (latest and by id) and list (all, by filter, before, limit).
import { difference, outcomeOf } from "../probe-outcome";
import type { FirstCallCheck } from "../types";

const ID = (n: number) => `1f0a0000-0000-6000-8000-00000000000${n}`;

function checkpointOf(n: number, values: Record<string, unknown>, versions: Record<string, number>) {
  return { v: 4, id: ID(n), ts: "2025-01-01T00:00:00.000Z", channel_values: values, channel_versions: versions, versions_seen: { node: { messages: n } } };
}

/** A serializer of plain JSON values, as the host's JsonPlusSerializer writes them. */
const PLAIN_JSON = {
  async dumpsTyped(value: unknown): Promise<[string, Uint8Array]> {
    return ["json", new TextEncoder().encode(JSON.stringify(value))];
  },
  async loadsTyped(type: string, data: Uint8Array | string): Promise<unknown> {
    if (type !== "json") throw new Error(`the probe serializer reads json, not ${type}`);
    return JSON.parse(typeof data === "string" ? data : new TextDecoder().decode(data));
  },
};

/** What a saver stores and returns for the probe thread, as JSON. */
async function probeRun(saver: any): Promise<string> {
  const seen: unknown[] = [];
  const config = (id?: string, ns = "") => ({ configurable: { thread_id: "probe", checkpoint_ns: ns, ...(id ? { checkpoint_id: id } : {}) } });
  const chat = ["hello", { role: "ai", content: "hi" }, "how are you", { role: "ai", content: "fine" }];
  await saver.put(config(), checkpointOf(1, { messages: chat.slice(0, 2), step: 1 }, { messages: 1, step: 1 }), { source: "input", step: -1 }, { messages: 1, step: 1 });
  await saver.putWrites(config(ID(1)), [["messages", chat[2]], ["step", 2]], "task-1");
  // Only `messages` is new: `step` is the parent's.
  await saver.put(config(ID(1)), checkpointOf(2, { messages: chat.slice(0, 3), step: 1 }, { messages: 2, step: 1 }), { source: "loop", step: 0 }, { messages: 2 });
  await saver.putWrites(config(ID(2)), [["messages", chat[3]]], "task-2");
  // A fork of checkpoint 1 that reuses version 2 for a different value.
  await saver.put(config(ID(1)), checkpointOf(3, { messages: ["forked"], step: 1 }, { messages: 2, step: 1 }), { source: "update", step: 0 }, { messages: 2 });
  await saver.put(config(undefined, "child"), checkpointOf(4, { messages: [], step: 9 }, { messages: 1, step: 1 }), { source: "input", step: -1 }, { messages: 1, step: 1 });
  seen.push(await saver.getTuple(config()), await saver.getTuple(config(ID(2))), await saver.getTuple(config(ID(1), "child")));
  const list = async (cfg: unknown, options?: unknown) => {
    const tuples = [];
    for await (const tuple of saver.list(cfg, options)) tuples.push(tuple);
    return tuples;
  };
  seen.push(
    await list({ configurable: { thread_id: "probe" } }),
    await list({ configurable: { thread_id: "probe" } }, { filter: { source: "loop" } }),
    await list({ configurable: { thread_id: "probe", checkpoint_ns: "" } }, { before: config(ID(3)), limit: 1 }),
  );
  await saver.deleteThread("probe");
  seen.push(await saver.getTuple(config()));
  return JSON.stringify(seen);
}

export const memorySaverCheck: FirstCallCheck = {
  methods: { getTuple: "async", list: "asyncGenerator", put: "async", putWrites: "async", deleteThread: "async", getDeltaChannelHistory: "async" },
  async run({ Ours, Host, probe }) {
    // Ours on the serializer the app gets (the production path); the host's on plain JSON: with
    // LANGGRAPH_NATIVE_SERDE_FORMAT=msgpack the host's MemorySaver cannot read what it wrote
    // (it loads some parts as "json"), and the serializer has a check of its own.
    const [ours, host] = await Promise.all([outcomeOf(() => probeRun(probe(new Ours()))), outcomeOf(() => probeRun(new Host(PLAIN_JSON)))]);
    if (ours !== host) throw new Error(`the probe thread reads back differently: ${difference(ours, host)}`);
  },
};
