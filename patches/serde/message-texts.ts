// The JSON text (or, for "msgpack", the MessagePack bytes) of message records already written, kept
// per message object. A chat's checkpoint holds the same message objects step after step (the
// reducer appends to them), so without this each dumps would build and JSON.stringify (or encode)
// every message's record again: most of a dumps' time.
//
// Messages can change in place (the host's messages reducer assigns missing ids; users edit fields),
// so a text is reused only when everything the encoder reads from the message is as it was when the
// text was written: its class, toJSON, lc_serializable, lc_namespace, the keys of lc_kwargs and, for
// each, where the value is read from and the value itself, down to every key and primitive of the
// plain objects and arrays in it. That is kept as a flat trace next to the text; its strings are the
// message's own, so it costs a few hundred bytes per message. Messages holding anything else (class
// instances, functions, an own toJSON, deep nesting) are not kept: the encoder writes them each time.

import { hasOwn } from "../own-properties";

/** Trace markers: the trace holds no objects, so no value read from a message equals one of these. */
const OBJECT_START: unique symbol = Symbol("object");
const ARRAY_START: unique symbol = Symbol("array");

/** Deepest nesting inside a field value that is traced; deeper values are written each time. */
const TRACED_DEPTH = 16;

const OBJECT_PROTOTYPE = Object.prototype;

/** Records what it is shown, or checks it against what was recorded; one reading order for both. */
class Trace {
  at = 0;
  constructor(
    readonly values: unknown[],
    private readonly recording: boolean,
  ) {}

  see(value: unknown): boolean {
    if (this.recording) {
      this.values.push(value);
      return true;
    }
    return Object.is(this.values[this.at++], value);
  }
}

/** Reads what the encoder reads from a message (encodeWithToJSON, encodeMessage); false when it
 * differs from the trace, or, recording, when it holds something not traced. */
function seeMessage(message: Record<string, any>, trace: Trace): boolean {
  if (!trace.see(Object.getPrototypeOf(message)) || !trace.see(message.toJSON) || !trace.see(message.lc_serializable)) return false;
  if (!seeData(message.lc_namespace, trace, 0)) return false;
  const fields = message.lc_kwargs;
  if (fields === null || typeof fields !== "object" || Object.getPrototypeOf(fields) !== OBJECT_PROTOTYPE) return false;
  const keys = Object.keys(fields);
  if (!trace.see(keys.length)) return false;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i];
    const onMessage = key in message;
    if (!trace.see(key) || !trace.see(onMessage) || !seeData(onMessage ? message[key] : fields[key], trace, 0)) return false;
  }
  return true;
}

/** Primitives, and plain objects and arrays of them: their shapes, keys and values. */
function seeData(value: unknown, trace: Trace, depth: number): boolean {
  // A function's own properties (toJSON) decide how it is written: not traced.
  if (typeof value === "function") return false;
  if (value === null || typeof value !== "object") return trace.see(value);
  // JSON.stringify calls a toJSON even when it is not enumerable.
  if (depth >= TRACED_DEPTH || hasOwn.call(value, "toJSON")) return false;
  const proto = Object.getPrototypeOf(value);
  if (proto === Array.prototype && Array.isArray(value)) {
    if (!trace.see(ARRAY_START) || !trace.see(value.length)) return false;
    for (let i = 0; i < value.length; i++) if (!seeData(value[i], trace, depth + 1)) return false;
    return true;
  }
  if (proto !== OBJECT_PROTOTYPE) return false;
  const keys = Object.keys(value);
  if (!trace.see(OBJECT_START) || !trace.see(keys.length)) return false;
  for (let i = 0; i < keys.length; i++) {
    if (!trace.see(keys[i]) || !seeData((value as Record<string, unknown>)[keys[i]], trace, depth + 1)) return false;
  }
  return true;
}

interface WrittenMessage<T> {
  trace: unknown[];
  text: T;
}

/** `T`: what is kept per message, its JSON text or its MessagePack bytes. */
export class MessageTexts<T = string> {
  private readonly written = new WeakMap<object, WrittenMessage<T>>();
  /** Messages written once. A text is kept from the second time on: a message written only once
   * (a one-off value) then costs no trace, no text of its own and no entry holding them. */
  private readonly seen = new WeakSet<object>();

  /** Whether `message` was written before (now counted as written). */
  writtenBefore(message: object): boolean {
    if (this.seen.has(message)) return true;
    this.seen.add(message);
    return false;
  }

  /** The text written for `message` if nothing the encoder reads from it changed since; else undefined. */
  reuse(message: object): T | undefined {
    const last = this.written.get(message);
    if (last === undefined) return undefined;
    const trace = new Trace(last.trace, false);
    return seeMessage(message, trace) && trace.at === last.trace.length ? last.text : undefined;
  }

  /** Keeps `text`, just written from `message` as it is now, if the message can be traced. */
  remember(message: object, text: T): void {
    const values: unknown[] = [];
    if (seeMessage(message, new Trace(values, true))) this.written.set(message, { trace: values, text });
    else this.written.delete(message);
  }
}
