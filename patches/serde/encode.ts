// Dumps without a per-value replacer: one walk turns a value into the JSON-ready tree that the host's
// `fast-safe-stringify(value, _default)` would serialize, then V8's fast JSON.stringify writes it.
// Anything the walk is not sure about (cycles, unknown classes, custom toJSON) signals FALLBACK and
// the caller runs the host's own _dumps, which is exact by definition.
import { jsonKeyOf, type MessageCatalog, type MessageClassInfo } from "./message-classes";
import type { MessageTexts } from "./message-texts";
import { hasOwn, setOwn } from "../own-properties";

/** Thrown inside the walk: the host's own serializer must handle this value. */
export const FALLBACK: unique symbol = Symbol("langgraph-native.serde.fallback");
/** Thrown inside the walk: the host would write a placeholder string (a BigInt); the caller explains. */
export const UNSERIALIZABLE: unique symbol = Symbol("langgraph-native.serde.unserializable");

export interface EncodeBindings {
  /** Message classes of the core copy the host uses; undefined until known (ESM resolves later). */
  catalog: MessageCatalog | undefined;
  /** The host module's DeltaSnapshot class. */
  DeltaSnapshot: abstract new (...args: any[]) => unknown;
  /** Deepest nesting this walk recurses into; deeper values go to the host's own _dumps. */
  maxDepth: number;
  /** Texts of message records written before, reused while their records stay the same. */
  messageTexts?: MessageTexts;
  /** For encodePieces: MessagePack bytes of message records written before (with messagePiece). */
  messagePieces?: MessageTexts<Uint8Array>;
  /** The bytes kept for a message record's JSON text; undefined for a record that has none. */
  messagePiece?: (recordText: string) => Uint8Array | undefined;
  /** Write a Date as a "Date" constructor record (MessagePack keeps it a Date) instead of the
   * ISO string the host's JSON writes. */
  datesAsRecords?: boolean;
}

/** A message record's text stands in the tree as this string plus its index in `spliced`. The
 * NUL makes JSON.stringify write it escaped, as below; user text holding it too is caught by count.
 * The MessagePack encoder (native/src/msgpack/encode.rs, SPLICE_MARK) reads the same marks. */
const SPLICE_MARK = "\u0000langgraph-native:message#";
const SPLICE_MARK_JSON = JSON.stringify(SPLICE_MARK).slice(0, -1);

/** Whether `text` holds exactly `count` splice marks (more: user data spelled one). */
function hasMarks(text: string, count: number): boolean {
  let found = 0;
  for (let at = text.indexOf(SPLICE_MARK_JSON); at !== -1; at = text.indexOf(SPLICE_MARK_JSON, at + 1)) found++;
  return found === count;
}

/** JSON text whose splice marks stand for `pieces` (the MessagePack encoder copies them there). */
export interface PiecedText {
  text: string;
  pieces: Uint8Array[];
}

/** `text` with every written splice mark replaced by its message text; undefined if the marks
 * found are not exactly the ones placed (user data spelled one). */
function spliceTexts(text: string, spliced: readonly string[]): string | undefined {
  const pieces = text.split(SPLICE_MARK_JSON);
  if (pieces.length !== spliced.length + 1) return undefined;
  let out = pieces[0];
  for (let i = 1; i < pieces.length; i++) {
    const piece = pieces[i];
    const end = piece.indexOf('"');
    out += spliced[Number(piece.slice(0, end))] + piece.slice(end + 1);
  }
  return out;
}

const identity = (text: string): string => text;

const UNDEFINED_RECORD = Object.freeze({ lc: 2, type: "undefined" });
const DATE_TO_JSON = Date.prototype.toJSON;
const OBJECT_PROTOTYPE = Object.prototype;

/** Keys that change how the host serializes a plain object (toJSON, the Send marker, escaping). */
export function hasMarkerKey(keys: string[]): boolean {
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i];
    if (key === "toJSON" || key === "lg_name" || key === "lc" || key === "lc_serializable" || key === "__lc_escaped__" || key === "__proto__") {
      return true;
    }
  }
  return false;
}

/** Whether Object.prototype and Array.prototype carry none of those keys (nobody polluted them),
 * so that a plain object's own keys say everything. */
function prototypesAreClean(): boolean {
  return !(
    "toJSON" in Array.prototype ||
    "lg_name" in OBJECT_PROTOTYPE ||
    "lc" in OBJECT_PROTOTYPE ||
    "lc_serializable" in OBJECT_PROTOTYPE ||
    "__lc_escaped__" in OBJECT_PROTOTYPE
  );
}

function constructorRecord(name: string, method: string | null, args: unknown[]) {
  return { lc: 2, type: "constructor", id: [name], method, args, kwargs: {} };
}

export class TreeEncoder {
  /** Objects on the path from the root: a repeat is a cycle, which the host's decirc handles. */
  private readonly ancestors: object[] = [];
  /** Message texts (or bytes, in encodePieces) placed in the tree as splice marks, in the order placed. */
  private readonly spliced: (string | Uint8Array)[] = [];
  /** Messages being encoded: a message inside another's record is written with that record. */
  private messageDepth = 0;
  /** The texts (or bytes) this write reuses and keeps; undefined when written without them. */
  private texts: MessageTexts<string | Uint8Array> | undefined;
  /** How a kept record is made from its JSON text: itself, or its bytes in encodePieces. */
  private pieceOf: ((recordText: string) => string | Uint8Array | undefined) | undefined;

  constructor(private readonly bindings: EncodeBindings) {}

  /** The JSON text the host's _dumps would produce, or throws FALLBACK / UNSERIALIZABLE. */
  encodeText(value: unknown): string {
    this.begin(value, this.bindings.messageTexts, identity);
    const text = this.stringify(value);
    if (this.spliced.length === 0) return text;
    const joined = spliceTexts(text, this.spliced as string[]);
    if (joined !== undefined) return joined;
    // The data spells a splice mark itself: write it all without reusing texts.
    return this.stringifyAfresh(value);
  }

  /**
   * encodeText's tree (Dates as records, for MessagePack) with each message record kept before as
   * a splice mark for its bytes: the addon's msgpackFromJson(text, pieces) copies them, so a
   * message already written is not encoded again. Throws as encodeText does.
   */
  encodePieces(value: unknown): PiecedText {
    this.begin(value, this.bindings.messagePieces, this.bindings.messagePiece);
    const text = this.stringify(value);
    if (this.spliced.length === 0) return { text, pieces: [] };
    if (hasMarks(text, this.spliced.length)) return { text, pieces: this.spliced.slice() as Uint8Array[] };
    // The data spells a splice mark itself: write it all without pieces.
    return { text: this.stringifyAfresh(value), pieces: [] };
  }

  /** Starts a walk that keeps message texts in `texts` (none without `pieceOf`); FALLBACK where the host's code must write. */
  private begin(
    value: unknown,
    texts: MessageTexts<string> | MessageTexts<Uint8Array> | undefined,
    pieceOf: ((recordText: string) => string | Uint8Array | undefined) | undefined,
  ): void {
    if (typeof value === "function" || typeof value === "symbol") throw FALLBACK;
    this.ancestors.length = 0;
    // Someone added such keys to Object.prototype: the host's own code handles that world exactly.
    // Otherwise plain objects and arrays can be judged by their own keys alone.
    if (!prototypesAreClean()) throw FALLBACK;
    this.texts = pieceOf === undefined ? undefined : (texts as MessageTexts<string | Uint8Array> | undefined);
    this.pieceOf = pieceOf;
    this.spliced.length = 0;
    this.messageDepth = 0;
  }

  /** The walk's JSON text. Out of stack: the host's serializer decides (it writes or fails; we then explain). */
  private stringify(value: unknown): string {
    try {
      return JSON.stringify(this.encode(value));
    } catch (error) {
      if (error instanceof RangeError) throw FALLBACK;
      throw error;
    }
  }

  /** The walk again, reusing no kept text: for data that spells a splice mark itself. */
  private stringifyAfresh(value: unknown): string {
    this.texts = undefined;
    this.spliced.length = 0;
    this.ancestors.length = 0;
    return this.stringify(value);
  }

  /** Lets go of what the last walk held (its path, message texts), so a kept encoder keeps no data alive. */
  release(): void {
    this.ancestors.length = 0;
    this.spliced.length = 0;
    this.texts = undefined;
    this.pieceOf = undefined;
  }

  /** Normal mode: what JSON.stringify(value, _default) sees after toJSON and the replacer. */
  private encode(value: unknown): unknown {
    switch (typeof value) {
      case "string":
      case "number":
      case "boolean":
      case "symbol":
        return value;
      case "undefined":
        return UNDEFINED_RECORD;
      case "bigint":
        if (typeof (BigInt.prototype as any).toJSON === "function") throw FALLBACK;
        throw UNSERIALIZABLE;
      case "function":
        if (typeof (value as any).toJSON === "function") throw FALLBACK;
        return value;
    }
    if (value === null) return null;
    return this.encodeObject(value as Record<string, any>);
  }

  private enter(object: object): void {
    const ancestors = this.ancestors;
    if (ancestors.length >= this.bindings.maxDepth) throw FALLBACK;
    for (let i = ancestors.length - 1; i >= 0; i--) if (ancestors[i] === object) throw FALLBACK;
    ancestors.push(object);
  }

  private encodeObject(object: Record<string, any>): unknown {
    // The common case first, without prototype-chain lookups.
    const proto = Object.getPrototypeOf(object);
    if (proto === OBJECT_PROTOTYPE) {
      const keys = Object.keys(object);
      if (!hasMarkerKey(keys)) return this.copyPlain(object, keys, false);
    } else if (proto === Array.prototype && Array.isArray(object) && !hasOwn.call(object, "toJSON")) {
      return this.encodeArray(object);
    }
    if (typeof object.toJSON === "function") return this.encodeWithToJSON(object);
    if (Array.isArray(object)) return this.encodeArray(object);
    if (proto === OBJECT_PROTOTYPE || proto === null) {
      if (object.lg_name === "Send") return this.encodeSend(object, object);
      return this.copyPlain(object, Object.keys(object), false);
    }
    return this.encodeInstance(object);
  }

  /**
   * A plain object whose keys hold no marker, in normal mode (`encode`) or inside a message's kwargs
   * (`escape`, core's escapeIfNeeded): the copy is made only when a value changes. One method for
   * both: apart, they measured ~2% faster on first writes of 99-message checkpoints (0.233-0.237 vs
   * 0.236-0.242 ms, A/B x3), inside noise of the paths around them.
   */
  private copyPlain(object: Record<string, any>, keys: string[], escaping: boolean): Record<string, unknown> {
    this.enter(object);
    let out: Record<string, unknown> | undefined;
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i];
      const value = object[key];
      const copied = typeof value === "object" || typeof value === "undefined" || typeof value === "bigint" || typeof value === "function"
        ? escaping ? this.escape(value) : this.encode(value)
        : value;
      if (out !== undefined) setOwn(out, key, copied);
      else if (copied !== value) {
        out = {};
        for (let j = 0; j < i; j++) setOwn(out, keys[j], object[keys[j]]);
        setOwn(out, key, copied);
      }
    }
    this.ancestors.pop();
    return out ?? object;
  }

  private encodeArray(array: unknown[]): unknown[] {
    this.enter(array);
    let out: unknown[] | undefined;
    for (let i = 0; i < array.length; i++) {
      const value = array[i];
      const encoded = typeof value === "object" || typeof value === "undefined" || typeof value === "bigint" || typeof value === "function"
        ? this.encode(value)
        : value;
      if (out !== undefined) out[i] = encoded;
      else if (encoded !== value) {
        out = Array.prototype.slice.call(array, 0, i);
        out[i] = encoded;
      }
    }
    this.ancestors.pop();
    return out ?? array;
  }

  /** _default's record for a Send: {node, args[, timeout]}, whose fields are serialized in turn. */
  private encodeSend(origin: object, send: Record<string, any>): Record<string, unknown> {
    this.enter(origin);
    const out: Record<string, unknown> = { node: this.encode(send.node), args: this.encode(send.args) };
    if (send.timeout !== undefined) out.timeout = this.encode(send.timeout);
    this.ancestors.pop();
    return out;
  }

  /** Class instances without toJSON, in _default's order of checks. */
  private encodeInstance(object: Record<string, any>): unknown {
    if (object instanceof this.bindings.DeltaSnapshot) {
      this.enter(object);
      const out = { lc: 2, type: "delta_snapshot", value: this.encode(object.value) };
      this.ancestors.pop();
      return out;
    }
    if (object instanceof Set || object instanceof Map) {
      this.enter(object);
      const out = constructorRecord(object.constructor.name, null, [this.encodeArray(Array.from(object as Iterable<unknown>))]);
      this.ancestors.pop();
      return out;
    }
    if (object instanceof RegExp) return constructorRecord("RegExp", null, [object.source, object.flags]);
    if (object instanceof Error) {
      this.enter(object);
      const out = constructorRecord("Error", null, [this.encode(object.message)]);
      this.ancestors.pop();
      return out;
    }
    if (object.lg_name === "Send") return this.encodeSend(object, object);
    if (object instanceof Uint8Array && Object.getPrototypeOf(object) === Uint8Array.prototype) {
      return constructorRecord("Uint8Array", "from", [Array.from(object)]);
    }
    throw FALLBACK;
  }

  private encodeWithToJSON(object: Record<string, any>): unknown {
    const info = this.bindings.catalog?.byPrototype.get(Object.getPrototypeOf(object));
    if (info !== undefined && object.toJSON === info.toJSON) return this.encodeMessage(object, info);
    if (object instanceof Date && object.toJSON === DATE_TO_JSON && Object.getPrototypeOf(object) === Date.prototype) {
      const iso = object.toJSON();
      // An invalid date has no ISO string: null, as in JSON.
      return iso !== null && this.bindings.datesAsRecords ? constructorRecord("Date", null, [iso]) : iso;
    }
    if (object.lg_name === "Send" && !Array.isArray(object)) {
      const json = object.toJSON("");
      if (json !== null && typeof json === "object" && Object.getPrototypeOf(json) === OBJECT_PROTOTYPE && json.lg_name === "Send") {
        return this.encodeSend(object, json);
      }
    }
    throw FALLBACK;
  }

  /** Serializable.toJSON for a known message class, then the replacer on its output. */
  private encodeMessage(message: Record<string, any>, info: MessageClassInfo): unknown {
    // A message not inside another's record may reuse the text written for it before. (Its traced
    // nesting is shallow: at most a few levels past the walk's depth limit, where the host's own
    // _dumps, which the walk would defer to, writes the same text.)
    const texts = this.messageDepth === 0 ? this.texts : undefined;
    const reused = texts?.reuse(message);
    if (reused !== undefined) return this.splice(reused);
    if (message.lc_serializable !== true) throw FALLBACK;
    const fields = message.lc_kwargs;
    if (fields === null || typeof fields !== "object" || Object.getPrototypeOf(fields) !== OBJECT_PROTOTYPE) throw FALLBACK;
    const namespace = message.lc_namespace;
    if (!Array.isArray(namespace)) throw FALLBACK;
    const id: string[] = [];
    for (const part of namespace) {
      if (typeof part !== "string") throw FALLBACK;
      id.push(part);
    }
    id.push(info.uniqueName);
    this.enter(message);
    this.messageDepth++;
    const kwargs: Record<string, unknown> = {};
    const keys = Object.keys(fields);
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i];
      const jsonKey = jsonKeyOf(info, key);
      if (jsonKey === null) throw FALLBACK;
      const value = key in message ? message[key] : fields[key];
      kwargs[jsonKey] = this.escape(value);
    }
    this.messageDepth--;
    this.ancestors.pop();
    const record = { lc: 1, type: "constructor", id, kwargs };
    if (texts === undefined || !texts.writtenBefore(message)) return record;
    const piece = this.pieceOf!(JSON.stringify(record));
    if (piece === undefined) return record;
    texts.remember(message, piece);
    return this.splice(piece);
  }

  /** Places a message's text (or bytes) in the tree as a mark that stands for it. */
  private splice(text: string | Uint8Array): string {
    this.spliced.push(text);
    return SPLICE_MARK + (this.spliced.length - 1);
  }

  /** Inside a message's kwargs: core's escapeIfNeeded, then normal mode on its result. The copy
   * escapeIfNeeded makes is only made here when it would serialize differently from the original. */
  private escape(value: unknown): unknown {
    if (value === null || typeof value !== "object") return this.encode(value);
    if (Array.isArray(value)) return this.escapeArray(value);
    const object = value as Record<string, any>;
    // escapeIfNeeded copies plain objects, dropping a non-enumerable toJSON: such an object is
    // copied below too (the original would have JSON.stringify call it).
    if (Object.getPrototypeOf(object) === OBJECT_PROTOTYPE && !hasOwn.call(object, "toJSON")) {
      const keys = Object.keys(object);
      if (!hasMarkerKey(keys)) return this.copyPlain(object, keys, true);
    }
    if ("lc_serializable" in object && typeof object.toJSON === "function") return this.encode(object);
    const keys = Object.keys(object);
    if ("lc" in object || (keys.length === 1 && keys[0] === "__lc_escaped__")) {
      return { __lc_escaped__: this.encode(object) };
    }
    // Only a plain object without toJSON serializes like its copy; class instances are copied.
    const reusable = Object.getPrototypeOf(object) === OBJECT_PROTOTYPE && typeof object.toJSON !== "function";
    this.enter(object);
    let out: Record<string, unknown> | undefined = reusable ? undefined : {};
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i];
      // escapeIfNeeded would assign "__proto__" and change the copy's prototype: let the host do it.
      if (key === "__proto__") throw FALLBACK;
      const item = object[key];
      const escaped = this.escape(item);
      if (out !== undefined) out[key] = escaped;
      else if (escaped !== item) {
        out = {};
        for (let j = 0; j < i; j++) out[keys[j]] = object[keys[j]];
        out[key] = escaped;
      }
    }
    this.ancestors.pop();
    const result = out ?? object;
    // The copy is then seen by the replacer: a Send marker or a toJSON key changes what it writes.
    if (hasOwn.call(result, "lg_name") || typeof result.toJSON === "function") throw FALLBACK;
    return result;
  }

  private escapeArray(array: unknown[]): unknown[] {
    const reusable = Object.getPrototypeOf(array) === Array.prototype && typeof (array as any).toJSON !== "function";
    this.enter(array);
    let out: unknown[] | undefined = reusable ? undefined : new Array(array.length);
    for (let i = 0; i < array.length; i++) {
      const item = array[i];
      const escaped = this.escape(item);
      if (out !== undefined) out[i] = escaped;
      else if (escaped !== item) {
        out = array.slice(0, i);
        out[i] = escaped;
      }
    }
    this.ancestors.pop();
    return out ?? array;
  }
}
