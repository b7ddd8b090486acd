// The memory component: native checkpoint savers standing in for the host's.
import type { ComponentPatch } from "../types";
import { memorySaverPatch } from "./memory-saver";
import { postgresSaverPatch } from "./postgres-saver";
import { sqliteSaverPatch } from "./sqlite-saver";

export const memoryPatches: readonly ComponentPatch[] = [memorySaverPatch, sqliteSaverPatch, postgresSaverPatch];
