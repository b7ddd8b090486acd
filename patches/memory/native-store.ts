// InMemoryStore with its vectors in Rust. Items stay the host's JS objects in the host's `data`
// Maps (get, put, listNamespaces are the host's own code); embeddings go to a native index once,
// as one Float32Array per batch, and a search asks it for the top items in one call.
//
// Where it differs from @langchain/langgraph-checkpoint 1.2.2, on purpose:
// - vectors are stored as f32 (the host keeps the provider's f64): scores differ by float noise
//   (< 1e-6), so only items whose scores tie within that noise can swap places;
// - an embedding whose length differs from the index's, or that holds an infinity or a finite
//   value beyond the f32 range (|x| > 3.4e38), is an Error (the host stores it and scores it NaN
//   or as if zero-padded); NaN scores 0, as in the host;
// - the host de-duplicates scored results by `${namespace.join(":")}:${key}`, so two items whose
//   joined paths collide hide each other there; here they are distinct items.
import type { NativeAddon } from "../../shim/addon";
import { compileFilter } from "./filters";
import { hostNamespaceValidator } from "./namespace";
import { rankHits, searchDepth, type Item } from "./ranking";

export type HostStoreClass = (new (options?: any) => any) & { prototype: any };

interface SearchPlan {
  op: any;
  /** The namespaces under the prefix at the time of the call, in the host's order. */
  namespaces: Array<[string, Map<string, Item>]>;
  /** The whole store is the candidate set: the index can skip namespace checks. */
  everything: boolean;
  matches: ((value: any) => boolean) | undefined;
}

type NativeIndex = InstanceType<NativeAddon["VectorIndex"]>;

/**
 * Reused typed arrays for handing rows and queries to the index: allocating a 3 KB typed array
 * costs more than the native call itself. Safe to share: the index copies during the call.
 */
class Scratch {
  private vectors = new Float32Array(0);
  private owners = new Uint32Array(0);
  private fields = new Uint32Array(0);
  private query = new Float64Array(0);

  rows(count: number, dims: number): { vectors: Float32Array; owners: Uint32Array; fields: Uint32Array } {
    if (this.vectors.length < count * dims) this.vectors = new Float32Array(grow(count * dims));
    if (this.owners.length < count) {
      this.owners = new Uint32Array(grow(count));
      this.fields = new Uint32Array(grow(count));
    }
    return { vectors: this.vectors, owners: this.owners, fields: this.fields };
  }

  private liveOwners = new Uint32Array(0);
  private liveNamespaces = new Uint32Array(0);
  private liveFlags = new Uint8Array(0);

  changes(count: number): { owners: Uint32Array; namespaces: Uint32Array; live: Uint8Array } {
    if (this.liveOwners.length < count) {
      this.liveOwners = new Uint32Array(grow(count));
      this.liveNamespaces = new Uint32Array(grow(count));
      this.liveFlags = new Uint8Array(grow(count));
    }
    return { owners: this.liveOwners, namespaces: this.liveNamespaces, live: this.liveFlags };
  }

  private row = new Float64Array(0);

  /** One embedding as f64 (a plain copy from a number[]; the index rounds it to f32), exactly its length. */
  rowOf(vector: ArrayLike<number>): Float64Array {
    if (this.row.length !== vector.length) this.row = new Float64Array(vector.length);
    this.row.set(vector);
    return this.row;
  }

  /** The query as f64, exactly its own length (the index checks it against its dimensions). */
  queryOf(vector: ArrayLike<number>): Float64Array {
    if (this.query.length !== vector.length) this.query = new Float64Array(vector.length);
    this.query.set(vector);
    return this.query;
  }
}

/**
 * The index's error for rows it rejected as infinite, said precisely when the first such value was
 * a finite f64 that f32 cannot hold (it became an infinity on the way in). Runs on errors only.
 */
function overflowError(error: unknown, rows: ArrayLike<number>[]): unknown {
  if (!(error instanceof Error) || !error.message.includes("infinite value")) return error;
  for (let r = 0; r < rows.length; r += 1) {
    const row = rows[r];
    for (let i = 0; i < row.length; i += 1) {
      const value = row[i];
      if (Math.abs(Math.fround(value)) !== Infinity) continue;
      if (!Number.isFinite(value)) return error;
      return new Error(
        `langgraph-native: embedding ${r} has the value ${value} at position ${i}, beyond the range of the 32-bit floats the native store keeps (largest ±3.4028234663852886e38)`,
      );
    }
  }
  return error;
}

const grow = (needed: number) => 2 ** Math.ceil(Math.log2(Math.max(needed, 16)));

/** Pending inserts/deletes handed to the index in one call. */
const FLUSH_LIVE = 4096;

export interface NativeStoreOptions {
  /** Keep an int8 copy of the vectors for large searches' first pass (default true). */
  int8Prefilter?: boolean;
}

export function createNativeStoreClasses(Base: HostStoreClass, addon: NativeAddon, options: NativeStoreOptions = {}) {
  const exactOnly = options.int8Prefilter === false;
  const validateMemoryNamespace = hostNamespaceValidator(Base);
  const scratch = new Scratch();

  const newIndex = (): NativeIndex => {
    const index = new addon.VectorIndex();
    if (exactOnly) index.exactOnly = true;
    return index;
  };

  const NativeInMemoryStore = class InMemoryStore extends Base {
    readonly #index: NativeIndex = newIndex();
    /** Namespace key -> id, in the order the host's `data` Map created them. */
    readonly #namespaceIds = new Map<string, number>();
    /** Namespace key -> item key -> owner id; an owner (and its vectors) outlives deletes, like the host's. */
    readonly #owners = new Map<string, Map<string, number>>();
    /** Owner id -> the live item object, or undefined once deleted. */
    readonly #ownerItems: Array<Item | undefined> = [];
    readonly #ownerHasVectors: boolean[] = [];
    readonly #fieldIds = new Map<string, number>();
    /** Inserts and deletes not yet told to the index: (owner, namespace, live) triples. */
    #pendingLive: number[] = [];

    batch(operations: readonly any[]): Promise<any[]> {
      try {
        if (operations.length === 1) {
          const op = operations[0];
          // One put (every store.put): the host's batch for a single put, without its maps.
          if ("namespace" in op && "value" in op && !("namespacePrefix" in op)) return this.#putOne(op);
        }
        // Gets and listNamespaces touch no vector: the host's own batch serves them, unchanged (and
        // no async layer of ours in between: that alone costs a get ~1 us).
        for (const op of operations) if ("value" in op || "namespacePrefix" in op) return this.#batch(operations);
      } catch (error) {
        // The host's batch is async: even a malformed operation rejects rather than throws.
        return Promise.reject(error);
      }
      return super.batch(operations);
    }

    /**
     * The host's get is `batch([{ namespace, key }])`: the same validation (its allowEmpty check
     * then the memory one, which rejects the same labels with the same errors), then the item as
     * stored, read synchronously at the call as the host's batch does. A subclass that overrides
     * `batch` keeps getting its gets through it.
     */
    get(namespace: string[], key: string): Promise<Item | null> {
      if (this.batch !== nativeBatch) return super.get(namespace, key);
      try {
        validateMemoryNamespace(namespace);
        return Promise.resolve(this.getOperation({ namespace, key }));
      } catch (error) {
        return Promise.reject(error);
      }
    }

    /** The host's batch for one put operation: embed its texts, store the vectors, write the item. */
    async #putOne(op: any): Promise<any[]> {
      validateMemoryNamespace(op.namespace);
      // The host builds its dedup key here: a key that cannot become a string (a Symbol) throws its TypeError.
      void `${op.key}`;
      if (this._indexConfig?.embeddings) {
        const toEmbed = this.extractTexts([op]);
        const texts = Object.keys(toEmbed);
        if (texts.length > 0) this.insertVectors(toEmbed, await this._indexConfig.embeddings.embedDocuments(texts));
      }
      this.putOperation(op);
      return [null];
    }

    async #batch(operations: readonly any[]): Promise<any[]> {
      const results: any[] = [];
      const putOps = new Map<string, any>();
      const searchOps = new Map<number, SearchPlan>();
      for (let i = 0; i < operations.length; i += 1) {
        const op = operations[i];
        if ("namespace" in op) validateMemoryNamespace(op.namespace);
        if ("key" in op && "namespace" in op && !("value" in op)) results.push(this.getOperation(op));
        else if ("namespacePrefix" in op) {
          searchOps.set(i, this.#planSearch(op));
          results.push(null);
        } else if ("value" in op) {
          // The host's dedup key (last put of a key wins, at the first one's position).
          putOps.set(`${op.namespace.join(":")}:${op.key}`, op);
          results.push(null);
        } else if ("matchConditions" in op) results.push(this.listNamespacesOperation(op));
      }
      if (searchOps.size > 0) {
        const queries = this.#queriesToEmbed(searchOps);
        // Like the host, no await at all when nothing needs embedding.
        const queryVectors = queries.length > 0 ? await this.#embedQueries(queries) : new Map();
        for (const [i, plan] of searchOps) {
          const { op } = plan;
          const offset = op.offset ?? 0;
          const limit = op.limit ?? 10;
          const queryVector = op.query ? queryVectors.get(op.query) : undefined;
          results[i] = queryVector
            ? this.#scoredSearch(plan, queryVector, offset, limit)
            : this.#pageOf(plan, offset, limit);
        }
      }
      if (putOps.size > 0 && this._indexConfig?.embeddings) {
        const toEmbed = this.extractTexts(Array.from(putOps.values()));
        if (Object.keys(toEmbed).length > 0) {
          const embeddings = await this._indexConfig.embeddings.embedDocuments(Object.keys(toEmbed));
          this.insertVectors(toEmbed, embeddings);
        }
      }
      for (const op of putOps.values()) this.putOperation(op);
      return results;
    }

    /** The host's item write, plus telling the index when an item appears or disappears. */
    putOperation(op: any): void {
      const namespaceKey: string = op.namespace.join(":");
      let items: Map<string, Item> | undefined = this.data.get(namespaceKey);
      const existed = items !== undefined && items.has(op.key);
      super.putOperation(op);
      if (items === undefined) {
        this.#namespaceIds.set(namespaceKey, this.#namespaceIds.size);
        items = this.data.get(namespaceKey) as Map<string, Item>;
      }
      const item = items.get(op.key);
      // An update keeps the item object and its position; only inserts and deletes matter.
      if (existed === (item !== undefined)) return;
      const owner = this.#ownerFor(namespaceKey, op.key);
      this.#ownerItems[owner] = item;
      this.#pendingLive.push(owner, this.#namespaceIds.get(namespaceKey)!, item ? 1 : 0);
      if (this.#pendingLive.length >= 3 * FLUSH_LIVE) this.#flushLive();
    }

    /**
     * The host's contract: `texts` maps each text to the (namespace, key, field)s it indexes.
     * One N-API call per put, with its rows as f32: the index checks them (dimensions,
     * infinities) and stores them, so a bad embedding fails its own put. Measured against keeping
     * rows pending in JS for one call per many puts, this wins: the call costs ~0.5 us, while
     * checking a row for infinities in JS costs ~2 us (builtins) or ~150 us while a loop is still
     * interpreted; the index's own work per row is the same either way, and it no longer
     * quantises on put (the next search that reads the int8 copy does).
     */
    insertVectors(texts: Record<string, Array<[string[], string, string]>>, embeddings: ArrayLike<number>[]): void {
      const entries = Object.entries(texts);
      if (entries.length === 1 && entries[0][1].length === 1) {
        // One text indexed once (a put of one field): one row, no batch arrays.
        const [text, [[namespace, key, field]]] = entries[0];
        const embedding = embeddings.shift();
        if (!embedding) throw new Error(`No embedding found for text: ${text}`);
        const owner = this.#ownerFor(namespace.join(":"), key);
        try {
          this.#index.upsertRow(owner, this.#fieldId(field), scratch.rowOf(embedding));
        } catch (error) {
          throw overflowError(error, [embedding]);
        }
        this.#ownerHasVectors[owner] = true;
        return;
      }
      const owners: number[] = [];
      const fields: number[] = [];
      const rows: ArrayLike<number>[] = [];
      for (const [text, metadata] of entries) {
        const embedding = embeddings.shift();
        if (!embedding) throw new Error(`No embedding found for text: ${text}`);
        for (const [namespace, key, field] of metadata) {
          owners.push(this.#ownerFor(namespace.join(":"), key));
          fields.push(this.#fieldId(field));
          rows.push(embedding);
        }
      }
      if (rows.length === 0) return;
      const dims = rows[0].length;
      const buffers = scratch.rows(rows.length, dims);
      for (let r = 0; r < rows.length; r += 1) {
        if (rows[r].length !== dims) {
          throw new Error(
            `langgraph-native: embeddings of one batch differ in length (${dims} and ${rows[r].length}); every vector of an index must have the same dimensions`,
          );
        }
        buffers.vectors.set(rows[r], r * dims);
        buffers.owners[r] = owners[r];
        buffers.fields[r] = fields[r];
      }
      try {
        this.#index.upsert(buffers.owners, buffers.fields, buffers.vectors, dims, rows.length);
      } catch (error) {
        throw overflowError(error, rows);
      }
      for (const owner of owners) this.#ownerHasVectors[owner] = true;
    }

    /** The host's signature: score these candidates (in their order) against a query vector. */
    scoreResults(candidates: Item[], queryVector: ArrayLike<number>, offset = 0, limit = 10): any[] {
      this.#flushLive();
      const owners: number[] = [];
      for (const item of candidates) {
        const owner = this.#owners.get(item.namespace.join(":"))?.get(item.key);
        if (owner !== undefined) owners.push(owner);
      }
      const hits = this.#index.search(
        scratch.queryOf(queryVector),
        searchDepth(offset, limit),
        undefined,
        Uint32Array.from(owners),
      );
      const scoreless = candidates.filter((item) => !this.#hasVectors(item));
      return rankHits(hits, (owner) => this.#ownerItems[owner], scoreless, offset, limit);
    }

    /** The host's contract: an item's vectors, one per indexed field (copies, as plain arrays). */
    getVectors(item: Item): number[][] {
      const owner = this.#owners.get(item.namespace.join(":"))?.get(item.key);
      if (owner === undefined || !this.#ownerHasVectors[owner]) return [];
      return this.#index.vectorsOf(owner).map((vector) => Array.from(vector));
    }

    /** Bytes the native index holds outside the V8 heap. */
    get nativeIndexBytes(): number {
      this.#flushLive();
      return this.#index.byteSize;
    }

    /** Bytes of vectors the index read for the last vector search. */
    get nativeLastScanBytes(): number {
      return this.#index.lastScanBytes;
    }

    #planSearch(op: any): SearchPlan {
      if (op.namespacePrefix.length > 0) validateMemoryNamespace(op.namespacePrefix);
      const prefix: string = op.namespacePrefix.join(":");
      const namespaces: SearchPlan["namespaces"] = [];
      for (const entry of this.data.entries() as Iterable<[string, Map<string, Item>]>) {
        const namespace = entry[0];
        if (prefix === "" || namespace === prefix || namespace.startsWith(`${prefix}:`)) namespaces.push(entry);
      }
      return { op, namespaces, everything: prefix === "", matches: op.filter ? compileFilter(op.filter) : undefined };
    }

    /** The host embeds each distinct query once, and only with an index configured. */
    #queriesToEmbed(searchOps: Map<number, SearchPlan>): string[] {
      if (!this._indexConfig?.embeddings) return [];
      const queries = new Set<string>();
      for (const { op } of searchOps.values()) if (op.query) queries.add(op.query);
      return Array.from(queries);
    }

    async #embedQueries(queries: string[]): Promise<Map<string, ArrayLike<number>>> {
      const embeddings = this._indexConfig.embeddings;
      const embedded = await Promise.all(queries.map((query) => embeddings.embedQuery(query)));
      const vectors = new Map<string, ArrayLike<number>>();
      queries.forEach((query, i) => {
        if (embedded[i]) vectors.set(query, embedded[i]);
      });
      return vectors;
    }

    *#candidates(plan: SearchPlan): Generator<Item> {
      for (const [, items] of plan.namespaces) {
        for (const item of items.values()) if (!plan.matches || plan.matches(item.value)) yield item;
      }
    }

    /** Search without a query: candidates in insertion order, stopping as soon as the page is full. */
    #pageOf(plan: SearchPlan, offset: number, limit: number): any[] {
      if (!(Number.isInteger(offset) && offset >= 0 && Number.isInteger(limit) && limit >= 0)) {
        // Odd bounds: Array.prototype.slice semantics, exactly as the host applies them.
        return Array.from(this.#candidates(plan), (item) => ({ ...item, score: undefined })).slice(offset, offset + limit);
      }
      const page: any[] = [];
      let skipped = 0;
      if (limit === 0) return page;
      for (const item of this.#candidates(plan)) {
        if (skipped < offset) {
          skipped += 1;
          continue;
        }
        page.push({ ...item, score: undefined });
        if (page.length >= limit) break;
      }
      return page;
    }

    #scoredSearch(plan: SearchPlan, queryVector: ArrayLike<number>, offset: number, limit: number): any[] {
      this.#flushLive();
      let namespaceFlags: Uint8Array | undefined;
      let owners: Uint32Array | undefined;
      if (plan.matches) {
        // The filter narrows the candidates before anything is scored.
        const list: number[] = [];
        for (const [namespaceKey, items] of plan.namespaces) {
          const ids = this.#owners.get(namespaceKey);
          if (!ids) continue;
          for (const item of items.values()) {
            if (plan.matches(item.value)) list.push(ids.get(item.key)!);
          }
        }
        owners = Uint32Array.from(list);
      } else if (!plan.everything) {
        namespaceFlags = new Uint8Array(this.#namespaceIds.size);
        for (const [namespaceKey] of plan.namespaces) namespaceFlags[this.#namespaceIds.get(namespaceKey)!] = 1;
      }
      const hits = this.#index.search(scratch.queryOf(queryVector), searchDepth(offset, limit), namespaceFlags, owners);
      const scoreless = (function* (store, candidates) {
        for (const item of candidates) if (!store.#hasVectors(item)) yield item;
      })(this, this.#candidates(plan));
      return rankHits(hits, (owner) => this.#ownerItems[owner], scoreless, offset, limit);
    }

    #hasVectors(item: Item): boolean {
      const owner = this.#owners.get(item.namespace.join(":"))?.get(item.key);
      return owner !== undefined && this.#ownerHasVectors[owner] === true;
    }

    #ownerFor(namespaceKey: string, key: string): number {
      let ids = this.#owners.get(namespaceKey);
      if (!ids) this.#owners.set(namespaceKey, (ids = new Map()));
      let owner = ids.get(key);
      if (owner === undefined) {
        owner = this.#ownerItems.length;
        this.#ownerItems.push(undefined);
        this.#ownerHasVectors.push(false);
        ids.set(key, owner);
      }
      return owner;
    }

    #fieldId(field: string): number {
      let id = this.#fieldIds.get(field);
      if (id === undefined) this.#fieldIds.set(field, (id = this.#fieldIds.size));
      return id;
    }

    #flushLive(): void {
      if (this.#pendingLive.length === 0) return;
      const pending = this.#pendingLive;
      this.#pendingLive = [];
      const count = pending.length / 3;
      const { owners, namespaces, live } = scratch.changes(count);
      for (let i = 0; i < count; i += 1) {
        owners[i] = pending[3 * i];
        namespaces[i] = pending[3 * i + 1];
        live[i] = pending[3 * i + 2];
      }
      this.#index.setLive(owners, namespaces, live, count);
    }
  };

  /** The host's deprecated alias, re-declared over the native class (the host's is bound to its own). */
  const nativeBatch = NativeInMemoryStore.prototype.batch;

  const NativeMemoryStore = class MemoryStore extends NativeInMemoryStore {};

  return { NativeInMemoryStore, NativeMemoryStore };
}
