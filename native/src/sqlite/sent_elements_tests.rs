use super::*;

fn part<'a>(
    channel: &'a str,
    prefix: usize,
    prefix_len: usize,
    source: &'a str,
    tail: &'a str,
) -> ArrayPart<'a> {
    ArrayPart {
        thread_id: "t",
        checkpoint_ns: "",
        channel,
        prefix,
        prefix_len,
        source,
        tail: tail.as_bytes(),
    }
}

#[test]
fn rebuilds_rows_from_the_elements_sent_before() {
    let mut cache = SentElements::default();
    let pieces: [&[u8]; 2] = [br#"{"m":"#, b"}"];
    let first = cache
        .assemble(&pieces, &[part("m", 0, 0, "", r#"["a","bb"]"#)], "1")
        .unwrap();
    assert_eq!(first, br#"{"m":["a","bb"]}"#);
    let second = cache
        .assemble(&pieces, &[part("m", 2, 8, "1", r#"["c"]"#)], "2")
        .unwrap();
    assert_eq!(second, br#"{"m":["a","bb","c"]}"#);
    let same = cache
        .assemble(&pieces, &[part("m", 3, 12, "2", "[]")], "3")
        .unwrap();
    assert_eq!(same, br#"{"m":["a","bb","c"]}"#);
}

#[test]
fn refuses_a_prefix_it_does_not_hold_and_remembers_nothing_then() {
    let mut cache = SentElements::default();
    let pieces: [&[u8]; 2] = [b"", b""];
    cache
        .assemble(&pieces, &[part("m", 0, 0, "", r#"["a","bb"]"#)], "1")
        .unwrap();
    assert!(cache
        .assemble(&pieces, &[part("m", 2, 8, "0", "[]")], "2")
        .is_none());
    assert!(cache
        .assemble(&pieces, &[part("m", 3, 8, "1", "[]")], "2")
        .is_none());
    assert!(cache
        .assemble(&pieces, &[part("m", 2, 7, "1", "[]")], "2")
        .is_none());
    assert!(cache
        .assemble(&pieces, &[part("x", 1, 3, "1", "[]")], "2")
        .is_none());
    assert!(cache
        .assemble(&pieces, &[part("m", 0, 0, "", "[1,]")], "2")
        .is_none());
    assert_eq!(
        cache
            .assemble(&pieces, &[part("m", 2, 8, "1", "[]")], "2")
            .unwrap(),
        br#"["a","bb"]"#
    );
    cache.forget_thread("t");
    assert!(cache
        .assemble(&pieces, &[part("m", 2, 8, "2", "[]")], "3")
        .is_none());
}
