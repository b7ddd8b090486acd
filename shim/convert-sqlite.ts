// The SqliteSaver file side of `langgraph-native convert`: the addon converts a batch of rows
// per call (sqlite_convert.rs), one transaction each, after the last rowid it looked at.
import fs from "node:fs";
import type { NativeAddon } from "./addon";
import type { ConvertTarget } from "./convert-target";

export function sqliteTarget(addon: NativeAddon, file: string, to: string): ConvertTarget | string {
  if (!fs.existsSync(file)) return `${file} does not exist`;
  const sizeBefore = fs.statSync(file).size;
  return {
    name: file,
    tables: [
      { table: "checkpoints", plural: "checkpoints", singular: "checkpoint" },
      { table: "writes", plural: "writes", singular: "write" },
    ],
    async pending() {
      const pending = addon.sqliteConvertPending(file, to);
      return { checkpoints: pending.checkpoints, writes: pending.writes };
    },
    async batch(table, after, limit) {
      const step = addon.sqliteConvertBatch(file, table, to, (after as number | undefined) ?? 0, limit);
      return { converted: step.converted, kept: step.kept, after: step.lastRowid, done: step.done };
    },
    closingLines() {
      const lines = [`file size ${sizeBefore} -> ${fs.statSync(file).size} bytes (SQLite reuses freed pages; VACUUM returns them to the disk)`];
      if (to === "json") lines.push("the stock LangGraph SqliteSaver (no shim) reads this file again");
      return lines;
    },
    async close() {},
  };
}
