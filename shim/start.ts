// Starts the shim once per process: config, logger, addon, hooks. Both entry points (--require
// and --import) call `start`; a second call returns the running instance.
import * as workerThreads from "node:worker_threads";
import { COMPONENTS, readConfig } from "../config";
import { ALL_PATCHES, HOOK_TARGETS, IMPLEMENTED, MAIN_CLASSES } from "../patches";
import { loadAddon } from "./addon";
import { applyPatches, StrictModeError } from "./apply";
import { installHooks, type InstalledHooks, type ShimEntry } from "./hooks";
import { createLogger, type Logger } from "./log";
import { nodeSupport, ShimState } from "./state";

export interface RunningShim {
  state: ShimState;
  log: Logger;
  hooks: InstalledHooks | undefined;
  /** Which entry started it, for status; "none" is a report of what a preload would do. */
  entry: ShimEntry;
}

// Kept on globalThis so that two copies of this package (or both entries) share one shim.
const INSTANCE = Symbol.for("langgraph-native.instance");
type GlobalWithShim = typeof globalThis & { [INSTANCE]?: RunningShim };

/**
 * Node also runs --require preloads in its own ES-module loader thread, where nothing of the app
 * runs: the shim must stay out of it (no hooks, no second start-up log). Internal threads are the
 * workers without a parent port; newer Node says so directly.
 */
export function isLoaderThread(): boolean {
  const flag = (workerThreads as { isInternalThread?: boolean }).isInternalThread;
  if (typeof flag === "boolean") return flag;
  return !workerThreads.isMainThread && workerThreads.parentPort === null;
}

export function runningShim(): RunningShim | undefined {
  return (globalThis as GlobalWithShim)[INSTANCE];
}

export function start(entry: RunningShim["entry"], env: NodeJS.ProcessEnv = process.env): RunningShim {
  return runningShim() ?? create(entry, env, true);
}

/** What a preload would find in this process, without hooking anything (for `status()` alone). */
export function inspect(env: NodeJS.ProcessEnv = process.env): RunningShim {
  return create("none", env, false);
}

function create(entry: RunningShim["entry"], env: NodeJS.ProcessEnv, install: boolean): RunningShim {

  const config = readConfig(env);
  const log = createLogger(install ? config.logLevel : "silent");
  for (const warning of config.warnings) log.warn(warning);
  if (install && config.strict && config.warnings.length > 0) throw new StrictModeError(config.warnings.join(" "));

  const node = nodeSupport();
  const anyRequested = Object.values(config.components).some(Boolean) && config.enabled;
  // Skip loading the addon when nothing will use it: LANGGRAPH_NATIVE=off costs nothing.
  const addon = anyRequested && node.supported
    ? loadAddon(config.addonPath)
    : { loaded: false, path: "", version: undefined, error: "not loaded: no component requested", addon: undefined };
  const state = new ShimState(config, addon, node, IMPLEMENTED, MAIN_CLASSES);
  const shim: RunningShim = { state, log, hooks: undefined, entry };
  if (!install) {
    for (const component of Object.values(state.components)) {
      if (component.requested && state.addon.loaded) component.reason = "the shim is not preloaded in this process";
    }
    return shim;
  }
  (globalThis as GlobalWithShim)[INSTANCE] = shim;

  if (!node.supported) {
    log.warn(node.reason);
    if (config.strict) throw new StrictModeError(node.reason);
    return shim;
  }
  if (anyRequested && !addon.loaded) {
    log.warn(`native addon not loaded${addon.path ? ` from ${addon.path}` : ""}: ${addon.error}; LangGraph runs with its own classes`);
    if (config.strict) throw new StrictModeError(`native addon not loaded: ${addon.error}`);
  }
  if (!anyRequested || !addon.loaded) return shim;

  shim.hooks = installHooks(HOOK_TARGETS, (moduleExports, name, baseDir, moduleSystem) =>
    applyPatches({ exports: moduleExports, name, baseDir, moduleSystem }, ALL_PATCHES, state, log),
    entry,
  );
  if (shim.hooks.esmWarning !== undefined) log.warn(`langgraph-native: ${shim.hooks.esmWarning}`);
  const native = COMPONENTS.filter((name) => state.mayApply(name) && IMPLEMENTED.has(name));
  log.info(
    { components: Object.fromEntries(COMPONENTS.map((name) => [name, state.components[name].reason])) },
    `langgraph-native ${addon.version} started (${entry}); native components: ${native.join(", ") || "none"}`,
  );
  return shim;
}

/** Puts back every original the shim replaced and stops hooking new modules. */
export function stop(): number {
  const shim = runningShim();
  if (!shim) return 0;
  shim.hooks?.unhook();
  shim.hooks = undefined;
  shim.state.cancelPendingChecks();
  const restored = shim.state.registry.restore();
  for (const component of Object.values(shim.state.components)) {
    component.active = false;
    component.swappedIn = [];
    component.reason = "off: unpatch() restored the originals";
  }
  return restored;
}
