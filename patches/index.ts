// Every component's patch declarations. Adding a host version or a component is adding data here.
import type { ComponentName } from "../config";
import { memoryPatches } from "./memory";
import { storePatches } from "./memory/store";
import { serializerPatches } from "./serializer/definition";
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

/** The host packages any patch targets: what the hooks listen for. */
export const HOST_PACKAGES: readonly string[] = [...new Set(ALL_PATCHES.map((patch) => patch.module))];

export const IMPLEMENTED: ReadonlySet<ComponentName> = new Set(ALL_PATCHES.map((patch) => patch.component));
