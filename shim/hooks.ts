// The two module hooks, and nothing else: our loader hook for CommonJS (require-hook.ts) and an
// import-in-the-middle hook for ES modules, both routing each hooked host module to `onLoad`.
import * as nodeModule from "node:module";
import { pathToFileURL } from "node:url";
import { isMainThread } from "node:worker_threads";
import type { ModuleSystem } from "../patches/types";
import { mainRunsAsModule } from "./main-module";
import { hookRequire } from "./require-hook";

export type OnModuleLoad = (
  moduleExports: Record<string, any>,
  name: string,
  baseDir: string | undefined,
  moduleSystem: ModuleSystem,
) => void;

/**
 * How ES modules of the host are hooked:
 * - "in-thread": `module.registerHooks` (Node >= 22.22.3 / 24.11.1), cheap, for every app;
 * - "loader-thread": `module.register`, Node's off-thread loader, which costs every module of the
 *   app a round trip to a second thread (~400 ms at start for an app loading LangGraph);
 * - "off": not hooked, with the reason (CommonJS apps started with --require on older Node).
 */
export type EsmHookMode = "in-thread" | "loader-thread" | "off";

export interface InstalledHooks {
  esm: EsmHookMode;
  /** Why this mode, for status. */
  esmReason: string;
  /** The app expected ES modules patched and they are not: say so once. */
  esmWarning: string | undefined;
  unhook(): void;
}

/** Where a patch applies: a package's main entry, or named files inside it. */
export interface HookTarget {
  module: string;
  files?: readonly string[];
}

export type ShimEntry = "require" | "import" | "cli" | "none";

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

/** Whether this Node runs import-in-the-middle's loader in-thread (asked only where it can be). */
function inThreadHooksWork(): boolean {
  if (typeof (nodeModule as { registerHooks?: unknown }).registerHooks !== "function") return false;
  // An ES module, required: every Node that has registerHooks can require ES modules.
  const { supportsSyncHooks } = require("import-in-the-middle/supports-sync-hooks.mjs") as { supportsSyncHooks(): boolean };
  return supportsSyncHooks();
}

/** Which ES-module hook this process gets, and why. */
export function chooseEsmHook(
  entry: ShimEntry,
  mainIsModule: () => boolean | undefined = mainRunsAsModule,
  inThread: () => boolean = inThreadHooksWork,
): { mode: EsmHookMode; reason: string; warn?: boolean } {
  // The process's loader is registered once, from the main thread; workers keep the CJS hook.
  if (!isMainThread) return { mode: "off", reason: "worker thread: ES modules are hooked from the main thread only" };
  // A CommonJS app started with --require loads LangGraph's CommonJS build: an ES-module hook
  // would only cost start-up time (~400 ms off-thread on Node 20, ~50 ms in-thread on Node 24).
  // (The status CLI loads both builds of the host, so it hooks both.)
  const main = entry === "require" ? mainIsModule() : true;
  if (main === false) {
    return {
      mode: "off",
      reason:
        "CommonJS app started with --require: LangGraph loaded through import() is not patched " +
        "(start with --import langgraph-native/shim/esm to patch it too)",
    };
  }
  const why = entry !== "require" ? `started by ${entry === "import" ? "--import" : `the ${entry}`}` : main ? "the main script is an ES module" : "the main script may be an ES module";
  if (inThread()) return { mode: "in-thread", reason: `module.registerHooks (Node ${process.versions.node}): ${why}` };
  // Node's off-thread loader registered from a --require preload hung the start of ES-module apps
  // in our tests (a third of the runs, three at a time); from --import it did not.
  if (entry === "require") {
    return {
      mode: "off",
      reason:
        `${main ? "ES-module" : "possibly ES-module"} app started with --require on Node ${process.versions.node}: ` +
        "LangGraph's ES-module build is not patched; start it with --import langgraph-native/shim/esm",
      warn: main === true,
    };
  }
  return { mode: "loader-thread", reason: `module.register, off-thread (Node ${process.versions.node}): ${why}` };
}

export function installHooks(targets: readonly HookTarget[], onLoad: OnModuleLoad, entry: ShimEntry): InstalledHooks {
  const packages = [...new Set(targets.map((target) => target.module))];
  const requireHook = hookRequire(targets, (moduleExports, name, baseDir) => onLoad(moduleExports, name, baseDir, "cjs"));

  const { mode, reason, warn } = chooseEsmHook(entry);
  if (mode === "off") return { esm: mode, esmReason: reason, esmWarning: warn ? reason : undefined, unhook: () => requireHook.unhook() };

  // Registered only after the shim itself initialised, so a failed start never leaves a
  // half-working loader behind (dd-trace does the same).
  const include = loaderIncludeList(targets);
  if (mode === "in-thread") {
    const { register } = require("import-in-the-middle/register-hooks.mjs") as { register(options: { include: typeof include }): void };
    register({ include });
  } else {
    nodeModule.register("import-in-the-middle/hook.mjs", pathToFileURL(__filename), { data: { include } });
  }
  // Loaded lazily: its CJS entry is only needed once a loader is registered.
  const { Hook: ImportHook } = require("import-in-the-middle") as typeof import("import-in-the-middle");
  const importHook = new ImportHook([...packages], { internals: true }, (moduleExports, name, baseDir, format) => {
    // A CommonJS build imported from an ES module is the CJS class object: report it as such.
    onLoad(moduleExports, name, baseDir ?? undefined, format === "commonjs" ? "cjs" : "esm");
  });

  return {
    esm: mode,
    esmReason: reason,
    esmWarning: undefined,
    unhook() {
      requireHook.unhook();
      importHook.unhook();
    },
  };
}
