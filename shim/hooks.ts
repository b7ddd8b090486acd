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

/** The ES-module loader wraps only files of these packages (URL test), keeping start-up cheap. */
function hostUrlPattern(packages: readonly string[]): RegExp {
  const names = packages.map((name) => name.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")).join("|");
  return new RegExp(`/node_modules/(?:${names})/`);
}

export function installHooks(packages: readonly string[], onLoad: OnModuleLoad): InstalledHooks {
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
    data: { include: [hostUrlPattern(packages)] },
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
