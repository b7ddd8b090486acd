// Where the native ids go: `uuid5` in @langchain/langgraph-checkpoint's dist/id.{cjs,js} (its
// index and LangGraph read it from there) and `XXH3` in @langchain/langgraph's dist/hash.{cjs,js}.
import { ORIGINAL } from "../../shim/registry";
import { copiedExportPatch } from "../copied-exports";
import { CHECKPOINT, LANGGRAPH } from "../supported-hosts";
import type { ComponentPatch, ModuleSystem } from "../types";
import { createNativeUuid5, createNativeXxh3, ID_PROBES } from "./ids";

const NAMESPACE = "1ef4f797-8335-6428-8001-8a1503f9b875";

function compareOnProbes(name: string, native: (text: string) => string, host: (text: string) => string): void {
  for (const probe of ID_PROBES) {
    const [ours, theirs] = [native(probe), host(probe)];
    if (ours !== theirs) throw new Error(`${name}(${JSON.stringify(probe.slice(0, 20))}) gave ${ours}, the host ${theirs}`);
  }
}

function uuid5Patch(system: ModuleSystem): ComponentPatch {
  return {
    component: "tasks",
    module: CHECKPOINT,
    replaces: "uuid5",
    files: [system === "cjs" ? "dist/id.cjs" : "dist/id.js"],
    // The host's uuid5 needs node:crypto's first hash: checked at the first task id, not at start.
    checkOnFirstUse: true,
    apply(moduleExports, swap, context) {
      if (typeof moduleExports.uuid5 !== "function") throw new Error("no uuid5 export");
      if (typeof context.addon.uuid5 !== "function") throw new Error("the loaded addon has no uuid5 (an older build?)");
      swap.replace(moduleExports, "uuid5", createNativeUuid5(moduleExports.uuid5, context.addon));
    },
    selfCheck(moduleExports) {
      const host = moduleExports.uuid5[ORIGINAL];
      compareOnProbes("uuid5", (text) => moduleExports.uuid5(text, NAMESPACE), (text) => host(text, NAMESPACE));
    },
  };
}

function xxh3Patch(system: ModuleSystem): ComponentPatch {
  return {
    component: "tasks",
    module: LANGGRAPH,
    replaces: "XXH3",
    files: [system === "cjs" ? "dist/hash.cjs" : "dist/hash.js"],
    checkOnFirstUse: true,
    apply(moduleExports, swap, context) {
      if (typeof moduleExports.XXH3 !== "function") throw new Error("no XXH3 export");
      if (typeof context.addon.xxh3 !== "function") throw new Error("the loaded addon has no xxh3 (an older build?)");
      swap.replace(moduleExports, "XXH3", createNativeXxh3(moduleExports.XXH3, context.addon));
    },
    selfCheck(moduleExports) {
      compareOnProbes("XXH3", moduleExports.XXH3, moduleExports.XXH3[ORIGINAL]);
    },
  };
}

export const idsPatches: readonly ComponentPatch[] = [
  ...(["cjs", "esm"] as const).flatMap((system) => [uuid5Patch(system), xxh3Patch(system)]),
  // The checkpoint package's index copies uuid5 when it loads: recorded so unpatch() restores it.
  copiedExportPatch("tasks", CHECKPOINT, undefined, "uuid5", "native"),
];
