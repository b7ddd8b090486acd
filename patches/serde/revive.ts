// Loads: revives a JSON.parse result in place, synchronously, touching only objects that need it.
// Same results as the host's async `_reviver` (children first, then the record), except that a
// "__proto__" key stays an ordinary property. Messages of known classes are built directly from
// their kwargs, as core's load() would build them; any other LangChain record goes to core's
// load(), awaited only when one exists. A read may hand message records in compact forms
// (./compact-records): they are revived exactly as their full records would be.
import { hasOwn, setOwn } from "../own-properties";
import { fieldsFor, isCompactList, kwargsOf, listRecords, shapeAt, type CompactShape } from "./compact-records";
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
  /** Revive "Date" constructor records (only MessagePack data carries them; the host's JSON
   * writes a Date as its ISO string and keeps such a record inert). */
  dates?: boolean;
}

/** load() refuses kwargs nested deeper than this (its DEFAULT_MAX_DEPTH). */
export const LOAD_RECORD_DEPTH = 50;

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
    const shapes = this.options.compactShapes;
    if (shapes !== undefined && !this.options.recordsAreLeaves && isCompactList(object)) {
      // Its records' children may need reviving first: walked as the list of records it stands for.
      const records = listRecords(object);
      this.visit(records, holder, key, depth);
      return records;
    }
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
    if (typeof lc === "string" && shapes !== undefined) {
      // Only when records are leaves: otherwise `visit` turned the list into its records first.
      if (isCompactList(object)) return this.finishCompactList(object, shapes);
      return this.finishCompact(shapeAt(shapes, lc), object, childrenPlain, height, false);
    }
    if (lc === 2) {
      const type = object.type;
      if (type === "undefined") return undefined;
      if (type === "delta_snapshot" && hasOwn.call(object, "value")) return new this.bindings.DeltaSnapshot(object.value);
      if (type === "constructor") return reviveConstructorRecord(object) ?? (this.options.dates ? reviveDateRecord(object) : undefined) ?? object;
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

  /** A compact message record of `shape` (`object` its kept members, beside its "lc" unless
   * `membersOnly`): built as its full record would be, or else written out as that record (the
   * host's key order) for load(), so load() gets the text the host would give it. */
  private finishCompact(shape: CompactShape, object: Record<string, any>, childrenPlain: boolean, height: number, membersOnly: boolean): unknown {
    // The full record is a level above its kwargs, whose left-out empty containers are a level down.
    const recordHeight = Math.max(height, shape.leavesOut ? 1 : 0) + 1;
    const info = childrenPlain ? this.messageClass(shape.name, recordHeight) : undefined;
    const fields = info === undefined ? undefined : fieldsFor(shape, info);
    if (info !== undefined && fields !== undefined) {
      const trailing = membersOnly ? fields.appendToParsed : undefined;
      if (trailing !== undefined) {
        // The members are the kwargs but for the empty containers at their end: the object itself.
        for (const [key, array] of trailing) object[key] = array ? [] : {};
        return new info.cls(object);
      }
      return new info.cls(kwargsOf(object, shape, fields.names));
    }
    return this.load({ lc: 1, type: "constructor", id: ["langchain_core", "messages", shape.name], kwargs: kwargsOf(object, shape, shape.keys) });
  }

  /** A compact list of records whose children are plain (`recordsAreLeaves`): the list of what
   * each record revives to. */
  private finishCompactList(list: Record<string, any>, shapes: readonly CompactShape[]): unknown[] {
    const { shapes: indexes, records } = list;
    const out: unknown[] = new Array(records.length);
    for (let i = 0; i < records.length; i++) {
      const record = records[i];
      const result = this.finishCompact(shapeAt(shapes, indexes[i]), record, true, 0, true);
      if (result instanceof AwaitingLoad) {
        out[i] = record;
        this.defer(result.promise, out, i, record);
      } else {
        out[i] = result;
      }
    }
    return out;
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

/** A "Date" record as the MessagePack reader writes it: `args` holds one ISO string. */
function reviveDateRecord(record: Record<string, any>): Date | undefined {
  if (!hasConstructorId(record, "Date") || !hasNoMethod(record)) return undefined;
  const args = record.args;
  if (!Array.isArray(args) || args.length !== 1 || typeof args[0] !== "string") return undefined;
  return new Date(args[0]);
}
