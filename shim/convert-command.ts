// `langgraph-native convert --to json|msgpack <sqlite file>`: rewrites every checkpoint and write of
// a SqliteSaver file into one format, in place. Each batch of rows is one transaction and rows
// already in the target format are skipped, so a killed run is resumed by running it again.
// `--to json` is the way back to a file the stock host (no shim) reads.
import fs from "node:fs";
import { readConfig, SERDE_FORMATS } from "../config";
import { loadAddon } from "./addon";

const USAGE = "usage: langgraph-native convert --to json|msgpack [--batch N] <sqlite file>";
const DEFAULT_BATCH = 500;
const TABLES = ["checkpoints", "writes"] as const;

interface ConvertArgs {
  to: string;
  file: string;
  batch: number;
}

function parseArgs(args: string[]): ConvertArgs | string {
  let to: string | undefined;
  let batch = DEFAULT_BATCH;
  const files: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const [flag, inline] = arg.startsWith("--") && arg.includes("=") ? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)] : [arg, undefined];
    if (flag === "--to" || flag === "--batch") {
      const value = inline ?? args[++i];
      if (value === undefined) return `${flag} needs a value`;
      if (flag === "--to") to = value;
      else batch = Number(value);
    } else if (arg.startsWith("-")) {
      return `unknown option ${arg}`;
    } else {
      files.push(arg);
    }
  }
  if (to === undefined || !(SERDE_FORMATS as readonly string[]).includes(to)) return `--to must be one of: ${SERDE_FORMATS.join(", ")}`;
  if (!Number.isSafeInteger(batch) || batch <= 0) return "--batch must be a whole number greater than 0";
  if (files.length !== 1) return "name exactly one SQLite file (a PostgreSQL database is not converted yet)";
  return { to, file: files[0], batch };
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
  try {
    return convertFile(args);
  } catch (error) {
    // The addon names the file, the row and what is wrong with it; committed batches stay.
    process.stderr.write(`\n${(error as Error).message}\nrows converted before this stay converted; run the command again once it is fixed\n`);
    return 1;
  }
}

function convertFile(args: string[]): number {
  const parsed = parseArgs(args);
  if (typeof parsed === "string") {
    process.stderr.write(`langgraph-native convert: ${parsed}\n${USAGE}\n`);
    return 2;
  }
  const { to, file, batch } = parsed;
  if (!fs.existsSync(file)) {
    process.stderr.write(`langgraph-native convert: ${file} does not exist\n`);
    return 1;
  }
  const loaded = loadAddon(readConfig().addonPath);
  if (!loaded.loaded) {
    process.stderr.write(`langgraph-native convert: the native addon is needed: ${loaded.error}\n`);
    return 1;
  }
  const addon = loaded.addon!;
  const started = Date.now();
  const sizeBefore = fs.statSync(file).size;
  const pending = addon.sqliteConvertPending(file, to);
  const total = pending.checkpoints + pending.writes;
  const report = progressReporter(total);
  const converted: Record<string, number> = { checkpoints: 0, writes: 0 };
  let kept = 0;
  let done = 0;
  report(0);
  for (const table of TABLES) {
    let after = 0;
    for (;;) {
      const step = addon.sqliteConvertBatch(file, table, to, after, batch);
      if (step.done) break;
      converted[table] += step.converted;
      kept += step.kept;
      done += step.converted + step.kept;
      after = step.lastRowid;
      report(Math.min(done, total));
    }
  }
  if (done < total) report(total);
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const lines = [
    `converted ${converted.checkpoints} checkpoints and ${converted.writes} writes of ${file} to ${to} in ${seconds} s`,
  ];
  if (total === 0) lines[0] = `${file}: every checkpoint and write is already ${to}; nothing to do`;
  if (kept > 0) lines.push(`kept ${kept} rows as json: their values nest deeper than msgpack is written for (every reader takes both)`);
  lines.push(`file size ${sizeBefore} -> ${fs.statSync(file).size} bytes (SQLite reuses freed pages; VACUUM returns them to the disk)`);
  if (to === "json") lines.push("the stock LangGraph SqliteSaver (no shim) reads this file again");
  else lines.push("read it under the shim (LANGGRAPH_NATIVE_SERDE=on); `convert --to json` turns it back");
  process.stdout.write(`${lines.join("\n")}\n`);
  return 0;
}
