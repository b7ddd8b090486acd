// What version each loaded host copy is, and whether the one supported-versions table covers it.
// Read from the hooked package's own package.json (never ours), once per directory.
import fs from "node:fs";
import path from "node:path";
import { compareTriples, inRange, type Triple } from "./version-range";
import { resolvedPackageDir } from "../patches/host-internals";
import { COMPONENT_HOSTS, SUPPORTED_HOSTS, isHostPackage, type HostPackage } from "../patches/supported-hosts";
import type { ComponentName } from "../config";

interface Manifest {
  version: string | undefined;
  /** Names it depends on (dependencies and peerDependencies). */
  dependsOn: Set<string>;
}

const manifests = new Map<string, Manifest>();

function manifestOf(dir: string): Manifest {
  let manifest = manifests.get(dir);
  if (manifest === undefined) {
    try {
      const json = JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8"));
      manifest = {
        version: typeof json.version === "string" ? json.version : undefined,
        dependsOn: new Set([...Object.keys(json.dependencies ?? {}), ...Object.keys(json.peerDependencies ?? {})]),
      };
    } catch {
      manifest = { version: undefined, dependsOn: new Set() };
    }
    manifests.set(dir, manifest);
  }
  return manifest;
}

/** Reads the version from the hooked package's own package.json (never from ours). */
export function readPackageVersion(baseDir: string): string | undefined {
  return manifestOf(baseDir).version;
}

export interface HostVerdict {
  pkg: HostPackage;
  dir: string;
  version: string;
  supported: boolean;
  range: string;
}

/** Verdicts by package and directory: asked for each hooked file (~40 at an app's start). */
const verdicts = new Map<string, Readonly<HostVerdict>>();

export function verdictOf(pkg: HostPackage, dir: string | undefined): Readonly<HostVerdict> {
  const key = `${pkg}\0${dir ?? ""}`;
  let verdict = verdicts.get(key);
  if (verdict === undefined) {
    const version = dir === undefined ? undefined : readPackageVersion(dir);
    const { range } = SUPPORTED_HOSTS[pkg];
    verdict = Object.freeze({ pkg, dir: dir ?? "", version: version ?? "unknown", supported: version !== undefined && inRange(version, range), range });
    verdicts.set(key, verdict);
  }
  return verdict;
}

/** hostsOfComponent's answers: each resolves the other host packages from `dir`. */
const componentHosts = new Map<string, readonly Readonly<HostVerdict>[]>();

/**
 * The host copies a component relies on when patched in the copy of `pkg` at `dir`: that copy,
 * and the copies it imports of the component's other host packages (as it resolves them).
 */
export function hostsOfComponent(component: ComponentName, pkg: HostPackage, dir: string | undefined): readonly Readonly<HostVerdict>[] {
  const key = `${component}\0${pkg}\0${dir ?? ""}`;
  let hosts = componentHosts.get(key);
  if (hosts === undefined) componentHosts.set(key, (hosts = findHostsOfComponent(component, pkg, dir)));
  return hosts;
}

function findHostsOfComponent(component: ComponentName, pkg: HostPackage, dir: string | undefined): Readonly<HostVerdict>[] {
  const verdicts = [verdictOf(pkg, dir)];
  if (dir === undefined) return verdicts;
  const { dependsOn } = manifestOf(dir);
  for (const other of COMPONENT_HOSTS[component]) {
    if (other === pkg || !dependsOn.has(other) || !isHostPackage(other)) continue;
    let otherDir: string;
    try {
      otherDir = resolvedPackageDir(other, dir);
    } catch {
      continue; // a peer left uninstalled: that copy is judged when (if) one loads
    }
    verdicts.push(verdictOf(other, otherDir));
  }
  return verdicts;
}

/** What to do about a copy outside its range, phrased for the one warning line. */
export function remedyFor(verdict: HostVerdict, component: ComponentName): string {
  const { minimum } = SUPPORTED_HOSTS[verdict.pkg];
  const move = verdict.version === "unknown" || !/^\d/.test(verdict.version) || compareLoose(verdict.version, minimum) < 0
    ? `upgrade ${verdict.pkg} to >= ${minimum}`
    : `use ${verdict.pkg} ${verdict.range} (or a langgraph-native release that supports ${verdict.version})`;
  return `${move} or set LANGGRAPH_NATIVE_${component.toUpperCase()}=off to silence`;
}

function compareLoose(a: string, b: string): number {
  const triple = (v: string) => v.split(/[.-]/).slice(0, 3).map((part) => Number.parseInt(part, 10) || 0).concat([0, 0, 0]).slice(0, 3) as Triple;
  return compareTriples(triple(a), triple(b));
}
