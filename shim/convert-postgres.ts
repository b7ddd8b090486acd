// The PostgreSQL side of `langgraph-native convert`: the blobs and writes of a PostgresSaver
// schema (the host's tables), a batch per transaction on node-postgres (the copy the app has
// with @langchain/langgraph-checkpoint-postgres, so every connection form it takes works, TLS
// included), each value converted by the addon as the SQLite converter converts it. Checkpoints
// and their metadata are jsonb columns there: JSON whatever the format, nothing to convert.
import { createRequire } from "node:module";
import path from "node:path";
import type { NativeAddon } from "./addon";
import type { ConvertTable, ConvertTarget } from "./convert-target";

interface PostgresTable extends ConvertTable {
  /** The primary key, in order: batches walk it. */
  key: readonly string[];
  keyTypes: readonly string[];
}

const TABLES: readonly PostgresTable[] = [
  { table: "checkpoint_blobs", plural: "blobs", singular: "blob", key: ["thread_id", "checkpoint_ns", "channel", "version"], keyTypes: ["text", "text", "text", "text"] },
  {
    table: "checkpoint_writes",
    plural: "writes",
    singular: "write",
    key: ["thread_id", "checkpoint_ns", "checkpoint_id", "task_id", "idx"],
    keyTypes: ["text", "text", "text", "text", "int4"],
  },
];

/** The type of the rows a conversion to each format rewrites. */
const FROM_TYPE: Readonly<Record<string, string>> = { json: "msgpack", msgpack: "json" };

export function isPostgresUrl(target: string): boolean {
  return /^postgres(ql)?:\/\//i.test(target);
}

/** node-postgres as the app in the current folder has it, else as this package finds it. */
function loadPg(): any {
  for (const from of [path.join(process.cwd(), "package.json"), __filename]) {
    try {
      return createRequire(from)("pg");
    } catch {
      // not installed there
    }
  }
  return undefined;
}

/** The URL without its password, for messages. */
function displayName(url: string, schema: string): string {
  try {
    const parsed = new URL(url);
    parsed.password = "";
    return `${parsed.toString()} (schema ${schema})`;
  } catch {
    return `the database (schema ${schema})`;
  }
}

const quoted = (name: string) => `"${name.replace(/"/g, '""')}"`;

export async function postgresTarget(addon: NativeAddon, url: string, schema: string, to: string): Promise<ConvertTarget | string> {
  const pg = loadPg();
  if (pg === undefined) return "converting a PostgreSQL database needs the pg package (it comes with @langchain/langgraph-checkpoint-postgres): run the command in your app's folder";
  const name = displayName(url, schema);
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
  } catch (error) {
    return `cannot connect to ${name}: ${(error as Error).message}`;
  }
  const present = await client.query("SELECT table_name FROM information_schema.tables WHERE table_schema = $1", [schema]);
  const missing = TABLES.filter(({ table }) => !present.rows.some((row: any) => row.table_name === table));
  if (missing.length > 0) {
    await client.end();
    return `${name} has no ${missing[0].table} table: it is not a PostgresSaver schema (name the schema with --schema)`;
  }
  const tableOf = (table: string) => TABLES.find((t) => t.table === table)!;
  const where = `type = $1 AND blob IS NOT NULL`;
  return {
    name,
    tables: TABLES,
    async pending() {
      const counts: Record<string, number> = {};
      for (const { table } of TABLES) {
        const result = await client.query(`SELECT count(*)::int AS n FROM ${quoted(schema)}.${table} WHERE ${where}`, [FROM_TYPE[to]]);
        counts[table] = result.rows[0].n;
      }
      return counts;
    },
    async batch(table, after, limit) {
      const { key, keyTypes } = tableOf(table);
      const columns = key.join(", ");
      const afterKey = after as unknown[] | undefined;
      const resume = afterKey === undefined ? "" : ` AND (${columns}) > (${key.map((_, i) => `$${i + 3}`).join(", ")})`;
      await client.query("BEGIN");
      try {
        const { rows } = await client.query(
          `SELECT ${columns}, blob FROM ${quoted(schema)}.${table} WHERE ${where}${resume} ORDER BY ${columns} LIMIT $2 FOR UPDATE`,
          [FROM_TYPE[to], limit, ...(afterKey ?? [])],
        );
        const updates: Array<[any, Uint8Array]> = [];
        let kept = 0;
        for (const row of rows) {
          let value: Uint8Array | null;
          try {
            value = addon.msgpackConvertValue(row.blob, to);
          } catch (error) {
            throw new Error(`${table} ${key.map((column) => row[column]).join(" ")}: ${(error as Error).message}`);
          }
          if (value === null) kept += 1;
          else updates.push([row, value]);
        }
        if (updates.length > 0) {
          const arrays = key.map((column, i) => `$${i + 2}::${keyTypes[i]}[]`).join(", ");
          await client.query(
            `UPDATE ${quoted(schema)}.${table} AS t SET type = $1, blob = u.blob FROM unnest(${arrays}, $${key.length + 2}::bytea[]) AS u(${columns}, blob) ` +
              `WHERE ${key.map((column) => `t.${column} = u.${column}`).join(" AND ")}`,
            [to, ...key.map((column) => updates.map(([row]) => row[column])), updates.map(([, value]) => value)],
          );
        }
        await client.query("COMMIT");
        const last = rows[rows.length - 1];
        return { converted: updates.length, kept, after: last === undefined ? undefined : key.map((column) => last[column]), done: rows.length === 0 };
      } catch (error) {
        await client.query("ROLLBACK").catch(() => {});
        throw error;
      }
    },
    closingLines() {
      const lines = ["checkpoints and their metadata are jsonb columns in PostgreSQL, JSON in either format"];
      if (to === "json") lines.push("the stock LangGraph PostgresSaver (no shim) reads this schema again");
      return lines;
    },
    close: () => client.end(),
  };
}
