// The native PostgresSaver's getDeltaChannelHistory (one statement) gives what the host's walk
// (a getTuple per ancestor) gives on the same database: seeds at different depths, "empty"
// blobs, writes of several tasks and special channels, forks, namespaces, missing targets.
const assert = require("node:assert/strict");
const { PostgresSaver } = require("@langchain/langgraph-checkpoint-postgres");
const { BaseCheckpointSaver, uuid6 } = require("@langchain/langgraph-checkpoint");
const { DatabaseError } = require("pg");
const { loadAddon } = require("../../../dist/shim/addon.js");
const { defineNativePostgresSaver, NATIVE_PG } = require("../../../dist/patches/memory/native-postgres-saver.js");
const { postgresUrl, uniqueSchema, dropSchema } = require("../../support/postgres.cjs");

const NativePostgresSaver = defineNativePostgresSaver(PostgresSaver, loadAddon(undefined).addon, {
  DatabaseError,
  onStock(reason) {
    throw new Error(`ran stock: ${reason}`);
  },
});

/** The host's own walk (the base class's), on the stock saver. */
const hostWalk = (saver, options) => BaseCheckpointSaver.prototype.getDeltaChannelHistory.call(saver, options);

describe("native PostgresSaver getDeltaChannelHistory is the host's walk in one statement", function () {
  const schema = uniqueSchema("delta");
  let stock;
  let native;
  const ids = { main: [], fork: [] };
  before(async function () {
    stock = PostgresSaver.fromConnString(postgresUrl(), { schema });
    native = NativePostgresSaver.fromConnString(postgresUrl(), { schema });
    await stock.setup();
    // 8 checkpoints: `a` stored at steps 0 and 5, `b` only at 2, `c` never (written only).
    let config = { configurable: { thread_id: "t", checkpoint_ns: "" } };
    for (let step = 0; step < 8; step++) {
      const values = {};
      const versions = { a: step + 1, b: step + 1, c: step + 1 };
      if (step === 0 || step === 5) values.a = { snapshot: step };
      if (step === 2) values.b = [`b${step}`];
      const checkpoint = { v: 4, id: uuid6(-1), ts: `2026-01-01T00:00:0${step}.000Z`, channel_values: values, channel_versions: versions, versions_seen: {} };
      config = await native.put(config, checkpoint, { step }, versions);
      ids.main.push(checkpoint.id);
      // Tasks written out of order, several writes each, and a special channel.
      for (const task of ["task-b", "task-a"]) {
        await native.putWrites(config, [["a", `${task}:a${step}`], ["c", `${task}:c${step}`], ["b", { n: step }], ["a", `${task}:a2-${step}`]], task);
      }
      await native.putWrites(config, [["__error__", { message: `e${step}` }]], "task-e");
    }
    // A fork from step 3: on-path ancestors only.
    let forkConfig = { configurable: { thread_id: "t", checkpoint_ns: "", checkpoint_id: ids.main[3] } };
    for (let step = 0; step < 2; step++) {
      const checkpoint = { v: 4, id: uuid6(-1), ts: "2026-01-01T00:01:00.000Z", channel_values: {}, channel_versions: { a: 4, b: 4, c: 10 + step }, versions_seen: {} };
      forkConfig = await stock.put(forkConfig, checkpoint, { fork: step }, { c: 10 + step });
      ids.fork.push(checkpoint.id);
      await stock.putWrites(forkConfig, [["a", `fork${step}`], ["c", `forkc${step}`]], "task-f");
    }
  });
  after(async function () {
    await stock.end();
    await native.end();
    await dropSchema(schema);
  });

  const targets = () => [
    ["the latest checkpoint", { thread_id: "t" }],
    ...ids.main.map((id, step) => [`step ${step}`, { thread_id: "t", checkpoint_ns: "", checkpoint_id: id }]),
    ...ids.fork.map((id, step) => [`fork step ${step}`, { thread_id: "t", checkpoint_ns: "", checkpoint_id: id }]),
    ["a missing checkpoint", { thread_id: "t", checkpoint_ns: "", checkpoint_id: "missing" }],
    ["another namespace", { thread_id: "t", checkpoint_ns: "other" }],
    ["another thread", { thread_id: "nobody" }],
  ];

  for (const channels of [["a"], ["a", "b", "c"], ["c", "__error__", "never"], ["b", "b"], []]) {
    it(`channels ${JSON.stringify(channels)}: identical for every target`, async function () {
      let seeded = 0;
      for (const [name, configurable] of targets()) {
        const options = { config: { configurable }, channels };
        const expected = await hostWalk(stock, options);
        assert.deepStrictEqual(await native.getDeltaChannelHistory(options), expected, name);
        seeded += Object.values(expected).filter((entry) => "seed" in entry).length;
      }
      if (channels.includes("a")) assert.ok(seeded > 0, "some target has a seed");
      assert.ok(native[NATIVE_PG] !== undefined);
    });
  }
});
