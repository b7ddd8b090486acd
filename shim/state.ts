// What the shim knows about this process, in one place: the config, the addon, the host copies it
// has seen and each component's outcome. `status()` is a snapshot of it.
import { COMPONENTS, isRequested, type ComponentName, type Config } from "../config";
import type { PatchRole } from "../patches/types";
import type { AddonResult } from "./addon";
import { PendingCheck } from "./first-use-check";
import type { PendingClassCheck } from "./first-call-check";
import { SwapRegistry } from "./registry";

/** module.register (the ES-module hook from a preload) arrived in Node 20.6. */
export const MIN_NODE = { major: 20, minor: 6 };

export interface NodeSupport {
  version: string;
  supported: boolean;
  reason: string;
}

export function nodeSupport(version: string = process.versions.node): NodeSupport {
  const [major, minor] = version.split(".").map(Number);
  const supported = major > MIN_NODE.major || (major === MIN_NODE.major && minor >= MIN_NODE.minor);
  return {
    version,
    supported,
    reason: supported
      ? "supported"
      : `Node ${version} is older than ${MIN_NODE.major}.${MIN_NODE.minor}, which the ES-module hook needs; nothing is patched`,
  };
}

export interface HostCopy {
  name: string;
  version: string;
  dir: string;
  moduleSystem: string;
  supported: boolean;
  /** The supported range of its package (patches/supported-hosts.ts). */
  range: string;
}

export interface ComponentState {
  requested: boolean;
  active: boolean;
  reason: string;
  /** Where its main swap is in: "JsonPlusSerializer in @langchain/...@1.2.2 (cjs)". Native once non-empty. */
  swappedIn: string[];
  /** Its other swaps onto the addon (e.g. uuid5), and its plain-JavaScript accelerations. */
  alsoNative: string[];
  jsOnly: string[];
  /** Optional parts left the host's because that release's code differs from what they copy. */
  keptHost: string[];
  /** Set when a patch threw or a self-check failed: the component stays off for this process. */
  failure: string | undefined;
}

export class ShimState {
  readonly registry = new SwapRegistry();
  /** Self-checks that wait for the first call of what they check (or for `status()`). */
  readonly pendingChecks: Array<PendingCheck | PendingClassCheck> = [];
  readonly hostCopies: HostCopy[] = [];
  readonly components: Record<ComponentName, ComponentState>;

  constructor(
    readonly config: Config,
    readonly addon: AddonResult,
    readonly node: NodeSupport,
    implemented: ReadonlySet<ComponentName>,
    /** What each component stands in for, by its main swaps ("PregelRunner"), for messages. */
    private readonly mainClasses: Readonly<Partial<Record<ComponentName, string>>> = {},
  ) {
    this.components = {} as Record<ComponentName, ComponentState>;
    for (const name of COMPONENTS) {
      const requested = isRequested(config, name);
      this.components[name] = {
        requested,
        active: false,
        reason: initialReason(config, name, requested, implemented.has(name), addon, this.node),
        swappedIn: [],
        alsoNative: [],
        jsOnly: [],
        keptHost: [],
        failure: undefined,
      };
    }
  }

  /** Whether patches of this component may be applied at all (before looking at a host copy). */
  mayApply(component: ComponentName): boolean {
    const state = this.components[component];
    return state.requested && this.addon.loaded && this.node.supported && state.failure === undefined;
  }

  recordHostCopy(copy: HostCopy): void {
    const seen = this.hostCopies.some(
      (known) => known.dir === copy.dir && known.moduleSystem === copy.moduleSystem,
    );
    if (!seen) this.hostCopies.push(copy);
  }

  mainClassesOf(component: ComponentName): string {
    return this.mainClasses[component] ?? component;
  }

  markSwapped(component: ComponentName, role: PatchRole, where: string): void {
    const state = this.components[component];
    const list = role === "main" ? state.swappedIn : role === "native" ? state.alsoNative : state.jsOnly;
    if (!list.includes(where)) list.push(where);
    state.active = state.swappedIn.length > 0;
    state.reason = describe(state, this.mainClassesOf(component), formatNote(this.config, component));
  }

  /** An optional part stays the host's in one copy (its code there differs from what it copies). */
  markPartKept(component: ComponentName, where: string): void {
    const state = this.components[component];
    if (!state.keptHost.includes(where)) state.keptHost.push(where);
    state.reason = describe(state, this.mainClassesOf(component), formatNote(this.config, component));
  }

  /** A copy is outside the ranges, a patch threw or a self-check failed: the caller restored the originals. */
  markFailed(component: ComponentName, failure: string): void {
    this.cancelPendingChecks(component);
    const state = this.components[component];
    state.failure = failure;
    state.active = false;
    state.swappedIn = [];
    state.alsoNative = [];
    state.jsOnly = [];
    state.keptHost = [];
    state.reason = `${failure}; the originals are back`;
  }

  /**
   * Runs every function's self-check still waiting for a first call: what status reports has
   * been checked. A class's check (async, first-call-check.ts) waits for its first call still.
   */
  settlePendingChecks(): void {
    for (const check of this.pendingChecks) if (check instanceof PendingCheck) check.settle();
  }

  /** The host's code is back for one component (or all): its waiting checks will never run. */
  cancelPendingChecks(component?: ComponentName): void {
    for (const check of this.pendingChecks) if (component === undefined || check.component === component) check.cancel();
  }
}

function initialReason(
  config: Config,
  name: ComponentName,
  requested: boolean,
  implemented: boolean,
  addon: AddonResult,
  node: NodeSupport,
): string {
  if (!config.enabled) return "off: LANGGRAPH_NATIVE=off";
  if (!config.components[name]) return `off: LANGGRAPH_NATIVE_${name.toUpperCase()}=off`;
  if (!implemented) return "not implemented yet";
  if (!node.supported) return node.reason;
  if (!addon.loaded) return `native addon not loaded (${addon.error}); using the original`;
  return requested ? "waiting: its host module has not been loaded in this process" : "off";
}

/** What a component's knobs make it do differently from the host, for its status line. */
function formatNote(config: Config, component: ComponentName): string | undefined {
  if (component !== "serde") return undefined;
  return config.serdeFormat === "msgpack"
    ? "writes msgpack (LANGGRAPH_NATIVE_SERDE_FORMAT; reads json and msgpack)"
    : "writes json (reads json and msgpack)";
}

/** Native only when a main swap is in; other swaps are named for what they are. */
function describe(state: ComponentState, mainClasses: string, note: string | undefined): string {
  const head = state.active ? `native in ${state.swappedIn.join(", ")}` : `waiting: ${mainClasses} not loaded yet in this process`;
  const parts = [head];
  if (note !== undefined && state.active) parts.push(note);
  if (state.alsoNative.length > 0) parts.push(`also native: ${state.alsoNative.join(", ")}`);
  if (state.jsOnly.length > 0) parts.push(`JS-only: ${state.jsOnly.join(", ")}`);
  if (state.keptHost.length > 0) parts.push(`kept the host's (its code differs): ${state.keptHost.join(", ")}`);
  return parts.join("; ");
}
