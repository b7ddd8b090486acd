use super::*;

fn chat(from: usize, to: usize) -> Vec<u8> {
    let messages: Vec<String> = (from..to).map(|i| format!("{{\"id\":\"m{i}\",\"content\":\"message {i} {} of a chat, long enough to matter\"}}", i * 7919 % 1000)).collect();
    format!("[{}]", messages.join(",")).into_bytes()
}

#[test]
fn arrays_share_their_elements_and_round_trip() {
    let mut pool = ElementPool::default();
    let first = chat(0, 100);
    let second = chat(1, 101);
    let (a, _) = StoredValue::shared(&first, true, &mut pool, ("", "messages"));
    let (b, _) = StoredValue::shared(&second, true, &mut pool, ("", "messages"));
    assert!(matches!(a, StoredValue::Elements { .. }));
    assert_eq!(a.to_bytes(), first);
    assert_eq!(b.to_bytes(), second);
    assert_eq!(a.len(), first.len());
    assert_eq!(pool.elements.len(), 101);
    assert!(pool.stored_len() < first.len() * 11 / 10);
}

#[test]
fn next_versions_reuse_the_previous_elements_and_round_trip() {
    let line = ("", "messages");
    let mut pool = ElementPool::default();
    let versions = [
        chat(0, 100),
        chat(1, 101),   // a window slid by one
        chat(3, 104),   // slid by two, one appended
        chat(3, 104),   // unchanged
        chat(3, 110),   // appended only
        chat(50, 70),   // mostly dropped: more than MAX_DROPPED
        chat(500, 600), // unrelated
    ];
    for bytes in &versions {
        let (value, scan) = StoredValue::shared(bytes, true, &mut pool, line);
        assert!(matches!(value, StoredValue::Elements { .. }));
        assert_eq!(&value.to_bytes(), bytes);
        assert_eq!(value.len(), bytes.len());
        assert_eq!(scan, json_scan::scan_part(bytes));
    }
    // Every distinct message held once.
    assert_eq!(pool.elements.len(), 110 + 100);
}

#[test]
fn a_repeated_prefix_is_only_matched_as_whole_elements() {
    let line = ("", "numbers");
    let mut pool = ElementPool::default();
    let pad = "7".repeat(ELEMENTS_FROM);
    let first = format!("[1,2,3,{pad}]");
    // Starts with the bytes "1", "2" of the previous elements, but its elements are 12 and 23.
    let second = format!("[12,23,{pad}]");
    let third = format!("[12,23,{pad},\"tail\"]");
    let bad = format!("[12,23,{pad},]");
    for bytes in [&first, &second, &third] {
        let (value, _) = StoredValue::shared(bytes.as_bytes(), true, &mut pool, line);
        assert_eq!(value.to_bytes(), bytes.as_bytes());
    }
    assert!(
        pool.elements.contains_key(b"12".as_slice())
            && pool.elements.contains_key(b"23".as_slice())
    );
    // A trailing comma after repeated elements is not JSON: stored whole.
    let (value, scan) = StoredValue::shared(bad.as_bytes(), true, &mut pool, line);
    assert!(matches!(value, StoredValue::Whole(_)));
    assert_eq!(value.to_bytes(), bad.as_bytes());
    assert_eq!(scan, json_scan::scan_part(bad.as_bytes()));
}

/// A message list as a chat with LangChain records keeps it: message `i` is a record, some
/// with a record, an escaped object, a `__proto__` key or a lossy number inside.
fn records(from: usize, to: usize) -> Vec<u8> {
    let inner = [
        "",
        r#","kwargs":{"x":{"lc":1}}"#,
        r#","e":{"__lc_escaped__":{}}"#,
        r#","__proto__":[[[]]]"#,
        r#","n":-0"#,
        r#","n":1e400"#,
    ];
    let messages: Vec<String> = (from..to)
        .map(|i| {
            format!(
                "{{\"lc\":1,\"id\":[\"m{i}\"],\"text\":\"message {i} of a chat\"{}}}",
                inner[i * 7 % inner.len()]
            )
        })
        .collect();
    format!("[{}]", messages.join(",")).into_bytes()
}

#[test]
fn a_value_kept_as_elements_is_scanned_as_a_whole_value_is() {
    let line = ("", "messages");
    let mut pool = ElementPool::default();
    // Sliding, appending, unchanged and unrelated versions; the last ones hold no record.
    for bytes in [
        records(0, 60),
        records(1, 61),
        records(4, 70),
        records(4, 70),
        records(200, 260),
        chat(0, 100),
    ] {
        let (value, scan) = StoredValue::shared(&bytes, true, &mut pool, line);
        assert!(matches!(value, StoredValue::Elements { .. }));
        assert_eq!(scan, json_scan::scan_part(&bytes));
    }
    // An element that is no JSON value on its own: the value has no scan.
    let loose = format!("[{}]", ["1"; 600].join(",")).replacen("1", "\"lc\":1", 1);
    let (value, scan) = StoredValue::shared(loose.as_bytes(), true, &mut pool, ("", "other"));
    assert!(matches!(value, StoredValue::Elements { .. }));
    assert_eq!(scan, None);
    // Not JSON: not scanned.
    assert_eq!(StoredValue::shared(b"[1]", false, &mut pool, line).1, None);
}

#[test]
fn only_compact_arrays_are_split() {
    assert_eq!(
        array_elements(b"[1,\"a,b\",{\"x\":[1,2]},\"q\\\"]\"]"),
        Some(vec![(1, 2), (3, 8), (9, 20), (21, 27)])
    );
    assert_eq!(array_elements(b"[]"), Some(vec![]));
    assert_eq!(array_elements(b"[1, 2]"), None);
    assert_eq!(array_elements(b"[1,]"), None);
    assert_eq!(array_elements(b"[,1]"), None);
    assert_eq!(array_elements(b"{\"a\":1}"), None);
    assert_eq!(array_elements(b"[1,2]]"), None);
    for text in ["[1,\"a,b\",{\"x\":[1,2]},\"q\\\"]\"]", "[[],{},\"\"]"] {
        let ranges = array_elements(text.as_bytes()).unwrap();
        let joined: Vec<&str> = ranges.iter().map(|&(from, to)| &text[from..to]).collect();
        assert_eq!(format!("[{}]", joined.join(",")), text);
    }
}
