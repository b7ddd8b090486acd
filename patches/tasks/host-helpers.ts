// The runner needs a few internals of the very copy it stands in for (retry loop, Call, error
// predicates). Each copy's internal modules are hooked before its runner module is evaluated
// (CJS require order and ESM post-order evaluation), so they are collected here, per copy.
import type { ComponentPatch, ModuleSystem, PatchContext } from "../types";

export interface RunnerHelpers {
  constants: { CONFIG_KEY_CALL: string; CONFIG_KEY_SCRATCHPAD: string; RETURN: string; ERROR: string };
  errors: { isGraphBubbleUp(error: unknown): boolean };
  types: { Call: new (fields: Record<string, unknown>) => unknown };
  utils: { combineAbortSignals(...signals: (AbortSignal | undefined)[]): { signal?: AbortSignal; dispose?: () => void } };
  retry: {
    _runWithRetry(task: any, retryPolicy: unknown, configurable?: Record<string, unknown>, signal?: AbortSignal): Promise<any>;
  };
}

type HelperName = keyof RunnerHelpers;

/** Which internal file holds each helper module, per module system. */
const HELPER_FILES: Record<HelperName, { cjs: string; esm: string; requires: readonly string[] }> = {
  constants: { cjs: "dist/constants.cjs", esm: "dist/constants.js", requires: ["CONFIG_KEY_CALL", "CONFIG_KEY_SCRATCHPAD", "RETURN", "ERROR"] },
  errors: { cjs: "dist/errors.cjs", esm: "dist/errors.js", requires: ["isGraphBubbleUp"] },
  types: { cjs: "dist/pregel/types.cjs", esm: "dist/pregel/types.js", requires: ["Call"] },
  utils: { cjs: "dist/pregel/utils/index.cjs", esm: "dist/pregel/utils/index.js", requires: ["combineAbortSignals"] },
  retry: { cjs: "dist/pregel/retry.cjs", esm: "dist/pregel/retry.js", requires: ["_runWithRetry"] },
};

const collected = new Map<string, Partial<RunnerHelpers>>();

function copyKey(context: PatchContext): string {
  return `${context.baseDir ?? "?"}|${context.moduleSystem}`;
}

/** The helpers of the copy `context` describes; throws naming what was not seen. */
export function helpersFor(context: PatchContext): RunnerHelpers {
  const found = collected.get(copyKey(context)) ?? {};
  const missing = (Object.keys(HELPER_FILES) as HelperName[]).filter((name) => found[name] === undefined);
  if (missing.length > 0) {
    const files = missing.map((name) => HELPER_FILES[name][context.moduleSystem]).join(", ");
    throw new Error(`internal modules of this copy were not seen before its runner: ${files}`);
  }
  return found as RunnerHelpers;
}

/** Patches that swap nothing: they record each helper module of a copy as it loads. */
export function helperCollectors(
  base: Pick<ComponentPatch, "component" | "module" | "versions">,
  system: ModuleSystem,
): ComponentPatch[] {
  return (Object.keys(HELPER_FILES) as HelperName[]).map((name) => ({
    ...base,
    replaces: `PregelRunner helper ${name}`,
    files: [HELPER_FILES[name][system]],
    apply(exports, _swap, context) {
      // Only the module system this collector was declared for (the file name already implies it).
      if (context.moduleSystem !== system) return;
      for (const key of HELPER_FILES[name].requires) {
        if (exports[key] === undefined) throw new Error(`${HELPER_FILES[name][system]} has no export ${key}`);
      }
      const key = copyKey(context);
      const entry = collected.get(key) ?? {};
      (entry as Record<string, unknown>)[name] = exports;
      collected.set(key, entry);
    },
  }));
}
