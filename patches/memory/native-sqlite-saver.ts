// The native SqliteSaver: a subclass of the host copy's SqliteSaver whose queries run on a Rust
// thread (rusqlite, statements prepared once, one writer) and return Promises. Same tables and
// columns as the host, so each saver reads what the other wrote. Serialization stays `this.serde`.
import type { NativeAddon } from "../../shim/addon";
import type { JsonScan, SqliteCheckpoint, SqliteCheckpointDb, SqliteWrite } from "../../native/addon";
import { jsonTextDecoderOf, jsonTextEncoderOf, LOAD_MAX_DEPTH } from "../serde/native-serializer";
import { checkpointParts, hasArrayValue } from "./checkpoint-parts";
import { SentArrays } from "./sent-arrays";
import { dumpsEach, prepareCheckpoint } from "./dumps-each";
import { maxChannelVersion, TASKS, WRITES_IDX_MAP } from "./host-contract";
import { asHostError, closedDatabaseError, sqliteErrorClassOf } from "./sqlite-error";
import { DeltaHistory } from "./delta-history";

type SaverClass = (new (...args: any[]) => any) & { fromConnString(path: string): any };

/** The native database behind a saver, for self-checks and tests. */
export const NATIVE_DB = Symbol.for("langgraph-native.sqlite.db");

export interface SqliteSaverOptions {
  /** PRAGMA synchronous=FULL (also survives a power cut) rather than NORMAL (the host's, in WAL mode). */
  synchronousFull: boolean;
}

/** The database file behind a better-sqlite3 handle; ":memory:" for in-memory and temporary ones. */
export function databasePath(db: any): string {
  const name = typeof db?.name === "string" ? db.name : "";
  return db?.memory === true || name === "" || name === ":memory:" ? ":memory:" : name;
}

/** The native databases opened on a better-sqlite3 handle, closed with it. */
const NATIVE_DBS = Symbol.for("langgraph-native.sqlite.nativeDbs");

/**
 * Makes `db.close()` close `native` first (its queued work finishes, its connections and threads
 * go), then the handle itself, as the user expects of the one handle they see.
 */
function closeWithHandle(db: any, native: SqliteCheckpointDb): void {
  if (db == null || typeof db.close !== "function") return;
  let natives: Set<SqliteCheckpointDb> | undefined = db[NATIVE_DBS];
  if (natives === undefined) {
    natives = new Set();
    const open = natives;
    const hostClose = db.close;
    Object.defineProperty(db, NATIVE_DBS, { value: open });
    Object.defineProperty(db, "close", {
      configurable: true,
      writable: true,
      value: function close(this: any, ...args: unknown[]) {
        for (const each of open) each.close();
        open.clear();
        return hostClose.apply(this, args);
      },
    });
  }
  natives.add(native);
}

/** `PRAGMA busy_timeout` of a better-sqlite3 handle (its `timeout` option); undefined if unreadable. */
function busyTimeoutOf(db: any): number | undefined {
  try {
    const timeout = db?.pragma?.("busy_timeout", { simple: true });
    return Number.isInteger(timeout) && timeout >= 0 ? timeout : undefined;
  } catch {
    return undefined;
  }
}

/** `channel in WRITES_IDX_MAP` as the host evaluates it on its plain object (prototype included). */
function isSpecialChannel(channel: string): boolean {
  return Object.prototype.hasOwnProperty.call(WRITES_IDX_MAP, channel) || channel in Object.prototype;
}

export function defineNativeSqliteSaver(HostSqliteSaver: SaverClass, addon: NativeAddon, options: SqliteSaverOptions): SaverClass {
  // Named as the host's class: status, logs and `toJSON` show "SqliteSaver".
  class SqliteSaver extends HostSqliteSaver {
    [NATIVE_DB]: SqliteCheckpointDb | undefined;
    /** The element texts of the array values this saver's handle was sent last, per channel. */
    readonly #sentArrays = new SentArrays();

    /** The host's factory builds its own class; this one opens the same kind of handle for ours. */
    static fromConnString(connStringOrLocalPath: string): any {
      return new this(HostSqliteSaver.fromConnString(connStringOrLocalPath).db);
    }

    /**
     * Opens the native connection on the handle's file and creates the host's tables there.
     * A ":memory:" handle gets a private in-memory database of its own.
     */
    setup(): void {
      if (this.isSetup) return;
      if (this.db?.open === false) throw closedDatabaseError();
      let native: SqliteCheckpointDb;
      try {
        native = new addon.SqliteCheckpointDb(databasePath(this.db), {
          synchronousFull: options.synchronousFull,
          readonly: this.db?.readonly === true,
          busyTimeoutMs: busyTimeoutOf(this.db),
        });
      } catch (error) {
        throw this._hostError(error);
      }
      this[NATIVE_DB] = native;
      closeWithHandle(this.db, native);
      this.isSetup = true;
    }

    private get native(): SqliteCheckpointDb {
      this.setup();
      // As the host's statements on a closed handle: a TypeError, before anything runs.
      if (this.db?.open === false) throw closedDatabaseError();
      return this[NATIVE_DB]!;
    }

    /** @internal A rejection of the addon as the host raises it (better-sqlite3's SqliteError). */
    _hostError(error: unknown): unknown {
      return asHostError(error, sqliteErrorClassOf(this.db));
    }

    /** @internal A call into the addon, rejecting as the host would (see `_hostError`). */
    _hostCall<T>(pending: Promise<T>): Promise<T> {
      return pending.catch((error: unknown) => {
        throw this._hostError(error);
      });
    }

    async getTuple(config: any): Promise<any> {
      const native = this.native;
      const { thread_id, checkpoint_ns = "", checkpoint_id } = config.configurable ?? {};
      // The host binds a missing thread id or a null namespace as NULL, which matches no row.
      if (thread_id == null || checkpoint_ns === null) return undefined;
      const row = await this._hostCall(native.getTuple(String(thread_id), checkpoint_ns, checkpoint_id || undefined, this._textDepth()));
      if (!row) return undefined;
      const finalConfig = checkpoint_id
        ? config
        : { configurable: { thread_id: row.threadId, checkpoint_ns, checkpoint_id: row.checkpointId } };
      if (finalConfig.configurable?.thread_id === undefined || finalConfig.configurable?.checkpoint_id === undefined)
        throw new Error("Missing thread_id or checkpoint_id");
      const { checkpoint, metadata, pendingWrites } = await this._load(row);
      return {
        checkpoint,
        config: finalConfig,
        metadata,
        parentConfig: row.parentCheckpointId
          ? { configurable: { thread_id: row.threadId, checkpoint_ns, checkpoint_id: row.parentCheckpointId } }
          : undefined,
        pendingWrites,
      };
    }

    async *list(config: any, options?: any): AsyncGenerator<any> {
      const { limit, before, filter } = options ?? {};
      const native = this.native;
      const threadId = config.configurable?.thread_id;
      const checkpointNs = config.configurable?.checkpoint_ns;
      const filterEntries = Object.entries(filter ?? {}).filter(([, value]) => value !== undefined);
      const parsedLimit = limit ? parseInt(limit, 10) : undefined;
      const rows = await this._hostCall(
        native.list({
          threadId: threadId ? threadId : undefined,
          checkpointNs: checkpointNs ?? undefined,
          before: before?.configurable?.checkpoint_id ?? undefined,
          filterKeys: filterEntries.map(([key]) => key),
          filterValues: filterEntries.map(([, value]) => JSON.stringify(value)),
          limit: Number.isNaN(parsedLimit) ? undefined : parsedLimit,
        }, this._textDepth()),
      );
      for (const row of rows) {
        const { checkpoint, metadata, pendingWrites } = await this._load(row);
        yield {
          config: { configurable: { thread_id: row.threadId, checkpoint_ns: row.checkpointNs, checkpoint_id: row.checkpointId } },
          checkpoint,
          metadata,
          parentConfig: row.parentCheckpointId
            ? { configurable: { thread_id: row.threadId, checkpoint_ns: row.checkpointNs, checkpoint_id: row.parentCheckpointId } }
            : undefined,
          pendingWrites,
        };
      }
    }

    async put(config: any, checkpoint: any, metadata: any): Promise<any> {
      const native = this.native;
      if (!config.configurable) throw new Error("Empty configuration supplied.");
      const thread_id = config.configurable?.thread_id;
      const checkpoint_ns = config.configurable?.checkpoint_ns ?? "";
      const parent_checkpoint_id = config.configurable?.checkpoint_id;
      if (!thread_id) throw new Error(`Missing "thread_id" field in passed "config.configurable".`);
      // A chat's messages go as the elements this handle has not been sent yet (checkpoint-parts).
      const encoder = jsonTextEncoderOf(this.serde);
      if (encoder !== undefined && hasArrayValue(checkpoint.channel_values)) {
        const skeleton = prepareCheckpoint(this.serde, checkpoint, "apart");
        const parts = skeleton.text && checkpointParts(encoder, this.#sentArrays, skeleton.text[1] as string, checkpoint, skeleton.channelValues, thread_id, checkpoint_ns);
        if (parts) {
          const [[metadataType, serializedMetadata]] = await dumpsEach(this.serde, [metadata]);
          if (metadataType !== "json") throw new Error("Failed to serialized checkpoint and metadata to the same type.");
          const pending =
            parts.arrays.length === 0
              ? native.put(thread_id, checkpoint_ns, checkpoint.id, parent_checkpoint_id ?? undefined, "json", parts.pieces[0], serializedMetadata)
              : native.putAssembled(
                  thread_id,
                  checkpoint_ns,
                  checkpoint.id,
                  parent_checkpoint_id ?? undefined,
                  parts.pieces,
                  parts.arrays.map(({ channel, blob }) => ({ channel, prefix: blob.prefix, prefixLen: blob.prefixBytes, source: blob.prefixSource, tail: blob.text })),
                  serializedMetadata,
                );
          if (pending !== undefined) {
            await this._hostCall(pending);
            this.#sentArrays.stored(thread_id, checkpoint_ns, parts.channels);
            return { configurable: { thread_id, checkpoint_ns, checkpoint_id: checkpoint.id } };
          }
          // The handle no longer holds what we built on: this checkpoint goes whole.
          this.#sentArrays.forget(thread_id, checkpoint_ns);
        }
      }
      const prepared = prepareCheckpoint(this.serde, checkpoint, "inline");
      const [[type1, serializedCheckpoint], [type2, serializedMetadata]] = prepared.text
        ? [prepared.text, ...(await dumpsEach(this.serde, [metadata]))]
        : await dumpsEach(this.serde, [prepared.copy, metadata]);
      if (type1 !== type2) throw new Error("Failed to serialized checkpoint and metadata to the same type.");
      await this._hostCall(native.put(thread_id, checkpoint_ns, checkpoint.id, parent_checkpoint_id ?? undefined, type1, serializedCheckpoint, serializedMetadata));
      return { configurable: { thread_id, checkpoint_ns, checkpoint_id: checkpoint.id } };
    }

    async putWrites(config: any, writes: Array<[string, unknown]>, taskId: string): Promise<void> {
      const native = this.native;
      if (!config.configurable) throw new Error("Empty configuration supplied.");
      if (!config.configurable?.thread_id) throw new Error("Missing thread_id field in config.configurable.");
      if (!config.configurable?.checkpoint_id) throw new Error("Missing checkpoint_id field in config.configurable.");
      const allSpecial = writes.every(([channel]) => isSpecialChannel(channel));
      const serialized = await dumpsEach(this.serde, writes.map(([, value]) => value));
      await this._hostCall(
        native.putWrites(
          config.configurable.thread_id,
          config.configurable.checkpoint_ns ?? undefined,
          config.configurable.checkpoint_id,
          taskId,
          writes.map(([channel]) => channel),
          writes.map(([channel], idx) => WRITES_IDX_MAP[channel] ?? idx),
          serialized.map(([type]) => type),
          serialized.map(([, data]) => data),
          allSpecial,
        ),
      );
    }

    /**
     * The host's walk up the parent chain (BaseCheckpointSaver.getDeltaChannelHistory) in one
     * query instead of a getTuple per ancestor: each ancestor's writes to the channels still
     * unseeded, in the host's order, and each channel's seed from the nearest ancestor storing it.
     */
    async getDeltaChannelHistory(historyOptions: { config: any; channels: string[] }): Promise<Record<string, any>> {
      const { config, channels } = historyOptions;
      // Sends of pre-v4 checkpoints become channel values only through the host's migration.
      if (channels.includes(TASKS)) return super.getDeltaChannelHistory(historyOptions);
      if (channels.length === 0) return {};
      const native = this.native;
      const { thread_id, checkpoint_ns = "", checkpoint_id } = config.configurable ?? {};
      const empty = () => Object.fromEntries(channels.map((channel) => [channel, { writes: [] }]));
      // The host binds a missing thread id or a null namespace as NULL, which matches no row.
      if (thread_id == null || checkpoint_ns === null) return empty();
      const rows = await this._hostCall(native.deltaHistory(String(thread_id), checkpoint_ns, checkpoint_id || undefined, JSON.stringify([...new Set(channels.map(String))])));
      // A checkpoint not stored as JSON: its channels are read as the host reads them.
      if (rows.some((row) => row.kind === 2)) return super.getDeltaChannelHistory(historyOptions);
      const history = new DeltaHistory();
      for (const row of rows) {
        const value = await this._loadValue(row.valueType ?? "json", row.value, undefined, undefined);
        if (row.kind === 1) for (const channel of JSON.parse(row.channel) as string[]) history.addSeed(channel, value.channel_values[channel]);
        else history.addWrite(row.depth, [row.taskId ?? "", row.channel, value]);
      }
      return history.result(channels);
    }

    async deleteThread(threadId: string): Promise<void> {
      await this._hostCall(this.native.deleteThread(threadId));
      this.#sentArrays.forget(threadId);
    }

    /** @internal With the native serializer, ask for JSON values as text scanned on the database thread. */
    _textDepth(): number | undefined {
      return jsonTextDecoderOf(this.serde) !== undefined ? LOAD_MAX_DEPTH : undefined;
    }

    /**
     * @internal `loadsTyped(type, bytes)` of a value read; one the database thread already scanned
     * (text and scan report) goes straight to the native serializer's parse and revival.
     */
    _loadValue(type: string, bytes: Uint8Array | null | undefined, text: string | null | undefined, scan: JsonScan | null | undefined): any {
      if (text != null && scan != null) {
        const decoded = jsonTextDecoderOf(this.serde)?.decodeText(text, scan);
        return decoded !== undefined ? decoded : this.serde.loadsTyped(type, text);
      }
      return this.serde.loadsTyped(type, bytes ?? "");
    }

    /** @internal Deserializes a row as the host does (the row's type for checkpoint and metadata). */
    async _load(row: SqliteCheckpoint): Promise<{ checkpoint: any; metadata: any; pendingWrites: any[] }> {
      const type = row.checkpointType ?? "json";
      const [pendingWrites, checkpoint, metadata] = await Promise.all([
        Promise.all(
          row.writes.map(async (write: SqliteWrite) => [write.taskId, write.channel, await this._loadWrite(write)]),
        ),
        this._loadValue(type, row.checkpoint, row.checkpointText, row.checkpointScan),
        this._loadValue(type, row.metadata, row.metadataText, row.metadataScan),
      ]);
      if (checkpoint.v < 4 && row.parentCheckpointId != null) await this._migrateSends(checkpoint, row.threadId, row.parentCheckpointId);
      return { checkpoint, metadata, pendingWrites };
    }

    /** @internal */
    async _loadWrite(write: SqliteWrite): Promise<unknown> {
      return this._loadValue(write.valueType ?? "json", write.value, write.valueText, write.valueScan);
    }

    /** @internal The host's `migratePendingSends` for checkpoints older than v4. */
    async _migrateSends(checkpoint: any, threadId: string, parentId: string): Promise<void> {
      const sends = await this._hostCall(this.native.pendingSends(threadId, parentId));
      checkpoint.channel_values ??= {};
      checkpoint.channel_values[TASKS] = await Promise.all(sends.map((write) => this._loadWrite(write)));
      const versions = Object.values(checkpoint.channel_versions);
      checkpoint.channel_versions[TASKS] = versions.length > 0 ? maxChannelVersion(...versions) : this.getNextVersion(undefined);
    }
  }
  return SqliteSaver;
}
