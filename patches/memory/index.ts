// The memory component: native checkpoint savers standing in for the host's.
import { copiedExportPatch } from "../copied-exports";
import { CHECKPOINT } from "../supported-hosts";
import type { ComponentPatch } from "../types";
import { memorySaverPatch } from "./memory-saver";
import { postgresSaverPatch } from "./postgres-saver";
import { sqliteSaverPatch } from "./sqlite-saver";

export const memoryPatches: readonly ComponentPatch[] = [
  memorySaverPatch,
  sqliteSaverPatch,
  postgresSaverPatch,
  // The checkpoint package's CJS index copies these when it loads (`exports.MemorySaver =
  // require_memory.MemorySaver`): recorded, so unpatch() and a fallback put the host's back there too.
  ...(["MemorySaver", "InMemoryStore", "MemoryStore"] as const).map((key) => copiedExportPatch("memory", CHECKPOINT, undefined, key, "main")),
];
