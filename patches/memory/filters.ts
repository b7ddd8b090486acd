// The host's search filter, operator for operator (store/utils `compareValues`): top-level keys of
// `item.value`, compared with ===, Number() for ranges, and an object of only operators as a group.

const OPERATORS = new Set(["$eq", "$ne", "$gt", "$gte", "$lt", "$lte", "$in", "$nin"]);

/** Like the host: any non-null object whose keys are all operators (so `{}` too). */
function isFilterOperators(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && Object.keys(value).every((key) => OPERATORS.has(key));
}

export function compareValues(itemValue: unknown, filterValue: unknown): boolean {
  if (!isFilterOperators(filterValue)) return itemValue === filterValue;
  return Object.keys(filterValue)
    .filter((key) => key.startsWith("$"))
    .every((op) => {
      const value = filterValue[op];
      switch (op) {
        case "$eq":
          return itemValue === value;
        case "$ne":
          return itemValue !== value;
        case "$gt":
          return Number(itemValue) > Number(value);
        case "$gte":
          return Number(itemValue) >= Number(value);
        case "$lt":
          return Number(itemValue) < Number(value);
        case "$lte":
          return Number(itemValue) <= Number(value);
        case "$in":
          return Array.isArray(value) ? value.includes(itemValue) : false;
        case "$nin":
          return Array.isArray(value) ? !value.includes(itemValue) : true;
        default:
          return false;
      }
    });
}

/** Compiles a search's `filter` once into a predicate over an item's value. */
export function compileFilter(filter: Record<string, unknown> | undefined): ((value: any) => boolean) | undefined {
  if (!filter) return undefined;
  const entries = Object.entries(filter);
  return (value) => entries.every(([key, expected]) => compareValues(value[key], expected));
}
