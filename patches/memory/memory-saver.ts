// Where the native MemorySaver goes: the host's own memory module, CJS and ESM builds. Patching
// that file (not the package index) means the package index, and `@langchain/langgraph`'s
// re-export of it, hand out the native class too.
import { CHECKPOINT } from "../supported-hosts";
import { hostClass } from "../swapped-class";
import type { ComponentPatch } from "../types";
import { defineNativeMemorySaver, STORE } from "./native-memory-saver";

/** Synchronous probe: the class is the host's subclass and its store round-trips bytes through
 * the calls the saver makes (put, buffered writes, the joined read of getTuple, the part reads, list). */
function checkMemorySaver(moduleExports: Record<string, any>): void {
  const Saver = moduleExports.MemorySaver;
  const Host = hostClass(Saver);
  if (typeof Host !== "function") throw new Error("MemorySaver was not replaced");
  const saver = new Saver();
  if (!(saver instanceof Host)) throw new Error("the native MemorySaver is not an instance of the host's");
  if (Saver.name !== "MemorySaver") throw new Error(`the native class is named ${Saver.name}`);
  const store = saver[STORE];
  const bytes = (text: string) => new TextEncoder().encode(text);
  const put = (checkpointId: string, parentCheckpointId: string | undefined, version: string, value?: string) =>
    store.put(
      "probe",
      "",
      checkpointId,
      parentCheckpointId,
      "json",
      // As the saver sends it: channel values travel as blobs, the checkpoint keeps an empty object.
      bytes('{"channel_values":{}}'),
      "json",
      bytes(`{"step":${checkpointId}}`),
      ["a"],
      [version],
      value === undefined ? [] : [0],
      value === undefined ? [] : ["json"],
      value === undefined ? [] : [bytes(value)],
    );
  // A value kept from the parent, and a fork that gives version 2 a second value.
  const stored = [put("1", undefined, "1", '"x"'), put("2", "1", "2", '"y"'), put("3", "2", "2"), put("4", "1", "2", '"z"')];
  if (stored.includes(false) || put("5", "1", "2") !== false) throw new Error("the native checkpoint store resolved a kept value wrongly");
  store.putWritesBatch(["probe"], [""], ["3"], ["t"], [""], [1], ["a"], [0], ["json"], [bytes('"w"')]);
  const valueOf = (id: string) => {
    const read = store.get("probe", "", id, true);
    return read && new TextDecoder().decode(read.channelValues[0]);
  };
  const third = store.get("probe", "", "3", true);
  if (third?.parentCheckpointId !== "2" || third.writes.length !== 1 || valueOf("3") !== '"y"' || valueOf("4") !== '"z"')
    throw new Error("the native checkpoint store did not return what was put");
  // getTuple's read on the native serializer: the checkpoint, its values and writes as one document.
  const document = store.getDocument("probe", "", "3", true, 100);
  if (document?.checkpointId !== "3" || document.text !== '[{"channel_values":{"a":"y"}},{"step":3},["w"]]')
    throw new Error(`the native checkpoint store joined a document wrongly: ${document?.text}`);
  const listed = store.list("probe", undefined, undefined, undefined, '{"step":1}');
  if (listed.length !== 1 || listed[0].checkpointId !== "1") throw new Error("the native checkpoint store lists wrongly");
}

export const memorySaverPatch: ComponentPatch = {
  component: "memory",
  replaces: "MemorySaver",
  module: CHECKPOINT,
  files: ["dist/memory.cjs", "dist/memory.js"],
  role: "main",
  apply(moduleExports, swap, context) {
    const Host = moduleExports.MemorySaver;
    if (typeof Host !== "function") throw new Error("this build has no MemorySaver export");
    const Native = defineNativeMemorySaver(Host, context.addon);
    swap.replace(moduleExports, "MemorySaver", Native);
  },
  selfCheck: checkMemorySaver,
};
