// Where the native MemorySaver goes: the host's own memory module, CJS and ESM builds. Patching
// that file (not the package index) means the package index, and `@langchain/langgraph`'s
// re-export of it, hand out the native class too.
import type { ComponentPatch } from "../types";
import { defineNativeMemorySaver, STORE } from "./native-memory-saver";

const HOST_CLASS = Symbol.for("langgraph-native.memory.hostClass");

/** Synchronous probe: the class is the host's subclass and its store round-trips bytes. */
function checkMemorySaver(exports: Record<string, any>): void {
  const Saver = exports.MemorySaver;
  const Host = Saver?.[HOST_CLASS];
  if (typeof Host !== "function") throw new Error("MemorySaver was not replaced");
  const saver = new Saver();
  if (!(saver instanceof Host)) throw new Error("the native MemorySaver is not an instance of the host's");
  if (Saver.name !== "MemorySaver") throw new Error(`the native class is named ${Saver.name}`);
  const store = saver[STORE];
  const bytes = (text: string) => new TextEncoder().encode(text);
  const base = { threadId: "probe", checkpointNs: "", checkpointType: "json", metadataType: "json" };
  const blob = { blobNames: ["a"], blobVersions: ["1"], blobTypes: ["json"], blobs: [bytes('"x"')] };
  store.put({ ...base, checkpointId: "1", checkpoint: bytes("{}"), metadata: bytes('{"step":1}'), channelNames: ["a"], channelVersions: ["1"], ...blob });
  store.put({ ...base, checkpointId: "2", parentCheckpointId: "1", checkpoint: bytes("{}"), metadata: bytes('{"step":2}'), channelNames: ["a"], channelVersions: ["1"], blobNames: [], blobVersions: [], blobTypes: [], blobs: [] });
  store.putWrites("probe", "", "2", "t", "", ["a"], [0], ["json"], [bytes('"y"')]);
  const latest = store.get("probe", "", undefined, true);
  const decoded = latest && new TextDecoder().decode(latest.channelValues[0]);
  if (latest?.checkpointId !== "2" || latest.parentCheckpointId !== "1" || decoded !== '"x"' || latest.writes.length !== 1)
    throw new Error("the native checkpoint store did not return what was put");
  const listed = store.list({ threadId: "probe", filterJson: '{"step":1}' });
  if (listed.length !== 1 || listed[0].checkpointId !== "1") throw new Error("the native checkpoint store lists wrongly");
}

export const memorySaverPatch: ComponentPatch = {
  component: "memory",
  replaces: "MemorySaver",
  module: "@langchain/langgraph-checkpoint",
  files: ["dist/memory.cjs", "dist/memory.js"],
  versions: "1.2.2",
  apply(exports, swap, context) {
    const Host = exports.MemorySaver;
    if (typeof Host !== "function") throw new Error("this build has no MemorySaver export");
    const Native = defineNativeMemorySaver(Host, context.addon);
    Object.defineProperty(Native, HOST_CLASS, { value: Host });
    swap.replace(exports, "MemorySaver", Native);
  },
  selfCheck: checkMemorySaver,
};
