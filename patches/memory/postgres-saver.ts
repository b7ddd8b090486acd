// Where the native PostgresSaver goes: the main entry of @langchain/langgraph-checkpoint-postgres,
// CJS and ESM builds. A saver whose pool the native client cannot open alike keeps the host's
// code, with the reason logged once and kept on the saver (see postgres-settings.ts).
import { createRequire } from "node:module";
import path from "node:path";
import { CHECKPOINT_POSTGRES } from "../supported-hosts";
import { hostClass } from "../swapped-class";
import type { ComponentPatch } from "../types";

// Loaded when the Postgres package is: an app without it does not pay for the saver at start.
const nativePostgres = () => require("./native-postgres-saver") as typeof import("./native-postgres-saver");

/** Reasons already written: one line per distinct reason. */
const reported = new Set<string>();

/** The `DatabaseError` of the pg copy the host package resolves. */
function databaseErrorOf(baseDir: string | undefined): any {
  try {
    const hostRequire = createRequire(path.join(baseDir ?? process.cwd(), "package.json"));
    return hostRequire("pg").DatabaseError;
  } catch {
    return undefined;
  }
}

export const postgresSaverPatch: ComponentPatch = {
  component: "memory",
  replaces: "PostgresSaver",
  module: CHECKPOINT_POSTGRES,
  role: "main",
  apply(moduleExports, swap, context) {
    const Host = moduleExports.PostgresSaver;
    if (typeof Host !== "function" || typeof Host.fromConnString !== "function")
      throw new Error("this build has no PostgresSaver with fromConnString");
    for (const method of ["_loadCheckpoint", "_loadMetadata", "_loadWrites", "_dumpBlobs", "_dumpCheckpoint", "_dumpMetadata", "_dumpWrites", "_migratePendingSends"])
      if (typeof Host.prototype[method] !== "function") throw new Error(`this build's PostgresSaver has no ${method}`);
    const Native = nativePostgres().defineNativePostgresSaver(Host, context.addon, {
      DatabaseError: databaseErrorOf(context.baseDir),
      onStock(reason) {
        if (reported.has(reason) || context.config.logLevel === "silent" || context.config.logLevel === "error" || context.config.logLevel === "fatal") return;
        reported.add(reason);
        process.stderr.write(`langgraph-native: a PostgresSaver runs stock: ${reason}\n`);
      },
    });
    swap.replace(moduleExports, "PostgresSaver", Native);
  },
  // Synchronous probe, no I/O: the class, its instance, and the native handle on a pool's settings.
  selfCheck(moduleExports, context) {
    const Saver = moduleExports.PostgresSaver;
    const Host = hostClass(Saver);
    if (typeof Host !== "function") throw new Error("PostgresSaver was not replaced");
    if (Saver.name !== "PostgresSaver") throw new Error(`the native class is named ${Saver.name}`);
    const saver = Saver.fromConnString("postgresql://probe@127.0.0.1:1/probe");
    if (!(saver instanceof Host)) throw new Error("the native PostgresSaver is not an instance of the host's");
    const db = new context.addon.PostgresCheckpointDb(
      { host: "127.0.0.1", port: 1, user: "probe", database: "probe", maxConnections: 1 },
      "public",
    );
    if (typeof db.getTuple !== "function") throw new Error("the native database handle did not open");
    db.close();
  },
};
