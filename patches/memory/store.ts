// Where the native store goes: the host file that defines InMemoryStore and MemoryStore, in its
// CJS and ESM builds. The package entries (and @langchain/langgraph's re-exports) read these
// bindings after the file is patched, so every way of reaching the class gets the native one.
import { CHECKPOINT } from "../supported-hosts";
import { hostClass } from "../swapped-class";
import type { ComponentPatch } from "../types";
import { createNativeStoreClasses } from "./native-store";
import { storeSelfCheck } from "./store-self-check";

export const storePatches: readonly ComponentPatch[] = [
  {
    component: "memory",
    replaces: "InMemoryStore",
    module: CHECKPOINT,
    files: ["dist/store/memory.cjs", "dist/store/memory.js"],
    role: "main",
    apply(moduleExports, swap, context) {
      const Base = moduleExports.InMemoryStore;
      if (typeof Base !== "function") throw new Error("the module has no InMemoryStore class");
      if (typeof moduleExports.MemoryStore !== "function") throw new Error("the module has no MemoryStore class");
      const { NativeInMemoryStore, NativeMemoryStore } = createNativeStoreClasses(Base, context.addon, {
        int8Prefilter: context.config.memoryStoreInt8 === "on",
      });
      swap.replace(moduleExports, "InMemoryStore", NativeInMemoryStore);
      // The host's MemoryStore extends the original class (bound when the file ran): re-declare it.
      swap.replace(moduleExports, "MemoryStore", NativeMemoryStore);
    },
    selfCheck(moduleExports) {
      const Native = moduleExports.InMemoryStore;
      const Stock = hostClass(Native);
      if (typeof Stock !== "function") throw new Error("InMemoryStore is not the swapped-in class");
      if (!(new moduleExports.MemoryStore() instanceof Native)) throw new Error("MemoryStore does not extend the native InMemoryStore");
      storeSelfCheck(Stock, Native);
    },
  },
];
