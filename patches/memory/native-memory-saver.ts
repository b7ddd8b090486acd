// The native MemorySaver: a subclass of the host copy's own MemorySaver (so `instanceof` holds and
// `getNextVersion`, `get`, `toJSON` are the host's) whose data lives in the Rust
// `MemoryCheckpointStore`. Serialization stays `this.serde`, one store call per method.
import type { NativeAddon } from "../../shim/addon";
import type { MemoryCheckpointStore, StoredCheckpoint, StoredWrite } from "../../native/addon";
import {
  assertSafeStorageKey,
  effectiveLimit,
  getCheckpointId,
  maxChannelVersion,
  PUT_WITHOUT_THREAD,
  PUT_WRITES_WITHOUT_CHECKPOINT,
  PUT_WRITES_WITHOUT_THREAD,
  TASKS,
  versionKey,
  WRITES_IDX_MAP,
} from "./host-contract";
import { encodeMetadataFilter } from "./metadata-filter";
import { jsonTextDecoderOf, jsonTextEncoderOf, LOAD_MAX_DEPTH } from "../serde/native-serializer";
import { dumpsEach, prepareCheckpoint, type Serialized } from "./dumps-each";
import { SentArrays } from "./sent-arrays";

type SaverClass = new (...args: any[]) => any;

/** Buffered writes stored at once when this many values are waiting. */
const FLUSH_WRITES = 256;

/** Checkpoint (with its channel values), metadata and pending writes [taskId, channel, value]. */
type LoadedParts = [any, any, Array<[string, string, unknown]>];

interface ReadCheckpoint {
  checkpointId: string;
  parentId: string | undefined;
  parts: LoadedParts;
}

/** The parts of a loaded joined document `[checkpoint, metadata, [write values]]`, if it is one. */
function splitCombined(loaded: unknown, taskIds: string[], channels: string[]): LoadedParts | undefined {
  if (!Array.isArray(loaded) || loaded.length !== 3 || !Array.isArray(loaded[2]) || loaded[2].length !== taskIds.length) return undefined;
  const [checkpoint, metadata, values] = loaded;
  if (checkpoint === null || typeof checkpoint !== "object") return undefined;
  return [checkpoint, metadata, taskIds.map((taskId, i): [string, string, unknown] => [taskId, channels[i], values[i]])];
}

/** Buffered putWrites calls: per call its keys and number of writes, per write its parts. */
class PendingWrites {
  readonly threadIds: string[] = [];
  readonly checkpointNss: string[] = [];
  readonly checkpointIds: string[] = [];
  readonly taskIds: string[] = [];
  readonly taskPaths: string[] = [];
  readonly counts: number[] = [];
  readonly channels: string[] = [];
  readonly indexes: number[] = [];
  readonly types: string[] = [];
  readonly values: Array<string | Uint8Array> = [];
}

/** The native store behind a saver, for self-checks and tests. */
export const STORE = Symbol.for("langgraph-native.memory.store");

export function defineNativeMemorySaver(HostMemorySaver: SaverClass, addon: NativeAddon): SaverClass {
  // Named as the host's class: status, logs and `toJSON` show "MemorySaver".
  class MemorySaver extends HostMemorySaver {
    readonly [STORE]: MemoryCheckpointStore = new addon.MemoryCheckpointStore();
    /** The element texts of the array values the store holds last, per channel. */
    readonly #sentArrays = new SentArrays();

    async getTuple(config: any): Promise<any> {
      this._flushWrites();
      const thread_id = config.configurable?.thread_id;
      const checkpoint_ns = config.configurable?.checkpoint_ns ?? "";
      const checkpoint_id = getCheckpointId(config);
      if (thread_id !== undefined) assertSafeStorageKey("thread_id", thread_id);
      assertSafeStorageKey("checkpoint_ns", checkpoint_ns, { allowEmpty: true });
      if (checkpoint_id) assertSafeStorageKey("checkpoint_id", checkpoint_id);
      const read = await this._read(thread_id, checkpoint_ns, checkpoint_id || undefined);
      if (!read) return undefined;
      const tupleConfig = checkpoint_id
        ? config
        : { configurable: { thread_id, checkpoint_id: read.checkpointId, checkpoint_ns } };
      return this._tupleFrom(read, tupleConfig, thread_id, checkpoint_ns);
    }

    async *list(config: any, options?: any): AsyncGenerator<any> {
      this._flushWrites();
      const { before, limit, filter } = options ?? {};
      const configurable = config.configurable;
      if (configurable?.thread_id !== undefined) assertSafeStorageKey("thread_id", configurable.thread_id);
      if (configurable?.checkpoint_ns !== undefined)
        assertSafeStorageKey("checkpoint_ns", configurable.checkpoint_ns, { allowEmpty: true });
      if (configurable?.checkpoint_id) assertSafeStorageKey("checkpoint_id", configurable.checkpoint_id);
      if (before?.configurable?.checkpoint_id) assertSafeStorageKey("checkpoint_id", before.configurable.checkpoint_id);
      const encodedFilter = encodeMetadataFilter(filter);
      if (encodedFilter === null) return;
      const bound = effectiveLimit(limit);
      const keys = this[STORE].list(
        configurable?.thread_id || undefined,
        configurable?.checkpoint_ns,
        configurable?.checkpoint_id || undefined,
        before?.configurable?.checkpoint_id || undefined,
        encodedFilter.filterJson,
        encodedFilter.filterAbsent,
        bound === undefined ? undefined : Math.min(bound, 0xffffffff),
      );
      for (const key of keys) {
        // Loaded one at a time, as the host yields: a thread deleted meanwhile is skipped.
        this._flushWrites();
        const read = await this._read(key.threadId, key.checkpointNs, key.checkpointId);
        if (!read) continue;
        const tupleConfig = {
          configurable: { thread_id: key.threadId, checkpoint_ns: key.checkpointNs, checkpoint_id: key.checkpointId },
        };
        yield await this._tupleFrom(read, tupleConfig, key.threadId, key.checkpointNs);
      }
    }

    async put(config: any, checkpoint: any, metadata: any, newVersions?: Record<string, unknown>): Promise<any> {
      // First, as the host's copyCheckpoint is: a checkpoint that is not one fails before the config.
      const prepared = prepareCheckpoint(this.serde, checkpoint, "apart");
      const threadId = config.configurable?.thread_id;
      const checkpointNs = config.configurable?.checkpoint_ns ?? "";
      if (threadId === undefined) throw new Error(PUT_WITHOUT_THREAD);
      assertSafeStorageKey("thread_id", threadId);
      assertSafeStorageKey("checkpoint_ns", checkpointNs, { allowEmpty: true });
      assertSafeStorageKey("checkpoint_id", checkpoint.id);

      const values = prepared.channelValues;
      const versions = prepared.channelVersions;
      const channelNames = Object.keys(values);
      // A value without a version is never shared: its key is this checkpoint's own.
      const channelVersions = channelNames.map((name) =>
        Object.prototype.hasOwnProperty.call(versions, name) ? versionKey(versions[name]) : `\u0000${checkpoint.id}`,
      );
      // Python's InMemorySaver: carry the values of the channels in `newVersions` (and unversioned
      // ones); the store shares the parent's value of every other channel. A caller that passes no
      // `newVersions` at all gets every value stored, as the host does.
      const carried: number[] = [];
      channelNames.forEach((name, at) => {
        if (newVersions == null || Object.prototype.hasOwnProperty.call(newVersions, name) || channelVersions[at][0] === "\u0000")
          carried.push(at);
      });
      // Array values (a chat's messages) are sent as the elements the store does not hold yet.
      const encoder = jsonTextEncoderOf(this.serde);
      const arrays = carried.map((at) => this.#sentArrays.blobFor(encoder, threadId, checkpointNs, channelNames[at], checkpoint.id, values[channelNames[at]]));
      const whole = carried.filter((_, i) => arrays[i] === undefined).map((at) => values[channelNames[at]]);
      const serializing = dumpsEach(this.serde, prepared.text ? [metadata, ...whole] : [prepared.copy, metadata, ...whole]);
      const serialized = serializing instanceof Promise ? await serializing : serializing;
      const [[checkpointType, checkpointBytes], [metadataType, metadataBytes], ...wholeBlobs] = prepared.text ? [prepared.text, ...serialized] : serialized;
      let nextWhole = 0;
      const blobs = arrays.map((array): Serialized => array !== undefined ? ["json", array.text] : wholeBlobs[nextWhole++]);
      const parentCheckpointId = config.configurable?.checkpoint_id ?? undefined;
      // The checkpoint with the values given (each a channel index, its type and bytes).
      const putCarrying = (at: number[], carriedBlobs: Serialized[], prefixes?: [number[], number[], string[]]) => {
        this._flushWrites();
        return this[STORE].put(
          threadId,
          checkpointNs,
          checkpoint.id,
          parentCheckpointId,
          checkpointType,
          checkpointBytes,
          metadataType,
          metadataBytes,
          channelNames,
          channelVersions,
          at,
          carriedBlobs.map(([type]) => type),
          carriedBlobs.map(([, bytes]) => bytes),
          prefixes?.[0],
          prefixes?.[1],
          prefixes?.[2],
        );
      };
      const stored = putCarrying(carried, blobs, [
        arrays.map((array) => array?.prefix ?? 0),
        arrays.map((array) => array?.prefixBytes ?? 0),
        arrays.map((array) => array?.prefixSource ?? ""),
      ]);
      if (stored) {
        this.#sentArrays.stored(threadId, checkpointNs, carried.map((at, i) => [channelNames[at], arrays[i]]));
      } else {
        // The parent does not hold an unchanged channel at its version (a first put on a copied
        // config, a deleted parent), or the store no longer holds an array's first elements as we
        // thought: carry every value, whole.
        this.#sentArrays.forget(threadId, checkpointNs);
        const everyValue = dumpsEach(this.serde, channelNames.map((name) => values[name]));
        const serialized = everyValue instanceof Promise ? await everyValue : everyValue;
        const storedWhole = putCarrying(channelNames.map((_, at) => at), serialized);
        if (!storedWhole) throw new Error("langgraph-native: the checkpoint store refused a put carrying every value");
      }
      return { configurable: { thread_id: threadId, checkpoint_ns: checkpointNs, checkpoint_id: checkpoint.id } };
    }

    async putWrites(config: any, writes: Array<[string, unknown]>, taskId: string, taskPath?: string): Promise<void> {
      const threadId = config.configurable?.thread_id;
      const checkpointNs = config.configurable?.checkpoint_ns;
      const checkpointId = config.configurable?.checkpoint_id;
      if (threadId === undefined) throw new Error(PUT_WRITES_WITHOUT_THREAD);
      if (checkpointId === undefined) throw new Error(PUT_WRITES_WITHOUT_CHECKPOINT);
      assertSafeStorageKey("thread_id", threadId);
      assertSafeStorageKey("checkpoint_ns", checkpointNs, { allowEmpty: true });
      assertSafeStorageKey("checkpoint_id", checkpointId);
      assertSafeStorageKey("task_id", taskId);
      const serializing = dumpsEach(this.serde, writes.map(([, value]) => value));
      const serialized = serializing instanceof Promise ? await serializing : serializing;
      // Kept until the next call that reads or writes checkpoints, then stored in one crossing.
      const pending = (this.#pendingWrites ??= new PendingWrites());
      pending.threadIds.push(threadId);
      pending.checkpointNss.push(checkpointNs);
      pending.checkpointIds.push(checkpointId);
      pending.taskIds.push(taskId);
      pending.taskPaths.push(taskPath ?? "");
      pending.counts.push(writes.length);
      writes.forEach(([channel], idx) => {
        pending.channels.push(channel);
        pending.indexes.push(WRITES_IDX_MAP[channel] ?? idx);
        pending.types.push(serialized[idx][0]);
        pending.values.push(serialized[idx][1]);
      });
      if (pending.values.length >= FLUSH_WRITES) this._flushWrites();
    }

    /** Buffered putWrites calls, in call order, as the columns the store takes. */
    #pendingWrites: PendingWrites | undefined;

    /** @internal Stores the buffered writes; every method that touches the store calls it first. */
    _flushWrites(): void {
      const pending = this.#pendingWrites;
      if (pending === undefined) return;
      this.#pendingWrites = undefined;
      this[STORE].putWritesBatch(
        pending.threadIds,
        pending.checkpointNss,
        pending.checkpointIds,
        pending.taskIds,
        pending.taskPaths,
        pending.counts,
        pending.channels,
        pending.indexes,
        pending.types,
        pending.values,
      );
    }

    async deleteThread(threadId: string): Promise<void> {
      this._flushWrites();
      assertSafeStorageKey("thread_id", threadId);
      this[STORE].deleteThread(threadId);
      this.#sentArrays.forget(threadId);
    }

    async getDeltaChannelHistory(options: { config: any; channels: string[] }): Promise<Record<string, any>> {
      this._flushWrites();
      const { config, channels } = options;
      if (channels.length === 0) return {};
      const threadId = config.configurable?.thread_id;
      const checkpointNs = config.configurable?.checkpoint_ns ?? "";
      if (threadId !== undefined) assertSafeStorageKey("thread_id", threadId);
      assertSafeStorageKey("checkpoint_ns", checkpointNs, { allowEmpty: true });
      const histories = this[STORE].deltaChannelHistory(
        String(threadId),
        checkpointNs,
        getCheckpointId(config) || undefined,
        channels,
        threadId !== undefined,
      );
      const result: Record<string, any> = {};
      for (let i = 0; i < channels.length; i++) {
        const history = histories[i];
        const entry: Record<string, unknown> = { writes: await this._loadWrites(history.writes) };
        if (history.hasSeed) entry.seed = await this.serde.loadsTyped(history.seedType, history.seed);
        result[channels[i]] = entry;
      }
      return result;
    }

    /**
     * @internal The checkpoint `checkpointId` (the latest when undefined) loaded: checkpoint with
     * its channel values, metadata and pending writes. The host indexes its storage with the
     * thread id as given: `undefined` reads thread "undefined", without writes.
     */
    async _read(threadId: unknown, checkpointNs: string, checkpointId: string | undefined): Promise<ReadCheckpoint | undefined> {
      const key = String(threadId);
      const withWrites = threadId !== undefined;
      const decoder = jsonTextDecoderOf(this.serde);
      if (decoder !== undefined) {
        // On the native serializer: one crossing, the joined document as text, scanned in Rust.
        const document = this[STORE].getDocument(key, checkpointNs, checkpointId, withWrites, LOAD_MAX_DEPTH);
        if (!document) return undefined;
        if (document.text !== null) {
          let loaded: unknown;
          try {
            loaded = await decoder.decodeText(document.text, document.scan!);
          } catch {
            // Not lost: the joined document is refused, so the parts are read below, and a part
            // the serializer refuses raises its error there, as the host's getTuple would.
            loaded = undefined;
          }
          const parts = splitCombined(loaded, document.writeTaskIds, document.writeChannels);
          if (parts) return { checkpointId: document.checkpointId, parentId: document.parentCheckpointId ?? undefined, parts };
        }
        checkpointId = document.checkpointId;
      }
      let stored = this[STORE].get(key, checkpointNs, checkpointId, withWrites, true);
      if (!stored) return undefined;
      const combined = stored.combined ? await this._loadCombined(stored) : undefined;
      if (combined === undefined && stored.combined) {
        // Parts the serializer does not accept as one document: read and load them one by one.
        stored = this[STORE].get(key, checkpointNs, stored.checkpointId, withWrites, false);
        if (!stored) return undefined;
      }
      const parts = combined ?? (await this._loadParts(stored));
      return { checkpointId: stored.checkpointId, parentId: stored.parentCheckpointId ?? undefined, parts };
    }

    /** @internal Builds the tuple the host returns from a loaded checkpoint. */
    async _tupleFrom(read: ReadCheckpoint, config: any, threadId: unknown, checkpointNs: string): Promise<any> {
      const [checkpoint, metadata, pendingWrites] = read.parts;
      const parentId = read.parentId;
      if (checkpoint.v < 4 && parentId !== undefined) await this._migrateSends(checkpoint, String(threadId), checkpointNs, parentId);
      const tuple: Record<string, unknown> = { config, checkpoint, metadata, pendingWrites };
      if (parentId !== undefined)
        tuple.parentConfig = { configurable: { thread_id: threadId, checkpoint_ns: checkpointNs, checkpoint_id: parentId } };
      return tuple;
    }

    /**
     * @internal Checkpoint (channel values spliced in), metadata and write values as the store
     * joined them: one `loadsTyped` for the whole tuple, as the host loads one checkpoint
     * document. `undefined` when the serializer rejects the joined document (the parts decide).
     */
    async _loadCombined(stored: StoredCheckpoint): Promise<LoadedParts | undefined> {
      let loaded: unknown;
      try {
        loaded = await this.serde.loadsTyped("json", stored.combined!);
      } catch {
        return undefined;
      }
      return splitCombined(
        loaded,
        stored.writes.map((write) => write.taskId),
        stored.writes.map((write) => write.channel),
      );
    }

    /** @internal Checkpoint, metadata and pending writes loaded part by part. */
    async _loadParts(stored: StoredCheckpoint): Promise<[any, any, Array<[string, string, unknown]>]> {
      const [checkpoint, metadata, pendingWrites, ...channelValues] = await Promise.all([
        this.serde.loadsTyped(stored.checkpointType, stored.checkpoint),
        this.serde.loadsTyped(stored.metadataType, stored.metadata),
        this._loadWrites(stored.writes),
        ...stored.channelValues.map((bytes, i) => this.serde.loadsTyped(stored.channelTypes[i], bytes)),
      ]);
      const values: Record<string, unknown> = {};
      stored.channelNames.forEach((name, i) => (values[name] = channelValues[i]));
      checkpoint.channel_values = values;
      return [checkpoint, metadata, pendingWrites];
    }

    /** @internal Pending writes as the host returns them: [taskId, channel, value]. */
    async _loadWrites(writes: StoredWrite[]): Promise<Array<[string, string, unknown]>> {
      return Promise.all(
        writes.map(async (write): Promise<[string, string, unknown]> => [
          write.taskId,
          write.channel,
          await this.serde.loadsTyped(write.valueType, write.value),
        ]),
      );
    }

    /** @internal The host's `_migratePendingSends` for checkpoints older than v4. */
    async _migrateSends(checkpoint: any, threadId: string, checkpointNs: string, parentId: string): Promise<void> {
      const sends = this[STORE].channelWrites(threadId, checkpointNs, parentId, TASKS);
      checkpoint.channel_values ??= {};
      checkpoint.channel_values[TASKS] = await Promise.all(sends.map((write) => this.serde.loadsTyped(write.valueType, write.value)));
      checkpoint.channel_versions ??= {};
      const versions = Object.values(checkpoint.channel_versions);
      checkpoint.channel_versions[TASKS] = versions.length > 0 ? maxChannelVersion(...versions) : this.getNextVersion(undefined);
    }
  }
  return MemorySaver;
}
