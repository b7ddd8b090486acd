// Where the addon for this machine is: a local build (the repository's `npm run build`, or
// `npx langgraph-native build` in an installed package) first, else the per-platform package
// npm installed beside this one (napi-rs's layout: `langgraph-native-<platform>`).
import fs from "node:fs";
import path from "node:path";

/** What `npm run build` and `langgraph-native build` write: native/langgraph-native.node beside dist/. */
export const LOCAL_ADDON_PATH = path.resolve(__dirname, "..", "..", "native", "langgraph-native.node");

/** The main package's name; napi-rs names each platform package `<name>-<platform>`. */
const PACKAGE_NAME = "langgraph-native";

export type AddonLocation =
  | { found: true; file: string }
  | { found: false; platform: string; packageName: string };

/** napi-rs's platform names: `linux-x64-gnu`, `linux-arm64-musl`, `darwin-arm64`, `win32-x64-msvc`. */
export function platformName(platform: NodeJS.Platform = process.platform, arch: string = process.arch): string {
  if (platform === "linux") return `linux-${arch}-${isMusl() ? "musl" : "gnu"}`;
  if (platform === "win32") return `win32-${arch}-msvc`;
  return `${platform}-${arch}`;
}

/** The C library of this Linux: ldd names musl on Alpine-like systems; else Node's report says. */
function isMusl(): boolean {
  try {
    return fs.readFileSync("/usr/bin/ldd", "latin1").includes("musl");
  } catch {
    const header = (process.report?.getReport() as { header?: { glibcVersionRuntime?: string } } | undefined)?.header;
    return header !== undefined && header.glibcVersionRuntime === undefined;
  }
}

export function platformPackageName(platform: string = platformName()): string {
  return `${PACKAGE_NAME}-${platform}`;
}

export function locateAddon(): AddonLocation {
  if (fs.existsSync(LOCAL_ADDON_PATH)) return { found: true, file: LOCAL_ADDON_PATH };
  const platform = platformName();
  const packageName = platformPackageName(platform);
  try {
    const dir = path.dirname(require.resolve(`${packageName}/package.json`));
    const file = path.join(dir, `${PACKAGE_NAME}.${platform}.node`);
    if (fs.existsSync(file)) return { found: true, file };
  } catch {
    // not installed: npm skips the packages whose os/cpu/libc do not match, and there may be none
  }
  return { found: false, platform, packageName };
}

/** The one line a user reads when no binary fits: the platform and the two ways out. */
export function missingAddonMessage(location: { platform: string; packageName: string }): string {
  return (
    `no langgraph-native binary for ${location.platform} (no ${location.packageName} package with its binary, no local build): ` +
    `run \`npx langgraph-native build\` to compile it from the shipped sources (needs Rust), or ask for a prebuilt one at ${issuesUrl()}`
  );
}

/** The issue tracker named in package.json, read only when the message is needed. */
function issuesUrl(): string {
  try {
    const manifest = JSON.parse(fs.readFileSync(path.resolve(__dirname, "..", "..", "package.json"), "utf8")) as { bugs?: { url?: string } };
    if (manifest.bugs?.url) return manifest.bugs.url;
  } catch {
    // fall through to the package's page
  }
  return `https://www.npmjs.com/package/${PACKAGE_NAME}`;
}
