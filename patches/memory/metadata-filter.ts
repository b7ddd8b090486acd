// Turns a `list({ filter })` object into what the Rust store can test: primitive values to match
// with `===` (as JSON) and keys that must be absent. The host tests `metadata[key] === value` on
// the deserialized metadata; values `===` can never match there make the whole filter match nothing.

export interface EncodedFilter {
  filterJson?: string;
  filterAbsent?: string[];
}

/** `null` when no metadata can match the filter. */
export function encodeMetadataFilter(filter: Record<string, unknown> | undefined | null): EncodedFilter | null {
  if (!filter) return {};
  const equals: string[] = [];
  const absent: string[] = [];
  for (const [key, value] of Object.entries(filter)) {
    if (value === undefined) {
      // `metadata.toString === undefined` is false: inherited keys are never absent.
      if (key in Object.prototype) return null;
      absent.push(key);
    } else if (value === null || typeof value === "string" || typeof value === "boolean" || (typeof value === "number" && Number.isFinite(value))) {
      equals.push(`${JSON.stringify(key)}:${JSON.stringify(value)}`);
    } else {
      // Objects, NaN, Infinity, bigints, symbols and functions are never `===` to parsed JSON.
      return null;
    }
  }
  return {
    filterJson: equals.length > 0 ? `{${equals.join(",")}}` : undefined,
    filterAbsent: absent.length > 0 ? absent : undefined,
  };
}
