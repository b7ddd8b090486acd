// PostgreSQL errors of the native PostgresSaver as the host's node-postgres raises them: a server
// error is pg's `DatabaseError` (of the pg copy the host saver uses, so `instanceof` holds) with
// the SQLSTATE `code`, severity, detail, constraint...; a connection failure an `Error` with
// Node's socket `code` (ECONNREFUSED...). native/src/error.rs (`postgres_fields`) sends their fields.

const PREFIX = "langgraph-native-postgres:";

interface Fields {
  kind: "database" | "connection" | "closed";
  message: string;
  code?: string;
  [field: string]: unknown;
}

function fieldsOf(error: unknown): Fields | undefined {
  const message = (error as Error | null)?.message;
  if (typeof message !== "string" || !message.startsWith(PREFIX)) return undefined;
  try {
    return JSON.parse(message.slice(PREFIX.length));
  } catch {
    return undefined;
  }
}

/** The addon's rejection as node-postgres would raise it; other errors as they are. */
export function asPostgresError(error: unknown, DatabaseError: (new (message: string, length: number, name: string) => Error) | undefined): unknown {
  const fields = fieldsOf(error);
  if (fields === undefined) return error;
  const { kind, message, ...rest } = fields;
  let raised: Error;
  if (kind === "database" && typeof DatabaseError === "function") {
    raised = new DatabaseError(message, message.length, "error");
  } else {
    raised = new Error(message);
  }
  Object.assign(raised, rest);
  return raised;
}
