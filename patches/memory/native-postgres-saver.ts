// The native PostgresSaver: a subclass of the host copy's PostgresSaver whose queries run on the
// addon's tokio runtime (tokio-postgres, a pool shared per connection settings, statements
// prepared once per connection), off the event loop, one round trip each. Same schema, tables and
// rows as the host, so each saver reads what the other wrote. `setup()` and `end()` stay the
// host's (the migrations are its own code, on its pool); serialization stays `this.serde`, and
// rows are decoded by the host's own `_load*` methods.
import type { NativeAddon } from "../../shim/addon";
import type { PostgresCheckpoint, PostgresCheckpointDb } from "../../native/addon";
import { TASKS, WRITES_IDX_MAP } from "./host-contract";
import { asPostgresError } from "./postgres-error";
import { postgresSettingsOf } from "./postgres-settings";
import { DeltaHistory } from "./delta-history";

type SaverClass = (new (...args: any[]) => any) & { fromConnString(connString: string, options?: any): any };

/** The native database behind a saver (absent while unopened or when it runs stock), for tests. */
export const NATIVE_PG = Symbol.for("langgraph-native.postgres.db");
/** Why a saver runs the host's code instead (a pool the native client cannot open alike). */
export const STOCK_REASON = Symbol.for("langgraph-native.postgres.stockReason");

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** `channel in WRITES_IDX_MAP` as the host evaluates it on its plain object. */
function isSpecialChannel(channel: string): boolean {
  return channel in WRITES_IDX_MAP;
}

/** A bound value as node-postgres sends it: null and undefined as NULL, the rest as text. */
function bound(value: unknown): string | undefined {
  return value == null ? undefined : String(value);
}

/** Bytes as the host stores a serialized value (`new Uint8Array(value)`). */
function bytesOf(value: unknown): Uint8Array {
  if (typeof value === "string") return encoder.encode(value);
  return value instanceof Uint8Array ? value : new Uint8Array(value as ArrayLike<number>);
}

export interface PostgresSaverOptions {
  /** Called once per saver that keeps the host's code, with the reason (logged and in status). */
  onStock(reason: string): void;
  /** node-postgres's DatabaseError of the host's pg copy. */
  DatabaseError: (new (message: string, length: number, name: string) => Error) | undefined;
}

export function defineNativePostgresSaver(HostPostgresSaver: SaverClass, addon: NativeAddon, options: PostgresSaverOptions): SaverClass {
  // Named as the host's class: status, logs and `toJSON` show "PostgresSaver".
  class PostgresSaver extends HostPostgresSaver {
    [NATIVE_PG]: PostgresCheckpointDb | undefined;
    [STOCK_REASON]: string | undefined;

    /** The host's factory builds its own class (and pool); this one keeps that pool for ours. */
    static fromConnString(connString: string, saverOptions?: any): any {
      const pool = HostPostgresSaver.fromConnString(connString, saverOptions).pool;
      // This pool only runs setup(): a connection of it the server drops while idle (a restart)
      // is let go, not raised as an uncaught 'error' event; the native queries report their own.
      pool.on?.("error", () => {});
      return new this(pool, undefined, saverOptions);
    }

    /**
     * The native handle on this saver's pool settings, opened on first use; undefined: the host's
     * code runs. Once the host's pool is ending (our `end()`, or its owner's `pool.end()`), every
     * call goes to the host's code, which fails as the stock saver does ("Cannot use a pool after
     * calling end on the pool"): the native connections never outlive the pool they stand for.
     */
    private get native(): PostgresCheckpointDb | undefined {
      if (this.pool.ending === true) return undefined;
      if (this[NATIVE_PG] !== undefined || this[STOCK_REASON] !== undefined) return this[NATIVE_PG];
      const resolved = postgresSettingsOf(this.pool);
      if ("reason" in resolved) {
        this[STOCK_REASON] = resolved.reason;
        options.onStock(resolved.reason);
        return undefined;
      }
      this[NATIVE_PG] = new addon.PostgresCheckpointDb(resolved.settings, this.options.schema);
      return this[NATIVE_PG];
    }

    /** @internal A call into the addon, rejecting as node-postgres would. */
    _hostCall<T>(pending: Promise<T>): Promise<T> {
      return pending.catch((error: unknown) => {
        throw asPostgresError(error, options.DatabaseError);
      });
    }

    /** @internal A native row in the shape node-postgres gives the host's `_load*` methods. */
    _hostRow(row: PostgresCheckpoint): any {
      return {
        thread_id: row.threadId,
        checkpoint_ns: row.checkpointNs,
        checkpoint_id: row.checkpointId,
        parent_checkpoint_id: row.parentCheckpointId ?? null,
        checkpoint: JSON.parse(row.checkpoint),
        metadata: JSON.parse(row.metadata),
        channel_values: row.blobChannels.length === 0 ? null : row.blobChannels.map((channel, i) => [encoder.encode(channel), encoder.encode(row.blobTypes[i]), row.blobs[i] ?? null]),
        pending_writes:
          row.writeTaskIds.length === 0
            ? null
            : row.writeTaskIds.map((taskId, i) => [encoder.encode(taskId), encoder.encode(row.writeChannels[i]), encoder.encode(row.writeTypes[i] ?? ""), row.writeBlobs[i]]),
      };
    }

    /** @internal The host's migration of sends for checkpoints older than v4, on these rows. */
    async _migrateRows(native: PostgresCheckpointDb, rows: any[]): Promise<void> {
      const toMigrate = rows.filter((row) => row.checkpoint.v < 4 && row.parent_checkpoint_id != null);
      if (toMigrate.length === 0) return;
      const sends = await this._hostCall(native.pendingSends(toMigrate[0].thread_id, toMigrate.map((row) => row.parent_checkpoint_id)));
      for (const parent of sends) {
        const pendingSends = parent.blobs.map((blob, i) => [encoder.encode(parent.types[i] ?? ""), blob]);
        for (const row of toMigrate) if (row.parent_checkpoint_id === parent.checkpointId) await this._migratePendingSends(pendingSends, row);
      }
    }

    async getTuple(config: any): Promise<any> {
      const native = this.native;
      if (native === undefined) return super.getTuple(config);
      const { thread_id, checkpoint_ns = "", checkpoint_id } = config.configurable ?? {};
      const found = await this._hostCall(native.getTuple(bound(thread_id), bound(checkpoint_ns), checkpoint_id ? String(checkpoint_id) : undefined));
      if (found == null) return undefined;
      const row = this._hostRow(found);
      await this._migrateRows(native, [row]);
      const checkpoint = await this._loadCheckpoint(row.checkpoint, row.channel_values);
      return {
        config: { configurable: { thread_id, checkpoint_ns, checkpoint_id: row.checkpoint_id } },
        checkpoint,
        metadata: await this._loadMetadata(row.metadata),
        parentConfig: row.parent_checkpoint_id ? { configurable: { thread_id, checkpoint_ns, checkpoint_id: row.parent_checkpoint_id } } : undefined,
        pendingWrites: await this._loadWrites(row.pending_writes),
      };
    }

    async *list(config: any, listOptions?: any): AsyncGenerator<any> {
      const native = this.native;
      if (native === undefined) {
        yield* super.list(config, listOptions);
        return;
      }
      const { filter, before, limit } = listOptions ?? {};
      const configurable = config?.configurable;
      const parsedLimit = limit !== undefined ? Number.parseInt(limit.toString(), 10) : undefined;
      // The host writes `LIMIT ${parsedLimit}` into its SQL: a limit that binds to no bigint (NaN
      // from "abc", 1e20) goes as that text, for the server to raise the host's own error.
      const bindable = parsedLimit === undefined || Number.isSafeInteger(parsedLimit);
      const found = await this._hostCall(
        native.list({
          threadId: configurable?.thread_id ? String(configurable.thread_id) : undefined,
          checkpointNs: bound(configurable?.checkpoint_ns),
          checkpointId: configurable?.checkpoint_id ? String(configurable.checkpoint_id) : undefined,
          metadata: filter && Object.keys(filter).length > 0 ? JSON.stringify(filter) : undefined,
          before: before?.configurable?.checkpoint_id !== undefined ? bound(before.configurable.checkpoint_id) : undefined,
          limit: bindable ? parsedLimit : undefined,
          limitLiteral: bindable ? undefined : String(parsedLimit),
        }),
      );
      const rows = found.map((row) => this._hostRow(row));
      await this._migrateRows(native, rows);
      for (const value of rows) {
        yield {
          config: { configurable: { thread_id: value.thread_id, checkpoint_ns: value.checkpoint_ns, checkpoint_id: value.checkpoint_id } },
          checkpoint: await this._loadCheckpoint(value.checkpoint, value.channel_values),
          metadata: await this._loadMetadata(value.metadata),
          parentConfig: value.parent_checkpoint_id
            ? { configurable: { thread_id: value.thread_id, checkpoint_ns: value.checkpoint_ns, checkpoint_id: value.parent_checkpoint_id } }
            : undefined,
          pendingWrites: await this._loadWrites(value.pending_writes),
        };
      }
    }

    /**
     * Metadata lives in a jsonb column (list() filters on it): with msgpack storage it is written
     * as the JSON `convert --to json` writes, where the host's own method would parse the bytes.
     */
    async _dumpMetadata(metadata: any): Promise<any> {
      const [type, serialized] = await this.serde.dumpsTyped(metadata);
      const bytes = type === "msgpack" ? addon.msgpackConvertValue(serialized, "json")! : serialized;
      // The host strips NUL characters, which jsonb does not take.
      return JSON.parse((typeof bytes === "string" ? bytes : decoder.decode(bytes)).replace(/\0/g, ""));
    }

    async put(config: any, checkpoint: any, metadata: any, newVersions: any): Promise<any> {
      const native = this.native;
      if (native === undefined) return super.put(config, checkpoint, metadata, newVersions);
      if (config.configurable === undefined) throw new Error(`Missing "configurable" field in "config" param`);
      const { thread_id, checkpoint_ns = "", checkpoint_id } = config.configurable;
      const nextConfig = { configurable: { thread_id, checkpoint_ns, checkpoint_id: checkpoint.id } };
      const [blobs, serializedMetadata] = await Promise.all([
        this._dumpBlobs(thread_id, checkpoint_ns, checkpoint.channel_values, newVersions),
        this._dumpMetadata(metadata),
      ]);
      await this._hostCall(
        native.put(
          bound(thread_id),
          bound(checkpoint_ns),
          bound(checkpoint.id),
          bound(checkpoint_id),
          JSON.stringify(this._dumpCheckpoint(checkpoint)),
          JSON.stringify(serializedMetadata),
          blobs.map((blob: any[]) => String(blob[2])),
          blobs.map((blob: any[]) => blob[3]),
          blobs.map((blob: any[]) => blob[4]),
          blobs.map((blob: any[]) => (blob[5] == null ? null : bytesOf(blob[5]))),
        ),
      );
      return nextConfig;
    }

    async putWrites(config: any, writes: Array<[string, unknown]>, taskId: string): Promise<void> {
      const native = this.native;
      if (native === undefined) return super.putWrites(config, writes, taskId);
      const upsert = writes.every(([channel]) => isSpecialChannel(channel));
      const configurable = config.configurable;
      let dumped: any[][] = await this._dumpWrites(configurable?.thread_id, configurable?.checkpoint_ns, configurable?.checkpoint_id, taskId, writes);
      // The host upserts row by row, so the last write of an index wins; one statement may not
      // touch a row twice, so only that last one goes.
      if (upsert) dumped = dumped.filter((write, i) => !dumped.slice(i + 1).some((later) => later[4] === write[4]));
      await this._hostCall(
        native.putWrites(
          bound(configurable?.thread_id),
          bound(configurable?.checkpoint_ns),
          bound(configurable?.checkpoint_id),
          bound(taskId),
          dumped.map((write) => write[4]),
          dumped.map((write) => String(write[5])),
          dumped.map((write) => write[6]),
          dumped.map((write) => bytesOf(write[7])),
          upsert,
        ),
      );
    }

    /**
     * The host's walk up the parent chain (BaseCheckpointSaver.getDeltaChannelHistory), in one
     * statement instead of a getTuple per ancestor: each ancestor's writes to the channels still
     * unseeded, in the host's order, and each channel's seed at the nearest ancestor storing it.
     */
    async getDeltaChannelHistory(historyOptions: { config: any; channels: string[] }): Promise<Record<string, any>> {
      const { config, channels } = historyOptions;
      const native = this.native;
      // Sends of pre-v4 checkpoints become channel values only through the host's migration.
      if (native === undefined || channels.includes(TASKS)) return super.getDeltaChannelHistory(historyOptions);
      if (channels.length === 0) return {};
      const { thread_id, checkpoint_ns = "", checkpoint_id } = config.configurable ?? {};
      const rows = await this._hostCall(native.deltaHistory(bound(thread_id), bound(checkpoint_ns), checkpoint_id ? String(checkpoint_id) : undefined, [...new Set(channels.map(String))]));
      // Rows come nearest ancestor first; writes are replayed oldest first.
      const history = new DeltaHistory();
      for (const row of rows) {
        const value = await this.serde.loadsTyped(row.valueType ?? "", row.blob ?? undefined);
        if (row.seed) history.addSeed(row.channel, value);
        else history.addWrite(row.depth, [row.taskId ?? "", row.channel, value]);
      }
      return history.result(channels);
    }

    async deleteThread(threadId: string): Promise<void> {
      const native = this.native;
      if (native === undefined) return super.deleteThread(threadId);
      await this._hostCall(native.deleteThread(String(threadId)));
    }

    /** Ends the host's pool (as the stock saver does) and lets go of the native one. */
    async end(): Promise<void> {
      this[NATIVE_PG]?.close();
      return super.end();
    }
  }
  return PostgresSaver;
}
