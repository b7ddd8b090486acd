// Opens a native SqliteSaver on a file and never closes it. Mode "idle": one awaited put, then
// nothing left to do (the process must exit on its own). Mode "pending": a put that is not
// awaited by anything but its own then(), so only the pending Promise keeps the process alive
// (it must not exit before the puts are settled and the lines printed).
const fs = require("node:fs");
const { SqliteSaver } = require("@langchain/langgraph-checkpoint-sqlite");
const { loadAddon } = require("../../../dist/shim/addon.js");
const { defineNativeSqliteSaver } = require("../../../dist/patches/memory/native-sqlite-saver.js");

const [file, mode] = process.argv.slice(2);
const NativeSqliteSaver = defineNativeSqliteSaver(SqliteSaver, loadAddon(undefined).addon, { synchronousFull: false });
const saver = NativeSqliteSaver.fromConnString(file);
const checkpoint = (id) => ({ v: 4, id, ts: new Date().toISOString(), channel_values: { text: "x".repeat(100_000) }, channel_versions: { text: 1 }, versions_seen: {} });
const config = { configurable: { thread_id: "exit", checkpoint_ns: "" } };

if (mode === "idle") {
  saver.put(config, checkpoint("idle-1"), { step: 1 }, { text: 1 }).then(() => fs.writeSync(1, "put idle-1\n"));
} else {
  // Nothing else holds the loop open: no timer, no socket, only the native work in flight.
  const puts = Array.from({ length: 20 }, (_, i) =>
    saver.put(config, checkpoint(`pending-${String(i).padStart(2, "0")}`), { step: i }, { text: 1 }).then(() => fs.writeSync(1, `put pending-${i}\n`)),
  );
  Promise.all(puts).then(() => saver.deleteThread("nobody")).then(() => fs.writeSync(1, "done\n"));
}
