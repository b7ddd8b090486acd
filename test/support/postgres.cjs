// The throwaway PostgreSQL that scripts/with-postgres.sh starts for `npm test`: its URL, a fresh
// schema (or database) per test, and a restart of the server for tests of a server that goes away.
const { execFileSync } = require("node:child_process");
const pg = require("pg");

/** The test server's URL; tests reach no other server, and only loopback. */
function postgresUrl() {
  const url = process.env.LANGGRAPH_NATIVE_TEST_PG_URL;
  if (!url) throw new Error("LANGGRAPH_NATIVE_TEST_PG_URL is not set: run through `bash scripts/with-postgres.sh <command>` (npm test does)");
  const host = new URL(url).hostname;
  if (host !== "127.0.0.1" && host !== "localhost" && host !== "[::1]") throw new Error(`the test server must be on loopback, not ${host}`);
  return url;
}

/** `postgresUrl()` with another database name. */
function databaseUrl(database) {
  const url = new URL(postgresUrl());
  url.pathname = `/${database}`;
  return url.toString();
}

let schemas = 0;
/** A schema name of this process no other test uses (dropped by `dropSchema`). */
function uniqueSchema(prefix = "t") {
  return `${prefix}_${process.pid}_${Date.now().toString(36)}_${schemas++}`;
}

/** Runs one SQL statement on a short-lived connection. */
async function sql(text, values, url = postgresUrl()) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await client.query(text, values);
  } finally {
    await client.end();
  }
}

async function dropSchema(schema) {
  await sql(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
}

/** A new empty database, for tests of the default "public" schema. */
async function createDatabase(prefix = "db") {
  const name = uniqueSchema(prefix);
  await sql(`CREATE DATABASE "${name}"`);
  return { name, url: databaseUrl(name), drop: () => sql(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`) };
}

/** `stop`, `start` or `restart` the test server (scripts/with-postgres.sh writes the script). */
function serverControl(action) {
  const script = process.env.LANGGRAPH_NATIVE_TEST_PG_CTL;
  if (!script) throw new Error("LANGGRAPH_NATIVE_TEST_PG_CTL is not set: run through scripts/with-postgres.sh");
  execFileSync(script, [action], { stdio: "ignore" });
}

module.exports = { postgresUrl, databaseUrl, uniqueSchema, sql, dropSchema, createDatabase, serverControl };
