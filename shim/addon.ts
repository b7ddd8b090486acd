// Loads the Rust core once. A missing or broken addon is a result, not an exception: the caller
// keeps the host's classes and status reports the error.
import path from "node:path";
import type * as Addon from "../native/addon";

export type NativeAddon = typeof Addon;

export interface AddonResult {
  loaded: boolean;
  path: string;
  version: string | undefined;
  error: string | undefined;
  addon: NativeAddon | undefined;
}

/** Where `npm run build` puts the addon: native/langgraph-native.node beside dist/. */
export const BUNDLED_ADDON_PATH = path.resolve(__dirname, "..", "..", "native", "langgraph-native.node");

/** Functions every component relies on; an addon without them is from another build. */
const REQUIRED_EXPORTS = ["version", "scanJson", "utf8Text"] as const;

export function loadAddon(overridePath: string | undefined): AddonResult {
  const file = overridePath ? path.resolve(overridePath) : BUNDLED_ADDON_PATH;
  try {
    const addon = require(file) as NativeAddon;
    const missing = REQUIRED_EXPORTS.filter((name) => typeof (addon as Record<string, unknown>)[name] !== "function");
    if (missing.length > 0) throw new Error(`${file} is not a langgraph-native addon (missing ${missing.join(", ")})`);
    return { loaded: true, path: file, version: addon.version(), error: undefined, addon };
  } catch (error) {
    const message = error instanceof Error ? error.message.split("\n")[0] : String(error);
    return { loaded: false, path: file, version: undefined, error: message, addon: undefined };
  }
}
