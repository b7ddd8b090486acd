/** Checkpoints, channel values and writes of one `MemorySaver`, off the V8 heap. */
export declare class MemoryCheckpointStore {
  constructor()
  put(put: CheckpointPut): void
  putWrites(put: WritesPut): void
  /** The checkpoint `checkpointId`, or the latest of the namespace when it is absent. */
  get(threadId: string, checkpointNs: string, checkpointId: string | undefined | null, withWrites: boolean): StoredCheckpoint | null
  /** What `list` yields, as keys; the caller loads each with `get` as it iterates. */
  list(query: CheckpointListQuery): Array<CheckpointKey>
  /** Values written to one channel of a checkpoint, in insertion order (pending sends). */
  channelWrites(threadId: string, checkpointNs: string, checkpointId: string, channel: string): Array<StoredWrite>
  /** Bytes of serialized checkpoint data held off the V8 heap (walks the whole store). */
  storedBytes(): number
  deleteThread(threadId: string): void
  deltaChannelHistory(threadId: string, checkpointNs: string, checkpointId: string | undefined | null, channels: Array<string>, withWrites: boolean): Array<StoredChannelHistory>
}

/** A SQLite checkpoint database in the host's schema, worked on by its own thread. */
export declare class SqliteCheckpointDb {
  /** Opens `path` (":memory:" for a private in-memory database), creating the host's tables. */
  constructor(path: string, synchronousFull: boolean)
  getTuple(threadId: string, checkpointNs: string, checkpointId?: string | undefined | null): Promise<SqliteCheckpoint | null>
  list(query: SqliteListQuery): Promise<Array<SqliteCheckpoint>>
  pendingSends(threadId: string, parentCheckpointId: string): Promise<Array<SqliteWrite>>
  put(threadId: string, checkpointNs: string, checkpointId: string, parentCheckpointId: string | undefined | null, checkpointType: string, checkpoint: Uint8Array, metadata: Uint8Array): Promise<void>
  putWrites(threadId: string, checkpointNs: string | undefined | null, checkpointId: string, taskId: string, channels: Array<string>, indexes: Array<number>, types: Array<string>, values: Array<Uint8Array>, replace: boolean): Promise<void>
  deleteThread(threadId: string): Promise<void>
  /** Finishes the queued work and closes the connection (also done when the handle is collected). */
  close(): void
}

export interface CheckpointKey {
  threadId: string
  checkpointNs: string
  checkpointId: string
}

export interface CheckpointListQuery {
  threadId?: string
  checkpointNs?: string
  checkpointId?: string
  before?: string
  /** JSON object of metadata key -> primitive value that must be `===`. */
  filterJson?: string
  /** Metadata keys that must be absent (filter value `undefined`). */
  filterAbsent?: Array<string>
  limit?: number
}

/**
 * A whole `put`: the checkpoint without channel values, its metadata, and the channel values
 * to store (those in `newVersions`). An empty `blobTypes` entry records a deleted channel.
 */
export interface CheckpointPut {
  threadId: string
  checkpointNs: string
  checkpointId: string
  parentCheckpointId?: string
  checkpointType: string
  checkpoint: Uint8Array
  metadataType: string
  metadata: Uint8Array
  /** The checkpoint's channels and the version key of each, in output order. */
  channelNames: Array<string>
  channelVersions: Array<string>
  blobNames: Array<string>
  blobVersions: Array<string>
  blobTypes: Array<string>
  blobs: Array<Uint8Array>
}

/** What one pass over JSON bytes found. */
export interface JsonScan {
  /** Deepest nesting of arrays and objects. */
  maxDepth: number
}

/** Validates UTF-8 and measures nesting depth of JSON text without parsing it. */
export declare function scanJson(bytes: Uint8Array): JsonScan

export interface SqliteCheckpoint {
  threadId: string
  checkpointNs: string
  checkpointId: string
  parentCheckpointId?: string
  checkpointType?: string
  checkpoint?: Uint8Array
  metadata?: Uint8Array
  writes: Array<SqliteWrite>
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

export interface SqliteWrite {
  taskId: string
  channel: string
  valueType?: string
  value?: Uint8Array
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
}

export interface StoredWrite {
  taskId: string
  channel: string
  valueType: string
  value: Uint8Array
}

/** The crate version, so status can tell which build of the addon is loaded. */
export declare function version(): string

/** The writes of one `putWrites` call, already serialized. */
export interface WritesPut {
  threadId: string
  checkpointNs: string
  checkpointId: string
  taskId: string
  taskPath: string
  channels: Array<string>
  indexes: Array<number>
  types: Array<string>
  values: Array<Uint8Array>
}
