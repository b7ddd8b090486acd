// Routes one loaded host module: records the copy, feeds the collector of host internals, and
// applies the declared patches, containing every failure. A copy outside the supported ranges, a
// patch that throws or a self-check that fails puts the component's originals back and logs one
// warning line for that component (details at LANGGRAPH_NATIVE_LOG=debug).
import { collectInternal } from "../patches/host-internals";
import { isHostPackage } from "../patches/supported-hosts";
import { PartNotApplicable, type ComponentPatch, type ModuleSystem, type PatchContext } from "../patches/types";
import { PendingCheck } from "./first-use-check";
import { PendingClassCheck } from "./first-call-check";
import { hostClass } from "../patches/swapped-class";
import { hostsOfComponent, remedyFor, verdictOf } from "./host-versions";
import type { Logger } from "./log";
import type { SwapTransaction } from "./registry";
import type { ShimState } from "./state";

export { readPackageVersion } from "./host-versions";

export class StrictModeError extends Error {
  constructor(message: string) {
    super(`langgraph-native (LANGGRAPH_NATIVE_STRICT=1): ${message}`);
    this.name = "StrictModeError";
  }
}

/**
 * Splits a hook's module name into package and internal file:
 * "@langchain/langgraph/dist/pregel/runner.cjs" -> ["@langchain/langgraph", "dist/pregel/runner.cjs"].
 */
export function splitModuleName(name: string): { pkg: string; file: string | undefined } {
  const normalized = name.replace(/\\/g, "/");
  const parts = normalized.split("/");
  const size = normalized.startsWith("@") ? 2 : 1;
  const pkg = parts.slice(0, size).join("/");
  const file = parts.length > size ? parts.slice(size).join("/") : undefined;
  return { pkg, file };
}

export function patchesFor(patches: readonly ComponentPatch[], pkg: string, file: string | undefined) {
  return patches.filter((patch) =>
    patch.module === pkg && (file === undefined ? patch.files === undefined : patch.files?.includes(file) === true),
  );
}

export interface LoadedModule {
  exports: Record<string, any>;
  name: string;
  baseDir: string | undefined;
  moduleSystem: ModuleSystem;
}

export function applyPatches(
  loaded: LoadedModule,
  patches: readonly ComponentPatch[],
  state: ShimState,
  log: Logger,
): void {
  const { pkg, file } = splitModuleName(loaded.name);
  if (!isHostPackage(pkg) || loaded.exports == null) return;
  const copy = verdictOf(pkg, loaded.baseDir);
  state.recordHostCopy({ name: pkg, version: copy.version, dir: copy.dir, moduleSystem: loaded.moduleSystem, supported: copy.supported, range: copy.range });
  if (file !== undefined && loaded.baseDir !== undefined) collectInternal(pkg, file, loaded.exports, loaded.baseDir, loaded.moduleSystem);
  const where = `${pkg}@${copy.version} (${loaded.moduleSystem})`;
  for (const patch of patchesFor(patches, pkg, file)) {
    if (!state.mayApply(patch.component)) continue;
    const outside = hostsOfComponent(patch.component, pkg, loaded.baseDir).find((host) => !host.supported);
    if (outside !== undefined) {
      const reason = `${outside.pkg}@${outside.version} is outside the supported range ${outside.range}`;
      fallBack(state, log, patch.component, reason, remedyFor(outside, patch.component), { where, patch: patch.replaces, dir: outside.dir });
      continue;
    }
    applyOne(patch, loaded, where, state, log);
  }
}

/** Keeps a component original for this process: restores its swaps, warns once, shows in status. */
function fallBack(state: ShimState, log: Logger, component: ComponentPatch["component"], reason: string, remedy: string, details: Record<string, unknown>) {
  state.registry.restore(component);
  const line = `${component}: kept LangGraph's own ${state.mainClassesOf(component)}: ${reason}; ${remedy}`;
  state.markFailed(component, reason);
  log.debug({ component, ...details }, reason);
  log.warn({ component }, `langgraph-native ${line}`);
  if (state.config.strict) throw new StrictModeError(line);
}

/** A check that ran after the start failed: the component falls back, and status says `what` and why. */
function checkFailed(patch: ComponentPatch, where: string, what: string, stage: string, error: unknown, state: ShimState, log: Logger): void {
  const message = error instanceof Error ? error.message : String(error);
  fallBack(state, log, patch.component, `${what} for ${patch.replaces} in ${where}: ${message}`,
    `set LANGGRAPH_NATIVE_${patch.component.toUpperCase()}=off to silence (and please report it)`,
    { where, stage, stack: error instanceof Error ? error.stack : undefined });
}

/**
 * Puts the self-check of a `checkOnFirstUse` patch behind gates on what it swapped in; false when
 * it must run now (no such patch, nothing swapped, a class among the swaps, or strict mode, where
 * a failure must stop the start).
 */
function deferSelfCheck(
  patch: ComponentPatch,
  loaded: LoadedModule,
  swap: SwapTransaction,
  context: PatchContext,
  where: string,
  state: ShimState,
  log: Logger,
): boolean {
  if (!patch.checkOnFirstUse || patch.selfCheck === undefined || swap.size === 0 || state.config.strict) return false;
  const check = new PendingCheck(patch.component, () => {
    try {
      patch.selfCheck!(loaded.exports, context);
      return true;
    } catch (error) {
      checkFailed(patch, where, "self-check failed", "self-check at first use", error, state, log);
      return false;
    }
  });
  if (!check.gate(swap)) return false;
  state.pendingChecks.push(check);
  return true;
}

/**
 * Puts the `firstCallCheck` of a patch that swapped in a class behind gates on the class's
 * methods: the check runs at the first call of one of them, on any instance.
 */
function gateFirstCall(patch: ComponentPatch, loaded: LoadedModule, swap: SwapTransaction, context: PatchContext, where: string, state: ShimState, log: Logger): void {
  const declared = patch.firstCallCheck;
  if (declared === undefined) return;
  for (const { target, key } of swap.swapped()) {
    const Ours = (target as Record<PropertyKey, any>)[key];
    const Host = hostClass(Ours);
    if (Host === undefined) continue;
    const check = new PendingClassCheck(
      patch.component,
      Ours,
      Host,
      async (pending) => {
        const started = performance.now();
        try {
          await declared.run({ Ours, Host, probe: (instance) => pending.probe(instance) }, loaded.exports, context);
          log.debug({ component: patch.component, ms: performance.now() - started }, `first-call check passed for ${patch.replaces} in ${where}`);
          return true;
        } catch (error) {
          checkFailed(patch, where, "first-call check failed", "check at first call", error, state, log);
          return false;
        }
      },
      declared.probeRoute,
    );
    check.gate(declared.methods);
    state.pendingChecks.push(check);
  }
}

function applyOne(patch: ComponentPatch, loaded: LoadedModule, where: string, state: ShimState, log: Logger) {
  const swap = state.registry.begin(patch.component, where);
  const context = {
    addon: state.addon.addon!,
    config: state.config,
    moduleSystem: loaded.moduleSystem,
    baseDir: loaded.baseDir,
  };
  let stage = "patch";
  try {
    patch.apply(loaded.exports, swap, context);
    stage = "self-check";
    if (!deferSelfCheck(patch, loaded, swap, context, where, state, log)) patch.selfCheck?.(loaded.exports, context);
    gateFirstCall(patch, loaded, swap, context, where, state, log);
  } catch (error) {
    swap.rollback();
    const message = error instanceof Error ? error.message : String(error);
    if (error instanceof PartNotApplicable && patch.role !== "main") {
      // An optional part whose host code differs: the host's own stays, the component goes on.
      state.markPartKept(patch.component, `${patch.replaces} in ${where}`);
      log.debug({ component: patch.component }, `kept the host's ${patch.replaces} in ${where}: ${message}`);
      return;
    }
    const failure = `${stage === "patch" ? "patch failed" : "self-check failed"} for ${patch.replaces} in ${where}: ${message}`;
    // A component either runs natively everywhere or nowhere: mixed copies would confuse users.
    fallBack(state, log, patch.component, failure, `set LANGGRAPH_NATIVE_${patch.component.toUpperCase()}=off to silence (and please report it)`, {
      where,
      stage,
      stack: error instanceof Error ? error.stack : undefined,
    });
    return;
  }
  // A patch that found its module already patched (both hooks saw it) swapped nothing: not reported.
  if (swap.size === 0) return;
  state.markSwapped(patch.component, patch.role ?? "native", `${patch.replaces} in ${where}`);
  log.debug({ component: patch.component }, `swapped ${patch.replaces} in ${where}`);
}
