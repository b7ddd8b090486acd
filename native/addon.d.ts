export declare class VectorIndex {
  constructor()
  /** Inserts or replaces the vector of each (owner, field); `vectors` holds them back to back. */
  upsert(owners: Uint32Array, fields: Uint32Array, vectors: Float32Array, dims: number): void
  /** Records items inserted (live 1, moved to the end of their namespace) or deleted (live 0). */
  setLive(owners: Uint32Array, namespaces: Uint32Array, live: Uint8Array): void
  /**
   * Top `k` live items by cosine. `owners` (already filtered) wins over `namespaces` (flags by
   * namespace id); with neither, every live item is a candidate.
   */
  search(query: Float64Array, k: number, namespaces?: Uint8Array | undefined | null, owners?: Uint32Array | undefined | null): SearchHits
  hasVectors(owner: number): boolean
  /** One item's vectors (for `getVectors` compatibility; not on any hot path). */
  vectorsOf(owner: number): Array<Float32Array>
  get dims(): number
  get rows(): number
  /** Bytes held outside the V8 heap. */
  get byteSize(): number
}

/** What one pass over JSON bytes found. */
export interface JsonScan {
  /** Deepest nesting of arrays and objects. */
  maxDepth: number
}

/** Reads a buffer of `megabytes` a few times and reports the best read bandwidth. */
export declare function measureMemoryBandwidth(megabytes: number): MemoryBandwidth

export interface MemoryBandwidth {
  singleThreadGbPerS: number
  allThreadsGbPerS: number
}

/** Validates UTF-8 and measures nesting depth of JSON text without parsing it. */
export declare function scanJson(bytes: Uint8Array): JsonScan

export interface SearchHits {
  /** Item (owner) ids, best first. */
  owners: Uint32Array
  /** Cosine scores, computed as the host does (f64 over the stored f32 values). */
  scores: Float64Array
}

/** The crate version, so status can tell which build of the addon is loaded. */
export declare function version(): string
