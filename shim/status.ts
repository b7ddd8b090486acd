// The status object (`status()`, `langgraph-native status --json`) and its table for people.
import { COMPONENTS, type ComponentName } from "../config";
import type { ComponentStatus, Status } from "./status-shape";
import { HOST_PACKAGES } from "../patches";
import type { RunningShim } from "./start";

export type { ComponentStatus, Status } from "./status-shape";

export function buildStatus(shim: RunningShim): Status {
  const { state } = shim;
  // A component is reported native only on a check that has run.
  state.settlePendingChecks();
  const host: Status["host"] = {};
  for (const name of HOST_PACKAGES) host[name] = [];
  for (const copy of state.hostCopies) {
    (host[copy.name] ??= []).push({
      version: copy.version,
      path: copy.dir,
      moduleSystem: copy.moduleSystem,
      supported: copy.supported,
      range: copy.range,
    });
  }
  const components = {} as Record<ComponentName, ComponentStatus>;
  for (const name of COMPONENTS) {
    const { requested, active, reason } = state.components[name];
    components[name] = { requested, active, reason };
  }
  return {
    node: { ...state.node },
    addon: {
      loaded: state.addon.loaded,
      path: state.addon.path,
      version: state.addon.version ?? null,
      error: state.addon.error ?? null,
    },
    host,
    components,
    entry: shim.entry,
    esm: shim.hooks
      ? { mode: shim.hooks.esm, reason: shim.hooks.esmReason }
      : { mode: "off", reason: "no hooks installed in this process" },
    warnings: [...state.config.warnings],
  };
}

export function formatStatus(status: Status): string {
  const lines: string[] = [];
  lines.push(`node       ${status.node.version} (${status.node.supported ? "supported" : status.node.reason})`);
  lines.push(
    status.addon.loaded
      ? `addon      loaded ${status.addon.version} from ${status.addon.path}`
      : `addon      not loaded: ${status.addon.error}${status.addon.path ? ` (${status.addon.path})` : ""}`,
  );
  for (const [name, copies] of Object.entries(status.host)) {
    if (copies.length === 0) lines.push(`host       ${name}: not loaded`);
    for (const copy of copies) {
      const verdict = copy.supported ? "supported" : `NOT supported (supported: ${copy.range})`;
      lines.push(`host       ${name}@${copy.version} ${copy.moduleSystem} ${verdict}  ${copy.path}`);
    }
  }
  lines.push(`esm hook   ${status.esm.mode}: ${status.esm.reason}`);
  for (const warning of status.warnings) lines.push(`warning    ${warning}`);
  lines.push("");
  lines.push("component  requested  active  reason");
  for (const [name, component] of Object.entries(status.components)) {
    lines.push(
      `${name.padEnd(10)} ${(component.requested ? "yes" : "no").padEnd(10)} ${(component.active ? "native" : "original").padEnd(9)}${component.reason}`,
    );
  }
  return lines.join("\n");
}
