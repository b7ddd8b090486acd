// The declaration every js-only tasks patch shares: one file of @langchain/langgraph's CJS or ESM
// build, applied only when the module was loaded as that build (their host internals are looked
// up per build: internalsOf(context, ...)).
import { LANGGRAPH } from "../supported-hosts";
import type { ComponentPatch, ModuleSystem, PatchContext } from "../types";
import type { SwapTransaction } from "../../shim/registry";

/** `dist/<path>.cjs` or `dist/<path>.js`: the file of `path` ("pregel/loop") in one build. */
export function buildFileOf(path: string, system: ModuleSystem): string {
  return `dist/${path}.${system === "cjs" ? "cjs" : "js"}`;
}

export interface TasksFilePatch {
  /** The file without `dist/` and its ending: "pregel/loop". */
  path: string;
  replaces: string;
  /** `file` is the build file the patch was declared for. */
  apply(moduleExports: Record<string, any>, swap: SwapTransaction, context: PatchContext, file: string): void;
  selfCheck?(moduleExports: Record<string, any>, context: PatchContext): void;
}

export function tasksBuildFilePatch(system: ModuleSystem, declared: TasksFilePatch): ComponentPatch {
  const file = buildFileOf(declared.path, system);
  const patch: ComponentPatch = {
    component: "tasks",
    module: LANGGRAPH,
    role: "js-only",
    replaces: declared.replaces,
    files: [file],
    apply(moduleExports, swap, context) {
      if (context.moduleSystem !== system) return;
      declared.apply(moduleExports, swap, context, file);
    },
  };
  if (declared.selfCheck !== undefined) patch.selfCheck = declared.selfCheck;
  return patch;
}
