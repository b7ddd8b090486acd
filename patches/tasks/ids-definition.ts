// Where the native ids go: `uuid5` in @langchain/langgraph-checkpoint's dist/id.{cjs,js} (its
// index and LangGraph read it from there) and `XXH3` in @langchain/langgraph's dist/hash.{cjs,js}.
import { ORIGINAL } from "../../shim/registry";
import { copiedExportPatch } from "../copied-exports";
import { CHECKPOINT, LANGGRAPH, type HostPackage } from "../supported-hosts";
import type { NativeAddon } from "../../shim/addon";
import { buildFileOf } from "./build-file-patch";
import type { ComponentPatch, ModuleSystem } from "../types";
import { createNativeUuid5, createNativeXxh3, ID_PROBES } from "./ids";

const NAMESPACE = "1ef4f797-8335-6428-8001-8a1503f9b875";

/** A swap of an id function `key` of `module`'s build file `path`, checked against the host's at first use. */
function idFunctionPatch(
  system: ModuleSystem,
  declared: {
    module: HostPackage;
    path: string;
    key: "uuid5" | "XXH3";
    addonFunction: "uuid5" | "xxh3";
    create(host: any, addon: NativeAddon): unknown;
    /** Runs one probe text through an id function: ours, then the host's. */
    probe(idFunction: any, text: string): string;
  },
): ComponentPatch {
  const { key } = declared;
  return {
    component: "tasks",
    module: declared.module,
    replaces: key,
    files: [buildFileOf(declared.path, system)],
    // The host's uuid5 needs node:crypto's first hash: checked at the first task id, not at start.
    checkOnFirstUse: true,
    apply(moduleExports, swap, context) {
      if (typeof moduleExports[key] !== "function") throw new Error(`no ${key} export`);
      if (typeof context.addon[declared.addonFunction] !== "function") throw new Error(`the loaded addon has no ${declared.addonFunction} (an older build?)`);
      swap.replace(moduleExports, key, declared.create(moduleExports[key], context.addon));
    },
    selfCheck(moduleExports) {
      const ours = moduleExports[key];
      const host = ours[ORIGINAL];
      for (const probe of ID_PROBES) {
        const [mine, theirs] = [declared.probe(ours, probe), declared.probe(host, probe)];
        if (mine !== theirs) throw new Error(`${key}(${JSON.stringify(probe.slice(0, 20))}) gave ${mine}, the host ${theirs}`);
      }
    },
  };
}

/** The id functions swapped: where each is, the addon's twin, and how a probe text goes through it. */
const ID_FUNCTIONS: ReadonlyArray<Parameters<typeof idFunctionPatch>[1]> = [
  { module: CHECKPOINT, path: "id", key: "uuid5", addonFunction: "uuid5", create: createNativeUuid5, probe: (uuid5, text) => uuid5(text, NAMESPACE) },
  { module: LANGGRAPH, path: "hash", key: "XXH3", addonFunction: "xxh3", create: createNativeXxh3, probe: (xxh3, text) => xxh3(text) },
];

export const idsPatches: readonly ComponentPatch[] = [
  ...(["cjs", "esm"] as const).flatMap((system) => ID_FUNCTIONS.map((declared) => idFunctionPatch(system, declared))),
  // The checkpoint package's index copies uuid5 when it loads: recorded so unpatch() restores it.
  copiedExportPatch("tasks", CHECKPOINT, undefined, "uuid5", "native"),
];
