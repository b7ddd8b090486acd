use super::*;

fn ok(text: &str) -> ScanReport {
    scan(text.as_bytes(), 0).expect("scan should succeed")
}

#[test]
fn finds_string_ends_as_a_byte_by_byte_reading_does() {
    // Reference: the plain reading the SIMD search must agree with.
    fn reference(data: &[u8], start: usize) -> Option<usize> {
        let mut i = start;
        while i < data.len() {
            match data[i] {
                b'"' => return Some(i),
                b'\\' => i += 2,
                _ => i += 1,
            }
        }
        None
    }
    let alphabet = b"ab\\\"x";
    let mut state: u32 = 12345;
    for length in 0..120 {
        for _ in 0..40 {
            let data: Vec<u8> = (0..length)
                .map(|_| {
                    state = state.wrapping_mul(1103515245).wrapping_add(12345);
                    // Mostly letters, sometimes a quote or a backslash (escapes at the very end too).
                    let pick = (state >> 16) % 16;
                    if pick < 13 {
                        alphabet[(pick % 2) as usize]
                    } else {
                        alphabet[2 + (pick as usize % 3)]
                    }
                })
                .collect();
            for start in [0, 1, 5].into_iter().filter(|&start| start <= data.len()) {
                assert_eq!(
                    string_end(&data, start),
                    reference(&data, start),
                    "{:?} from {start}",
                    String::from_utf8_lossy(&data)
                );
            }
        }
    }
}

#[test]
fn measures_depth_ignoring_brackets_in_strings() {
    assert_eq!(ok(r#"{"a":[1,{"b":"[[[{"}]}"#).max_depth, 3);
    assert_eq!(ok("1").max_depth, 0);
}

#[test]
fn finds_lc_key_only_as_a_key() {
    assert!(ok(r#"{"lc":1}"#).has_lc_key);
    assert!(ok(r#"{ "lc" : 1}"#).has_lc_key);
    assert!(!ok(r#"{"a":"lc"}"#).has_lc_key);
    assert!(!ok(r#"["lc", 1]"#).has_lc_key);
    assert!(!ok(r#"{"lcx":1}"#).has_lc_key);
}

#[test]
fn decodes_escaped_key_spellings() {
    assert!(ok(r#"{"\u006cc":1}"#).has_lc_key);
    assert!(ok(r#"{"\u005f_proto__":{}}"#).has_proto_key);
    assert!(!ok(r#"{"l\"c":1}"#).has_lc_key);
}

#[test]
fn escaped_quotes_do_not_end_strings() {
    let report = ok(r#"{"a":"x\"}{[","lc":2}"#);
    assert!(report.has_lc_key);
    assert_eq!(report.max_depth, 1);
}

#[test]
fn tells_whether_records_nest() {
    assert!(!ok(r#"{"m":[{"lc":1,"kwargs":{"a":[1]}},{"lc":2}]}"#).nested_records);
    assert!(ok(r#"{"lc":2,"args":[[{"lc":1,"kwargs":{}}]]}"#).nested_records);
    // The key order does not matter: "lc" may come after the nested record.
    assert!(ok(r#"{"kwargs":{"x":{"lc":2}},"lc":1}"#).nested_records);
    assert!(ok(r#"{"lc":1,"kwargs":{"x":{"__lc_escaped__":{}}}}"#).nested_records);
    assert!(!ok(r#"[{"__lc_escaped__":{}}]"#).nested_records);
}

#[test]
fn tells_whether_an_lc_key_holds_a_string() {
    let string_lc = |text: &str| scan_part(text.as_bytes()).unwrap().string_lc;
    assert!(string_lc(r#"{"lc":"AIMessage","kwargs":{}}"#));
    assert!(string_lc("[1,{\"a\":{ \"lc\" :\t\"x\"}}]"));
    assert!(string_lc(r#"{"\u006cc":""}"#));
    assert!(!string_lc(
        r#"{"lc":1,"id":["lc"],"kwargs":{"content":"lc"}}"#
    ));
    assert!(!string_lc(r#"{"lc":["x"],"a":"lc"}"#));
    assert!(!string_lc(r#"{"lcx":"x","__lc_escaped__":"x"}"#));
    assert!(!string_lc(r#"["lc","x"]"#));
}

#[test]
fn a_part_is_one_value_whose_records_are_its_own() {
    let part = |text: &str| scan_part(text.as_bytes());
    assert!(part(r#"[{"__lc_escaped__":{}}]"#).unwrap().holds_record);
    assert!(
        !part(r#"[{"__lc_escaped__":{}}]"#)
            .unwrap()
            .report
            .has_lc_key
    );
    assert!(!part(r#"{"a":["lc"]}"#).unwrap().holds_record);
    // A record key outside the part's objects would mark what holds the part.
    assert_eq!(part(r#""lc":1"#), None);
    assert_eq!(part(r#""__lc_escaped__":{},"a":1"#), None);
    assert!(part(r#""__proto__":1"#).unwrap().report.has_proto_key);
    assert_eq!(part("[1"), None);
}

#[test]
fn parts_placed_in_an_array_report_what_the_array_does() {
    let parts = [
        "1",
        "-0",
        "[]",
        r#"{"lc":1,"kwargs":{"x":{"lc":2}}}"#,
        r#"{"__lc_escaped__":{"a":[[1e400]]}}"#,
        r#"{"__proto__":{}}"#,
        r#""[{""#,
        r#"{"lc":"x"}"#,
    ];
    for count in 0..=parts.len() {
        for first in 0..parts.len() {
            let chosen: Vec<&str> = (0..count)
                .map(|i| parts[(first + i * 3) % parts.len()])
                .collect();
            let mut array = PartScan::container();
            for text in &chosen {
                array.include(&scan_part(text.as_bytes()).unwrap(), 1);
            }
            assert_eq!(
                Some(array),
                scan_part(format!("[{}]", chosen.join(",")).as_bytes()),
                "{chosen:?}"
            );
        }
    }
}

#[test]
fn flags_numbers_that_do_not_round_trip() {
    assert!(!ok("[1, -1.5, 2e10, 0, 0.0]").has_lossy_number);
    assert!(ok("[-0]").has_lossy_number);
    assert!(ok(r#"{"a":-0.0}"#).has_lossy_number);
    assert!(ok("[-1e-400]").has_lossy_number);
    assert!(ok("[1e400]").has_lossy_number);
    assert!(!ok(r#"["-0"]"#).has_lossy_number);
}

#[test]
fn rejects_invalid_utf8_with_offset() {
    let err = scan(b"{\"a\":\"\xff\"}", 0).unwrap_err();
    assert!(matches!(err, ScanError::InvalidUtf8 { offset: 6, .. }));
    let cut = "\"é\"".as_bytes();
    let err = scan(&cut[..2], 0).unwrap_err();
    assert!(err.to_string().contains("truncated"));
}

#[test]
fn rejects_truncation() {
    assert!(matches!(
        scan(b"{\"a\":[1,2", 0),
        Err(ScanError::Unclosed { open: 2 })
    ));
    assert!(matches!(
        scan(b"{\"a\":\"abc", 0),
        Err(ScanError::UnterminatedString { offset: 5 })
    ));
    assert!(matches!(
        scan(b"[1]]", 0),
        Err(ScanError::Unbalanced {
            offset: 3,
            found: ']'
        })
    ));
    assert!(matches!(scan(b"[1}", 0), Err(ScanError::Unbalanced { .. })));
}

#[test]
fn stops_at_the_depth_limit_without_recursing() {
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    assert_eq!(scan(deep.as_bytes(), 0).unwrap().max_depth, 100_000);
    assert!(matches!(
        scan(deep.as_bytes(), 10),
        Err(ScanError::TooDeep {
            limit: 10,
            offset: 10
        })
    ));
}
