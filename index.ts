// Programmatic API: `status()`, `unpatch()` and the errors the native components raise.
import { buildStatus } from "./shim/status";
import type { Status } from "./shim/status-shape";
import { inspect, runningShim, stop } from "./shim/start";

export type { ComponentStatus, Status } from "./shim/status-shape";
export { SerializationError as LangGraphNativeSerializationError } from "./patches/serde/errors";
export { ToolDepthError, ToolTimeoutError } from "./patches/tools/errors";

/** What the shim did in this process; without a preload, what one would find (nothing is hooked). */
export function status(): Status {
  return buildStatus(runningShim() ?? inspect());
}

/** Puts back every original class the shim replaced; returns how many properties were restored. */
export function unpatch(): number {
  return stop();
}
