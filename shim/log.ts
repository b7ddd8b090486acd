// One pino logger for the whole shim, on stderr, so the app's stdout stays the app's.
import pino from "pino";
import type { LogLevel } from "../config";

export type Logger = pino.Logger;

export function createLogger(level: LogLevel): Logger {
  // sync: a fallback line written just before the process exits must not be lost.
  return pino({ name: "langgraph-native", level }, pino.destination({ dest: 2, sync: true }));
}
