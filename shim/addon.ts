// Loads the Rust core once. A missing or broken addon is a result, not an exception: the caller
// keeps the host's classes and status reports the error.
import path from "node:path";
import type * as Addon from "../native/addon";
import { addonFileProblem } from "./addon-file";
import { locateAddon, missingAddonMessage } from "./addon-location";

export type NativeAddon = typeof Addon;

export interface AddonResult {
  loaded: boolean;
  path: string;
  version: string | undefined;
  error: string | undefined;
  addon: NativeAddon | undefined;
}

export { LOCAL_ADDON_PATH } from "./addon-location";

/** Functions every component relies on; an addon without them is from another build. */
const REQUIRED_EXPORTS = ["version", "scanJson", "utf8Text"] as const;

/** Loads the addon from `overridePath` (LANGGRAPH_NATIVE_ADDON) or from where this platform's is. */
export function loadAddon(overridePath: string | undefined): AddonResult {
  const location = overridePath ? { found: true as const, file: path.resolve(overridePath) } : locateAddon();
  if (!location.found) return { loaded: false, path: "", version: undefined, error: missingAddonMessage(location), addon: undefined };
  const file = location.file;
  try {
    // Checked before loading: a truncated file would crash the process inside dlopen.
    const problem = addonFileProblem(file);
    if (problem !== undefined) throw new Error(problem);
    const addon = loadLibrary(file);
    const missing = REQUIRED_EXPORTS.filter((name) => typeof (addon as Record<string, unknown>)[name] !== "function");
    if (missing.length > 0) throw new Error(`${file} is not a langgraph-native addon (missing ${missing.join(", ")})`);
    return { loaded: true, path: file, version: addon.version(), error: undefined, addon };
  } catch (error) {
    let message = error instanceof Error ? error.message.split("\n")[0] : String(error);
    if (/did not self-register/.test(message)) message = `not a Node addon: a shared library that registers no Node module (${message})`;
    return { loaded: false, path: file, version: undefined, error: message, addon: undefined };
  }
}

/** Loads a `.node` file through require (one cached copy per process); any other name with
 * process.dlopen, which require would instead read as JavaScript. */
function loadLibrary(file: string): NativeAddon {
  if (file.endsWith(".node")) return require(file) as NativeAddon;
  const module = { exports: {} as NativeAddon };
  process.dlopen(module, file);
  return module.exports;
}
