// Whether the process's main script will run as an ES module, decided from a --require preload,
// before Node has loaded it. The shim uses it to skip Node 20's off-thread ES-module loader for
// CommonJS apps: that loader routes every module of the app through a second thread and adds
// ~400 ms to the start of an app that loads LangGraph, even when its hooks do nothing.
import fs from "node:fs";
import path from "node:path";

/** true: an ES module; false: CommonJS; undefined: Node decides by the file's syntax (we don't). */
export type MainKind = boolean | undefined;

export function mainRunsAsModule(
  argv: readonly string[] = process.argv,
  nodeOptions: readonly string[] = [...process.execArgv, ...(process.env.NODE_OPTIONS ?? "").split(/\s+/)],
  syntaxDetection: boolean = detectsModuleSyntax(nodeOptions),
): MainKind {
  if (nodeOptions.some((flag) => flag === "--input-type=module" || flag === "--experimental-default-type=module")) {
    return true;
  }
  // No script: the REPL, -e/-p or stdin, which are CommonJS unless --input-type says otherwise.
  const script = argv[1];
  if (script === undefined || script === "" || script === "-") return false;
  const file = resolveMain(script);
  if (file === undefined) return undefined;
  const extension = path.extname(file);
  if (extension === ".mjs" || extension === ".mts") return true;
  if (extension === ".cjs" || extension === ".cts" || extension === ".node" || extension === ".json") return false;
  const type = packageType(path.dirname(file));
  if (type === "module") return true;
  if (type === "commonjs") return false;
  // Neither said: CommonJS, unless this Node runs ES syntax found in an untyped .js as a module.
  return syntaxDetection ? undefined : false;
}

/** --experimental-detect-module is on by default from Node 22.7 (and flag-enabled before). */
function detectsModuleSyntax(nodeOptions: readonly string[], version: string = process.versions.node): boolean {
  if (nodeOptions.includes("--no-experimental-detect-module")) return false;
  if (nodeOptions.includes("--experimental-detect-module")) return true;
  const [major, minor] = version.split(".").map(Number);
  return major > 22 || (major === 22 && minor >= 7);
}

function resolveMain(script: string): string | undefined {
  try {
    return require.resolve(path.resolve(script));
  } catch {
    return undefined;
  }
}

/** The "type" of the nearest package.json above `dir`, as Node reads it. */
function packageType(dir: string): string | undefined {
  for (let current = dir; ; current = path.dirname(current)) {
    const manifest = path.join(current, "package.json");
    if (fs.existsSync(manifest)) {
      try {
        const type = (JSON.parse(fs.readFileSync(manifest, "utf8")) as { type?: unknown }).type;
        return typeof type === "string" ? type : undefined;
      } catch {
        return undefined;
      }
    }
    if (path.dirname(current) === current) return undefined;
  }
}
