// The native SqliteSaver's getDeltaChannelHistory (one query) gives what the host's walk (a
// getTuple per ancestor) gives on the same file: seeds at different depths, channels never
// stored, writes of several tasks and special channels, forks, namespaces, missing targets.
const assert = require("node:assert/strict");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const { SqliteSaver } = require("@langchain/langgraph-checkpoint-sqlite");
const { BaseCheckpointSaver, uuid6 } = require("@langchain/langgraph-checkpoint");
const { loadAddon } = require("../../dist/shim/addon.js");
const { defineNativeSqliteSaver, NATIVE_DB } = require("../../dist/patches/memory/native-sqlite-saver.js");
const { nativeSerde } = require("../support/serde.cjs");

const NativeSqliteSaver = defineNativeSqliteSaver(SqliteSaver, loadAddon(undefined).addon, { synchronousFull: false });

/** The host's own walk (the base class's), on the stock saver. */
const hostWalk = (saver, options) => BaseCheckpointSaver.prototype.getDeltaChannelHistory.call(saver, options);

for (const serde of ["stock", "native"]) {
  describe(`native SqliteSaver getDeltaChannelHistory is the host's walk in one query (${serde} serializer)`, function () {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "lgn-delta-")), "delta.sqlite");
    let stock;
    let native;
    const ids = { main: [], fork: [] };
    before(async function () {
      stock = SqliteSaver.fromConnString(file);
      native = NativeSqliteSaver.fromConnString(file);
      if (serde === "native") native.serde = nativeSerde();
      // 8 checkpoints: `a` stored at steps 0 and 5, `b` only at 2 (a null), `c` never (written only).
      let config = { configurable: { thread_id: "t", checkpoint_ns: "" } };
      for (let step = 0; step < 8; step++) {
        const values = {};
        if (step === 0 || step === 5) values.a = { snapshot: step };
        if (step === 2) values.b = null;
        const versions = { a: step + 1, b: step + 1, c: step + 1 };
        const checkpoint = { v: 4, id: uuid6(-1), ts: `2026-01-01T00:00:0${step}.000Z`, channel_values: values, channel_versions: versions, versions_seen: {} };
        config = await native.put(config, checkpoint, { step }, versions);
        ids.main.push(checkpoint.id);
        for (const task of ["task-b", "task-a"]) {
          await native.putWrites(config, [["a", `${task}:a${step}`], ["c", `${task}:c${step}`], ["b", { n: step }], ["a", `${task}:a2-${step}`]], task);
        }
        await native.putWrites(config, [["__error__", { message: `e${step}` }]], "task-e");
      }
      let forkConfig = { configurable: { thread_id: "t", checkpoint_ns: "", checkpoint_id: ids.main[3] } };
      for (let step = 0; step < 2; step++) {
        const checkpoint = { v: 4, id: uuid6(-1), ts: "2026-01-01T00:01:00.000Z", channel_values: { "odd \"key\".x": step }, channel_versions: { c: 10 + step }, versions_seen: {} };
        forkConfig = await stock.put(forkConfig, checkpoint, { fork: step }, { c: 10 + step });
        ids.fork.push(checkpoint.id);
        await stock.putWrites(forkConfig, [["a", `fork${step}`], ["c", `forkc${step}`]], "task-f");
      }
    });
    after(function () {
      native[NATIVE_DB]?.close();
      stock.db.close();
    });

    const targets = () => [
      ["the latest checkpoint", { thread_id: "t" }],
      ...ids.main.map((id, step) => [`step ${step}`, { thread_id: "t", checkpoint_ns: "", checkpoint_id: id }]),
      ...ids.fork.map((id, step) => [`fork step ${step}`, { thread_id: "t", checkpoint_ns: "", checkpoint_id: id }]),
      ["a missing checkpoint", { thread_id: "t", checkpoint_ns: "", checkpoint_id: "missing" }],
      ["another namespace", { thread_id: "t", checkpoint_ns: "other" }],
      ["another thread", { thread_id: "nobody" }],
      ["no thread", {}],
    ];

    for (const channels of [["a"], ["a", "b", "c"], ["c", "__error__", "never", "odd \"key\".x"], ["b", "b"], []]) {
      it(`channels ${JSON.stringify(channels)}: identical for every target`, async function () {
        let seeded = 0;
        for (const [name, configurable] of targets()) {
          const options = { config: { configurable }, channels };
          const expected = await hostWalk(stock, options);
          assert.deepStrictEqual(await native.getDeltaChannelHistory(options), expected, name);
          seeded += Object.values(expected).filter((entry) => "seed" in entry).length;
        }
        if (channels.length > 0 && channels[0] !== "c") assert.ok(seeded > 0, "some target has a seed");
      });
    }
  });
}
