use super::decode::decode;
use super::*;

fn round_trip(json: &str) -> String {
    let bytes = msgpack_of_json(json).unwrap().expect("encodable");
    String::from_utf8(json_of_msgpack(&bytes, Dates::Records).unwrap()).unwrap()
}

#[test]
fn records_come_back_as_the_same_records() {
    for json in [
        r#"{"a":[1,-2,1.5,"x",null,true,false],"b":{}}"#,
        r#"{"lc":1,"type":"constructor","id":["langchain_core","messages","HumanMessage"],"kwargs":{"content":"hi","id":"h"}}"#,
        r#"{"lc":2,"type":"constructor","id":["Set"],"method":null,"args":[[1,"a"]],"kwargs":{}}"#,
        r#"{"lc":2,"type":"constructor","id":["Uint8Array"],"method":"from","args":[[0,1,255]],"kwargs":{}}"#,
        r#"{"lc":2,"type":"constructor","id":["Date"],"method":null,"args":["2024-01-02T03:04:05.678Z"],"kwargs":{}}"#,
        r#"{"lc":2,"type":"delta_snapshot","value":[1,2]}"#,
        r#"{"lc":2,"type":"undefined"}"#,
        r#"{"lc":1,"type":"constructor","id":["my","Own"],"kwargs":{}}"#,
    ] {
        assert_eq!(round_trip(json), json);
    }
}

#[test]
fn compact_forms_are_python_langgraphs() {
    let set = msgpack_of_json(
        r#"{"lc":2,"type":"constructor","id":["Set"],"method":null,"args":[[1]],"kwargs":{}}"#,
    )
    .unwrap()
    .unwrap();
    // fixext 16 of type 0 holding ["builtins", "set", [1]]
    assert_eq!(&set[..2], &[0xd8, 0]);
    assert_eq!(
        &set[2..],
        &[
            0x93, 0xa8, b'b', b'u', b'i', b'l', b't', b'i', b'n', b's', 0xa3, b's', b'e', b't',
            0x91, 0x01
        ]
    );
    let bytes = msgpack_of_json(r#"{"lc":2,"type":"constructor","id":["Uint8Array"],"method":"from","args":[[7,8]],"kwargs":{}}"#).unwrap().unwrap();
    assert_eq!(bytes, vec![0xc4, 2, 7, 8]);
}

#[test]
fn too_deep_or_lone_surrogates_stay_json() {
    let deep = format!("{}{}", "[".repeat(200), "]".repeat(200));
    assert_eq!(msgpack_of_json(&deep).unwrap(), None);
    assert_eq!(msgpack_of_json(r#"["\ud83d"]"#).unwrap(), None);
}

#[test]
fn hostile_bytes_are_errors() {
    // truncated string, 2 GB array prefix, ext type 99, reserved byte, trailing bytes, bad UTF-8
    for bytes in [
        &[0xa5, b'a'][..],
        &[0xdd, 0x7f, 0xff, 0xff, 0xff],
        &[0xd4, 99, 0],
        &[0xc1],
        &[0x01, 0x02],
        &[0xa1, 0xff],
        &[0xdb, 0x80, 0, 0, 0],
    ] {
        assert!(decode(bytes).is_err(), "{bytes:?}");
    }
    let deep = [0x91u8; 2000];
    assert!(decode(&deep).unwrap_err().contains("nesting deeper"));
}

#[test]
fn non_string_keys_make_a_map_record() {
    // {1: "a"}
    let json =
        String::from_utf8(json_of_msgpack(&[0x81, 0x01, 0xa1, b'a'], Dates::Records).unwrap())
            .unwrap();
    assert_eq!(
        json,
        r#"{"lc":2,"type":"constructor","id":["Map"],"method":null,"args":[[[1,"a"]]],"kwargs":{}}"#
    );
}

#[test]
fn repeated_strings_are_written_once() {
    let json = r#"[{"additional_kwargs":{},"id":"abcd"},{"additional_kwargs":{},"id":"abcd"}]"#;
    let bytes = msgpack_of_json(json).unwrap().unwrap();
    let once = bytes
        .windows(17)
        .filter(|w| w == b"additional_kwargs")
        .count();
    assert_eq!(once, 1);
    assert_eq!(round_trip(json), json);
}

#[test]
fn string_references_out_of_range_are_errors() {
    // ["abcd", ref 1]: only one string is numbered
    let bytes = [0x92, 0xa4, b'a', b'b', b'c', b'd', 0xd4, 32, 1];
    assert!(decode(&bytes)
        .unwrap_err()
        .contains("string reference 1 at byte 6: only 1 strings before it"));
    let ok = [0x92, 0xa4, b'a', b'b', b'c', b'd', 0xd4, 32, 0];
    assert_eq!(
        String::from_utf8(json_of_msgpack(&ok, Dates::Records).unwrap()).unwrap(),
        r#"["abcd","abcd"]"#
    );
}
