// SQLite errors of the native SqliteSaver as the host raises them: better-sqlite3's `SqliteError`
// (name "SqliteError", `code` the extended result code's name, SQLite's own message), of the copy
// of better-sqlite3 that made the saver's handle, so `instanceof` holds for the app's class too.

type SqliteErrorClass = new (message: string, code: string) => Error;

/** better-sqlite3's shape, for a handle that does not carry its own copy's class. */
class SqliteError extends Error {
  code: string;
  constructor(message: string, code: string) {
    super(message);
    this.code = code;
  }
}
Object.defineProperty(SqliteError.prototype, "name", { value: "SqliteError", writable: true, enumerable: false, configurable: true });

/** The `SqliteError` of the better-sqlite3 copy that made `db` (`Database.SqliteError`). */
export function sqliteErrorClassOf(db: any): SqliteErrorClass {
  const own = db?.constructor?.SqliteError;
  return typeof own === "function" ? own : SqliteError;
}

/** The addon's rejection for a SQLite error (`code` "SQLITE_…") as the host's error; others as they are. */
export function asHostError(error: unknown, ErrorClass: SqliteErrorClass): unknown {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== "string" || !(code.startsWith("SQLITE_") || code.startsWith("UNKNOWN_SQLITE_ERROR_"))) return error;
  return new ErrorClass((error as Error).message, code);
}

/** better-sqlite3's error for a statement run on a closed handle. */
export function closedDatabaseError(): TypeError {
  return new TypeError("The database connection is not open");
}
