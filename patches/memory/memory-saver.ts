// Where the native MemorySaver goes: the host's own memory module, CJS and ESM builds. Patching
// that file (not the package index) means the package index, and `@langchain/langgraph`'s
// re-export of it, hand out the native class too.
import { CHECKPOINT } from "../supported-hosts";
import { hostClass } from "../swapped-class";
import type { ComponentPatch } from "../types";
import { memorySaverCheck } from "./memory-saver-check";
import { defineNativeMemorySaver } from "./native-memory-saver";

/** At import, what costs nothing: the class is the host's subclass, named as it. Its behaviour
 * is checked at its first call (memory-saver-check.ts). */
function checkMemorySaver(moduleExports: Record<string, any>): void {
  const Saver = moduleExports.MemorySaver;
  const Host = hostClass(Saver);
  if (Host === undefined) throw new Error("MemorySaver was not replaced");
  if (!(Saver.prototype instanceof Host)) throw new Error("the native MemorySaver is not a subclass of the host's");
  if (Saver.name !== "MemorySaver") throw new Error(`the native class is named ${Saver.name}`);
}

export const memorySaverPatch: ComponentPatch = {
  component: "memory",
  replaces: "MemorySaver",
  module: CHECKPOINT,
  files: ["dist/memory.cjs", "dist/memory.js"],
  role: "main",
  apply(moduleExports, swap, context) {
    const Host = moduleExports.MemorySaver;
    if (typeof Host !== "function") throw new Error("this build has no MemorySaver export");
    const Native = defineNativeMemorySaver(Host, context.addon);
    swap.replace(moduleExports, "MemorySaver", Native);
  },
  selfCheck: checkMemorySaver,
  firstCallCheck: memorySaverCheck,
};
