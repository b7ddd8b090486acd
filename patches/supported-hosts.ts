// The host releases langgraph-native supports: one semver range per host package, read by every
// patch (through shim/apply.ts), by `status`, and by the MIGRATION.md table test. Widening a range
// is changing data here, proven by the version matrix (`npm run test:matrix`).
import type { ComponentName } from "../config";

export const LANGGRAPH = "@langchain/langgraph";
export const CHECKPOINT = "@langchain/langgraph-checkpoint";
export const CHECKPOINT_SQLITE = "@langchain/langgraph-checkpoint-sqlite";
export const CHECKPOINT_POSTGRES = "@langchain/langgraph-checkpoint-postgres";
export const CORE = "@langchain/core";

export type HostPackage = typeof LANGGRAPH | typeof CHECKPOINT | typeof CHECKPOINT_SQLITE | typeof CHECKPOINT_POSTGRES | typeof CORE;

/** The oldest supported release of each is the oldest with consistent peer ranges we tested. */
export const SUPPORTED_HOSTS: Readonly<Record<HostPackage, { range: string; minimum: string }>> = {
  [LANGGRAPH]: { range: ">=1.4.21 <2", minimum: "1.4.21" },
  [CHECKPOINT]: { range: ">=1.1.6 <2", minimum: "1.1.6" },
  [CHECKPOINT_SQLITE]: { range: "1.0.x", minimum: "1.0.0" },
  // 1.0.5 is the release whose schema, SQL and methods the native saver was built and tested on.
  [CHECKPOINT_POSTGRES]: { range: ">=1.0.5 <1.1", minimum: "1.0.5" },
  [CORE]: { range: ">=1.2.18 <2", minimum: "1.2.18" },
};

/**
 * The host packages whose code each component relies on (what it replaces, or internals it
 * calls). A loaded copy of one of them outside its range keeps that whole component original.
 */
export const COMPONENT_HOSTS: Readonly<Record<ComponentName, readonly HostPackage[]>> = {
  // JsonPlusSerializer, and core's load() and message classes it revives.
  serde: [CHECKPOINT, CORE],
  // MemorySaver and InMemoryStore (checkpoint), SqliteSaver (checkpoint-sqlite), PostgresSaver (checkpoint-postgres).
  memory: [CHECKPOINT, CHECKPOINT_SQLITE, CHECKPOINT_POSTGRES],
  // PregelRunner and loop internals (langgraph), uuid5 (checkpoint), mergeConfigs (core).
  tasks: [LANGGRAPH, CHECKPOINT, CORE],
  // ToolNode (langgraph), a Runnable of core.
  tools: [LANGGRAPH, CORE],
};

export function isHostPackage(name: string): name is HostPackage {
  return Object.prototype.hasOwnProperty.call(SUPPORTED_HOSTS, name);
}
