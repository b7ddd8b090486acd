// Placeholder until the native serializer lands: no patches declared.
import type { ComponentPatch } from "../types";

export const serializerPatches: readonly ComponentPatch[] = [];
