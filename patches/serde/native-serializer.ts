// The methods swapped onto a JsonPlusSerializer class: same signatures and results as the host's,
// with dumps written by one fast walk plus V8's JSON.stringify, and loads checked by the Rust scan,
// parsed by V8 and revived synchronously. Anything unusual goes to the host's own methods.
import type { NativeAddon } from "../../shim/addon";
import type { JsonScan } from "../../native/addon";
import { FALLBACK, type PiecedText, TreeEncoder, UNSERIALIZABLE } from "./encode";
import { HOST_PLACEHOLDER, SerializationError, unserializableError } from "./errors";
import type { SerdeFormat } from "../../config";
import type { HostCore } from "./host-core";
import { compactShapeOf } from "./compact-records";
import { MessageTexts } from "./message-texts";
import { LOAD_RECORD_DEPTH, TreeReviver } from "./revive";
import { sameBytes } from "./same-bytes";

/** Deepest nesting our dumps walk recurses into; deeper values are written by the host's own
 * _dumps (which manages ~3,000-5,000 levels, stack permitting, then writes a placeholder). */
export const DUMP_MAX_DEPTH = 2_000;
/** Nesting from which a failed dumps is blamed on depth rather than on a cycle. */
const DEEP_NESTING = 1_000;
/** Deepest nesting our reviver reads: far above any checkpoint, well below where the host's reviver
 * may run out of stack (~3,000 levels of arrays, ~6,000 of objects on a default stack). Deeper data
 * goes to the host's own reviver, which reads it as far as its stack allows and then throws its
 * RangeError, exactly as without the shim. Stores scan with this limit and hand deeper values to
 * loadsTyped. */
export const LOAD_MAX_DEPTH = 1_000;

type Dumps = (this: unknown, value: unknown) => Uint8Array;
type Loads = (this: unknown, data: string) => Promise<unknown>;
type DumpsTyped = (this: unknown, value: unknown) => Promise<[string, Uint8Array]>;
type LoadsTyped = (this: unknown, type: string, data: Uint8Array | string) => Promise<unknown>;

export interface HostSerializerMethods {
  _dumps: Dumps;
  _loads: Loads;
  dumpsTyped: DumpsTyped;
  loadsTyped: LoadsTyped;
}

/**
 * Set on a native serializer's `dumpsTyped`: the JSON text its `_dumps` would UTF-8 encode, for
 * callers that hand text straight to Rust (no TextEncoder pass, no byte array per value). Returns
 * undefined where `dumpsTyped` would not write "json" text synchronously (bytes, values for the
 * host's own dumps, core not resolved yet): the caller then uses `dumpsTyped`.
 */
export const JSON_TEXT = Symbol.for("langgraph-native.serde.jsonText");

export interface JsonTextEncoder {
  /** The `_dumps` this text matches: a serializer whose `_dumps` is another must not use it. */
  readonly dumps: Dumps;
  encodeText(value: unknown): string | undefined;
  /**
   * The text of each element of a plain array, such that `[` + texts joined by `,` + `]` is
   * `encodeText(array)`; undefined where that cannot be promised (then use encodeText).
   */
  encodeElements(array: unknown[]): string[] | undefined;
}

/**
 * Set on a native serializer's `loadsTyped`: `loadsTyped("json", bytes)` for a caller holding the
 * text of those bytes and the report of `scanJson(bytes, LOAD_MAX_DEPTH)` (a store that scanned
 * them itself), or such text with its message records compact as the report's `compactShapes`
 * says. Undefined before core's loader is known: the caller then uses `loadsTyped`.
 */
export interface JsonTextDecoder {
  readonly loads: Loads;
  decodeText(text: string, scan: JsonScan): unknown | Promise<unknown> | undefined;
}

/** The text encoder of `serde` when its dumpsTyped and _dumps are a native serializer's own. */
export function jsonTextEncoderOf(serde: unknown): JsonTextEncoder | undefined {
  const methods = serde as { dumpsTyped?: { [JSON_TEXT]?: JsonTextEncoder }; _dumps?: unknown } | null | undefined;
  const encoder = methods?.dumpsTyped?.[JSON_TEXT];
  return encoder !== undefined && methods!._dumps === encoder.dumps ? encoder : undefined;
}

/** The text decoder of `serde` when its loadsTyped and _loads are a native serializer's own. */
export function jsonTextDecoderOf(serde: unknown): JsonTextDecoder | undefined {
  const methods = serde as { loadsTyped?: { [JSON_TEXT]?: JsonTextDecoder }; _loads?: unknown } | null | undefined;
  const decoder = methods?.loadsTyped?.[JSON_TEXT];
  return decoder !== undefined && methods!._loads === decoder.loads ? decoder : undefined;
}

export interface SerializerBindings {
  addon: NativeAddon;
  core: HostCore;
  DeltaSnapshot: new (value: unknown) => unknown;
  /** The class's own methods before the swap. */
  originals: HostSerializerMethods;
  /** What dumpsTyped writes (LANGGRAPH_NATIVE_SERDE_FORMAT); both formats are always read. */
  format?: SerdeFormat;
}

export interface NativeSerializer {
  methods: HostSerializerMethods;
  /** Synchronous dumps, for the self-check. */
  encode(value: unknown): Uint8Array;
  /** Synchronous loads of "json" bytes when no record needs core's async load(), for the self-check. */
  decode(data: Uint8Array | string): unknown;
}

const textEncoder = new TextEncoder();
const textDecoder = new TextDecoder();
const PLACEHOLDER_BYTES = textEncoder.encode(JSON.stringify(HOST_PLACEHOLDER));

/** The bytes after one leading UTF-8 byte order mark, as TextDecoder reads them (a view, no copy). */
function withoutBom(bytes: Uint8Array): Uint8Array {
  return bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
}

/**
 * The error for bytes the scan rejected: the host's own (JSON.parse's SyntaxError for truncated or
 * malformed JSON) when the host would fail too; otherwise ours, which names the byte offset of
 * invalid UTF-8 that the host would silently turn into U+FFFD. Runs on failures only.
 */
function hostParseError(bytes: Uint8Array, scanError: unknown): unknown {
  try {
    JSON.parse(new TextDecoder().decode(bytes));
  } catch (error) {
    return error;
  }
  return scanError;
}

function asBytes(data: unknown): Uint8Array | undefined {
  if (data instanceof Uint8Array) return data;
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return undefined;
}

export function createNativeSerializer(bindings: SerializerBindings): NativeSerializer {
  const { addon, core, DeltaSnapshot, originals } = bindings;
  const format = bindings.format ?? "json";
  // One per swapped class: the texts depend only on the host's message classes, not the instance.
  const messageTexts = new MessageTexts();
  // The msgpack format's own: its records keep Dates as records, and are kept as their bytes.
  const messagePieces = new MessageTexts<Uint8Array>();
  const messagePiece = (recordText: string): Uint8Array | undefined => addon.msgpackMessage(recordText) ?? undefined;
  const withEncoder = keptEncoder(() => new TreeEncoder({ catalog: core.catalog, DeltaSnapshot, maxDepth: DUMP_MAX_DEPTH, messageTexts }));
  const withMsgpackEncoder = keptEncoder(() =>
    new TreeEncoder({ catalog: core.catalog, DeltaSnapshot, maxDepth: DUMP_MAX_DEPTH, datesAsRecords: true, messagePieces, messagePiece }),
  );
  /**
   * Runs `use` with a walk kept for the next dumps (a dumps inside another, from a toJSON, makes
   * its own; core's catalog may arrive after the swap, so a walk made before it is replaced).
   * Besides an allocation per call, this keeps the walk's hidden classes alive: with no instance
   * left, a full GC clears them, and V8 drops the optimized code built on them ("weak objects") to
   * compile it again on the next calls: at every full GC, ~20% more instructions per run of a
   * graph writing 200 channels a step.
   */
  function keptEncoder(make: () => TreeEncoder) {
    let idleEncoder: TreeEncoder | undefined;
    let idleCatalog: unknown;
    return function withKeptEncoder<T>(use: (encoder: TreeEncoder) => T): T {
      const catalog = core.catalog;
      let encoder = idleEncoder;
      if (encoder === undefined || idleCatalog !== catalog) encoder = make();
      idleEncoder = undefined;
      try {
        return use(encoder);
      } finally {
        encoder.release();
        idleEncoder = encoder;
        idleCatalog = catalog;
      }
    };
  }

  /** The host's _dumps, minus its silent placeholder. */
  function hostDumps(self: unknown, value: unknown): Uint8Array {
    let bytes: Uint8Array;
    try {
      bytes = originals._dumps.call(self, value);
    } catch (error) {
      if (error instanceof RangeError) throw unserializableError(value, DEEP_NESTING, error);
      throw error;
    }
    if (sameBytes(bytes, PLACEHOLDER_BYTES) && value !== HOST_PLACEHOLDER) throw unserializableError(value, DEEP_NESTING);
    return bytes;
  }

  function encodeWith(self: unknown, value: unknown): Uint8Array {
    let text: string;
    try {
      text = withEncoder((encoder) => encoder.encodeText(value));
    } catch (signal) {
      if (signal === FALLBACK) return hostDumps(self, value);
      if (signal === UNSERIALIZABLE) throw unserializableError(value, DEEP_NESTING);
      throw signal;
    }
    return textEncoder.encode(text);
  }

  /**
   * ["msgpack", bytes] of a value: the JSON tree our walk (or else the host's _dumps) writes, with
   * Dates kept as records, turned into MessagePack by the addon, which copies the bytes of the
   * messages written before. A value nested deeper than the addon's encoder reads is written as
   * "json" instead (every reader takes both).
   */
  function encodeMsgpack(self: unknown, value: unknown): [string, Uint8Array] {
    let parts: PiecedText | undefined;
    try {
      parts = withMsgpackEncoder((encoder) => encoder.encodePieces(value));
    } catch (signal) {
      if (signal === UNSERIALIZABLE) throw unserializableError(value, DEEP_NESTING);
      if (signal !== FALLBACK) throw signal;
    }
    const bytes = parts === undefined
      ? addon.msgpackFromJson(textDecoder.decode(hostDumps(self, value)))
      : addon.msgpackFromJson(parts.text, parts.pieces.length > 0 ? parts.pieces : undefined);
    if (bytes === null) return ["json", encodeWith(self, value)];
    return ["msgpack", new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength)];
  }

  /** Reads "msgpack" bytes (ours or Python LangGraph's): the addon writes them as JSON text with
   * its scan report, revived as "json" is, plus Dates. */
  function decodeMsgpack(bytes: Uint8Array): unknown {
    let read: { text: string; scan: JsonScan };
    try {
      read = addon.msgpackToJson(bytes);
    } catch (error) {
      throw new SerializationError(error instanceof Error ? error.message : String(error), { cause: error });
    }
    const { text, scan } = read;
    // Deeper than our reviver goes: the host's, as for deep "json" (Dates stay records there).
    if (scan.maxDepth > LOAD_MAX_DEPTH) return originals._loads.call(undefined, text);
    // A record with fields its class rejects (core's constructor or load() throws): one error class
    // for every unreadable msgpack blob.
    const unrevivable = (error: unknown): never => {
      throw new SerializationError(`langgraph-native: cannot revive MessagePack checkpoint data: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    };
    let value: unknown;
    try {
      value = decodeScanned(text, scan, true);
    } catch (error) {
      unrevivable(error);
    }
    return value instanceof Promise ? value.catch(unrevivable) : value;
  }

  /** The scan report of "json" bytes; for bytes it rejects, the error the host would raise. */
  function scanOf(bytes: Uint8Array): JsonScan {
    try {
      return addon.scanJson(bytes, 0);
    } catch (error) {
      throw hostParseError(bytes, error);
    }
  }

  /**
   * "json" data as the text the host would parse, with its scan report:
   * 1. the host decodes bytes with TextDecoder, which drops one leading UTF-8 BOM (a string keeps it);
   * 2. the scan checks UTF-8 and wholeness and measures the depth, in one pass;
   * 3. Rust builds the string one-byte when it can, and transcodes to UTF-16 faster than TextDecoder.
   */
  function scannedText(data: Uint8Array | string): { text: string; scan: JsonScan } {
    if (typeof data === "string") return { text: data, scan: scanOf(textEncoder.encode(data)) };
    const bytes = withoutBom(data);
    const scan = scanOf(bytes); // first: it raises the host's error for bytes that are not JSON
    return { text: addon.utf8Text(bytes), scan };
  }

  // _loads, loadsTyped and decode then read shallow data with V8's parse and our reviver. Data
  // nested deeper than LOAD_MAX_DEPTH goes to the host's own _loads, called in each of them (not in
  // a shared helper) so that it starts from the stack depth it has without the shim: it reads
  // exactly as deep and throws the same RangeError beyond (its async recursion runs out of stack).

  /** Parses and revives "json" data; a promise when some record needs core's load() or the data is deep. */
  function decodeJson(data: Uint8Array | string): unknown {
    const { text, scan } = scannedText(data);
    if (scan.maxDepth > LOAD_MAX_DEPTH) return readDeep(originals._loads.call(undefined, text), text, scan);
    return decodeScanned(text, scan);
  }

  /**
   * The host's read of deep data (already started): its value, or its RangeError. Where its value
   * would carry a "__proto__" key as a prototype, ours (an own property) is returned instead.
   */
  function readDeep(hostRead: Promise<unknown>, text: string, scan: JsonScan): Promise<unknown> {
    if (!scan.hasProtoKey) return hostRead;
    return hostRead.then(() => {
      const value = JSON.parse(text);
      return scan.hasLcKey ? revive(value, scan, Infinity) : value;
    });
  }

  /** Parses and revives JSON text whose UTF-8 bytes passed the scan that reported `scan`. */
  function decodeScanned(text: string, scan: JsonScan, dates = false): unknown {
    const value = JSON.parse(text);
    if (!scan.hasLcKey) return value;
    return revive(value, scan, LOAD_MAX_DEPTH, dates);
  }

  function revive(value: unknown, scan: JsonScan, maxDepth: number, dates = false): unknown {
    const reviver = new TreeReviver(
      { catalog: core.catalog, load: core.load!, DeltaSnapshot },
      {
        protoKeys: scan.hasProtoKey,
        lossyNumbers: scan.hasLossyNumber,
        maxDepth,
        recordsAreLeaves: !scan.nestedRecords && !scan.hasProtoKey && !scan.hasLossyNumber && scan.maxDepth < LOAD_RECORD_DEPTH,
        compactShapes: scan.compactShapes?.map(compactShapeOf),
        dates,
      },
    );
    try {
      return reviver.revive(value);
    } catch (error) {
      if (!(error instanceof RangeError)) throw error;
      throw new Error(`langgraph-native: checkpoint JSON nests ${scan.maxDepth} levels deep, more than the stack allows reviving`, { cause: error });
    }
  }

  /** ES-module copies resolve core asynchronously: wait once; false if it could not be found. */
  async function coreReady(): Promise<boolean> {
    if (core.load !== undefined) return true;
    try {
      await core.ready;
      return true;
    } catch {
      return false;
    }
  }

  const methods: HostSerializerMethods = {
    _dumps(value) {
      return encodeWith(this, value);
    },
    async _loads(data) {
      if (core.load === undefined && !(await coreReady())) return originals._loads.call(this, data);
      const bytes = typeof data === "string" ? undefined : asBytes(data);
      const { text, scan } = scannedText(bytes ?? String(data));
      if (scan.maxDepth > LOAD_MAX_DEPTH) return readDeep(originals._loads.call(this, text), text, scan);
      return decodeScanned(text, scan);
    },
    async dumpsTyped(value) {
      if (value instanceof Uint8Array) return ["bytes", value];
      if (core.catalog === undefined) await coreReady();
      const dumps = (this as { _dumps: Dumps })._dumps;
      // A subclass with its own _dumps writes JSON its way: it keeps "json".
      if (format === "msgpack" && dumps === methods._dumps) return encodeMsgpack(this, value);
      // Through this._dumps, so that a subclass overriding it keeps working.
      return ["json", dumps.call(this, value)];
    },
    async loadsTyped(type, data) {
      if (type === "bytes") return typeof data === "string" ? textEncoder.encode(data) : data;
      if (type === "msgpack") {
        const bytes = typeof data === "string" ? undefined : asBytes(data);
        if (bytes === undefined) throw new SerializationError(`langgraph-native: "msgpack" data must be bytes, not ${typeof data}`);
        if (core.load === undefined && !(await coreReady())) {
          throw new SerializationError('langgraph-native: cannot read "msgpack" data: @langchain/core was not found');
        }
        return decodeMsgpack(bytes);
      }
      if (type !== "json") throw new Error(`Unknown serialization type: ${type}`);
      if (core.load === undefined && !(await coreReady())) return originals.loadsTyped.call(this, type, data);
      const bytes = typeof data === "string" ? undefined : asBytes(data);
      if (typeof data !== "string" && bytes === undefined) return originals.loadsTyped.call(this, type, data);
      const self = this as { _loads: Loads };
      // A subclass overriding _loads gets the text, as the host hands it over (its format is its own:
      // only UTF-8 is checked).
      if (self._loads !== methods._loads) return self._loads(typeof data === "string" ? data : addon.utf8Text(withoutBom(bytes!)));
      const { text, scan } = scannedText(bytes ?? (data as string));
      if (scan.maxDepth > LOAD_MAX_DEPTH) return readDeep(originals._loads.call(this, text), text, scan);
      return decodeScanned(text, scan);
    },
  };

  const jsonText: JsonTextEncoder = {
    dumps: methods._dumps,
    encodeText(value) {
      if (value instanceof Uint8Array || core.catalog === undefined) return undefined;
      try {
        return withEncoder((encoder) => encoder.encodeText(value));
      } catch (signal) {
        if (signal === FALLBACK) return undefined;
        if (signal === UNSERIALIZABLE) throw unserializableError(value, DEEP_NESTING);
        throw signal;
      }
    },
    encodeElements(array) {
      // A subclass or an own toJSON would write the array another way than element by element.
      if (core.catalog === undefined || Object.getPrototypeOf(array) !== Array.prototype || Object.prototype.hasOwnProperty.call(array, "toJSON")) return undefined;
      const texts = new Array<string>(array.length);
      try {
        // Each element as the array's encoding writes it: the same walk, one level up. A cycle
        // through the array shows as one through the element (FALLBACK), and a top-level function
        // or symbol (which the array writes as null) is refused the same way.
        withEncoder((encoder) => {
          for (let i = 0; i < array.length; i++) texts[i] = encoder.encodeText(array[i]);
        });
      } catch (signal) {
        if (signal === FALLBACK || signal === UNSERIALIZABLE) return undefined;
        throw signal;
      }
      return texts;
    },
  };
  // Savers hand "json" text straight to storage through it: not when dumpsTyped writes msgpack.
  if (format === "json") Object.defineProperty(methods.dumpsTyped, JSON_TEXT, { value: jsonText });
  const jsonTextDecoder: JsonTextDecoder = {
    loads: methods._loads,
    decodeText: (text, scan) => (core.load === undefined ? undefined : decodeScanned(text, scan)),
  };
  Object.defineProperty(methods.loadsTyped, JSON_TEXT, { value: jsonTextDecoder });

  return {
    methods,
    encode: (value) => encodeWith(undefined, value),
    decode: decodeJson,
  };
}

