// Some host index modules copy an export when they load (CJS `exports.X = require_x.X`; the ESM
// loader's wrapper of an index that re-exports). They copy our replacement, since its own module
// was patched first, and `unpatch()` would leave that copy behind. These patches record such a
// copy in the swap registry with the host's original underneath, so `unpatch()` restores it too.
import { ORIGINAL } from "../shim/registry";
import type { ComponentName } from "../config";
import type { HostPackage } from "./supported-hosts";
import type { ComponentPatch, PatchRole } from "./types";

export function copiedExportPatch(
  component: ComponentName,
  module: HostPackage,
  files: readonly string[] | undefined,
  key: string,
  role: PatchRole,
): ComponentPatch {
  return {
    component,
    module,
    files,
    role,
    replaces: `${key} (re-exported)`,
    apply(moduleExports, swap) {
      const current = moduleExports[key];
      const original = typeof current === "function" ? (current as Record<symbol, unknown>)[ORIGINAL] : undefined;
      // The index holds the host's own value (its module was not patched) or reads it live: nothing to do.
      if (original === undefined) return;
      const descriptor = Object.getOwnPropertyDescriptor(moduleExports, key);
      Object.defineProperty(moduleExports, key, { ...descriptor, value: original });
      swap.replace(moduleExports, key, current);
    },
  };
}
