use super::*;

fn row(id: &str, parent: Option<&str>, metadata: &str) -> CheckpointRow {
    CheckpointRow {
        thread_id: "t".into(),
        checkpoint_ns: "".into(),
        checkpoint_id: id.into(),
        parent_checkpoint_id: parent.map(String::from),
        kind: Some("json".into()),
        checkpoint: Some(b"{}".to_vec()),
        metadata: Some(metadata.as_bytes().to_vec()),
        writes: Vec::new(),
    }
}

#[test]
fn round_trips_checkpoints_writes_and_filters() {
    let mut connection = open(":memory:", &OpenOptions::host_defaults()).unwrap();
    put(
        &connection,
        &row("1", None, r#"{"source":"input","step":-1}"#),
    )
    .unwrap();
    put(
        &connection,
        &row("2", Some("1"), r#"{"source":"loop","step":0}"#),
    )
    .unwrap();
    let write = |idx, value: &str| WriteInput {
        idx,
        channel: "c".into(),
        kind: "json".into(),
        value: value.as_bytes().to_vec(),
    };
    put_writes(
        &mut connection,
        ("t", Some(""), "2"),
        "b",
        &[write(0, "1")],
        false,
    )
    .unwrap();
    put_writes(
        &mut connection,
        ("t", Some(""), "2"),
        "a",
        &[write(0, "2")],
        false,
    )
    .unwrap();
    put_writes(
        &mut connection,
        ("t", Some(""), "2"),
        "a",
        &[write(0, "3")],
        false,
    )
    .unwrap();
    let latest = get_tuple(&connection, "t", "", None).unwrap().unwrap();
    assert_eq!(latest.checkpoint_id, "2");
    let values: Vec<&[u8]> = latest
        .writes
        .iter()
        .map(|w| w.value.as_deref().unwrap())
        .collect();
    assert_eq!(values, [b"2".as_slice(), b"1"]);
    let filtered = list(
        &connection,
        &ListInput {
            thread_id: Some("t".into()),
            checkpoint_ns: None,
            before: None,
            filter: vec![("$.source".into(), "\"input\"".into())],
            limit: Some(5),
        },
    )
    .unwrap();
    assert_eq!(filtered.len(), 1);
    assert_eq!(filtered[0].checkpoint_id, "1");
    delete_thread(&mut connection, "t").unwrap();
    assert!(get_tuple(&connection, "t", "", None).unwrap().is_none());
}
