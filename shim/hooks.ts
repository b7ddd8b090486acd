// The two module hooks, and nothing else: one require-in-the-middle hook for CommonJS and one
// import-in-the-middle hook for ES modules, both routing each hooked host module to `onLoad`.
import { register } from "node:module";
import { pathToFileURL } from "node:url";
import { isMainThread } from "node:worker_threads";
import { Hook as RequireHook } from "require-in-the-middle";
import type { ModuleSystem } from "../patches/types";

export type OnModuleLoad = (
  exports: Record<string, any>,
  name: string,
  baseDir: string | undefined,
  moduleSystem: ModuleSystem,
) => void;

export interface InstalledHooks {
  esm: boolean;
  unhook(): void;
}

/** Where a patch applies: a package's main entry, or named files inside it. */
export interface HookTarget {
  module: string;
  files?: readonly string[];
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");

/**
 * What the ES-module loader may wrap: main entries by bare specifier, files by URL. Wrapping is
 * costly (each wrapped module is parsed for its exports), so only patched modules are wrapped.
 */
export function loaderIncludeList(targets: readonly HookTarget[]): Array<string | RegExp> {
  const include = new Set<string | RegExp>();
  for (const target of targets) {
    if (!target.files) include.add(target.module);
    for (const file of target.files ?? []) {
      include.add(new RegExp(`/node_modules/${escapeRegExp(target.module)}/${escapeRegExp(file)}$`));
    }
  }
  return [...include];
}

export function installHooks(targets: readonly HookTarget[], onLoad: OnModuleLoad): InstalledHooks {
  const packages = [...new Set(targets.map((target) => target.module))];
  const requireHook = new RequireHook([...packages], { internals: true }, (exports, name, baseDir) => {
    onLoad(exports as Record<string, any>, name, baseDir, "cjs");
    return exports;
  });

  // The process's loader is registered once, from the main thread; workers keep the CJS hook.
  if (!isMainThread) {
    return { esm: false, unhook: () => requireHook.unhook() };
  }
  // Registered only after the shim itself initialised, so a failed start never leaves a
  // half-working loader behind (dd-trace does the same).
  register("import-in-the-middle/hook.mjs", pathToFileURL(__filename), {
    data: { include: loaderIncludeList(targets) },
  });
  // Loaded lazily: its CJS entry is only needed once the loader is registered.
  const { Hook: ImportHook } = require("import-in-the-middle") as typeof import("import-in-the-middle");
  const importHook = new ImportHook([...packages], { internals: true }, (exports, name, baseDir, format) => {
    // A CommonJS build imported from an ES module is the CJS class object: report it as such.
    onLoad(exports, name, baseDir ?? undefined, format === "commonjs" ? "cjs" : "esm");
  });

  return {
    esm: true,
    unhook() {
      requireHook.unhook();
      importHook.unhook();
    },
  };
}
