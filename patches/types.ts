// A patch is data: which host module (and file) it applies to, what it swaps and how it proves
// itself. Which host versions it may meet is one table (supported-hosts.ts), not per patch; within
// those ranges a patch checks the host contract it relies on (shapes, then a self-check). The shim
// owns ordering, rollback, logging and status.
import type { ComponentName, Config } from "../config";
import type { HostPackage } from "./supported-hosts";
import type { NativeAddon } from "../shim/addon";
import type { SwapTransaction } from "../shim/registry";
import type { MethodKind, ProbeRoute } from "../shim/first-call-check";

export type ModuleSystem = "cjs" | "esm";

export type PatchRole = "main" | "native" | "js-only";

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
  module: HostPackage;
  /**
   * Files inside the package to hook, relative to its root (e.g. "dist/pregel/runner.cjs").
   * Absent: the package's main entry (for CJS, `require(name)`; for ESM, `import name`).
   */
  files?: readonly string[];
  /**
   * What the swap is to its component, for status: "main" is the swap the component is named
   * for (the component counts as native only once one is in); "native" another swap onto the
   * addon (e.g. uuid5); "js-only" an acceleration in plain JavaScript. Default "native".
   */
  role?: PatchRole;
  /** The public entry an app loads this file through, when not the package's main entry (for `status`). */
  entry?: string;
  /** Replaces what it stands in for. Every replacement goes through `swap`, so it can be undone. */
  apply(moduleExports: Record<string, any>, swap: SwapTransaction, context: PatchContext): void;
  /** Throws if the swapped-in code does not behave as the host's on a probe; runs after `apply`. */
  selfCheck?(moduleExports: Record<string, any>, context: PatchContext): void;
  /**
   * Runs `selfCheck` at the first call of a swapped function instead of at import, for checks
   * that cost start-up time (shim/first-use-check.ts). Only for patches that swap in plain
   * functions; with classes, or under LANGGRAPH_NATIVE_STRICT=1, the check runs at import.
   */
  checkOnFirstUse?: boolean;
  /**
   * A check of the swapped-in class against the host's on a real probe, run at the first call of
   * one of `methods` on any instance (shim/first-call-check.ts), not at import: it costs
   * milliseconds. It throws on a mismatch; the component then falls back, status says why.
   */
  firstCallCheck?: FirstCallCheck;
}

export interface FirstCallCheck {
  /** The methods of the swapped class whose first call waits for the check, and how each returns. */
  methods: Readonly<Record<string, MethodKind>>;
  /** Which class a call on `instance` takes during the check's own probes (e.g. by a marker in its config). */
  probeRoute?(instance: any): ProbeRoute;
  /** Runs `Ours` and `Host` on the same probe and throws when they differ. Instances of `Ours` it makes go through `probe()`. */
  run(classes: { Ours: any; Host: any; probe<T extends object>(instance: T): T }, moduleExports: Record<string, any>, context: PatchContext): Promise<void>;
}

/**
 * Thrown by `apply` of an optional part (role "native" or "js-only") whose host code differs
 * from what it reimplements: that part stays the host's, the rest of the component goes on.
 */
export class PartNotApplicable extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PartNotApplicable";
  }
}
