// The LangChain message classes of one @langchain/core copy, with what the generic
// Serializable.toJSON() and load() compute for them, computed once per class instead of per message.

/** Message classes the fast paths know; everything else goes through the host's generic code. */
export const MESSAGE_CLASS_NAMES = [
  "HumanMessage",
  "HumanMessageChunk",
  "AIMessage",
  "AIMessageChunk",
  "ToolMessage",
  "ToolMessageChunk",
  "SystemMessage",
  "SystemMessageChunk",
  "ChatMessage",
  "ChatMessageChunk",
  "FunctionMessage",
  "FunctionMessageChunk",
  "RemoveMessage",
] as const;

export type MessageConstructor = new (fields: Record<string, unknown>) => object;

export interface MessageClassInfo {
  cls: MessageConstructor;
  /** The toJSON the fast path stands in for; a patched one sends messages to the generic path. */
  toJSON: unknown;
  /** The last element of the class's lc_id, as get_lc_unique_name computes it. */
  uniqueName: string;
  /** toJSON's key map (field name -> JSON key), merged along the prototype chain as toJSON does. */
  aliases: ReadonlyMap<string, string>;
  /** load()'s key map (JSON key -> field name), as combineAliasesAndInvert computes it. */
  inverseAliases: ReadonlyMap<string, string>;
  /** Field name -> JSON key as toJSON maps it, memoized; null: a key the host's maps mishandle. */
  jsonKeys: Map<string, string | null>;
  /** JSON key -> field name as load() maps it, memoized; null as above. */
  fieldKeys: Map<string, string | null>;
}

const KEY_MEMO_LIMIT = 256;

/** toJSON's mapKeys(keyToJson, aliases) for one key; null for keys found on Object.prototype. */
export function jsonKeyOf(info: MessageClassInfo, key: string): string | null {
  let mapped = info.jsonKeys.get(key);
  if (mapped === undefined) {
    mapped = isPrototypeKey(key) ? null : info.aliases.get(key) || snakeCase(key);
    if (info.jsonKeys.size < KEY_MEMO_LIMIT) info.jsonKeys.set(key, mapped);
  }
  return mapped;
}

/** load()'s mapKeys(keyFromJson, inverse aliases) for one key; null for keys on Object.prototype. */
export function fieldKeyOf(info: MessageClassInfo, key: string): string | null {
  let mapped = info.fieldKeys.get(key);
  if (mapped === undefined) {
    mapped = isPrototypeKey(key) ? null : info.inverseAliases.get(key) || camelCase(key);
    if (info.fieldKeys.size < KEY_MEMO_LIMIT) info.fieldKeys.set(key, mapped);
  }
  return mapped;
}

export interface MessageCatalog {
  byPrototype: ReadonlyMap<object, MessageClassInfo>;
  /** Keyed by the name in ["langchain_core", "messages", name], the ids load() resolves directly. */
  byName: ReadonlyMap<string, MessageClassInfo>;
}

/** Builds the catalog from `@langchain/core/messages` exports; classes that do not fit are left out. */
export function buildMessageCatalog(messagesModule: Record<string, unknown>): MessageCatalog {
  const byPrototype = new Map<object, MessageClassInfo>();
  const byName = new Map<string, MessageClassInfo>();
  for (const name of MESSAGE_CLASS_NAMES) {
    const cls = messagesModule[name];
    if (typeof cls !== "function") continue;
    const info = describeClass(cls as MessageConstructor);
    // load() looks the class up by export name; toJSON writes the unique name: both must agree.
    if (info === undefined || info.uniqueName !== name) continue;
    byPrototype.set(info.cls.prototype, info);
    byName.set(name, info);
  }
  return { byPrototype, byName };
}

function describeClass(cls: MessageConstructor): MessageClassInfo | undefined {
  // An instance shell without running the constructor: the getters read no instance state.
  const receiver = Object.create(cls.prototype) as object;
  const aliases: Record<string, string> = {};
  const secrets: Record<string, string> = {};
  const attributes: Record<string, unknown> = {};
  for (let current = Object.getPrototypeOf(receiver); current; current = Object.getPrototypeOf(current)) {
    Object.assign(aliases, Reflect.get(current, "lc_aliases", receiver));
    Object.assign(secrets, Reflect.get(current, "lc_secrets", receiver));
    Object.assign(attributes, Reflect.get(current, "lc_attributes", receiver));
  }
  // Secrets and extra attributes change toJSON's output: such classes keep the generic path.
  if (Object.keys(secrets).length > 0 || Object.keys(attributes).length > 0) return undefined;
  const loadAliases: Record<string, string> = {};
  for (let current: any = cls; current && current.prototype; current = Object.getPrototypeOf(current)) {
    Object.assign(loadAliases, Reflect.get(current.prototype, "lc_aliases"));
  }
  const inverse = new Map<string, string>();
  for (const [key, value] of Object.entries(loadAliases)) inverse.set(value, key);
  return {
    cls,
    toJSON: (cls.prototype as { toJSON?: unknown }).toJSON,
    uniqueName: uniqueNameOf(cls),
    aliases: new Map(Object.entries(aliases).filter(([, value]) => typeof value === "string")),
    inverseAliases: inverse,
    jsonKeys: new Map(),
    fieldKeys: new Map(),
  };
}

/** get_lc_unique_name from @langchain/core/load/serializable. */
function uniqueNameOf(cls: any): string {
  const parent = Object.getPrototypeOf(cls);
  if (typeof cls.lc_name === "function" && (typeof parent.lc_name !== "function" || cls.lc_name() !== parent.lc_name())) {
    return cls.lc_name();
  }
  return cls.name;
}

// Key conversions copied from @langchain/core/load/map_keys, memoized (keys repeat in every message).
const UPPER_TO_WORD_BOUNDARY = /([A-Z]+)([A-Z][a-z0-9]+)/g;
const LOWER_TO_UPPER_BOUNDARY = /([a-z0-9])([A-Z])/g;
const SEPARATORS = /[-_\s]+/g;
const MEMO_LIMIT = 4096;
const snakeMemo = new Map<string, string>();
const camelMemo = new Map<string, string>();

export function snakeCase(key: string): string {
  let out = snakeMemo.get(key);
  if (out === undefined) {
    out = key.replace(UPPER_TO_WORD_BOUNDARY, "$1_$2").replace(LOWER_TO_UPPER_BOUNDARY, "$1_$2").replace(SEPARATORS, "_").toLowerCase();
    if (snakeMemo.size < MEMO_LIMIT) snakeMemo.set(key, out);
  }
  return out;
}

export function camelCase(key: string): string {
  let out = camelMemo.get(key);
  if (out === undefined) {
    const trimmed = key.trim();
    out = !/[-_\s]/.test(trimmed)
      ? trimmed
      : trimmed.replace(SEPARATORS, "_").toLowerCase().replace(/_+([a-z0-9])/g, (_, char: string) => char.toUpperCase());
    if (camelMemo.size < MEMO_LIMIT) camelMemo.set(key, out);
  }
  return out;
}

/** Keys that a plain `{}` lookup would find on Object.prototype: the host's maps misbehave on them. */
export function isPrototypeKey(key: string): boolean {
  return key in Object.prototype;
}
