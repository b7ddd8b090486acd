export declare class VectorIndex {
  constructor()
  /**
   * Inserts or replaces the vector of the first `count` (owner, field) pairs; `vectors` holds
   * them back to back. The arrays may be longer (reused scratch buffers): only `count` are read.
   * Typed arrays are borrowed as slices for the call (no reference is created or kept).
   */
  upsert(owners: Uint32Array, fields: Uint32Array, vectors: Float32Array, dims: number, count: number): void
  /**
   * Records the first `count` items inserted (live 1, moved to the end of their namespace) or
   * deleted (live 0); the arrays may be longer (reused scratch buffers).
   */
  setLive(owners: Uint32Array, namespaces: Uint32Array, live: Uint8Array, count: number): void
  /**
   * Top `k` live items by cosine, as one Float64Array of (owner id, score) pairs, best first.
   * `owners` (already filtered) wins over `namespaces` (flags by namespace id); with neither,
   * every live item is a candidate. `query` must have the index's dimensions.
   */
  search(query: Float64Array, k: number, namespaces?: Uint8Array | undefined | null, owners?: Uint32Array | undefined | null): Float64Array
  hasVectors(owner: number): boolean
  /** One item's vectors (for `getVectors` compatibility; not on any hot path). */
  vectorsOf(owner: number): Array<Float32Array>
  get dims(): number
  get rows(): number
  /** Bytes of vector data the last search read (int8 first pass plus rows rescored in f32). */
  get lastScanBytes(): number
  /** Bytes held outside the V8 heap. */
  get byteSize(): number
}

/** What one pass over JSON bytes found. */
export interface JsonScan {
  /** Deepest nesting of arrays and objects. */
  maxDepth: number
  /** Some object has the key "lc" (in any escape spelling): a LangChain record may be inside. */
  hasLcKey: boolean
  /** Some object has the key "__proto__": revival must keep it an ordinary property. */
  hasProtoKey: boolean
  /** Some number reads as -0 or an infinity, which would not survive a JSON.stringify round trip. */
  hasLossyNumber: boolean
  /**
   * Some object with an "lc" or "__lc_escaped__" key contains another one; when false every
   * LangChain record can be revived without looking inside it first.
   */
  nestedRecords: boolean
}

/** Reads a buffer of `megabytes` a few times and reports the best read bandwidth. */
export declare function measureMemoryBandwidth(megabytes: number): MemoryBandwidth

export interface MemoryBandwidth {
  singleThreadGbPerS: number
  allThreadsGbPerS: number
}

/**
 * Validates UTF-8, balance and nesting depth of JSON text without parsing it; `depthLimit`
 * (0 or absent: unbounded) rejects hostile nesting before anything recurses.
 */
export declare function scanJson(bytes: Uint8Array, depthLimit?: number | undefined | null): JsonScan

/**
 * The text of UTF-8 bytes as a JavaScript string, built one-byte when every character allows
 * (faster to create and to JSON.parse than what TextDecoder returns for non-ASCII text).
 */
export declare function utf8Text(bytes: Uint8Array): string

/** The host's `uuid5(name, namespace)` for a well-formed namespace. */
export declare function uuid5(name: string, namespace: string): string

/** The crate version, so status can tell which build of the addon is loaded. */
export declare function version(): string

/** The host's `XXH3(text)` (seed 0) of the UTF-8 bytes, as 32 lowercase hex digits. */
export declare function xxh3(text: string): string
