// The host's last step of a vector search (`scoreResults`): distinct items best first, `offset`
// skipped, at most `limit` kept, then items without vectors appended in candidate order.

export interface Item {
  value: any;
  key: string;
  namespace: string[];
  createdAt: Date;
  updatedAt: Date;
}

const MAX_DEPTH = 0xffffffff;

/** How many distinct items the index must return for this page, under the host's loop bounds. */
export function searchDepth(offset: number, limit: number): number {
  const total = offset + limit;
  // NaN bounds never stop the host's loop: every scored item is kept.
  if (Number.isNaN(total)) return MAX_DEPTH;
  if (total <= 0) return 0;
  return Math.min(Math.ceil(total), MAX_DEPTH);
}

/** `hits` is the index's answer: (owner id, score) pairs, best first, distinct owners. */
export function rankHits(
  hits: Float64Array,
  itemOf: (owner: number) => Item | undefined,
  scoreless: Iterable<Item>,
  offset: number,
  limit: number,
): any[] {
  const kept: Array<[number | undefined, Item]> = [];
  let seen = 0;
  for (let i = 0; i < hits.length; i += 2) {
    const item = itemOf(hits[i]);
    if (item === undefined) continue;
    if (seen >= offset + limit) break;
    seen += 1;
    if (seen - 1 < offset) continue;
    kept.push([hits[i + 1], item]);
  }
  if (kept.length < limit) {
    // The host slices `limit - kept.length` items, ignoring offset.
    const take = Math.trunc(limit - kept.length);
    let taken = 0;
    for (const item of scoreless) {
      if (taken >= take) break;
      kept.push([undefined, item]);
      taken += 1;
    }
  }
  return kept.map(([score, item]) => ({ ...item, score }));
}
