// `langgraph-native convert --to json|msgpack <sqlite file | postgres URL>`: rewrites every stored
// value of a SqliteSaver file (checkpoints and writes) or a PostgresSaver schema (blobs and
// writes) into one format, in place. Each batch of rows is one transaction and rows already in the
// target format are skipped, so a killed run is resumed by running it again. `--to json` is the
// way back to data the stock host (no shim) reads.
import { readConfig, SERDE_FORMATS } from "../config";
import { loadAddon } from "./addon";
import { isPostgresUrl, postgresTarget } from "./convert-postgres";
import { sqliteTarget } from "./convert-sqlite";
import type { ConvertTarget } from "./convert-target";

const USAGE = "usage: langgraph-native convert --to json|msgpack [--batch N] <sqlite file | postgresql://... [--schema S]>";
const DEFAULT_BATCH = 500;

interface ConvertArgs {
  to: string;
  target: string;
  batch: number;
  /** The PostgresSaver schema ("public", as the host's default). */
  schema: string;
}

function parseArgs(args: string[]): ConvertArgs | string {
  let to: string | undefined;
  let batch = DEFAULT_BATCH;
  let schema: string | undefined;
  const files: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const [flag, inline] = arg.startsWith("--") && arg.includes("=") ? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)] : [arg, undefined];
    if (flag === "--to" || flag === "--batch" || flag === "--schema") {
      const value = inline ?? args[++i];
      if (value === undefined) return `${flag} needs a value`;
      if (flag === "--to") to = value;
      else if (flag === "--schema") schema = value;
      else batch = Number(value);
    } else if (arg.startsWith("-")) {
      return `unknown option ${arg}`;
    } else {
      files.push(arg);
    }
  }
  if (to === undefined || !(SERDE_FORMATS as readonly string[]).includes(to)) return `--to must be one of: ${SERDE_FORMATS.join(", ")}`;
  if (!Number.isSafeInteger(batch) || batch <= 0) return "--batch must be a whole number greater than 0";
  if (files.length !== 1) return "name exactly one SQLite file or PostgreSQL connection string";
  if (schema !== undefined && !isPostgresUrl(files[0])) return "--schema is for a PostgreSQL database";
  if (schema === "") return "--schema needs a name";
  return { to, target: files[0], batch, schema: schema ?? "public" };
}

/** One progress line, rewritten in place on a terminal, printed every ~10% otherwise. */
function progressReporter(total: number): (done: number) => void {
  const tty = process.stderr.isTTY === true;
  let lastTenth = -1;
  return (done) => {
    const percent = total === 0 ? 100 : Math.floor((done / total) * 100);
    const width = 30;
    const filled = Math.round((percent / 100) * width);
    const line = `converting [${"#".repeat(filled)}${"-".repeat(width - filled)}] ${done}/${total} rows (${percent}%)`;
    if (tty) {
      process.stderr.write(`\r${line}`);
      if (done === total) process.stderr.write("\n");
    } else if (Math.floor(percent / 10) !== lastTenth || done === total) {
      lastTenth = Math.floor(percent / 10);
      process.stderr.write(`${line}\n`);
    }
  };
}

export async function convertCommand(args: string[]): Promise<number> {
  const parsed = parseArgs(args);
  if (typeof parsed === "string") {
    process.stderr.write(`langgraph-native convert: ${parsed}\n${USAGE}\n`);
    return 2;
  }
  const loaded = loadAddon(readConfig().addonPath);
  if (!loaded.loaded) {
    process.stderr.write(`langgraph-native convert: the native addon is needed: ${loaded.error}\n`);
    return 1;
  }
  const { to, target: where, batch, schema } = parsed;
  let target: ConvertTarget | string;
  try {
    target = isPostgresUrl(where) ? await postgresTarget(loaded.addon!, where, schema, to) : sqliteTarget(loaded.addon!, where, to);
  } catch (error) {
    target = (error as Error).message;
  }
  if (typeof target === "string") {
    process.stderr.write(`langgraph-native convert: ${target}\n`);
    return 1;
  }
  try {
    process.stdout.write(`${(await convertAll(target, to, batch)).join("\n")}\n`);
    return 0;
  } catch (error) {
    // The message names the table, the row and what is wrong with it; committed batches stay.
    process.stderr.write(`\n${(error as Error).message}\nrows converted before this stay converted; run the command again once it is fixed\n`);
    return 1;
  } finally {
    await target.close().catch(() => {});
  }
}

/** Converts every table batch by batch with a progress line; returns the summary's lines. */
async function convertAll(target: ConvertTarget, to: string, batch: number): Promise<string[]> {
  const started = Date.now();
  const pending = await target.pending();
  const total = target.tables.reduce((sum, { table }) => sum + pending[table], 0);
  const report = progressReporter(total);
  const converted: Record<string, number> = {};
  let kept = 0;
  let done = 0;
  report(0);
  for (const { table } of target.tables) {
    converted[table] = 0;
    let after: unknown;
    for (;;) {
      const step = await target.batch(table, after, batch);
      if (step.done) break;
      converted[table] += step.converted;
      kept += step.kept;
      done += step.converted + step.kept;
      after = step.after;
      report(Math.min(done, total));
    }
  }
  if (done < total) report(total);
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const counts = target.tables.map(({ table, plural }) => `${converted[table]} ${plural}`).join(" and ");
  const lines = [`converted ${counts} of ${target.name} to ${to} in ${seconds} s`];
  if (total === 0) lines[0] = `${target.name}: every ${target.tables.map(({ singular }) => singular).join(" and ")} is already ${to}; nothing to do`;
  if (kept > 0) lines.push(`kept ${kept} rows as json: their values nest deeper than msgpack is written for (every reader takes both)`);
  lines.push(...target.closingLines());
  if (to === "msgpack") lines.push("read it under the shim (LANGGRAPH_NATIVE_SERDE=on); `convert --to json` turns it back");
  return lines;
}
