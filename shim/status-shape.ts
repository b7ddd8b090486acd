// The status object's shape, apart from the code that builds it: the public types (index.ts) reach
// only this file and config's names, not the shim's internals.
import type { ComponentName } from "../config";

export interface ComponentStatus {
  requested: boolean;
  active: boolean;
  reason: string;
}

export interface Status {
  node: { version: string; supported: boolean; reason: string };
  addon: { loaded: boolean; path: string; version: string | null; error: string | null };
  host: Record<string, Array<{ version: string; path: string; moduleSystem: string; supported: boolean; range: string }>>;
  components: Record<ComponentName, ComponentStatus>;
  /** How the shim was started in this process, or "not started". */
  entry: string;
  /** How ES modules of the host are hooked ("in-thread", "loader-thread", "off") and why. */
  esm: { mode: string; reason: string };
  warnings: string[];
}
