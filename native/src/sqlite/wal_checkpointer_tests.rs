use super::*;
use crate::sqlite::statements::{self, CheckpointRow};

fn row(id: usize, bytes: usize) -> CheckpointRow {
    CheckpointRow {
        thread_id: "t".into(),
        checkpoint_ns: "".into(),
        checkpoint_id: format!("{id:08}"),
        parent_checkpoint_id: None,
        kind: Some("json".into()),
        checkpoint: Some(vec![b'x'; bytes]),
        metadata: Some(b"{}".to_vec()),
        writes: Vec::new(),
    }
}

#[test]
fn copies_the_wal_into_the_database_while_the_writer_stays_open() {
    let dir = std::env::temp_dir().join(format!("lgn-checkpointer-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("db.sqlite");
    let path = path.to_str().unwrap();
    let writer = statements::open(path, &statements::OpenOptions::host_defaults()).unwrap();
    let checkpointer = WalCheckpointer::start(&writer, path)
        .unwrap()
        .expect("a file database in WAL mode");
    let backstop: u32 = writer
        .query_row("PRAGMA wal_autocheckpoint", [], |row| row.get(0))
        .unwrap();
    assert_eq!(backstop, BACKSTOP_PAGES);
    // 6 MB of rows: past one checkpoint's worth, far below the writer's backstop, so only the
    // checkpoint thread can have copied them into the database file.
    for id in 0..120 {
        statements::put(&writer, &row(id, 50_000)).unwrap();
        checkpointer.wrote(50_000);
    }
    let database_bytes = || std::fs::metadata(path).unwrap().len();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while database_bytes() < 4_000_000 && std::time::Instant::now() < deadline {
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    assert!(
        database_bytes() >= 4_000_000,
        "database file holds {} bytes",
        database_bytes()
    );
    drop(checkpointer);
    let rows: i64 = writer
        .query_row("SELECT count(*) FROM checkpoints", [], |row| row.get(0))
        .unwrap();
    assert_eq!(rows, 120);
    drop(writer);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn an_in_memory_database_gets_no_checkpoint_thread() {
    let writer = statements::open(":memory:", &statements::OpenOptions::host_defaults()).unwrap();
    assert!(WalCheckpointer::start(&writer, ":memory:")
        .unwrap()
        .is_none());
}
