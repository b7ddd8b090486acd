// The runner needs a few internals of the very copy it stands in for (retry loop, Call, error
// predicates), taken from the one collector of host internals.
import { internalsOf } from "../host-internals";
import { LANGGRAPH } from "../supported-hosts";
import type { PatchContext } from "../types";

export interface RunnerHelpers {
  constants: { CONFIG_KEY_CALL: string; CONFIG_KEY_SCRATCHPAD: string; RETURN: string; ERROR: string };
  errors: { isGraphBubbleUp(error: unknown): boolean };
  types: { Call: new (fields: Record<string, unknown>) => unknown };
  utils: { combineAbortSignals(...signals: (AbortSignal | undefined)[]): { signal?: AbortSignal; dispose?: () => void } };
  retry: {
    _runWithRetry(task: any, retryPolicy: unknown, configurable?: Record<string, unknown>, signal?: AbortSignal): Promise<any>;
  };
}

/** The helpers of the copy `context` describes; throws naming what was not seen. */
export function helpersFor(context: PatchContext): RunnerHelpers {
  return {
    constants: internalsOf(context, LANGGRAPH, "constants"),
    errors: internalsOf(context, LANGGRAPH, "errors"),
    types: internalsOf(context, LANGGRAPH, "pregelTypes"),
    utils: internalsOf(context, LANGGRAPH, "pregelUtils"),
    retry: internalsOf(context, LANGGRAPH, "retry"),
  };
}
