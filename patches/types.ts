// A patch is data: which host module (and file) it applies to, for which versions, what it swaps
// and how it proves itself. The shim owns ordering, rollback, logging and status.
import type { ComponentName, Config } from "../config";
import type { NativeAddon } from "../shim/addon";
import type { SwapTransaction } from "../shim/registry";

export type ModuleSystem = "cjs" | "esm";

export interface PatchContext {
  addon: NativeAddon;
  config: Config;
  /** Which build of the host this copy is: the CJS and ESM builds are different class objects. */
  moduleSystem: ModuleSystem;
  /** The hooked package's root directory: resolves what that copy resolves, tells copies apart. */
  baseDir: string | undefined;
}

export interface ComponentPatch {
  component: ComponentName;
  /** What the patch stands in for, as status shows it (e.g. "JsonPlusSerializer"). */
  replaces: string;
  /** The host package name. */
  module: string;
  /**
   * Files inside the package to hook, relative to its root (e.g. "dist/pregel/runner.cjs").
   * Absent: the package's main entry (for CJS, `require(name)`; for ESM, `import name`).
   */
  files?: readonly string[];
  /** The host versions this patch was tested against (a semver range). */
  versions: string;
  /** Replaces what it stands in for. Every replacement goes through `swap`, so it can be undone. */
  apply(exports: Record<string, any>, swap: SwapTransaction, context: PatchContext): void;
  /** Throws if the swapped-in code does not behave as the host's on a probe; runs after `apply`. */
  selfCheck?(exports: Record<string, any>, context: PatchContext): void;
}
