// Values the host's serializer silently replaces by a placeholder string: we raise instead, and
// say what could not be written and where.

/** The string fast-safe-stringify writes when JSON.stringify throws (a BigInt, deep nesting, ...). */
export const HOST_PLACEHOLDER = "[unable to serialize, circular reference is too complex to analyze]";

export class SerializationError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "LangGraphNativeSerializationError";
  }
}

/** Finds what makes a value unserializable, iteratively (it may be nested 100,000 deep): a BigInt,
 * else nesting of at least `deepLimit` levels, else a cycle the host could not break (or a throw). */
export function explainUnserializable(value: unknown, deepLimit: number): string {
  interface Frame { value: unknown; key: string; parent: Frame | undefined; depth: number }
  const pathOf = (frame: Frame): string => {
    const keys: string[] = [];
    for (let at: Frame | undefined = frame; at; at = at.parent) keys.push(at.key);
    const path = keys.reverse().join("");
    return path.length > 200 ? `${path.slice(0, 200)}…` : path;
  };
  const seen = new Set<object>();
  let deepest: Frame | undefined;
  const stack: Frame[] = [{ value, key: "$", parent: undefined, depth: 0 }];
  while (stack.length > 0) {
    const frame = stack.pop()!;
    const current = frame.value;
    if (typeof current === "bigint") return `a BigInt at ${pathOf(frame)}`;
    if (current === null || typeof current !== "object") continue;
    if (seen.has(current)) continue;
    if (deepest === undefined || frame.depth > deepest.depth) deepest = frame;
    seen.add(current);
    const children: Array<[string, unknown]> =
      current instanceof Map ? [...current].map(([k, v], i) => [`.<Map entry ${i}>`, [k, v]] as [string, unknown])
      : current instanceof Set ? [...current].map((v, i) => [`.<Set item ${i}>`, v] as [string, unknown])
      : Array.isArray(current) ? current.map((v, i) => [`[${i}]`, v] as [string, unknown])
      : Object.keys(current).map((k) => [`.${k}`, (current as Record<string, unknown>)[k]] as [string, unknown]);
    for (let i = children.length - 1; i >= 0; i--) {
      stack.push({ value: children[i][1], key: children[i][0], parent: frame, depth: frame.depth + 1 });
    }
  }
  if (deepest !== undefined && deepest.depth >= deepLimit) {
    return `a value nested ${deepest.depth} levels deep (deeper than the stack allows) at ${pathOf(deepest)}`;
  }
  return "a value JSON.stringify rejects: a circular reference the host cannot break (inside a Set, a Map or a toJSON result) or a toJSON method or getter that throws";
}

export function unserializableError(value: unknown, deepLimit: number, cause?: unknown): SerializationError {
  return new SerializationError(
    `langgraph-native: cannot serialize ${explainUnserializable(value, deepLimit)}; ` +
      `the stock JsonPlusSerializer would silently write the string "${HOST_PLACEHOLDER}" instead`,
    cause === undefined ? undefined : { cause },
  );
}
