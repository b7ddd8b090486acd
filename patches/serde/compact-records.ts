// The compact forms in which a native store's read may hand message records to the reviver
// (written by native/src/memory/message_record.rs), and the kwargs they stand for.
//
// A record `{ lc: 1, type: "constructor", id: ["langchain_core", "messages", name], kwargs }` has
// its empty `{}` and `[]` kwargs members left out and is described by its shape, listed once in
// the document's table (the scan report's `compactShapes`): the class name, then ` <kind><key>`
// for every member in order, `=` kept, `{` or `[` an empty one left out. Member keys are
// identifiers, none "lc" or "__proto__". Two forms:
// - a record: `{ lc: "<index>", ...kept members }`;
// - a list of records only: `{ lc: "[]", shapes: [<index>, ...], records: [{ ...kept members }, ...] }`,
//   which stands for the array of those records.
import { fieldKeyOf, type MessageClassInfo } from "./message-classes";

export interface CompactShape {
  name: string;
  /** The kwargs' keys in order. */
  keys: readonly string[];
  /** Per member: KEPT, or the kind of empty container left out. */
  kinds: readonly MemberKind[];
  leavesOut: boolean;
  /** When every left-out member comes after every kept one: those members, [key, is an array]
   * (none when nothing is left out); undefined when a kept member follows a left-out one. */
  trailingEmpty: ReadonlyArray<readonly [string, boolean]> | undefined;
  /** How the shape's records construct under one message class; kept for the last class asked. */
  fields?: { info: MessageClassInfo; fields: ShapeFields | undefined };
}

export interface ShapeFields {
  /** The constructor's field names for the shape's keys (load()'s key maps). */
  names: readonly string[];
  /** When the names are the keys and the left-out members trail the kept ones, those members:
   * a record's parsed members, with them appended, are the fields themselves. */
  appendToParsed: ReadonlyArray<readonly [string, boolean]> | undefined;
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
/** The "lc" of a compact list. */
const LIST = "[]";

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
    const firstLeftOut = kinds.findIndex((kind) => kind !== KEPT);
    const leavesOut = firstLeftOut !== -1;
    const tail = leavesOut ? firstLeftOut : keys.length;
    const trailingEmpty = kinds.slice(tail).every((kind) => kind !== KEPT)
      ? keys.slice(tail).map((key, i) => [key, kinds[tail + i] === EMPTY_ARRAY] as const)
      : undefined;
    shape = { name, keys, kinds, leavesOut, trailingEmpty };
    if (shapeMemo.size < SHAPE_MEMO_LIMIT) shapeMemo.set(text, shape);
  }
  return shape;
}

/** The shape a record's "lc" (a string or, in a list, a number) indexes. */
export function shapeAt(shapes: readonly CompactShape[], index: string | number): CompactShape {
  const shape = shapes[index as number];
  if (shape === undefined) throw malformed(`"lc" ${JSON.stringify(index)} indexes no shape`);
  return shape;
}

/** How records of `shape` construct under `info`'s class; undefined when a key is one load()'s
 * key maps mishandle (load() itself then decides). */
export function fieldsFor(shape: CompactShape, info: MessageClassInfo): ShapeFields | undefined {
  let cached = shape.fields;
  if (cached === undefined || cached.info !== info) {
    const names = shape.keys.map((key) => fieldKeyOf(info, key));
    let fields: ShapeFields | undefined;
    if (!names.includes(null)) {
      const namesAreKeys = names.every((name, i) => name === shape.keys[i]);
      fields = { names: names as string[], appendToParsed: namesAreKeys ? shape.trailingEmpty : undefined };
    }
    cached = shape.fields = { info, fields };
  }
  return cached.fields;
}

/** The kwargs of a compact record's kept members `object` under `names` (the shape's keys, or
 * the constructor's field names for them), the left-out empty containers back in place: fresh
 * ones, as JSON.parse would give. */
export function kwargsOf(object: Record<string, unknown>, shape: CompactShape, names: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const { keys, kinds } = shape;
  for (let i = 0; i < keys.length; i++) {
    const kind = kinds[i];
    out[names[i]] = kind === KEPT ? object[keys[i]] : kind === EMPTY_OBJECT ? {} : [];
  }
  return out;
}

export function isCompactList(object: Record<string, any>): boolean {
  if (object.lc !== LIST) return false;
  const { shapes, records } = object;
  if (!Array.isArray(shapes) || !Array.isArray(records) || shapes.length !== records.length) throw malformed("a list without its shapes");
  return true;
}

/** The records of compact list `list` in the record form (each given its "lc", whose shape the
 * reviver looks up as for any record), for a walk that revives their children first. */
export function listRecords(list: Record<string, any>): Array<Record<string, unknown>> {
  const records: Array<Record<string, unknown>> = list.records;
  for (let i = 0; i < records.length; i++) records[i].lc = String(list.shapes[i]);
  return records;
}
