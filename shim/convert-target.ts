// What `langgraph-native convert` needs of a database, SQLite file or PostgreSQL schema alike:
// its tables of typed values, how many rows are still in the other format, and a batch step.

export interface ConvertTable {
  table: string;
  /** How the summary counts its rows ("checkpoints", "blobs", "writes"). */
  plural: string;
  singular: string;
}

export interface ConvertStep {
  /** Rows rewritten in the target format. */
  converted: number;
  /** Rows left as "json": their values nest deeper than msgpack is written for. */
  kept: number;
  /** Where the next batch starts (opaque to the command). */
  after: unknown;
  /** No row was left after `after`. */
  done: boolean;
}

export interface ConvertTarget {
  /** How messages name it: the file, or the database and schema (never a password). */
  name: string;
  tables: readonly ConvertTable[];
  /** Rows still in the other format, per table name. */
  pending(): Promise<Record<string, number>>;
  /** Converts up to `limit` rows after `after` (undefined: from the start), in one transaction. */
  batch(table: string, after: unknown, limit: number): Promise<ConvertStep>;
  /** The summary's lines particular to this kind of database. */
  closingLines(): string[];
  close(): Promise<void>;
}
