// The CommonJS hook: sees each hooked host file once, right after Node has run it, by wrapping
// the loaders of `.js` and `.cjs` files (`Module._extensions`), where the file name comes free.
// require-in-the-middle, which did this before, works per `require()` call: a second resolution
// of every call, and a `require.resolve` of the package for every internal file of a hooked
// package. That cost ~35 ms at the start of an app loading LangGraph (700 files); this costs a
// string search per loaded file.
import Module from "node:module";
import path from "node:path";

export type OnRequired = (moduleExports: Record<string, any>, name: string, baseDir: string) => void;

/** Which files of one package to report: its main entry, and named files inside it. */
interface PackageTargets {
  main: boolean;
  files: Set<string>;
}

type Loader = (module: NodeJS.Module, filename: string) => void;
type Loaders = Record<string, Loader>;

const NODE_MODULES = "/node_modules/";
const EXTENSIONS = [".js", ".cjs"] as const;

export interface RequireHook {
  unhook(): void;
}

/**
 * Calls `onRequired(exports, name, baseDir)` for each loaded file that is a target: `name` is the
 * package ("@langchain/langgraph") for its main entry, "package/relative/file.cjs" for others.
 * Patches change the exports object in place, before any `require()` returns it.
 */
export function hookRequire(
  targets: ReadonlyArray<{ module: string; files?: readonly string[] }>,
  onRequired: OnRequired,
): RequireHook {
  const byPackage = new Map<string, PackageTargets>();
  for (const target of targets) {
    const entry = byPackage.get(target.module) ?? { main: false, files: new Set<string>() };
    if (target.files === undefined) entry.main = true;
    for (const file of target.files ?? []) entry.files.add(file);
    byPackage.set(target.module, entry);
  }
  const mainEntries = new Map<string, string | undefined>();
  const mainEntryOf = (pkg: string, baseDir: string) => {
    if (!mainEntries.has(baseDir)) mainEntries.set(baseDir, resolveFrom(pkg, baseDir));
    return mainEntries.get(baseDir);
  };

  const loaders = (Module as unknown as { _extensions: Loaders })._extensions;
  const installed = new Map<string, { original: Loader; hooked: Loader }>();
  let active = true;
  for (const extension of EXTENSIONS) {
    const original = loaders[extension];
    if (typeof original !== "function") continue;
    const hooked: Loader = function (this: unknown, module, filename) {
      original.call(this, module, filename);
      if (!active) return;
      const found = findTarget(filename, byPackage, mainEntryOf);
      if (found !== undefined && module.exports != null) onRequired(module.exports, found.name, found.baseDir);
    };
    loaders[extension] = hooked;
    installed.set(extension, { original, hooked });
  }
  return {
    unhook() {
      active = false;
      // Put the loaders back only where nobody wrapped them after us; else stay inert.
      for (const [extension, { original, hooked }] of installed) {
        if (loaders[extension] === hooked) loaders[extension] = original;
      }
    },
  };
}

/** The hook name and package root of a loaded file, when it is one of the targets. */
export function findTarget(
  filename: string,
  byPackage: ReadonlyMap<string, PackageTargets>,
  mainEntryOf: (pkg: string, baseDir: string) => string | undefined,
): { name: string; baseDir: string } | undefined {
  const normalized = path.sep === "\\" ? filename.replace(/\\/g, "/") : filename;
  const at = normalized.lastIndexOf(NODE_MODULES);
  if (at < 0) return undefined;
  const start = at + NODE_MODULES.length;
  let end = normalized.indexOf("/", start);
  if (end < 0) return undefined;
  if (normalized[start] === "@") {
    end = normalized.indexOf("/", end + 1);
    if (end < 0) return undefined;
  }
  const pkg = normalized.slice(start, end);
  const targets = byPackage.get(pkg);
  if (targets === undefined) return undefined;
  const baseDir = filename.slice(0, end);
  const file = normalized.slice(end + 1);
  if (targets.files.has(file)) return { name: `${pkg}/${file}`, baseDir };
  if (targets.main && mainEntryOf(pkg, baseDir) === filename) return { name: pkg, baseDir };
  return undefined;
}

/** The file `require(pkg)` loads for the copy of `pkg` at `baseDir`. */
function resolveFrom(pkg: string, baseDir: string): string | undefined {
  try {
    // Searched from the package's own folder, resolution finds that copy (as Node would from its
    // parent's node_modules), through its "exports" map's require condition.
    return require.resolve(pkg, { paths: [baseDir] });
  } catch {
    return undefined;
  }
}
