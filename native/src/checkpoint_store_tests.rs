use super::*;

fn typed(text: &str) -> Typed {
    Typed::new("json".into(), text.as_bytes())
}

fn channel(name: &str, version: &str) -> ChannelRef {
    ChannelRef { name: name.into(), version: version.into() }
}

fn record(parent: Option<&str>, channels: &[(&str, &str)]) -> CheckpointRecord {
    CheckpointRecord {
        checkpoint: typed("{}"),
        metadata: typed(r#"{"source":"loop"}"#),
        parent_id: parent.map(String::from),
        channels: channels.iter().map(|(name, version)| channel(name, version)).collect(),
        values_at: None,
    }
}

fn write(task: &str, idx: i64, channel: &str, path: &str, value: &str) -> WriteRecord {
    WriteRecord { task_id: task.into(), idx, channel: channel.into(), task_path: path.into(), value: typed(value) }
}

#[test]
fn unchanged_channels_are_stored_once_and_read_from_older_versions() {
    let mut store = CheckpointStore::default();
    store.put("t", "", "1", record(None, &[("a", "1")]), vec![(channel("a", "1"), Some(("json".into(), b"\"x\"".as_slice())))]);
    store.put("t", "", "2", record(Some("1"), &[("a", "1"), ("b", "1")]), vec![(channel("b", "1"), None)]);
    let latest = store.get("t", "", None, true, false).unwrap();
    assert_eq!(latest.checkpoint_id, "2");
    assert_eq!(latest.channels.len(), 1);
    assert_eq!(latest.channels[0].0, "a");
    assert_eq!(latest.channels[0].1 .1, b"\"x\"");
    assert_eq!(store.blobs["t"].values.len(), 2);
}

#[test]
fn writes_keep_regular_first_and_replace_special_and_sort_by_path() {
    let mut store = CheckpointStore::default();
    store.put("t", "", "1", record(None, &[]), vec![]);
    store.put_writes("t", "", "1", vec![write("b", 0, "c", "~1", "1"), write("a", 0, "c", "~2", "2")]);
    store.put_writes("t", "", "1", vec![write("b", 0, "c", "~1", "3"), write("b", -3, "__interrupt__", "~1", "4")]);
    store.put_writes("t", "", "1", vec![write("b", -3, "__interrupt__", "~1", "5")]);
    let tuple = store.get("t", "", Some("1"), true, false).unwrap();
    let values: Vec<&[u8]> = tuple.writes.iter().map(|w| w.value.1.as_slice()).collect();
    assert_eq!(values, [b"5".as_slice(), b"1", b"2"]);
}

#[test]
fn list_is_newest_first_with_before_limit_and_filter() {
    let mut store = CheckpointStore::default();
    for id in ["1", "2", "3", "4"] {
        store.put("t", "", id, record(None, &[]), vec![]);
    }
    let query = |before: Option<&str>, limit: Option<usize>| ListQuery {
        thread_id: Some("t".into()),
        checkpoint_ns: None,
        checkpoint_id: None,
        before: before.map(String::from),
        filter: MetadataFilter::default(),
        limit,
    };
    let ids = |keys: Vec<(String, String, String)>| keys.into_iter().map(|(_, _, id)| id).collect::<Vec<_>>();
    assert_eq!(ids(store.list_keys(&query(None, Some(2)))), ["4", "3"]);
    assert_eq!(ids(store.list_keys(&query(Some("3"), None))), ["2", "1"]);
    let mut filtered = query(None, None);
    filtered.filter = MetadataFilter::parse(Some(r#"{"source":"input"}"#), vec![]).unwrap();
    assert!(store.list_keys(&filtered).is_empty());
}

#[test]
fn delta_history_stops_each_channel_at_its_seed() {
    let mut store = CheckpointStore::default();
    store.put("t", "", "1", record(None, &[("m", "1")]), vec![(channel("m", "1"), Some(("json".into(), b"[]".as_slice())))]);
    store.put_writes("t", "", "1", vec![write("x", 0, "m", "", "\"a\"")]);
    // m changed in "2" without a snapshot (a delta channel): an empty value at its new version.
    store.put("t", "", "2", record(Some("1"), &[("m", "2")]), vec![(channel("m", "2"), None)]);
    store.put_writes("t", "", "2", vec![write("y", 0, "m", "", "\"b\"")]);
    store.put("t", "", "3", record(Some("2"), &[("m", "3")]), vec![(channel("m", "3"), None)]);
    let history = store.delta_history("t", "", None, &["m".to_string()], true);
    assert_eq!(history[0].seed.as_ref().unwrap().1, b"[]");
    let values: Vec<&[u8]> = history[0].writes.iter().map(|w| w.value.1.as_slice()).collect();
    assert_eq!(values, [b"\"a\"".as_slice(), b"\"b\""]);
}

#[test]
fn delete_thread_removes_everything() {
    let mut store = CheckpointStore::default();
    store.put("t", "", "1", record(None, &[("a", "1")]), vec![(channel("a", "1"), Some(("json".into(), b"1".as_slice())))]);
    store.put_writes("t", "", "1", vec![write("x", 0, "a", "", "2")]);
    store.delete_thread("t");
    assert!(store.get("t", "", None, true, false).is_none());
    assert!(store.blobs.is_empty() && store.writes.is_empty());
}

#[test]
fn json_parts_come_back_as_one_document() {
    let mut store = CheckpointStore::default();
    let mut first = record(None, &[("a", "1"), ("b", "1")]);
    first.checkpoint = typed(r#"{"v":4,"id":"1","channel_values":{},"versions_seen":{"channel_values":{}}}"#);
    store.put("t", "", "1", first, vec![(channel("a", "1"), Some(("json".into(), b"[1,2]".as_slice()))), (channel("b", "1"), None)]);
    store.put_writes("t", "", "1", vec![write("task", 0, "a", "", "\"w\""), write("task", 1, "a\"q", "", "{}")]);
    let tuple = store.get("t", "", Some("1"), true, true).unwrap();
    let combined = String::from_utf8(tuple.combined.unwrap()).unwrap();
    assert_eq!(combined, r#"[{"v":4,"id":"1","channel_values":{"a":[1,2]},"versions_seen":{"channel_values":{}}},{"source":"loop"},["w",{}]]"#);
    assert_eq!(tuple.writes.len(), 2);
    assert!(tuple.channels.is_empty());
    // A value that is not JSON: the parts, separately.
    store.put_writes("t", "", "1", vec![write("task", 2, "a", "", "")]);
    let tuple = store.get("t", "", Some("1"), true, true).unwrap();
    assert!(tuple.combined.is_none());
    assert_eq!(tuple.channels.len(), 1);
}

#[test]
fn the_channel_values_slot_is_found_at_the_top_level_only() {
    assert_eq!(empty_channel_values(br#"{"versions_seen":{"channel_values":{}},"channel_values":{}}"#), Some(56));
    assert_eq!(empty_channel_values(br#"{"a":"\"channel_values\":{}","channel_values":{}}"#), Some(46));
    assert_eq!(empty_channel_values(br#"{"channel_values": {}}"#), None);
    assert_eq!(empty_channel_values(br#"{"channel_values":{"a":1}}"#), None);
}
