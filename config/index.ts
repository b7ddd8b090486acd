// Reads the LANGGRAPH_NATIVE_* variables once into one frozen object. An invalid value never
// throws here: it is recorded as a warning (named variable, allowed values) and the default stays;
// the shim logs the warnings and, under STRICT, turns them into an error.

export const COMPONENTS = ["serde", "memory", "tasks", "tools"] as const;
export type ComponentName = (typeof COMPONENTS)[number];

export const LOG_LEVELS = ["silent", "fatal", "error", "warn", "info", "debug", "trace"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export const SERDE_FORMATS = ["json", "msgpack"] as const;
export type SerdeFormat = (typeof SERDE_FORMATS)[number];

/** Knobs of the tool executor (LANGGRAPH_NATIVE_TOOLS_*); unset means the host's behaviour. */
export interface ToolsConfig {
  /** LANGGRAPH_NATIVE_TOOLS_CONCURRENCY: most tool calls of one message in flight at once. */
  readonly concurrency: number | undefined;
  /** LANGGRAPH_NATIVE_TOOLS_TIMEOUT_MS: a tool call running longer is aborted and answered with an error. */
  readonly timeoutMs: number | undefined;
  /** LANGGRAPH_NATIVE_TOOLS_MAX_DEPTH: most tool calls nested inside each other (tools running graphs). */
  readonly maxDepth: number | undefined;
}

export interface Config {
  /** LANGGRAPH_NATIVE: the master switch. */
  readonly enabled: boolean;
  /** LANGGRAPH_NATIVE_<COMPONENT>: each component's own switch (the master switch applies on top). */
  readonly components: Readonly<Record<ComponentName, boolean>>;
  readonly logLevel: LogLevel;
  /** LANGGRAPH_NATIVE_STRICT=1: a fallback throws instead of degrading (for CI). */
  readonly strict: boolean;
  /** LANGGRAPH_NATIVE_ADDON: load the native addon from this file instead of the bundled one. */
  readonly addonPath: string | undefined;
  /**
   * LANGGRAPH_NATIVE_MEMORY_SQLITE_SYNC: the native SqliteSaver's PRAGMA synchronous. "normal" is
   * the host's (better-sqlite3 builds SQLite with WAL synchronous=NORMAL): a killed process loses
   * nothing committed. "full" also survives a power cut, at one fsync per commit.
   */
  readonly memorySqliteSync: "full" | "normal";
  /**
   * LANGGRAPH_NATIVE_MEMORY_STORE_INT8: the native store's int8 copy of its vectors, read first by
   * large searches (results stay exact). "off" saves a quarter of the vector memory (1 byte per
   * dimension per vector) and makes searches over 1M+ floats read every f32 row instead.
   */
  readonly memoryStoreInt8: "on" | "off";
  /**
   * LANGGRAPH_NATIVE_SERDE_FORMAT: what the native serializer writes. "json" is the host's format;
   * "msgpack" (smaller) is read only under the shim, so `langgraph-native convert --to json` turns
   * a file back before the shim is switched off. Both are always read.
   */
  readonly serdeFormat: SerdeFormat;
  readonly tools: ToolsConfig;
  /** One line per invalid variable, already phrased for the user. */
  readonly warnings: readonly string[];
}

export type Env = Record<string, string | undefined>;

/** Reads an enumerated variable; an unset or empty one is the default. */
export function readChoice<T extends string>(
  env: Env,
  name: string,
  allowed: readonly T[],
  fallback: T,
  warnings: string[],
): T {
  const raw = env[name];
  if (raw === undefined || raw.trim() === "") return fallback;
  const value = raw.trim().toLowerCase();
  if ((allowed as readonly string[]).includes(value)) return value as T;
  warnings.push(
    `${name}=${JSON.stringify(raw)} is not valid; allowed values: ${allowed.join(", ")}. Using ${JSON.stringify(fallback)}.`,
  );
  return fallback;
}

/** Reads a positive whole number; unset means "no bound". For component knobs. */
export function readPositiveInt(env: Env, name: string, warnings: string[]): number | undefined {
  const raw = env[name];
  if (raw === undefined || raw.trim() === "") return undefined;
  const value = Number(raw.trim());
  if (Number.isSafeInteger(value) && value > 0) return value;
  warnings.push(
    `${name}=${JSON.stringify(raw)} is not valid; allowed values: a whole number greater than 0. Leaving it unset.`,
  );
  return undefined;
}

const SWITCH = ["on", "off"] as const;

/** The spellings of a switch people write in environments, beside on/off. */
const SWITCH_SPELLINGS: Readonly<Record<string, boolean>> = {
  on: true, off: false, "1": true, "0": false, true: true, false: false, yes: true, no: false,
};

/** Reads an on/off switch in any usual spelling; an unset or empty one is the default. */
export function readSwitch(env: Env, name: string, fallback: boolean, warnings: string[]): boolean {
  const raw = env[name];
  if (raw === undefined || raw.trim() === "") return fallback;
  const value = SWITCH_SPELLINGS[raw.trim().toLowerCase()];
  if (value !== undefined) return value;
  warnings.push(
    `${name}=${JSON.stringify(raw)} is not valid; allowed values: on, off (or 1/0, true/false, yes/no). Using "${fallback ? "on" : "off"}".`,
  );
  return fallback;
}

export function readConfig(env: Env = process.env): Config {
  const warnings: string[] = [];
  const enabled = readSwitch(env, "LANGGRAPH_NATIVE", true, warnings);
  const components = {} as Record<ComponentName, boolean>;
  for (const name of COMPONENTS) {
    const variable = `LANGGRAPH_NATIVE_${name.toUpperCase()}`;
    components[name] = readSwitch(env, variable, true, warnings);
  }
  const strict = readSwitch(env, "LANGGRAPH_NATIVE_STRICT", false, warnings);
  const addon = env.LANGGRAPH_NATIVE_ADDON?.trim();
  return Object.freeze({
    enabled,
    components: Object.freeze(components),
    logLevel: readChoice(env, "LANGGRAPH_NATIVE_LOG", LOG_LEVELS, "warn", warnings),
    strict,
    addonPath: addon ? addon : undefined,
    memorySqliteSync: readChoice(env, "LANGGRAPH_NATIVE_MEMORY_SQLITE_SYNC", ["normal", "full"] as const, "normal", warnings),
    memoryStoreInt8: readSwitch(env, "LANGGRAPH_NATIVE_MEMORY_STORE_INT8", true, warnings) ? "on" : "off",
    serdeFormat: readChoice(env, "LANGGRAPH_NATIVE_SERDE_FORMAT", SERDE_FORMATS, "json", warnings),
    tools: Object.freeze({
      concurrency: readPositiveInt(env, "LANGGRAPH_NATIVE_TOOLS_CONCURRENCY", warnings),
      timeoutMs: readPositiveInt(env, "LANGGRAPH_NATIVE_TOOLS_TIMEOUT_MS", warnings),
      maxDepth: readPositiveInt(env, "LANGGRAPH_NATIVE_TOOLS_MAX_DEPTH", warnings),
    }),
    warnings: Object.freeze(warnings),
  });
}

/** Whether a component should be swapped in, by configuration alone. */
export function isRequested(config: Config, component: ComponentName): boolean {
  return config.enabled && config.components[component];
}
