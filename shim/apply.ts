// Applies the declared patches to one loaded host module, containing every failure: a patch that
// throws or a self-check that fails puts the originals back, logs one line and shows in status.
import fs from "node:fs";
import path from "node:path";
import satisfies from "semver/functions/satisfies";
import type { ComponentPatch, ModuleSystem } from "../patches/types";
import type { Logger } from "./log";
import type { ShimState } from "./state";

export class StrictModeError extends Error {
  constructor(message: string) {
    super(`langgraph-native (LANGGRAPH_NATIVE_STRICT=1): ${message}`);
    this.name = "StrictModeError";
  }
}

/** Reads the version from the hooked package's own package.json (never from ours). */
export function readPackageVersion(baseDir: string): string | undefined {
  try {
    const manifest = JSON.parse(fs.readFileSync(path.join(baseDir, "package.json"), "utf8"));
    return typeof manifest.version === "string" ? manifest.version : undefined;
  } catch {
    return undefined;
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
  const matching = patchesFor(patches, pkg, file);
  if (matching.length === 0 || loaded.exports == null) return;
  const version = loaded.baseDir ? readPackageVersion(loaded.baseDir) : undefined;
  const where = `${pkg}@${version ?? "unknown"} (${loaded.moduleSystem})`;
  for (const patch of matching) {
    const supported = version !== undefined && satisfies(version, patch.versions);
    state.recordHostCopy({
      name: pkg,
      version: version ?? "unknown",
      dir: loaded.baseDir ?? "",
      moduleSystem: loaded.moduleSystem,
      supported,
      range: patch.versions,
    });
    if (!state.mayApply(patch.component)) continue;
    if (!supported) {
      const reason = `${where} is outside the supported range ${patch.versions}`;
      state.markUnsupported(patch.component, reason);
      log.warn({ component: patch.component }, `${reason}; keeping the original ${patch.replaces}`);
      if (state.config.strict) throw new StrictModeError(reason);
      continue;
    }
    applyOne(patch, loaded, where, state, log);
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
    patch.selfCheck?.(loaded.exports, context);
  } catch (error) {
    swap.rollback();
    // A component either runs natively everywhere or nowhere: mixed copies would confuse users.
    state.registry.restore(patch.component);
    const message = error instanceof Error ? error.message : String(error);
    const failure = `${stage === "patch" ? "patch failed" : "self-check failed"} for ${patch.replaces} in ${where}: ${message}`;
    state.markFailed(patch.component, failure);
    log.warn({ component: patch.component }, `${failure}; the originals are back`);
    if (state.config.strict) throw new StrictModeError(failure);
    return;
  }
  // A patch that only read the module (e.g. collected helpers) swapped nothing: not reported.
  if (swap.size === 0) return;
  state.markSwapped(patch.component, `${patch.replaces} in ${where}`);
  log.debug({ component: patch.component }, `swapped ${patch.replaces} in ${where}`);
}
