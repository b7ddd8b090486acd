// A tiny vector search through the native class and the host's, compared: order and scores
// (including the host's ties and zero-vector rule), synchronously, at patch time.
import type { HostStoreClass } from "./native-store";

const PROBE_VECTORS: Record<string, number[]> = {
  a: [1, 0, 0, 0],
  b: [0, 1, 0, 0],
  c: [1, 0, 0, 0],
  d: [0, 0, 0, 0],
};
const QUERY = [0.6, 0.8, 0, 0];
const TOLERANCE = 1e-6;

function probe(Store: HostStoreClass): Array<[string, number | undefined]> {
  const store = new Store();
  const namespace = ["probe"];
  const texts: Record<string, Array<[string[], string, string]>> = {};
  for (const key of Object.keys(PROBE_VECTORS)) texts[key] = [[namespace, key, "$"]];
  store.insertVectors(texts, Object.values(PROBE_VECTORS).map((vector) => [...vector]));
  for (const key of ["a", "b", "c", "d", "e"]) store.putOperation({ namespace, key, value: { text: key } });
  return store
    .scoreResults(store.filterItems({ namespacePrefix: namespace }), QUERY, 0, 10)
    .map((item: any) => [item.key, item.score]);
}

export function storeSelfCheck(Stock: HostStoreClass, Native: HostStoreClass): void {
  const expected = probe(Stock);
  const actual = probe(Native);
  const same =
    expected.length === actual.length &&
    expected.every(([key, score], i) => {
      const [otherKey, otherScore] = actual[i];
      if (key !== otherKey) return false;
      if (score === undefined || otherScore === undefined) return score === otherScore;
      return Math.abs(score - otherScore) <= TOLERANCE;
    });
  if (!same) throw new Error(`vector search differs from the host's: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
}
