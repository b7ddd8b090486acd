// The one collector of host internals: modules of a host copy that patches build on but do not
// replace (constants, error predicates, the retry loop, core's mergeConfigs, ...). Each is
// recorded as it loads, keyed by the package directory and module system of its copy; a patch
// asks for the internals of the copy it patches, or of the copy that copy resolves (its core,
// its checkpoint package). A host module always loads after the modules it imports (CommonJS
// require order, ES-module post-order evaluation), so what a patch needs is there when it runs.
import { createRequire } from "node:module";
import path from "node:path";
import { CHECKPOINT, CORE, LANGGRAPH, type HostPackage } from "./supported-hosts";
import type { ModuleSystem, PatchContext } from "./types";

interface InternalModule {
  module: HostPackage;
  /** Path inside dist/ without extension: "pregel/retry" is dist/pregel/retry.{cjs,js}. */
  stem: string;
  /** Exports a patch may take from it: their absence is a contract failure, named. */
  exports: readonly string[];
}

export const INTERNAL_MODULES = {
  constants: {
    module: LANGGRAPH,
    stem: "constants",
    exports: ["CONFIG_KEY_CALL", "CONFIG_KEY_SCRATCHPAD", "CONFIG_KEY_SEND", "CONFIG_KEY_CHECKPOINT_NS", "CONFIG_KEY_CHECKPOINT_ID", "RETURN", "ERROR", "SELF", "_isSend"],
  },
  errors: { module: LANGGRAPH, stem: "errors", exports: ["isGraphBubbleUp"] },
  pregelTypes: { module: LANGGRAPH, stem: "pregel/types", exports: ["Call"] },
  pregelUtils: { module: LANGGRAPH, stem: "pregel/utils/index", exports: ["combineAbortSignals", "patchConfigurable"] },
  retry: { module: LANGGRAPH, stem: "pregel/retry", exports: ["_runWithRetry"] },
  langgraphConfig: { module: LANGGRAPH, stem: "pregel/utils/config", exports: ["ensureLangGraphConfig"] },
  channelWrite: { module: LANGGRAPH, stem: "pregel/write", exports: ["ChannelWrite"] },
  algo: { module: LANGGRAPH, stem: "pregel/algo", exports: ["sanitizeUntrackedValuesInSend", "taskPathStr"] },
  checkpointBase: { module: CHECKPOINT, stem: "base", exports: ["WRITES_IDX_MAP"] },
  serdeTypes: { module: CHECKPOINT, stem: "serde/types", exports: ["DeltaSnapshot"] },
  coreConfig: { module: CORE, stem: "runnables/config", exports: ["mergeConfigs"] },
} as const satisfies Record<string, InternalModule>;

export type InternalName = keyof typeof INTERNAL_MODULES;
type ExportsOf<N extends InternalName> = Record<(typeof INTERNAL_MODULES)[N]["exports"][number], any>;

export function internalFile(name: InternalName, system: ModuleSystem): string {
  return `dist/${INTERNAL_MODULES[name].stem}.${system === "cjs" ? "cjs" : "js"}`;
}

/** What the hooks must listen for so the collector sees every internal module. */
export function internalTargets(): Array<{ module: HostPackage; files: string[] }> {
  return (Object.keys(INTERNAL_MODULES) as InternalName[]).map((name) => ({
    module: INTERNAL_MODULES[name].module,
    files: [internalFile(name, "cjs"), internalFile(name, "esm")],
  }));
}

/** Which internal module a hooked file is, if any. */
const byFile = new Map<string, InternalName>();
for (const name of Object.keys(INTERNAL_MODULES) as InternalName[]) {
  for (const system of ["cjs", "esm"] as const) byFile.set(`${INTERNAL_MODULES[name].module}/${internalFile(name, system)}`, name);
}

const collected = new Map<string, Map<InternalName, Record<string, unknown>>>();
const copyKey = (dir: string, system: ModuleSystem) => `${dir}|${system}`;

/** Records a loaded file when it is one of the internal modules; returns whether it was. */
export function collectInternal(pkg: string, file: string, moduleExports: Record<string, unknown>, dir: string, system: ModuleSystem): boolean {
  const name = byFile.get(`${pkg}/${file}`);
  if (name === undefined) return false;
  const key = copyKey(dir, system);
  let copy = collected.get(key);
  if (copy === undefined) collected.set(key, (copy = new Map()));
  copy.set(name, moduleExports);
  return true;
}

/** The directory of the copy of `pkg` that the package at `fromDir` resolves (realpath, as hooks see it). */
export function resolvedPackageDir(pkg: HostPackage, fromDir: string): string {
  const cached = resolvedDirs.get(`${fromDir}|${pkg}`);
  if (cached !== undefined) return cached;
  const dir = findPackageDir(pkg, fromDir);
  resolvedDirs.set(`${fromDir}|${pkg}`, dir);
  return dir;
}

const resolvedDirs = new Map<string, string>();

function findPackageDir(pkg: HostPackage, fromDir: string): string {
  const requireFrom = createRequire(path.join(fromDir, "package.json"));
  try {
    return path.dirname(requireFrom.resolve(`${pkg}/package.json`));
  } catch {
    // A package whose exports map hides its package.json: cut its main entry's path.
  }
  const entry = requireFrom.resolve(pkg);
  const marker = `${path.sep}node_modules${path.sep}${pkg.split("/").join(path.sep)}${path.sep}`;
  const at = entry.lastIndexOf(marker);
  if (at < 0) throw new Error(`cannot tell where ${pkg} (${entry}) is installed`);
  return entry.slice(0, at + marker.length - 1);
}

/**
 * The internal module `name` of the copy a patch works on: the hooked copy itself when it is the
 * module's package, else the copy of that package it resolves. Throws naming what is missing.
 */
export function internalsOf<N extends InternalName>(context: Pick<PatchContext, "baseDir" | "moduleSystem">, from: HostPackage, name: N): ExportsOf<N> {
  const declared = INTERNAL_MODULES[name];
  if (context.baseDir === undefined) throw new Error("the hooked package's directory is unknown");
  const dir = declared.module === from ? context.baseDir : resolvedPackageDir(declared.module, context.baseDir);
  const found = collected.get(copyKey(dir, context.moduleSystem))?.get(name);
  const file = `${declared.module}/${internalFile(name, context.moduleSystem)}`;
  if (found === undefined) throw new Error(`${file} (at ${dir}) was not loaded before the module that imports it`);
  const missing = declared.exports.filter((key) => found[key] === undefined);
  if (missing.length > 0) throw new Error(`${file} has no export ${missing.join(", ")}`);
  return found as ExportsOf<N>;
}
