// The connection settings of a node-postgres pool, as node-postgres itself resolves them (URL,
// PG* environment variables, defaults: `new pool.Client(options).connectionParameters`), for the
// native saver to open its own connections to the same server as the same user. A pool whose
// connections the native client cannot open alike (TLS, a custom stream or password function,
// per-connection timeouts) is reported with the reason, and the saver stays stock.
import type { PostgresSettings } from "../../native/addon";

/** node-postgres pool options the native client does not reproduce, and why it matters. */
const UNSUPPORTED_OPTIONS: Readonly<Record<string, string>> = {
  ssl: "TLS connections (ssl)",
  stream: "a custom socket stream",
  statement_timeout: "statement_timeout",
  query_timeout: "query_timeout",
  lock_timeout: "lock_timeout",
  idle_in_transaction_session_timeout: "idle_in_transaction_session_timeout",
  types: "custom type parsers",
  Client: "a custom Client class",
  keepAlive: "TCP keep-alive",
};

export type SettingsOrReason = { settings: PostgresSettings } | { reason: string };

export function postgresSettingsOf(pool: any): SettingsOrReason {
  const options = pool?.options;
  if (options == null || typeof pool?.Client !== "function") return { reason: "the saver's pool is not a node-postgres Pool" };
  for (const [name, what] of Object.entries(UNSUPPORTED_OPTIONS)) {
    if (options[name] !== undefined && options[name] !== false && !(name === "Client" && options[name] === pool.Client && isStockClient(pool)))
      return { reason: `the pool uses ${what}, which the native client does not open alike` };
  }
  let params: any;
  try {
    params = new pool.Client(options).connectionParameters;
  } catch (error) {
    return { reason: `node-postgres could not read the pool's settings: ${(error as Error).message}` };
  }
  if (params?.ssl) return { reason: "the pool uses TLS connections (sslmode/ssl), which the native client does not open" };
  if (typeof params?.password === "function") return { reason: "the pool's password is a function" };
  const port = Number(params?.port);
  if (typeof params?.host !== "string" || !Number.isInteger(port) || typeof params?.user !== "string" || typeof params?.database !== "string")
    return { reason: "node-postgres did not resolve a host, port, user and database for the pool" };
  return {
    settings: {
      host: params.host,
      port,
      user: params.user,
      password: params.password == null ? undefined : String(params.password),
      database: params.database,
      options: typeof params.options === "string" ? params.options : undefined,
      applicationName: typeof params.application_name === "string" ? params.application_name : undefined,
      maxConnections: Number.isInteger(options.max) && options.max > 0 ? options.max : 10,
    },
  };
}

/** The pool makes node-postgres's own Client (the default `options.Client` is absent). */
function isStockClient(pool: any): boolean {
  return pool.Client?.name === "Client";
}
