// Where the tool executor goes: each copy's `ToolNode` export in dist/prebuilt/tool_node.{cjs,js}.
// prebuilt/index and createReactAgent read it from there (CJS at load or call time; ESM through
// the rebound namespace), so they get the replacement too.
import { copiedExportPatch } from "../copied-exports";
import { LANGGRAPH } from "../supported-hosts";
import type { ComponentPatch, ModuleSystem } from "../types";
import { createNativeToolNode, NATIVE_TOOL_NODE } from "./tool-node";
import { toolNodeCheck } from "./tool-node-check";

const TOOL_NODE_FILE: Record<ModuleSystem, string> = {
  cjs: "dist/prebuilt/tool_node.cjs",
  esm: "dist/prebuilt/tool_node.js",
};

function toolNodePatch(system: ModuleSystem): ComponentPatch {
  return {
    component: "tools",
    module: LANGGRAPH,
    role: "main",
    entry: `${LANGGRAPH}/prebuilt`,
    replaces: "ToolNode",
    files: [TOOL_NODE_FILE[system]],
    apply(moduleExports, swap, context) {
      const HostToolNode = moduleExports.ToolNode;
      if (typeof HostToolNode !== "function" || typeof HostToolNode.prototype?.runTool !== "function") {
        throw new Error(`${TOOL_NODE_FILE[system]} has no ToolNode with runTool`);
      }
      swap.replace(moduleExports, "ToolNode", createNativeToolNode(HostToolNode, context.config.tools));
    },
    // At import, what costs nothing; its behaviour is checked at its first call (tool-node-check.ts).
    selfCheck(moduleExports) {
      const ToolNode = moduleExports.ToolNode;
      if (ToolNode?.[NATIVE_TOOL_NODE] !== true) throw new Error("ToolNode export is not the replacement");
      if (!(ToolNode.prototype instanceof Object.getPrototypeOf(ToolNode))) throw new Error("ToolNode is not a subclass of the host's");
    },
    firstCallCheck: toolNodeCheck,
  };
}

export const toolsPatches: readonly ComponentPatch[] = [
  toolNodePatch("cjs"),
  toolNodePatch("esm"),
  // prebuilt/index copies ToolNode when it loads: recorded so that unpatch() restores it there too.
  copiedExportPatch("tools", LANGGRAPH, ["dist/prebuilt/index.cjs", "dist/prebuilt/index.js"], "ToolNode", "main"),
];
