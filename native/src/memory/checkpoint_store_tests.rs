use super::*;

fn typed(text: &str) -> Typed {
    Typed::new("json".into(), text.as_bytes())
}

fn channel(name: &str, version: &str) -> ChannelRef {
    ChannelRef {
        name: name.into(),
        version: version.into(),
    }
}

fn record(parent: Option<&str>) -> CheckpointRecord {
    CheckpointRecord::new(
        typed("{}"),
        typed(r#"{"source":"loop"}"#),
        parent.map(String::from),
    )
}

/// A channel value the put carries.
fn carried<'a>(name: &str, version: &str, json: &'a str) -> ChannelInput<'a> {
    (
        channel(name, version),
        Some(("json".into(), json.as_bytes())),
    )
}

/// A channel value the put leaves to the parent checkpoint.
fn kept(name: &str, version: &str) -> ChannelInput<'static> {
    (channel(name, version), None)
}

fn value_of(store: &CheckpointStore, id: &str, name: &str) -> Option<String> {
    let tuple = store.get("t", "", Some(id), false, Joining::Parts)?;
    tuple
        .channels
        .into_iter()
        .find(|(channel, _)| channel == name)
        .map(|(_, (_, bytes))| String::from_utf8(bytes).unwrap())
}

fn write(task: &str, idx: i64, channel: &str, path: &str, value: &str) -> WriteRecord {
    WriteRecord {
        task_id: task.into(),
        idx,
        channel: channel.into(),
        task_path: path.into(),
        value: typed(value),
        scan: None,
    }
}

#[test]
fn unchanged_channels_share_the_parents_value() {
    let mut store = CheckpointStore::default();
    assert!(store.put(
        "t",
        "",
        "1",
        record(None),
        vec![carried("a", "1", "\"x\""), carried("b", "1", "1")]
    ));
    // "b" was removed in "2": it is simply not among its channels.
    assert!(store.put("t", "", "2", record(Some("1")), vec![kept("a", "1")]));
    let latest = store.get("t", "", None, true, Joining::Parts).unwrap();
    assert_eq!(latest.checkpoint_id, "2");
    assert_eq!(latest.channels.len(), 1);
    assert_eq!(latest.channels[0].0, "a");
    assert_eq!(latest.channels[0].1 .1, b"\"x\"");
    let [first, second] = ["1", "2"].map(|id| &store.threads["t"][""][id].channels[0].value);
    assert!(Arc::ptr_eq(first, second));
    assert_eq!(
        store.stored_bytes(),
        "{}".len() * 2 + r#"{"source":"loop"}"#.len() * 2 + 3 + 1
    );
}

#[test]
fn a_fork_reusing_a_version_keeps_each_branchs_value() {
    // LangGraph.js versions are integers: a fork from "1" gives "a" version 2 again, new value.
    let mut store = CheckpointStore::default();
    assert!(store.put(
        "t",
        "",
        "1",
        record(None),
        vec![carried("a", "1", "\"start\""), carried("b", "1", "0")]
    ));
    assert!(store.put(
        "t",
        "",
        "2",
        record(Some("1")),
        vec![carried("a", "2", "\"one\""), kept("b", "1")]
    ));
    assert!(store.put(
        "t",
        "",
        "3",
        record(Some("2")),
        vec![kept("a", "2"), carried("b", "2", "1")]
    ));
    assert!(store.put(
        "t",
        "",
        "4",
        record(Some("1")),
        vec![carried("a", "2", "\"fork\""), kept("b", "1")]
    ));
    assert!(store.put(
        "t",
        "",
        "5",
        record(Some("4")),
        vec![kept("a", "2"), carried("b", "2", "2")]
    ));
    let values = |id| {
        (
            value_of(&store, id, "a").unwrap(),
            value_of(&store, id, "b").unwrap(),
        )
    };
    assert_eq!(values("2"), ("\"one\"".into(), "0".into()));
    assert_eq!(values("3"), ("\"one\"".into(), "1".into()));
    assert_eq!(values("4"), ("\"fork\"".into(), "0".into()));
    assert_eq!(values("5"), ("\"fork\"".into(), "2".into()));
}

#[test]
fn a_value_no_parent_holds_at_its_version_is_asked_for() {
    let mut store = CheckpointStore::default();
    assert!(store.put("t", "", "1", record(None), vec![carried("a", "1", "1")]));
    // No parent, a parent that is not stored, a parent at another version, another namespace.
    assert!(!store.put("t", "", "2", record(None), vec![kept("a", "1")]));
    assert!(!store.put("t", "", "2", record(Some("0")), vec![kept("a", "1")]));
    assert!(!store.put("t", "", "2", record(Some("1")), vec![kept("a", "2")]));
    assert!(!store.put("t", "sub", "2", record(Some("1")), vec![kept("a", "1")]));
    assert!(!store.put("u", "", "2", record(Some("1")), vec![kept("a", "1")]));
    // Nothing was stored by the refused puts.
    assert!(
        store
            .get("t", "", Some("2"), false, Joining::Parts)
            .is_none()
            && store.get("t", "sub", None, false, Joining::Parts).is_none()
    );
    assert!(store.get("u", "", None, false, Joining::Parts).is_none());
    assert!(store.put("t", "", "2", record(Some("1")), vec![kept("a", "1")]));
    assert_eq!(value_of(&store, "2", "a").as_deref(), Some("1"));
}

#[test]
fn writes_keep_regular_first_and_replace_special_and_sort_by_path() {
    let mut store = CheckpointStore::default();
    store.put("t", "", "1", record(None), vec![]);
    store.put_writes(
        "t",
        "",
        "1",
        vec![write("b", 0, "c", "~1", "1"), write("a", 0, "c", "~2", "2")],
    );
    store.put_writes(
        "t",
        "",
        "1",
        vec![
            write("b", 0, "c", "~1", "3"),
            write("b", -3, "__interrupt__", "~1", "4"),
        ],
    );
    store.put_writes(
        "t",
        "",
        "1",
        vec![write("b", -3, "__interrupt__", "~1", "5")],
    );
    let tuple = store.get("t", "", Some("1"), true, Joining::Parts).unwrap();
    let values: Vec<&[u8]> = tuple.writes.iter().map(|w| w.value.1.as_slice()).collect();
    assert_eq!(values, [b"5".as_slice(), b"1", b"2"]);
}

#[test]
fn list_is_newest_first_with_before_limit_and_filter() {
    let mut store = CheckpointStore::default();
    for id in ["1", "2", "3", "4"] {
        store.put("t", "", id, record(None), vec![]);
    }
    let query = |before: Option<&str>, limit: Option<usize>| ListQuery {
        thread_id: Some("t".into()),
        checkpoint_ns: None,
        checkpoint_id: None,
        before: before.map(String::from),
        filter: MetadataFilter::default(),
        limit,
    };
    let ids = |keys: Vec<(String, String, String)>| {
        keys.into_iter().map(|(_, _, id)| id).collect::<Vec<_>>()
    };
    assert_eq!(ids(store.list_keys(&query(None, Some(2)))), ["4", "3"]);
    assert_eq!(ids(store.list_keys(&query(Some("3"), None))), ["2", "1"]);
    let mut filtered = query(None, None);
    filtered.filter = MetadataFilter::parse(Some(r#"{"source":"input"}"#), vec![]).unwrap();
    assert!(store.list_keys(&filtered).is_empty());
}

#[test]
fn delta_history_stops_each_channel_at_its_seed() {
    let mut store = CheckpointStore::default();
    store.put("t", "", "1", record(None), vec![carried("m", "1", "[]")]);
    store.put_writes("t", "", "1", vec![write("x", 0, "m", "", "\"a\"")]);
    // m changed in "2" without a snapshot (a delta channel): no value in "2" and "3".
    store.put("t", "", "2", record(Some("1")), vec![]);
    store.put_writes("t", "", "2", vec![write("y", 0, "m", "", "\"b\"")]);
    store.put("t", "", "3", record(Some("2")), vec![]);
    let history = store.delta_history("t", "", None, &["m".to_string()], true);
    assert_eq!(history[0].seed.as_ref().unwrap().1, b"[]");
    let values: Vec<&[u8]> = history[0]
        .writes
        .iter()
        .map(|w| w.value.1.as_slice())
        .collect();
    assert_eq!(values, [b"\"a\"".as_slice(), b"\"b\""]);
}

#[test]
fn delete_thread_removes_everything() {
    let mut store = CheckpointStore::default();
    store.put("t", "", "1", record(None), vec![carried("a", "1", "1")]);
    store.put_writes("t", "", "1", vec![write("x", 0, "a", "", "2")]);
    store.delete_thread("t");
    assert!(store.get("t", "", None, true, Joining::Parts).is_none());
    assert!(store.elements.is_empty() && store.writes.is_empty());
    // A child of a deleted checkpoint must carry its values again.
    assert!(!store.put("t", "", "2", record(Some("1")), vec![kept("a", "1")]));
}

#[test]
fn json_parts_come_back_as_one_document() {
    let mut store = CheckpointStore::default();
    let mut first = record(None);
    first.checkpoint =
        typed(r#"{"v":4,"id":"1","channel_values":{},"versions_seen":{"channel_values":{}}}"#);
    store.put("t", "", "1", first, vec![carried("a", "1", "[1,2]")]);
    store.put_writes(
        "t",
        "",
        "1",
        vec![
            write("task", 0, "a", "", "\"w\""),
            write("task", 1, "a\"q", "", "{}"),
        ],
    );
    let tuple = store
        .get("t", "", Some("1"), true, Joining::Document)
        .unwrap();
    let combined = String::from_utf8(tuple.combined.unwrap()).unwrap();
    assert_eq!(
        combined,
        r#"[{"v":4,"id":"1","channel_values":{"a":[1,2]},"versions_seen":{"channel_values":{}}},{"source":"loop"},["w",{}]]"#
    );
    assert_eq!(tuple.writes.len(), 2);
    assert!(tuple.channels.is_empty());
    // A value that is not JSON: the parts, separately.
    store.put_writes("t", "", "1", vec![write("task", 2, "a", "", "")]);
    let tuple = store
        .get("t", "", Some("1"), true, Joining::Document)
        .unwrap();
    assert!(tuple.combined.is_none());
    assert_eq!(tuple.channels.len(), 1);
}

#[test]
fn the_channel_values_slot_is_found_at_the_top_level_only() {
    assert_eq!(
        empty_channel_values(br#"{"versions_seen":{"channel_values":{}},"channel_values":{}}"#),
        Some(56)
    );
    assert_eq!(
        empty_channel_values(br#"{"a":"\"channel_values\":{}","channel_values":{}}"#),
        Some(46)
    );
    assert_eq!(empty_channel_values(br#"{"channel_values": {}}"#), None);
    assert_eq!(empty_channel_values(br#"{"channel_values":{"a":1}}"#), None);
}

/// Seeded checkpoint parts: LangChain records (nested too), escaped objects, `__proto__` keys,
/// lossy numbers, deep nesting, empty arrays and objects, scalars.
struct PartMaker {
    state: u64,
}

impl PartMaker {
    fn below(&mut self, n: usize) -> usize {
        self.state = self
            .state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.state >> 33) as usize % n
    }

    fn scalar(&mut self) -> &'static str {
        const SCALARS: [&str; 12] = [
            "0",
            "-0",
            "-0.0",
            "1e400",
            "-1e-400",
            "12.5",
            "-3",
            "true",
            "null",
            r#""lc""#,
            r#""a\"[{""#,
            r#""x\\""#,
        ];
        SCALARS[self.below(SCALARS.len())]
    }

    fn key(&mut self) -> &'static str {
        const KEYS: [&str; 8] = [
            "a",
            "id",
            "kwargs",
            "lc",
            "__lc_escaped__",
            "__proto__",
            r"\u006cc",
            "content",
        ];
        KEYS[self.below(KEYS.len())]
    }

    /// A value with at most `levels` levels of members below it (deep runs of arrays aside).
    fn value(&mut self, levels: u32) -> String {
        if levels == 0 {
            return self.scalar().to_string();
        }
        match self.below(10) {
            0..=2 => self.scalar().to_string(),
            3 => {
                let depth = 1 + self.below(40);
                format!(
                    "{}{}{}",
                    "[".repeat(depth),
                    self.scalar(),
                    "]".repeat(depth)
                )
            }
            4 | 5 => {
                let items: Vec<String> =
                    (0..self.below(4)).map(|_| self.value(levels - 1)).collect();
                format!("[{}]", items.join(","))
            }
            6 | 7 => {
                let members: Vec<String> = (0..self.below(4))
                    .map(|_| format!("\"{}\":{}", self.key(), self.value(levels - 1)))
                    .collect();
                format!("{{{}}}", members.join(","))
            }
            _ => self.record(levels - 1),
        }
    }

    /// A serialized message: a LangChain record, with anything in its kwargs.
    fn record(&mut self, levels: u32) -> String {
        let words = "word ".repeat(self.below(30));
        let extra = self.value(levels);
        format!(
            r#"{{"lc":1,"type":"constructor","id":["langchain_core","messages","AIMessage"],"kwargs":{{"content":"{words}","extra":{extra}}}}}"#
        )
    }

    /// Bytes stored as JSON that are not one JSON value, or not JSON at all.
    fn broken(&mut self) -> &'static [u8] {
        const BROKEN: [&[u8]; 5] = [
            br#""lc":1"#,
            br#""__lc_escaped__":{},"a":[]"#,
            b"[1",
            b"{\"a\":1}}",
            b"\"\xff\"",
        ];
        BROKEN[self.below(BROKEN.len())]
    }
}

/// Asserts that the report a read hands over is what scanning its joined document gives, at
/// several depth limits; true when it was composed rather than scanned.
fn assert_report_is_the_scan(tuple: &TupleOut) -> bool {
    let combined = tuple.combined.as_ref().expect("JSON parts are joined");
    let text = String::from_utf8_lossy(combined);
    let full = json_scan::scan(combined, 0).ok();
    if tuple.combined_scan.is_some() {
        assert_eq!(tuple.combined_scan, full, "{text}");
    }
    let depth = full.as_ref().map_or(3, |report| report.max_depth);
    for limit in [0, 1, 2, depth - 1, depth, depth + 1] {
        assert_eq!(
            tuple.combined_report(limit),
            json_scan::scan(combined, limit).ok(),
            "limit {limit}: {text}"
        );
    }
    tuple.combined_scan.is_some()
}

/// `text` with every compact message record written out in full. Only for a document whose parts
/// have no string "lc" value: then every `{"lc":"` starts a compact record (inside a JSON string
/// the quotes would be escaped).
fn expand_compact_records(text: &str, shapes: &[String]) -> String {
    const COMPACT: &str = r#"{"lc":""#;
    let mut out = String::new();
    let mut rest = text;
    while let Some(at) = rest.find(COMPACT) {
        out.push_str(&rest[..at]);
        let record = &rest[at..];
        let end = crate::memory::message_record::value_end(record.as_bytes(), 0)
            .expect("a closed object");
        let expanded =
            crate::memory::message_record::expand_compact(&record.as_bytes()[..end], shapes)
                .expect("a compact record");
        // Records inside records stay as written: only the outermost is compact.
        out.push_str(std::str::from_utf8(&expanded).unwrap());
        rest = &record[end..];
    }
    out.push_str(rest);
    out
}

/// Asserts that `document` (from `get_document`) is `plain` (from `get` with `combine`) with its
/// records compact exactly when the rule allows: a composed report and no string "lc" value in
/// the parts (then none in the document either). True when it was compacted.
fn assert_document_is_the_read_compacted(document: &TupleOut, plain: &TupleOut) -> bool {
    let plain_text = String::from_utf8_lossy(plain.combined.as_ref().unwrap()).into_owned();
    let text = String::from_utf8_lossy(document.combined.as_ref().unwrap()).into_owned();
    assert!(plain.compact_shapes.is_none());
    assert_eq!(document.combined_scan, plain.combined_scan);
    let string_lc = json_scan::scan_part(plain_text.as_bytes()).is_none_or(|scan| scan.string_lc);
    assert_eq!(
        document.compact_shapes.is_some(),
        plain.combined_scan.is_some() && !string_lc,
        "{plain_text}"
    );
    match &document.compact_shapes {
        Some(shapes) => assert_eq!(expand_compact_records(&text, shapes), plain_text),
        None => assert_eq!(text, plain_text),
    }
    document.compact_shapes.is_some() && text != plain_text
}

#[test]
fn a_read_composes_the_report_a_scan_of_its_document_gives() {
    let mut parts = PartMaker { state: 7 };
    let mut store = CheckpointStore::default();
    let mut composed = Vec::new();
    let mut scanned = 0;
    let mut compacted = 0;
    for thread in ["t1", "t2", "t3"] {
        let mut messages: Vec<String> = Vec::new();
        for step in 0..40 {
            // A chat window: new messages at the end, sometimes old ones (or most) dropped.
            for _ in 0..1 + parts.below(3) {
                messages.push(parts.record(2));
            }
            let dropped = [0, 0, 1, 2, 12][parts.below(5)].min(messages.len() - 1);
            messages.drain(..dropped);
            let version = step.to_string();
            let mut names = vec!["messages", "step"];
            // Now and then a channel named like a key the scan looks for (or needing an escape).
            if step % 9 == 4 {
                names.push(["lc", "__proto__", "__lc_escaped__", "a\"q"][parts.below(4)]);
            }
            let mut blobs: Vec<(String, Vec<u8>)> = vec![(
                names[0].to_string(),
                format!("[{}]", messages.join(",")).into_bytes(),
            )];
            for name in &names[1..] {
                // Now and then bytes that are no JSON value: no report, so such reads are scanned.
                let value = if parts.below(20) == 0 {
                    parts.broken().to_vec()
                } else {
                    parts.value(4).into_bytes()
                };
                blobs.push((name.to_string(), value));
            }
            // Now and then a checkpoint member that may hold records: such reads are scanned.
            let extra = if parts.below(8) == 0 {
                format!(r#","extra":{}"#, parts.value(3))
            } else {
                String::new()
            };
            let mut checkpoint = record(None);
            checkpoint.checkpoint = typed(&format!(
                r#"{{"v":4,"id":"{step}","channel_values":{{}},"channel_versions":{{"messages":{step}}}{extra}}}"#
            ));
            checkpoint.metadata = typed(&format!(
                r#"{{"source":"loop","step":{step},"parents":{{}},"x":{}}}"#,
                parts.value(3)
            ));
            let inputs = blobs
                .iter()
                .map(|(name, bytes)| {
                    (
                        channel(name, &version),
                        Some(("json".to_string(), bytes.as_slice())),
                    )
                })
                .collect();
            let id = format!("{step:03}");
            store.put(thread, "", &id, checkpoint, inputs);
            for task in 0..parts.below(4) {
                let mut written: Vec<WriteRecord> = (0..1 + parts.below(3))
                    .map(|idx| {
                        write(
                            &format!("task{task}"),
                            idx as i64,
                            "messages",
                            "~a",
                            &parts.value(4),
                        )
                    })
                    .collect();
                if parts.below(20) == 0 {
                    written[0].value = Typed::new("json".into(), parts.broken());
                }
                store.put_writes(thread, "", &id, written);
            }
            // A special write replaces the value kept for its (task, idx).
            store.put_writes(
                thread,
                "",
                &id,
                vec![
                    write("task0", -1, "__error__", "~a", &parts.value(2)),
                    write("task0", -1, "__error__", "~a", &parts.value(2)),
                ],
            );
            for with_writes in [true, false] {
                let tuple = store
                    .get(thread, "", Some(&id), with_writes, Joining::Document)
                    .unwrap();
                compacted += usize::from(assert_document_is_the_read_compacted(
                    &store
                        .get(thread, "", Some(&id), with_writes, Joining::CompactRecords)
                        .unwrap(),
                    &tuple,
                ));
                if assert_report_is_the_scan(&tuple) {
                    composed.push(tuple.combined_scan.unwrap());
                } else {
                    scanned += 1;
                }
            }
        }
        // The message lists were kept as pooled elements.
        assert!(store.elements[thread].stored_len() > 0);
    }
    // Most reads composed, covering every fact, and the fallback was taken too.
    assert!(
        composed.len() > scanned * 2,
        "{} composed, {scanned} scanned",
        composed.len()
    );
    assert!(
        composed.iter().any(|report| report.nested_records)
            && composed.iter().any(|report| !report.nested_records)
    );
    assert!(
        composed.iter().any(|report| report.has_proto_key)
            && composed.iter().any(|report| report.has_lossy_number)
    );
    assert!(composed.iter().all(|report| report.has_lc_key));
    assert!(scanned > 0);
    // Some documents were compacted, and some composed ones were not (a string "lc" value).
    assert!(
        compacted > 0 && compacted < composed.len(),
        "{compacted} of {} composed",
        composed.len()
    );
}

#[test]
fn a_record_the_joining_could_make_sends_the_read_to_the_scan() {
    let value = br#"{"lc":1,"kwargs":{}}"#.as_slice();
    // A channel named "lc" makes `channel_values` a record holding the record in its value.
    let mut store = CheckpointStore::default();
    let mut named_lc = record(None);
    named_lc.checkpoint = typed(r#"{"v":4,"channel_values":{}}"#);
    store.put(
        "t",
        "",
        "1",
        named_lc,
        vec![(channel("lc", "1"), Some(("json".into(), value)))],
    );
    // An escaped object around the checkpoint's own members.
    let mut escaped = record(None);
    escaped.checkpoint = typed(r#"{"__lc_escaped__":{},"channel_values":{}}"#);
    store.put(
        "t",
        "",
        "2",
        escaped,
        vec![(channel("a", "1"), Some(("json".into(), value)))],
    );
    // A write that is a key and a value: it makes the writes array a record.
    let mut loose = record(None);
    loose.checkpoint = typed(r#"{"v":4,"channel_values":{}}"#);
    store.put("t", "", "3", loose, vec![]);
    store.put_writes(
        "t",
        "",
        "3",
        vec![
            write("x", 0, "a", "", r#""lc":1"#),
            write("x", 1, "a", "", r#"{"lc":1,"kwargs":{}}"#),
        ],
    );
    for id in ["1", "2", "3"] {
        let tuple = store
            .get("t", "", Some(id), true, Joining::Document)
            .unwrap();
        assert!(tuple.combined_scan.is_none());
        assert!(tuple.combined_report(0).unwrap().nested_records);
        assert!(!assert_report_is_the_scan(&tuple));
    }
}

/// A message record of kwargs `members` (key, value) as the serializer writes it, and its compact
/// form (written out here, apart from `message_record`): members lifted beside a string "lc", empty
/// containers left out, "lc" the index of its shape in the document's `shapes`.
fn message_record(
    name: &str,
    members: &[(&str, &str)],
    shapes: &mut Vec<String>,
) -> (String, String) {
    let kwargs: Vec<String> = members
        .iter()
        .map(|(key, value)| format!(r#""{key}":{value}"#))
        .collect();
    let full = format!(
        r#"{{"lc":1,"type":"constructor","id":["langchain_core","messages","{name}"],"kwargs":{{{}}}}}"#,
        kwargs.join(",")
    );
    let mut shape = name.to_string();
    let mut compact = String::new();
    for (key, value) in members {
        match *value {
            "{}" => shape.push_str(&format!(" {{{key}")),
            "[]" => shape.push_str(&format!(" [{key}")),
            _ => {
                shape.push_str(&format!(" ={key}"));
                compact.push_str(&format!(r#","{key}":{value}"#));
            }
        }
    }
    let index = shapes
        .iter()
        .position(|known| *known == shape)
        .unwrap_or_else(|| {
            shapes.push(shape);
            shapes.len() - 1
        });
    (full, format!(r#"{{"lc":"{index}"{compact}}}"#))
}

/// Compact records (as `message_record` gives them) as one compact list.
fn compact_list(records: &[&str]) -> String {
    let (indexes, members): (Vec<&str>, Vec<String>) = records
        .iter()
        .map(|record| {
            let rest = record.strip_prefix(r#"{"lc":""#).unwrap();
            let (index, rest) = rest.split_once('"').unwrap();
            (
                index,
                format!("{{{}", rest.strip_prefix(',').unwrap_or(rest)),
            )
        })
        .unzip();
    format!(
        r#"{{"lc":"[]","shapes":[{}],"records":[{}]}}"#,
        indexes.join(","),
        members.join(",")
    )
}

/// Puts checkpoint `id` with a pooled message list (canonical records and other elements), a pooled
/// list of records only, a small list stored whole and, when given, one more channel value; and a
/// write holding a record.
/// Returns the document `get` joins, and the one `get_document` should (the pooled canonical
/// records compact) with its shapes.
fn put_chat(
    store: &mut CheckpointStore,
    id: &str,
    checkpoint: &str,
    metadata: &str,
    extra: Option<&str>,
) -> (String, String, Vec<String>) {
    let mut shapes = Vec::new();
    let chat: Vec<(String, String)> = (0..40)
        .map(|i| {
            let (id, content) = (format!(r#""m{i}""#), format!(r#""text {i} }}]\"{{""#));
            let members = [
                ("additional_kwargs", "{}"),
                ("id", &id),
                ("content", &content),
                ("tool_calls", r#"[{"args":{}}]"#),
                ("invalid_tool_calls", "[]"),
            ];
            message_record(
                ["HumanMessage", "AIMessage", "Tool_Message2"][i % 3],
                &members[i % 2..],
                &mut shapes,
            )
        })
        .collect();
    // A record in the kwargs stays as written.
    let (nested, nested_compact) = message_record(
        "AIMessage",
        &[("content", &format!("[{}]", chat[0].0))],
        &mut shapes,
    );
    let others = [
        r#"{"lc":1,"type":"constructor","id":["langchain_core","messages","AIMessage"],"kwargs":{},"extra":1}"#,
        r#"{"content":"plain"}"#,
        "7",
    ];
    let full: Vec<&str> = chat
        .iter()
        .map(|(full, _)| full.as_str())
        .chain([nested.as_str()])
        .chain(others)
        .collect();
    let compact: Vec<&str> = chat
        .iter()
        .map(|(_, compact)| compact.as_str())
        .chain([nested_compact.as_str()])
        .chain(others)
        .collect();
    let (small, _) = message_record(
        "AIMessage",
        &[("content", r#""stored whole""#)],
        &mut Vec::new(),
    );
    let small = format!("[{small}]");
    let messages = format!("[{}]", full.join(","));
    let records_only: Vec<&str> = chat.iter().map(|(full, _)| full.as_str()).collect();
    let records_only = format!("[{}]", records_only.join(","));
    let mut names = vec![
        ("messages", messages.as_str()),
        ("records", records_only.as_str()),
        ("small", small.as_str()),
    ];
    names.extend(extra.map(|value| ("extra", value)));
    let mut stored = record(None);
    stored.checkpoint = typed(checkpoint);
    stored.metadata = typed(metadata);
    let blobs = names
        .iter()
        .map(|(name, value)| {
            (
                channel(name, "1"),
                Some(("json".to_string(), value.as_bytes())),
            )
        })
        .collect();
    store.put("t", "", id, stored, blobs);
    let (write_value, _) = message_record("ToolMessage", &[("content", r#""w""#)], &mut Vec::new());
    store.put_writes(
        "t",
        "",
        id,
        vec![write("task", 0, "messages", "", &write_value)],
    );
    let document = |messages: &str, records: &str| {
        let extra = extra
            .map(|value| format!(r#","extra":{value}"#))
            .unwrap_or_default();
        let values =
            format!(r#"{{"messages":{messages},"records":{records},"small":{small}{extra}}}"#);
        format!(
            "[{},{metadata},[{write_value}]]",
            checkpoint.replacen("{}", &values, 1)
        )
    };
    let compact_records: Vec<&str> = chat.iter().map(|(_, compact)| compact.as_str()).collect();
    (
        document(&messages, &records_only),
        document(
            &format!("[{}]", compact.join(",")),
            &compact_list(&compact_records),
        ),
        shapes,
    )
}

#[test]
fn get_document_writes_pooled_message_records_compact() {
    let mut store = CheckpointStore::default();
    let (full, compact, shapes) = put_chat(
        &mut store,
        "1",
        r#"{"v":4,"id":"1","channel_values":{}}"#,
        r#"{"source":"loop"}"#,
        Some(r#"{"lc":2,"type":"x"}"#),
    );
    assert_ne!(full, compact);
    let document = store
        .get("t", "", Some("1"), true, Joining::CompactRecords)
        .unwrap();
    assert_eq!(document.compact_shapes.as_ref().unwrap(), &shapes);
    assert_eq!(
        String::from_utf8(document.combined.clone().unwrap()).unwrap(),
        compact
    );
    // The report of the full document: its facts hold for the compact one, max_depth at least.
    let plain = store
        .get("t", "", Some("1"), true, Joining::Document)
        .unwrap();
    assert_eq!(
        document.combined_scan,
        json_scan::scan(full.as_bytes(), 0).ok()
    );
    assert!(
        document.combined_scan.as_ref().unwrap().max_depth
            >= json_scan::scan(compact.as_bytes(), 0).unwrap().max_depth
    );
    // Every other read is as stored.
    assert!(plain.compact_shapes.is_none());
    assert_eq!(String::from_utf8(plain.combined.unwrap()).unwrap(), full);
    let parts = store.get("t", "", Some("1"), true, Joining::Parts).unwrap();
    let messages = String::from_utf8(parts.channels[0].1 .1.clone()).unwrap();
    assert!(parts.compact_shapes.is_none());
    assert!(full.contains(&messages) && !compact.contains(&messages));
}

#[test]
fn a_string_lc_value_anywhere_or_a_scanned_document_keeps_records_as_written() {
    let checkpoint = r#"{"v":4,"id":"1","channel_values":{}}"#;
    let metadata = r#"{"source":"loop"}"#;
    let mut store = CheckpointStore::default();
    // A user value in another channel, in the metadata, in a write; a checkpoint holding a record.
    put_chat(
        &mut store,
        "1",
        checkpoint,
        metadata,
        Some(r#"{"__lc_escaped__":{"lc":"x"}}"#),
    );
    put_chat(
        &mut store,
        "2",
        checkpoint,
        r#"{"source":"loop","note":{"lc" : "x"}}"#,
        None,
    );
    put_chat(&mut store, "3", checkpoint, metadata, None);
    store.put_writes(
        "t",
        "",
        "3",
        vec![write("task", 1, "notes", "", r#"[{"lc":"x"}]"#)],
    );
    put_chat(
        &mut store,
        "4",
        r#"{"v":4,"id":"1","channel_values":{},"extra":{"lc":1}}"#,
        metadata,
        None,
    );
    for id in ["1", "2", "3", "4"] {
        let document = store
            .get("t", "", Some(id), true, Joining::CompactRecords)
            .unwrap();
        let plain = store
            .get("t", "", Some(id), true, Joining::Document)
            .unwrap();
        assert!(document.compact_shapes.is_none(), "{id}");
        assert_eq!(document.combined, plain.combined, "{id}");
        assert_eq!(document.combined_scan.is_none(), id == "4");
    }
    // The same chat with none of them compacts.
    put_chat(&mut store, "5", checkpoint, metadata, None);
    assert!(store
        .get("t", "", Some("5"), true, Joining::CompactRecords)
        .unwrap()
        .compact_shapes
        .is_some());
}

/// A JSON array of `n` long string elements (over the size from which arrays are pooled).
fn long_array(n: usize) -> Vec<String> {
    (0..n)
        .map(|i| format!("\"message {i} {}\"", "x".repeat(200)))
        .collect()
}

fn prefix(count: usize, elements: &[String], source: &str) -> Option<ElementPrefix> {
    let len = elements[..count].iter().map(String::len).sum::<usize>() + count.saturating_sub(1);
    Some(ElementPrefix {
        count,
        len,
        source: source.into(),
    })
}

#[test]
fn a_put_may_send_only_the_elements_after_its_channels_latest_array() {
    let elements = long_array(8);
    let full = |n: usize| format!("[{}]", elements[..n].join(","));
    let tail = |from: usize, to: usize| format!("[{}]", elements[from..to].join(","));
    let mut store = CheckpointStore::default();
    let first = full(5);
    assert!(store.put("t", "", "1", record(None), vec![carried("m", "1", &first)]));
    // 5 elements known from "1"'s put: "2" sends the other 2.
    let rest = tail(5, 7);
    assert!(store.put_with_prefixes(
        "t",
        "",
        "2",
        record(Some("1")),
        vec![carried("m", "2", &rest)],
        &[prefix(5, &elements, "1")]
    ));
    assert_eq!(value_of(&store, "2", "m").unwrap(), full(7));
    // Nothing new: an empty tail.
    assert!(store.put_with_prefixes(
        "t",
        "",
        "3",
        record(Some("2")),
        vec![carried("m", "3", "[]")],
        &[prefix(7, &elements, "2")]
    ));
    assert_eq!(value_of(&store, "3", "m").unwrap(), full(7));
    assert_eq!(value_of(&store, "1", "m").unwrap(), full(5));
}

#[test]
fn a_prefix_the_thread_does_not_hold_is_refused_and_nothing_is_stored() {
    let elements = long_array(8);
    let first = format!("[{}]", elements[..5].join(","));
    let rest = format!("[{}]", elements[5..6].join(","));
    let mut store = CheckpointStore::default();
    assert!(store.put("t", "", "1", record(None), vec![carried("m", "1", &first)]));
    let refused = |store: &mut CheckpointStore, prefix: Option<ElementPrefix>| {
        !store.put_with_prefixes(
            "t",
            "",
            "2",
            record(Some("1")),
            vec![carried("m", "2", &rest)],
            &[prefix],
        )
    };
    // Another source, more elements than held, another byte length.
    assert!(refused(&mut store, prefix(5, &elements, "0")));
    assert!(refused(
        &mut store,
        Some(ElementPrefix {
            count: 6,
            len: 5 * 208,
            source: "1".into()
        })
    ));
    assert!(refused(
        &mut store,
        Some(ElementPrefix {
            count: 5,
            len: 1,
            source: "1".into()
        })
    ));
    assert!(store
        .get("t", "", Some("2"), false, Joining::Parts)
        .is_none());
    // A short array is stored whole: it is no channel's latest array, so a prefix of it is refused.
    assert!(store.put(
        "t",
        "",
        "3",
        record(Some("1")),
        vec![carried("m", "3", "[1,2]")]
    ));
    assert!(!store.put_with_prefixes(
        "t",
        "",
        "4",
        record(Some("3")),
        vec![carried("m", "4", "[3]")],
        &[Some(ElementPrefix {
            count: 2,
            len: 3,
            source: "3".into()
        })]
    ));
    // The last split array is still "1"'s.
    assert!(store.put_with_prefixes(
        "t",
        "",
        "4",
        record(Some("1")),
        vec![carried("m", "4", &rest)],
        &[prefix(5, &elements, "1")]
    ));
    assert_eq!(
        value_of(&store, "4", "m").unwrap(),
        format!("[{}]", elements[..6].join(","))
    );
}
