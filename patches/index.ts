// Every component's patch declarations. Adding a component is adding data here; adding a host
// version is changing the one table in supported-hosts.ts.
import type { ComponentName } from "../config";
import { internalTargets } from "./host-internals";
import { memoryPatches } from "./memory";
import { storePatches } from "./memory/store";
import { serializerPatches } from "./serde/definition";
import { SUPPORTED_HOSTS, type HostPackage } from "./supported-hosts";
import { tasksPatches } from "./tasks/definition";
import { toolsPatches } from "./tools/definition";
import type { ComponentPatch } from "./types";

export const ALL_PATCHES: readonly ComponentPatch[] = [
  ...serializerPatches,
  ...memoryPatches,
  ...storePatches,
  ...tasksPatches,
  ...toolsPatches,
];

/** Every host file the hooks listen for: the patched ones and the internal modules patches read. */
export const HOOK_TARGETS: ReadonlyArray<{ module: string; files?: readonly string[] }> = [...ALL_PATCHES, ...internalTargets()];

/** The host packages langgraph-native knows, as status lists them. */
export const HOST_PACKAGES: readonly HostPackage[] = Object.keys(SUPPORTED_HOSTS) as HostPackage[];

/** The public entries an app loads the patched files through (what `status` loads to report). */
export const HOST_ENTRIES: readonly string[] = [...new Set([...HOST_PACKAGES, ...ALL_PATCHES.flatMap((patch) => (patch.entry ? [patch.entry] : []))])];

export const IMPLEMENTED: ReadonlySet<ComponentName> = new Set(ALL_PATCHES.map((patch) => patch.component));

/** What each component stands in for, named by its main swaps: "PregelRunner", "MemorySaver/SqliteSaver/InMemoryStore". */
export const MAIN_CLASSES: Readonly<Partial<Record<ComponentName, string>>> = Object.fromEntries(
  [...IMPLEMENTED].map((component) => [
    component,
    [...new Set(ALL_PATCHES.filter((patch) => patch.component === component && patch.role === "main" && !patch.replaces.includes("(")).map((patch) => patch.replaces))].join("/"),
  ]),
);
