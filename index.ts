// Programmatic API: `status()` and `unpatch()`.
import { buildStatus, type Status } from "./shim/status";
import { inspect, runningShim, stop } from "./shim/start";

export type { Status } from "./shim/status";

/** What the shim did in this process; without a preload, what one would find (nothing is hooked). */
export function status(): Status {
  return buildStatus(runningShim() ?? inspect());
}

/** Puts back every original class the shim replaced; returns how many properties were restored. */
export function unpatch(): number {
  return stop();
}
