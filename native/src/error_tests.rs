use super::*;
use rusqlite::Connection;

#[test]
fn names_sqlite_errors_as_better_sqlite3_does() {
    let connection = Connection::open_in_memory().unwrap();
    connection
        .execute_batch("CREATE TABLE t (k INTEGER PRIMARY KEY, v TEXT NOT NULL)")
        .unwrap();
    connection
        .execute("INSERT INTO t VALUES (1, 'a')", [])
        .unwrap();
    let duplicate = connection
        .execute("INSERT INTO t VALUES (1, 'b')", [])
        .unwrap_err();
    assert_eq!(
        sqlite_failure(&duplicate),
        (
            "SQLITE_CONSTRAINT_PRIMARYKEY".into(),
            "UNIQUE constraint failed: t.k".into()
        )
    );
    // A database that may not grow: SQLITE_FULL, as a full disk reports it.
    let page_count: i64 = connection
        .query_row("PRAGMA page_count", [], |row| row.get(0))
        .unwrap();
    connection
        .execute_batch(&format!("PRAGMA max_page_count = {page_count}"))
        .unwrap();
    let full = connection
        .execute("INSERT INTO t VALUES (2, ?)", ["x".repeat(100_000)])
        .unwrap_err();
    assert_eq!(
        sqlite_failure(&full),
        ("SQLITE_FULL".into(), "database or disk is full".into())
    );
    assert_eq!(sqlite_code_name(ffi::SQLITE_BUSY), "SQLITE_BUSY");
    assert_eq!(sqlite_code_name(ffi::SQLITE_READONLY), "SQLITE_READONLY");
    assert_eq!(sqlite_code_name(4242), "UNKNOWN_SQLITE_ERROR_4242");
}

#[test]
fn postgres_errors_carry_their_fields_after_the_prefix_as_a_failure() {
    let error = postgres_fields(&serde_json::json!({ "kind": "database", "code": "23505" }));
    assert_eq!(error.status, Status::GenericFailure);
    assert_eq!(
        error.reason,
        r#"langgraph-native-postgres:{"code":"23505","kind":"database"}"#
    );
    let error = backend("postgres", "cannot build the connection pool: bad host");
    assert_eq!(error.status, Status::GenericFailure);
    assert_eq!(
        error.reason,
        "langgraph-native postgres: cannot build the connection pool: bad host"
    );
}
