// Where the native SqliteSaver goes: the main entry of @langchain/langgraph-checkpoint-sqlite,
// CJS and ESM builds (the package is a single module).
import { CHECKPOINT_SQLITE } from "../supported-hosts";
import { hostClass } from "../swapped-class";
import type { ComponentPatch } from "../types";

// Loaded when the SQLite package is: an app without it does not pay for the saver at start.
const nativeSqlite = () => require("./native-sqlite-saver") as typeof import("./native-sqlite-saver");

export const sqliteSaverPatch: ComponentPatch = {
  component: "memory",
  replaces: "SqliteSaver",
  module: CHECKPOINT_SQLITE,
  role: "main",
  apply(moduleExports, swap, context) {
    const Host = moduleExports.SqliteSaver;
    if (typeof Host !== "function" || typeof Host.fromConnString !== "function")
      throw new Error("this build has no SqliteSaver with fromConnString");
    const Native = nativeSqlite().defineNativeSqliteSaver(Host, context.addon, { synchronousFull: context.config.memorySqliteSync === "full" });
    swap.replace(moduleExports, "SqliteSaver", Native);
  },
  // Synchronous probe on a private in-memory database: the class and its setup, no I/O wait.
  selfCheck(moduleExports) {
    const Saver = moduleExports.SqliteSaver;
    const Host = hostClass(Saver);
    if (typeof Host !== "function") throw new Error("SqliteSaver was not replaced");
    if (Saver.name !== "SqliteSaver") throw new Error(`the native class is named ${Saver.name}`);
    const saver = new Saver({ name: ":memory:", memory: true });
    if (!(saver instanceof Host)) throw new Error("the native SqliteSaver is not an instance of the host's");
    saver.setup();
    const db = saver[nativeSqlite().NATIVE_DB];
    if (!db || typeof db.getTuple !== "function") throw new Error("the native database did not open");
    db.close();
  },
};
