// One pino logger for the whole shim, on stderr, so the app's stdout stays the app's. pino (about
// 30 modules) is loaded at the first line actually written: an app that logs nothing at the
// chosen level never pays for it at start-up.
import type pino from "pino";
import type { LogLevel } from "../config";

type LineLevel = "error" | "warn" | "info" | "debug";

/** The subset of pino's logger the shim writes through: (fields?, message). */
export interface Logger {
  readonly level: LogLevel;
  error(...line: LogLine): void;
  warn(...line: LogLine): void;
  info(...line: LogLine): void;
  debug(...line: LogLine): void;
}

type LogLine = [message: string] | [fields: Record<string, unknown>, message: string];

/** pino's numeric levels: a line is written when its level is at least the logger's. */
const SEVERITY: Record<LogLevel, number> = { trace: 10, debug: 20, info: 30, warn: 40, error: 50, fatal: 60, silent: Infinity };

export function createLogger(level: LogLevel): Logger {
  let sink: pino.Logger | undefined;
  const write = (lineLevel: LineLevel) => (...line: LogLine) => {
    if (SEVERITY[lineLevel] < SEVERITY[level]) return;
    if (sink === undefined) {
      const pinoFactory = require("pino") as typeof pino;
      // sync: a fallback line written just before the process exits must not be lost.
      sink = pinoFactory({ name: "langgraph-native", level }, pinoFactory.destination({ dest: 2, sync: true }));
    }
    (sink[lineLevel] as (...args: unknown[]) => void)(...line);
  };
  return { level, error: write("error"), warn: write("warn"), info: write("info"), debug: write("debug") };
}
