// The pieces of the host's checkpoint contract our savers reproduce exactly: the MemorySaver key
// guards and their messages, the special write indexes, `copyCheckpoint`, channel versions.
// Copied rather than imported so that each patched copy of the host uses the same rules.

/** `TASKS` in @langchain/langgraph-checkpoint: the channel of pending `Send`s. */
export const TASKS = "__pregel_tasks";

/** `WRITES_IDX_MAP`: special channels are stored under fixed negative indexes. */
export const WRITES_IDX_MAP: Readonly<Record<string, number>> = Object.freeze(
  Object.assign(Object.create(null), { __error__: -1, __scheduled__: -2, __interrupt__: -3, __resume__: -4 }),
);

const POLLUTION_KEYS = new Set(["__proto__", "constructor", "prototype"]);

/** The host MemorySaver's `assertSafeStorageKey`, same checks and same messages. */
export function assertSafeStorageKey(field: string, value: unknown, options: { allowEmpty?: boolean } = {}): asserts value is string {
  const { allowEmpty = false } = options;
  if (typeof value !== "string") {
    const observed =
      value === null ? "null" : value === undefined ? "undefined" : Array.isArray(value) ? "array" : typeof value;
    throw new Error(
      `Invalid configurable value for key "${field}": expected a string identifier (got ${observed}). This guard protects MemorySaver from prototype pollution.`,
    );
  }
  if (!allowEmpty && value === "")
    throw new Error(`Invalid configurable value for key "${field}": empty string is not permitted as an in-memory storage key.`);
  if (POLLUTION_KEYS.has(value))
    throw new Error(
      `Invalid configurable value for key "${field}": value "${value}" is reserved (would mutate Object.prototype). This guard protects MemorySaver from prototype pollution.`,
    );
}

export const PUT_WITHOUT_THREAD =
  'Failed to put checkpoint. The passed RunnableConfig is missing a required "thread_id" field in its "configurable" property. When using a checkpointer, you must pass a "thread_id" so the checkpointer knows which conversation thread to persist state for. Example: graph.stream(input, { configurable: { thread_id: "my-thread-id" } })';
export const PUT_WRITES_WITHOUT_THREAD =
  'Failed to put writes. The passed RunnableConfig is missing a required "thread_id" field in its "configurable" property. When using a checkpointer, you must pass a "thread_id" so the checkpointer knows which conversation thread to persist state for. Example: graph.stream(input, { configurable: { thread_id: "my-thread-id" } })';
export const PUT_WRITES_WITHOUT_CHECKPOINT =
  'Failed to put writes. The passed RunnableConfig is missing a required "checkpoint_id" field in its "configurable" property.';

function deepCopy(value: any): any {
  if (typeof value !== "object" || value === null) return value;
  const copy: any = Array.isArray(value) ? [] : {};
  for (const key in value) if (Object.prototype.hasOwnProperty.call(value, key)) copy[key] = deepCopy(value[key]);
  return copy;
}

/** The host's `copyCheckpoint`: the six fields a checkpoint has, values shallow, versions_seen deep. */
export function copyCheckpoint(checkpoint: any): any {
  return {
    v: checkpoint.v,
    id: checkpoint.id,
    ts: checkpoint.ts,
    channel_values: { ...(checkpoint.channel_values ?? {}) },
    channel_versions: { ...(checkpoint.channel_versions ?? {}) },
    versions_seen: deepCopy(checkpoint.versions_seen ?? {}),
  };
}

/** The host's `getCheckpointId`. */
export function getCheckpointId(config: any): string {
  return config.configurable?.checkpoint_id || config.configurable?.thread_ts || "";
}

function compareChannelVersions(a: unknown, b: unknown): number {
  if (typeof a === "number" && typeof b === "number") return Math.sign(a - b);
  return String(a).localeCompare(String(b));
}

export function maxChannelVersion(...versions: unknown[]): unknown {
  return versions.reduce((max, version, idx) => (idx === 0 ? version : compareChannelVersions(max, version) >= 0 ? max : version));
}

/** The store key of a channel version: `1` and `"1"` stay distinct. */
export function versionKey(version: unknown): string {
  return JSON.stringify(version) ?? "undefined";
}

/**
 * How many items `list({ limit })` yields, as the host's `limit <= 0` / `limit -= 1` loop does:
 * undefined or NaN means no bound; 2.5 yields 3.
 */
export function effectiveLimit(limit: unknown): number | undefined {
  if (limit === undefined) return undefined;
  const value = Number(limit);
  if (Number.isNaN(value) || value === Infinity) return undefined;
  return Math.max(0, Math.ceil(value));
}
