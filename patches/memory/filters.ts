// The host's search filter, operator for operator (store/utils `compareValues`): top-level keys of
// `item.value`, compared with ===, Number() for ranges, and an object of only operators as a group.

const OPERATORS = new Set(["$eq", "$ne", "$gt", "$gte", "$lt", "$lte", "$in", "$nin"]);

/** Like the host: any non-null object whose keys are all operators (so `{}` too). */
function isFilterOperators(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && Object.keys(value).every((key) => OPERATORS.has(key));
}

type Check = (itemValue: unknown) => boolean;

/** One operator against a fixed operand: the same comparisons as the host's `compareValues`, decided once. */
function operatorCheck(op: string, operand: unknown): Check {
  switch (op) {
    case "$eq":
      return (v) => v === operand;
    case "$ne":
      return (v) => v !== operand;
    case "$gt":
      return (v) => Number(v) > Number(operand);
    case "$gte":
      return (v) => Number(v) >= Number(operand);
    case "$lt":
      return (v) => Number(v) < Number(operand);
    case "$lte":
      return (v) => Number(v) <= Number(operand);
    case "$in":
      return Array.isArray(operand) ? (v) => operand.includes(v) : () => false;
    case "$nin":
      return Array.isArray(operand) ? (v) => !operand.includes(v) : () => true;
    default:
      return () => false;
  }
}

/** The host's `compareValues(_, expected)` with everything that depends only on `expected` done up front. */
function valueCheck(expected: unknown): Check {
  if (!isFilterOperators(expected)) return (v) => v === expected;
  const checks = Object.keys(expected)
    .filter((key) => key.startsWith("$"))
    .map((op) => operatorCheck(op, expected[op]));
  return (v) => {
    for (let i = 0; i < checks.length; i += 1) if (!checks[i](v)) return false;
    return true;
  };
}

/**
 * Compiles a search's `filter` once into a predicate over an item's value, equivalent to the
 * host's `Object.entries(filter).every(([k, v]) => compareValues(value[k], v))` per item.
 */
export function compileFilter(filter: Record<string, unknown> | undefined): ((value: any) => boolean) | undefined {
  if (!filter) return undefined;
  const keys = Object.keys(filter);
  const checks = keys.map((key) => valueCheck(filter[key]));
  if (keys.length === 1) {
    const [key] = keys;
    const [check] = checks;
    return (value) => check(value[key]);
  }
  return (value) => {
    for (let i = 0; i < keys.length; i += 1) if (!checks[i](value[keys[i]])) return false;
    return true;
  };
}
