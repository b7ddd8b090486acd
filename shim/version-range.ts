// Whether a host version is in a supported range: the part of semver's `satisfies` our range table
// uses (comparators >= > <= < =, X-ranges like 1.0.x, spaces for "and", || for "or"). Loading
// semver's satisfies took 7 ms of the shim's start (its Range, Comparator and SemVer classes, a
// cache and a regex table); this is checked against semver itself in test/shim/version-range.
export type Triple = [number, number, number];

const VERSION = /^v?(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$/;

function parseVersion(version: string): { triple: Triple; prerelease: boolean } | undefined {
  const match = VERSION.exec(version.trim());
  if (match === null) return undefined;
  return { triple: [Number(match[1]), Number(match[2]), Number(match[3])], prerelease: match[4] !== undefined };
}

/** Orders two release triples: negative, zero or positive. */
export function compareTriples(a: Triple, b: Triple): number {
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1;
  return 0;
}

/** One comparator or X-range, as a test of a release triple; undefined when not understood. */
function comparator(text: string): ((v: Triple) => boolean) | undefined {
  const match = /^(>=|<=|>|<|=)?\s*v?(\d+|[xX*])(?:\.(\d+|[xX*]))?(?:\.(\d+|[xX*]))?$/.exec(text);
  if (match === null) return undefined;
  const [, op = "", ...parts] = match;
  const wild = parts.findIndex((part) => part === undefined || /^[xX*]$/.test(part));
  const fixed = (wild < 0 ? parts : parts.slice(0, wild)).map(Number);
  let bound = fixed as Triple;
  let operator = op;
  if (wild >= 0) {
    // An X-range (1.0.x, 1.x, *): every release with those leading numbers.
    if (op === "" || op === "=") return (v) => fixed.every((n, i) => v[i] === n);
    if (fixed.length === 0) return undefined;
    // A partial bound, as semver reads it: >1.2 is >=1.3.0, <=1.2 is <1.3.0, <2 is <2.0.0.
    const next = [...fixed];
    if (op === ">" || op === "<=") next[next.length - 1] += 1;
    bound = [next[0], next[1] ?? 0, next[2] ?? 0];
    operator = op === ">" ? ">=" : op === "<=" ? "<" : op;
  }
  switch (operator) {
    case ">=":
      return (v) => compareTriples(v, bound) >= 0;
    case ">":
      return (v) => compareTriples(v, bound) > 0;
    case "<=":
      return (v) => compareTriples(v, bound) <= 0;
    case "<":
      return (v) => compareTriples(v, bound) < 0;
    default:
      return (v) => compareTriples(v, bound) === 0;
  }
}

/**
 * `version` satisfies `range`. A prerelease never does (as with semver, whose ranges only admit
 * prereleases named in them, and ours name none). Throws on a range it does not understand: the
 * table is ours, so that is a bug to see at once.
 */
export function inRange(version: string, range: string): boolean {
  const parsed = parseVersion(version);
  if (parsed === undefined || parsed.prerelease) return false;
  return range.split("||").some((alternative) => {
    const tests = alternative
      .trim()
      .replace(/(>=|<=|>|<|=)\s+/g, "$1")
      .split(/\s+/)
      .filter(Boolean)
      .map((text) => {
        const test = comparator(text);
        if (test === undefined) throw new Error(`langgraph-native: unsupported version range ${JSON.stringify(range)}`);
        return test;
      });
    return tests.every((test) => test(parsed.triple));
  });
}
