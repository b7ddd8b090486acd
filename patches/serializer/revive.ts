// Loads: revives a JSON.parse result in place, synchronously, touching only objects that need it.
// Same results as the host's async `_reviver` (children first, then the record), except that a
// "__proto__" key stays an ordinary property. Messages of known classes are built directly from
// their kwargs, as core's load() would build them; any other LangChain record goes to core's
// load(), awaited only when one exists. A read may hand message records in a compact form (see
// `CompactShape`): they are revived exactly as their full records would be.
import { fieldKeyOf, type MessageCatalog, type MessageClassInfo } from "./message-classes";

export interface ReviveBindings {
  catalog: MessageCatalog | undefined;
  /** core's load() for the copy the host uses. */
  load: (text: string) => Promise<unknown>;
  DeltaSnapshot: new (value: unknown) => unknown;
}

export interface ReviveOptions {
  /** Some key is "__proto__": check every object for it (otherwise skipped, it is costly). */
  protoKeys: boolean;
  /** Some number would not survive JSON.stringify (-0, overflow): messages go through load(). */
  lossyNumbers: boolean;
  /** Deepest nesting accepted; deeper input raises a clear error. */
  maxDepth: number;
  /** The scan found no record inside a record, no "__proto__" key, no lossy number and nesting
   * within load()'s limit: records are revived without walking inside them. */
  recordsAreLeaves: boolean;
  /** When set, every object with a string "lc" value is a compact message record, its "lc" the
   * index of its shape here (see `CompactShape`). */
  compactShapes: readonly CompactShape[] | undefined;
}

/** load() refuses kwargs nested deeper than this (its DEFAULT_MAX_DEPTH). */
export const LOAD_RECORD_DEPTH = 50;
const hasOwn = Object.prototype.hasOwnProperty;

/** Sets a key as an own data property, even "__proto__" (plain assignment would set a prototype). */
function setOwn(target: any, key: string | number, value: unknown): void {
  if (key === "__proto__") Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
  else target[key] = value;
}

/** JSON.stringify replacer leaving out own "__proto__" keys, which the host's reviver never keeps. */
function withoutProtoKeys(this: any, key: string, value: unknown): unknown {
  return key === "__proto__" && hasOwn.call(this, key) ? undefined : value;
}

/** A record that core's async load() revives. */
class AwaitingLoad {
  constructor(readonly promise: Promise<unknown>) {}
}

export class TreeReviver {
  /** Assignments waiting for core's load(); null while the walk is synchronous. */
  private pending: Promise<void>[] | null = null;
  /** Counts LangChain records, escaped objects and "__proto__" keys seen: a message's kwargs
   * without any can be handed to its constructor as parsed. */
  private specials = 0;
  /** Deepest object level reached, to tell whether load() would reject a record for depth. */
  private deepest = 0;

  constructor(private readonly bindings: ReviveBindings, private readonly options: ReviveOptions) {}

  /** The revived value, or a promise of it when some record needs core's async load(). */
  revive(root: unknown): unknown {
    if (root === null || typeof root !== "object") return root;
    const box: { root: unknown } = { root };
    const revived = this.visit(root, box, "root", 1);
    if (revived !== root) box.root = revived;
    const pending = this.pending;
    if (pending === null) return box.root;
    return Promise.all(pending).then(() => box.root);
  }

  private visit(value: object, holder: any, key: string | number, depth: number): unknown {
    if (depth > this.options.maxDepth) {
      throw new Error(`langgraph-native: checkpoint JSON nests deeper than ${this.options.maxDepth} levels; refusing to revive it`);
    }
    if (depth > this.deepest) this.deepest = depth;
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        const item = value[i];
        if (item !== null && typeof item === "object") {
          const revived = this.visit(item, value, i, depth + 1);
          if (revived !== item) value[i] = revived;
        }
      }
      return value;
    }
    const object = value as Record<string, any>;
    if (this.options.recordsAreLeaves && "lc" in object) {
      const result = this.finish(object, true, 0);
      if (!(result instanceof AwaitingLoad)) return result;
      this.defer(result.promise, holder, key, object);
      return object;
    }
    const outer = this.pending;
    this.pending = null;
    const specialsBefore = this.specials;
    const deepestBefore = this.deepest;
    this.deepest = depth;
    const keys = Object.keys(object);
    for (let i = 0; i < keys.length; i++) {
      const child = object[keys[i]];
      if (child !== null && typeof child === "object") {
        const revived = this.visit(child, object, keys[i], depth + 1);
        if (revived !== child) setOwn(object, keys[i], revived);
      }
    }
    const childrenPlain = this.specials === specialsBefore;
    const height = this.deepest - depth;
    if (deepestBefore > this.deepest) this.deepest = deepestBefore;
    if ("lc" in object || (keys.length === 1 && keys[0] === "__lc_escaped__")) this.specials++;
    else if (this.options.protoKeys && hasOwn.call(object, "__proto__")) this.specials++;
    const inner = this.pending;
    this.pending = outer;
    if (inner !== null) {
      // A child waits for load(): this object is checked for a record once its children are final.
      const finished = Promise.all(inner).then(() => {
        const result = this.finish(object, false, height);
        return result instanceof AwaitingLoad ? result.promise : result;
      });
      this.defer(finished, holder, key, object);
      return object;
    }
    const result = this.finish(object, childrenPlain, height);
    if (!(result instanceof AwaitingLoad)) return result;
    // Kept as is for now; core's load() result replaces it when it arrives.
    this.defer(result.promise, holder, key, object);
    return object;
  }

  private defer(result: Promise<unknown>, holder: any, key: string | number, original: object): void {
    const assignment = result.then((revived) => {
      if (revived !== original) setOwn(holder, key, revived);
    });
    (this.pending ??= []).push(assignment);
  }

  /** The host's record checks, on an object whose children are revived. */
  private finish(object: Record<string, any>, childrenPlain: boolean, height: number): unknown {
    const lc = object.lc;
    const shapes = this.options.compactShapes;
    if (typeof lc === "string" && shapes !== undefined) return this.finishCompact(shapeAt(shapes, lc), object, childrenPlain, height);
    if (lc === 2) {
      const type = object.type;
      if (type === "undefined") return undefined;
      if (type === "delta_snapshot" && hasOwn.call(object, "value")) return new this.bindings.DeltaSnapshot(object.value);
      if (type === "constructor") return reviveConstructorRecord(object) ?? object;
      return object;
    }
    if (lc === 1 && object.type === "constructor" && Array.isArray(object.id)) {
      if (childrenPlain) {
        const built = this.buildMessage(object, height);
        if (built !== undefined) return built;
      }
      return this.load(object);
    }
    return object;
  }

  /** A compact message record: built as its full record would be, or else written out as that
   * record (the host's key order) for load(), so load() gets the text the host would give it. */
  private finishCompact(shape: CompactShape, object: Record<string, any>, childrenPlain: boolean, height: number): unknown {
    // The full record is a level above its kwargs, whose left-out empty containers are a level down.
    const recordHeight = Math.max(height, shape.leavesOut ? 1 : 0) + 1;
    if (childrenPlain) {
      const info = this.messageClass(shape.name, recordHeight);
      const fields = info === undefined ? undefined : fieldNamesOf(shape, info);
      if (fields !== undefined) return new info!.cls(kwargsOf(object, shape, fields));
    }
    return this.load({ lc: 1, type: "constructor", id: ["langchain_core", "messages", shape.name], kwargs: kwargsOf(object, shape, shape.keys) });
  }

  /** As the host does: the record with its revived children, written out and given to load(). */
  private load(record: Record<string, any>): AwaitingLoad {
    const text = JSON.stringify(record, this.options.protoKeys ? withoutProtoKeys : undefined);
    return new AwaitingLoad(this.bindings.load(text));
  }

  /** What core's load() returns for a message of a known class, built without it; or undefined. */
  private buildMessage(record: Record<string, any>, height: number): object | undefined {
    const id = record.id as unknown[];
    if (id.length !== 3 || id[0] !== "langchain_core" || id[1] !== "messages" || typeof id[2] !== "string") return undefined;
    return this.buildNamedMessage(id[2], record, height);
  }

  /** `buildMessage` for a record whose id names message class `name`. */
  private buildNamedMessage(name: string, record: Record<string, any>, height: number): object | undefined {
    const info = this.messageClass(name, height);
    if (info === undefined || !("kwargs" in record)) return undefined;
    const kwargs = record.kwargs;
    if (kwargs === null || typeof kwargs !== "object" || Array.isArray(kwargs)) return undefined;
    const fields: Record<string, unknown> = {};
    for (const key in kwargs) {
      if (!hasOwn.call(kwargs, key)) continue;
      const field = fieldKeyOf(info, key);
      if (field === null) return undefined;
      fields[field] = kwargs[key];
    }
    return new info.cls(fields);
  }

  /** The class a record naming `name` and nesting `height` levels is built as, when load() would
   * resolve it and our constructor call stands in for load()'s. */
  private messageClass(name: string, height: number): MessageClassInfo | undefined {
    const catalog = this.bindings.catalog;
    if (catalog === undefined || this.options.lossyNumbers) return undefined;
    // load() counts the record as level 0 and fails past 50: let it raise its own error.
    if (height + 1 > LOAD_RECORD_DEPTH) return undefined;
    return catalog.byName.get(name);
  }
}

/**
 * One entry of a compact document's shape table (native/src/message_record.rs). A compact record
 * is `{ lc: "<index>", ...kept members }`: its kwargs' members lifted beside "lc" (first), minus
 * the empty `{}` and `[]` ones. Its shape is the class name, then ` <kind><key>` for every member
 * in order: `=` kept, `{` or `[` an empty one left out. The member keys are identifiers, none "lc"
 * or "__proto__". The record stands for
 * `{ lc: 1, type: "constructor", id: ["langchain_core", "messages", name], kwargs }`.
 */
export interface CompactShape {
  name: string;
  /** The kwargs' keys in order. */
  keys: readonly string[];
  /** Per member: KEPT, or the empty container left out. */
  kinds: readonly MemberKind[];
  leavesOut: boolean;
  /** The constructor's field names for `keys` under one message class (load()'s key maps),
   * null when a key is one they mishandle; kept for the last class asked. */
  fields?: { info: MessageClassInfo; names: readonly string[] | null };
}

const KEPT = 0;
const EMPTY_OBJECT = 1;
const EMPTY_ARRAY = 2;
type MemberKind = typeof KEPT | typeof EMPTY_OBJECT | typeof EMPTY_ARRAY;

const SHAPE_MEMO_LIMIT = 1024;
/** Shapes repeat in every document of a chat: each is read once. */
const shapeMemo = new Map<string, CompactShape>();
const NAME = /^[A-Za-z0-9_]{1,64}$/;
const MEMBER = /^([={[])([A-Za-z_][A-Za-z0-9_]{0,63})$/;

function malformed(what: string): Error {
  return new Error(`langgraph-native: malformed compact message record: ${what}`);
}

/** The shape a compact document's table lists as `text`. */
export function compactShapeOf(text: string): CompactShape {
  let shape = shapeMemo.get(text);
  if (shape === undefined) {
    const [name, ...members] = text.split(" ");
    if (!NAME.test(name)) throw malformed(`shape ${JSON.stringify(text)}`);
    const keys: string[] = [];
    const kinds: MemberKind[] = [];
    for (const member of members) {
      const match = MEMBER.exec(member);
      if (match === null) throw malformed(`shape ${JSON.stringify(text)}`);
      keys.push(match[2]);
      kinds.push(match[1] === "=" ? KEPT : match[1] === "{" ? EMPTY_OBJECT : EMPTY_ARRAY);
    }
    shape = { name, keys, kinds, leavesOut: kinds.some((kind) => kind !== KEPT) };
    if (shapeMemo.size < SHAPE_MEMO_LIMIT) shapeMemo.set(text, shape);
  }
  return shape;
}

function shapeAt(shapes: readonly CompactShape[], lc: string): CompactShape {
  const shape = shapes[lc as unknown as number];
  if (shape === undefined) throw malformed(`"lc" ${JSON.stringify(lc)} indexes no shape`);
  return shape;
}

/** load()'s field names for the shape's keys under `info`'s class; undefined when one is a key
 * load()'s key maps mishandle (load() itself then decides). */
function fieldNamesOf(shape: CompactShape, info: MessageClassInfo): readonly string[] | undefined {
  let fields = shape.fields;
  if (fields === undefined || fields.info !== info) {
    const names = shape.keys.map((key) => fieldKeyOf(info, key));
    fields = shape.fields = { info, names: names.includes(null) ? null : (names as string[]) };
  }
  return fields.names ?? undefined;
}

/** The kwargs of compact record `object` under `names` (the shape's keys, or the constructor's
 * field names for them), the left-out empty containers back in place: fresh ones, as JSON.parse
 * would give. */
function kwargsOf(object: Record<string, unknown>, shape: CompactShape, names: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const { keys, kinds } = shape;
  for (let i = 0; i < keys.length; i++) {
    const kind = kinds[i];
    out[names[i]] = kind === KEPT ? object[keys[i]] : kind === EMPTY_OBJECT ? {} : [];
  }
  return out;
}

// The host's reviveConstructorRecord (jsonplus.ts): the closed set of lc:2 values it rebuilds.
function hasConstructorId(record: Record<string, any>, name: string): boolean {
  return Array.isArray(record.id) && record.id.length === 1 && record.id[0] === name;
}

function hasNoMethod(record: Record<string, any>): boolean {
  return record.method === undefined || record.method === null;
}

function hasSingleArrayArg(record: Record<string, any>): boolean {
  return Array.isArray(record.args) && record.args.length === 1 && Array.isArray(record.args[0]);
}

function isByteArray(value: unknown[]): boolean {
  return value.every((item) => typeof item === "number" && Number.isInteger(item) && item >= 0 && item <= 255);
}

export function reviveConstructorRecord(record: Record<string, any>): unknown {
  if (hasConstructorId(record, "Set") && hasNoMethod(record)) {
    if (!hasSingleArrayArg(record)) return undefined;
    return new Set(record.args[0]);
  }
  if (hasConstructorId(record, "Map") && hasNoMethod(record)) {
    if (!hasSingleArrayArg(record) || !record.args[0].every((entry: unknown) => Array.isArray(entry) && entry.length === 2)) return undefined;
    return new Map(record.args[0]);
  }
  if (hasConstructorId(record, "RegExp") && hasNoMethod(record)) {
    const args = record.args;
    if (!Array.isArray(args) || args.length !== 2 || typeof args[0] !== "string" || typeof args[1] !== "string") return undefined;
    try {
      return new RegExp(args[0], args[1]);
    } catch {
      return undefined;
    }
  }
  if (hasConstructorId(record, "Error") && hasNoMethod(record)) {
    const args = record.args;
    if (!Array.isArray(args) || args.length !== 1 || typeof args[0] !== "string") return undefined;
    return new Error(args[0]);
  }
  if (hasConstructorId(record, "Uint8Array") && (hasNoMethod(record) || record.method === "from")) {
    if (!hasSingleArrayArg(record) || !isByteArray(record.args[0])) return undefined;
    return new Uint8Array(record.args[0]);
  }
  return undefined;
}
