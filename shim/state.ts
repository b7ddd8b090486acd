// What the shim knows about this process, in one place: the config, the addon, the host copies it
// has seen and each component's outcome. `status()` is a snapshot of it.
import { COMPONENTS, isRequested, type ComponentName, type Config } from "../config";
import type { AddonResult } from "./addon";
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
  /** The range this copy was checked against (the first patch's that targets it). */
  range: string;
}

export interface ComponentState {
  requested: boolean;
  active: boolean;
  reason: string;
  /** Where the component is swapped in: "JsonPlusSerializer in @langchain/...@1.2.2 (cjs)". */
  swappedIn: string[];
  /** Host copies left original because their version is outside the tested range. */
  unsupported: string[];
  /** Set when a patch threw or a self-check failed: the component stays off for this process. */
  failure: string | undefined;
}

export class ShimState {
  readonly registry = new SwapRegistry();
  readonly hostCopies: HostCopy[] = [];
  readonly components: Record<ComponentName, ComponentState>;

  constructor(
    readonly config: Config,
    readonly addon: AddonResult,
    readonly node: NodeSupport,
    implemented: ReadonlySet<ComponentName>,
  ) {
    this.components = {} as Record<ComponentName, ComponentState>;
    for (const name of COMPONENTS) {
      const requested = isRequested(config, name);
      this.components[name] = {
        requested,
        active: false,
        reason: initialReason(config, name, requested, implemented.has(name), addon, this.node),
        swappedIn: [],
        unsupported: [],
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

  markSwapped(component: ComponentName, where: string): void {
    const state = this.components[component];
    if (!state.swappedIn.includes(where)) state.swappedIn.push(where);
    state.active = true;
    state.reason = describeActive(state);
  }

  markUnsupported(component: ComponentName, where: string): void {
    const state = this.components[component];
    if (!state.unsupported.includes(where)) state.unsupported.push(where);
    state.reason = state.active ? describeActive(state) : `kept the original: ${state.unsupported.join("; ")}`;
  }

  /** A patch threw or a self-check failed: the caller has restored the originals. */
  markFailed(component: ComponentName, failure: string): void {
    const state = this.components[component];
    state.failure = failure;
    state.active = false;
    state.swappedIn = [];
    state.reason = `${failure}; the originals are back`;
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

function describeActive(state: ComponentState): string {
  const left = state.unsupported.length > 0 ? `; kept the original: ${state.unsupported.join("; ")}` : "";
  return `native in ${state.swappedIn.join(", ")}${left}`;
}
