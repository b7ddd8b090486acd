/** Checkpoints, channel values and writes of one `MemorySaver`, off the V8 heap. */
export declare class MemoryCheckpointStore {
  constructor()
  /**
   * Stores the checkpoint and returns `true`; or stores nothing and returns `false` when a
   * channel's value is neither carried nor held by the parent at that version: the caller then
   * puts again carrying every value.
   *
   * The checkpoint comes without channel values, with its metadata, the channels that hold a
   * value (`channelNames`, the version key of each in `channelVersions`, in output order) and
   * the values it carries (those in `newVersions`, or unversioned): `blobChannels[i]` indexes
   * `channelNames`, `blobTypes[i]` and `blobs[i]` are its type tag and bytes. A channel whose
   * value is not carried shares the parent checkpoint's value at the same version. Per blob,
   * when given and > 0: the blob is a JSON array of the elements after the first
   * `blobPrefixes[i]` elements of the latest array this thread stored for that channel, which
   * are `blobPrefixLens[i]` bytes joined by commas and were stored by the put of checkpoint
   * `blobPrefixSources[i]` (see `ElementPrefix`).
   */
  put(threadId: string, checkpointNs: string, checkpointId: string, parentCheckpointId: string | undefined | null, checkpointType: string, checkpoint: Serialized, metadataType: string, metadata: Serialized, channelNames: Array<string>, channelVersions: Array<string>, blobChannels: Array<number>, blobTypes: Array<string>, blobs: Array<Serialized>, blobPrefixes?: Array<number> | undefined | null, blobPrefixLens?: Array<number> | undefined | null, blobPrefixSources?: Array<string> | undefined | null): boolean
  /**
   * Several `putWrites` calls at once, in call order, as the saver buffers them between its
   * other methods: one crossing instead of one per call. Per call: its thread, namespace,
   * checkpoint, task, task path and number of writes (`counts`); per write, in call order:
   * its channel, index, type tag and serialized value. Checked whole before any is kept.
   */
  putWritesBatch(threadIds: Array<string>, checkpointNss: Array<string>, checkpointIds: Array<string>, taskIds: Array<string>, taskPaths: Array<string>, counts: Array<number>, channels: Array<string>, indexes: Array<number>, types: Array<string>, values: Array<Serialized>): void
  /**
   * The checkpoint `checkpointId`, or the latest of the namespace when it is absent. With
   * `combine`, JSON parts come back as one document (`combined`).
   */
  get(threadId: string, checkpointNs: string, checkpointId: string | undefined | null, withWrites: boolean, combine?: boolean | undefined | null): StoredCheckpoint | null
  /**
   * `get` with `combine` for a reader on the native serializer: the joined document comes back
   * as a JavaScript string with its scan report (`text`, `scan`), so a read crosses once and
   * makes no byte array. `text` is null when the parts cannot be joined or the joined bytes
   * fail the scan: the caller reads the parts then, whose own loads report the error. Message
   * records may come back compact, as `scan.compactShapes` then says.
   */
  getDocument(threadId: string, checkpointNs: string, checkpointId: string | undefined | null, withWrites: boolean, depthLimit: number): { checkpointId: string; parentCheckpointId?: string; writeTaskIds: string[]; writeChannels: string[]; text: string | null; scan?: JsonScan } | null
  /**
   * What `list` yields, as keys; the caller loads each with `get` as it iterates.
   * `filterJson` is a JSON object of metadata key -> primitive value that must be `===`;
   * `filterAbsent` the metadata keys that must be absent (filter value `undefined`).
   */
  list(threadId?: string | undefined | null, checkpointNs?: string | undefined | null, checkpointId?: string | undefined | null, before?: string | undefined | null, filterJson?: string | undefined | null, filterAbsent?: Array<string> | undefined | null, limit?: number | undefined | null): Array<CheckpointKey>
  /** Values written to one channel of a checkpoint, in insertion order (pending sends). */
  channelWrites(threadId: string, checkpointNs: string, checkpointId: string, channel: string): Array<StoredWrite>
  /** Bytes of serialized checkpoint data held off the V8 heap (walks the whole store). */
  storedBytes(): number
  deleteThread(threadId: string): void
  deltaChannelHistory(threadId: string, checkpointNs: string, checkpointId: string | undefined | null, channels: Array<string>, withWrites: boolean): Array<StoredChannelHistory>
}

export declare class PostgresCheckpointDb {
  /** Takes (or opens) the shared pool of these settings; connections open on first use. */
  constructor(settings: PostgresSettings, schema: string)
  /** The latest checkpoint of a thread and namespace, or the one with `checkpoint_id`. */
  getTuple(threadId?: string | undefined | null, checkpointNs?: string | undefined | null, checkpointId?: string | undefined | null): Promise<PostgresCheckpoint | null>
  list(query: PostgresListQuery): Promise<PostgresCheckpoint[]>
  /** Writes the checkpoint and the blobs of its new versions in one statement. */
  put(threadId: string | undefined | null, checkpointNs: string | undefined | null, checkpointId: string | undefined | null, parentCheckpointId: string | undefined | null, checkpoint: string, metadata: string, channels: Array<string>, versions: Array<string>, types: Array<string>, blobs: Array<Uint8Array | undefined | null>): Promise<void>
  /** Writes a task's writes in one statement; `upsert` replaces rows of the same index. */
  putWrites(threadId: string | undefined | null, checkpointNs: string | undefined | null, checkpointId: string | undefined | null, taskId: string | undefined | null, indexes: Array<number>, channels: Array<string>, types: Array<string>, blobs: Array<Uint8Array | undefined | null>, upsert: boolean): Promise<void>
  deleteThread(threadId: string): Promise<void>
  /** The sends written to these parent checkpoints of a thread, per parent. */
  pendingSends(threadId: string, parentIds: Array<string>): Promise<PostgresPendingSends[]>
  /** The writes and seeds getDeltaChannelHistory needs for `channels`, in one statement. */
  deltaHistory(threadId: string | undefined | null, checkpointNs: string | undefined | null, checkpointId: string | undefined | null, channels: Array<string>): Promise<PostgresHistoryRow[]>
  /** Lets go of the shared pool (closed once no saver holds it); calls after this reject. */
  close(): void
}

/** A SQLite checkpoint database in the host's schema, worked on by its own thread. */
export declare class SqliteCheckpointDb {
  /** Opens `path` (":memory:" for a private in-memory database), creating the host's tables. */
  constructor(path: string, options: SqliteOpenOptions)
  getTuple(threadId: string, checkpointNs: string, checkpointId?: string | undefined | null, depthLimit?: number | undefined | null): Promise<SqliteCheckpoint | null>
  list(query: SqliteListQuery, depthLimit?: number | undefined | null): Promise<Array<SqliteCheckpoint>>
  /** The writes and seeds getDeltaChannelHistory needs for `channels` (a JSON array), in one query. */
  deltaHistory(threadId: string, checkpointNs: string, checkpointId: string | undefined | null, channels: string): Promise<Array<SqliteHistoryRow>>
  pendingSends(threadId: string, parentCheckpointId: string): Promise<Array<SqliteWrite>>
  put(threadId: string, checkpointNs: string, checkpointId: string, parentCheckpointId: string | undefined | null, checkpointType: string, checkpoint: string | Uint8Array, metadata: string | Uint8Array): Promise<void>
  /**
   * `put` of a JSON checkpoint sent in parts: `pieces[0]` + array 0 + `pieces[1]` + … , each
   * array rebuilt from elements an earlier put of its channel sent (`SqliteArrayPart`). Returns
   * undefined, storing nothing, when this handle does not hold such a prefix: the caller then
   * puts the checkpoint whole.
   */
  putAssembled(threadId: string, checkpointNs: string, checkpointId: string, parentCheckpointId: string | undefined | null, pieces: Array<string>, arrays: Array<SqliteArrayPart>, metadata: string | Uint8Array): Promise<void> | undefined
  putWrites(threadId: string, checkpointNs: string | undefined | null, checkpointId: string, taskId: string, channels: Array<string>, indexes: Array<number>, types: Array<string>, values: Array<string | Uint8Array>, replace: boolean): Promise<void>
  deleteThread(threadId: string): Promise<void>
  /**
   * Finishes the queued work, closes both connections and stops both threads before it
   * returns; the Promises of that work are settled in this call. (A handle that is only
   * collected stops its threads too, once they have finished its work.)
   */
  close(): void
}

export declare class VectorIndex {
  constructor()
  /**
   * Inserts or replaces the vector of the first `count` (owner, field) pairs; `vectors` holds
   * them back to back. The arrays may be longer (reused scratch buffers): only `count` are read.
   * Typed arrays are borrowed as slices for the call (no reference is created or kept).
   */
  upsert(owners: Uint32Array, fields: Uint32Array, vectors: Float32Array, dims: number, count: number): void
  /**
   * Inserts or replaces the vector of one (owner, field): the one-row form of `upsert` that a
   * put of one field uses. The row comes as f64: V8 fills a Float64Array from a number[] with a
   * plain copy (a Float32Array needs a conversion per element, ~2x slower); it is rounded here.
   */
  upsertRow(owner: number, field: number, vector: Float64Array): void
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
  /** Exact-only scans: no int8 copy is kept (less memory; large scans read every f32 row). */
  set exactOnly(exact: boolean)
  /** Bytes held outside the V8 heap. */
  get byteSize(): number
}

export interface CheckpointKey {
  threadId: string
  checkpointNs: string
  checkpointId: string
}

/** What one batch did. */
export interface ConvertBatch {
  /** Rows rewritten in the target format. */
  converted: number
  /** Rows left as they are: JSON nested deeper than the MessagePack encoder reads. */
  kept: number
  /** The last rowid looked at: the next batch starts after it (0 and `done` when none was left). */
  lastRowid: number
  done: boolean
}

/** Rows of the file still in the other format, per table. */
export interface ConvertPending {
  checkpoints: number
  writes: number
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
  /**
   * Message records are written compact, every object with a string "lc" value is one, and
   * these are the shapes they index (only `getDocument` sets it). The forms are
   * `message_record`'s: a record `{"lc":"<index>",<kept members>}`, or a list of records
   * `{"lc":"[]","shapes":[<index>,...],"records":[{<kept members>},...]}`; each shape is
   * `<Name>` then ` <kind><key>` per kwargs member, `kind` `=` kept, `{` or `[` an empty one
   * left out.
   */
  compactShapes?: Array<string>
}

/** Reads a buffer of `megabytes` a few times and reports the best read bandwidth. */
export declare function measureMemoryBandwidth(megabytes: number): MemoryBandwidth

export interface MemoryBandwidth {
  singleThreadGbPerS: number
  allThreadsGbPerS: number
}

/** `convert_value` for JavaScript: null when the row is kept as it is. */
export declare function msgpackConvertValue(bytes: Uint8Array, to: string): Buffer | null

/**
 * The "msgpack" bytes of the serializer's JSON text (records in their compact forms), with the
 * message `pieces` (from `msgpackMessage`) where the text holds their splice marks; null when the
 * value nests too deep for the encoder, which the caller then writes as "json".
 */
export declare function msgpackFromJson(text: string, pieces?: Array<Uint8Array> | undefined | null): Buffer | null

/**
 * The ext 33 bytes of one message record's JSON text, for the serializer to keep and pass back
 * as a piece; null when the text is not a message record we compact, or cannot be MessagePack.
 */
export declare function msgpackMessage(text: string): Buffer | null

/**
 * "msgpack" bytes as JSON text for the serializer's reviver, with the text's scan report (what
 * `msgpackToJson` returns, built by hand to give V8 a one-byte string).
 */
export interface MsgpackText {
  text: string
  scan: JsonScan
}

export declare function msgpackToJson(bytes: Uint8Array): MsgpackText

/**
 * A checkpoint row as read: JSON texts for JavaScript to parse, and its blobs and pending
 * writes as side-by-side lists (in the host's order for the writes).
 */
export interface PostgresCheckpoint {
  threadId: string
  checkpointNs: string
  checkpointId: string
  parentCheckpointId?: string
  checkpoint: string
  metadata: string
  blobChannels: Array<string>
  blobTypes: Array<string>
  blobs: Array<Buffer | undefined | null>
  writeTaskIds: Array<string>
  writeChannels: Array<string>
  writeTypes: Array<string | undefined | null>
  writeBlobs: Array<Buffer>
}

/**
 * A row of getDeltaChannelHistory's walk: a write (in the host's order) or a seed (`seed`), of
 * the ancestor `depth` steps above the target's parent (0 is the parent itself).
 */
export interface PostgresHistoryRow {
  depth: number
  seed: boolean
  taskId?: string
  channel: string
  valueType?: string
  blob?: Buffer
}

/** `list()`'s filters, as the host's `_searchWhere` takes them; `metadata` is the JSON filter. */
export interface PostgresListQuery {
  threadId?: string
  checkpointNs?: string
  checkpointId?: string
  metadata?: string
  before?: string
  limit?: number
  /** The host's LIMIT text where it binds to no bigint (`NaN`...); see `Limit::Literal`. */
  limitLiteral?: string
}

/** The sends written to a parent checkpoint (for checkpoints older than v4). */
export interface PostgresPendingSends {
  checkpointId: string
  types: Array<string | undefined | null>
  blobs: Array<Buffer>
}

/**
 * What a connection is opened with: the settings node-postgres resolved for the host's pool
 * (URL, PG* environment variables and defaults), so both open the same connections.
 */
export interface PostgresSettings {
  host: string
  port: number
  user: string
  password?: string
  database: string
  /** The `options` startup parameter (e.g. `-c search_path=...`). */
  options?: string
  applicationName?: string
  /** Connections at most (the host pool's `max`, 10 by default). */
  maxConnections: number
}

/**
 * Validates UTF-8, balance and nesting depth of JSON text without parsing it; `depthLimit`
 * (0 or absent: unbounded) rejects hostile nesting before anything recurses.
 */
export declare function scanJson(bytes: Uint8Array, depthLimit?: number | undefined | null): JsonScan

/**
 * An array of a `putAssembled` checkpoint: the first `prefix` elements of what the put of
 * checkpoint `source` sent for this channel (`prefixLen` bytes joined by commas; 0 for none),
 * then the elements of the JSON array `tail`.
 */
export interface SqliteArrayPart {
  channel: string
  prefix: number
  prefixLen: number
  source: string
  tail: string
}

/** A checkpoint row as read; `checkpointText`/`metadataText` as for `SqliteWrite`. */
export interface SqliteCheckpoint {
  threadId: string
  checkpointNs: string
  checkpointId: string
  parentCheckpointId?: string
  checkpointType?: string
  checkpoint?: Uint8Array
  checkpointText?: string
  checkpointScan?: JsonScan
  metadata?: Uint8Array
  metadataText?: string
  metadataScan?: JsonScan
  writes: Array<SqliteWrite>
}

/** Converts up to `limit` rows of `table` after `afterRowid`, in one transaction. */
export declare function sqliteConvertBatch(path: string, tableName: string, to: string, afterRowid: number, limit: number): ConvertBatch

export declare function sqliteConvertPending(path: string, to: string): ConvertPending

/** A row of getDeltaChannelHistory's walk (see `statements::delta_history`). */
export interface SqliteHistoryRow {
  depth: number
  kind: number
  taskId?: string
  channel: string
  valueType?: string
  value?: Uint8Array
}

export interface SqliteListQuery {
  threadId?: string
  checkpointNs?: string
  before?: string
  /** Metadata keys and the JSON text each must equal (the host's `jsonb(...)->'$.key' = ?`). */
  filterKeys?: Array<string>
  filterValues?: Array<string>
  limit?: number
}

/** The handle's settings that the native connection copies from the host's better-sqlite3 one. */
export interface SqliteOpenOptions {
  synchronousFull: boolean
  /** better-sqlite3's `readonly`: writes fail with SQLITE_READONLY, nothing is created. */
  readonly?: boolean
  /** The handle's `PRAGMA busy_timeout` (better-sqlite3's `timeout`, 5,000 ms by default). */
  busyTimeoutMs?: number
}

/**
 * A write as read. With a `depthLimit` given, a JSON value whose bytes pass the scan comes as
 * `valueText` plus `valueScan` (made on the database thread) instead of `value` bytes.
 */
export interface SqliteWrite {
  taskId: string
  channel: string
  valueType?: string
  value?: Uint8Array
  valueText?: string
  valueScan?: JsonScan
}

export interface StoredChannelHistory {
  hasSeed: boolean
  seedType: string
  seed: Uint8Array
  writes: Array<StoredWrite>
}

export interface StoredCheckpoint {
  checkpointId: string
  parentCheckpointId?: string
  checkpointType: string
  checkpoint: Uint8Array
  metadataType: string
  metadata: Uint8Array
  channelNames: Array<string>
  channelTypes: Array<string>
  channelValues: Array<Uint8Array>
  /** In `writesSortKey` order. */
  writes: Array<StoredWrite>
  /**
   * Asked for with `combine` and all JSON: `[checkpoint with channel_values, metadata,
   * [write values]]`, one document for one `loadsTyped`; the parts above are then empty.
   */
  combined?: Uint8Array
}

export interface StoredWrite {
  taskId: string
  channel: string
  valueType: string
  value: Uint8Array
}

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
