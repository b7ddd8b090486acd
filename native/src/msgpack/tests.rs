use super::decode::decode;
use super::*;

fn round_trip(json: &str) -> String {
    let bytes = msgpack_of_json(json, &[]).unwrap().expect("encodable");
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
        &[],
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
    let bytes = msgpack_of_json(r#"{"lc":2,"type":"constructor","id":["Uint8Array"],"method":"from","args":[[7,8]],"kwargs":{}}"#, &[]).unwrap().unwrap();
    assert_eq!(bytes, vec![0xc4, 2, 7, 8]);
}

#[test]
fn too_deep_or_lone_surrogates_stay_json() {
    let deep = format!("{}{}", "[".repeat(200), "]".repeat(200));
    assert_eq!(msgpack_of_json(&deep, &[]).unwrap(), None);
    assert_eq!(msgpack_of_json(r#"["\ud83d"]"#, &[]).unwrap(), None);
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
    let bytes = msgpack_of_json(json, &[]).unwrap().unwrap();
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

const HUMAN: &str = r#"{"lc":1,"type":"constructor","id":["langchain_core","messages","HumanMessage"],"kwargs":{"content":"hi there","id":"h-1","additional_kwargs":{},"response_metadata":{}}}"#;

#[test]
fn message_strings_are_append_only() {
    use super::message_strings::MESSAGE_STRINGS;
    // Stored blobs hold these numbers: entries may be added at the end, never moved or changed.
    let pinned = "HumanMessage HumanMessageChunk AIMessage AIMessageChunk ToolMessage \
        ToolMessageChunk SystemMessage SystemMessageChunk ChatMessage ChatMessageChunk \
        FunctionMessage FunctionMessageChunk RemoveMessage content id name type additional_kwargs \
        response_metadata tool_calls invalid_tool_calls tool_call_chunks usage_metadata \
        tool_call_id artifact status role args error index text image_url url input_tokens \
        output_tokens total_tokens input_token_details output_token_details cache_read \
        cache_creation audio reasoning model_name model_provider finish_reason system_fingerprint \
        logprobs function_call arguments refusal token_usage prompt_tokens completion_tokens \
        stop_reason tool_call invalid_tool_call tool_call_chunk success stop tool_use end_turn";
    let pinned: Vec<&str> = pinned.split_whitespace().collect();
    assert_eq!(&MESSAGE_STRINGS[..pinned.len()], &pinned[..]);
    for (i, name) in MESSAGE_STRINGS[..13].iter().enumerate() {
        assert!(
            super::python_types::message_module(name).is_some(),
            "{i}: {name}"
        );
    }
}

#[test]
fn a_message_is_an_ext_33_record_with_fixed_strings_by_number() {
    let bytes = msgpack_of_json(HUMAN, &[]).unwrap().unwrap();
    // ext 8 of type 33: [0 (HumanMessage), {13: "hi there", 14: "h-1", 17: {}, 18: {}}]
    let mut want = vec![0xc7, 0, 33, 0x92, 0x00, 0x84, 13, 0xa8];
    want.extend_from_slice(b"hi there");
    want.extend_from_slice(&[14, 0xa3, b'h', b'-', b'1', 17, 0x80, 18, 0x80]);
    want[1] = (want.len() - 3) as u8;
    assert_eq!(bytes, want);
    assert_eq!(round_trip(HUMAN), HUMAN);
}

#[test]
fn fixed_strings_in_values_are_references_and_message_strings_stay_inside() {
    let ai = r#"{"lc":1,"type":"constructor","id":["langchain_core","messages","AIMessage"],"kwargs":{"content":"weather?","tool_calls":[{"id":"call-1","name":"get_weather","args":{"city":"Zürich"},"type":"tool_call"}],"invalid_tool_calls":[],"additional_kwargs":{"other":"get_weather"}}}"#;
    let json = format!("[{ai},{ai},\"get_weather\",\"get_weather\"]");
    let bytes = msgpack_of_json(&json, &[]).unwrap().unwrap();
    // "tool_call" as a value: a reference to its fixed number (54)
    assert!(bytes.windows(3).any(|w| w == [0xd4, 32, 54]));
    assert!(!bytes.windows(9).any(|w| w == b"tool_call"));
    // "get_weather": once in each message (its second use there a reference), once outside.
    assert_eq!(bytes.windows(11).filter(|w| w == b"get_weather").count(), 3);
    assert_eq!(round_trip(&json), json);
}

#[test]
fn pieces_are_copied_where_their_marks_stand() {
    let piece = msgpack_of_json(HUMAN, &[]).unwrap().unwrap();
    let whole = msgpack_of_json(&format!(r#"{{"messages":[{HUMAN},{HUMAN}],"n":1}}"#), &[])
        .unwrap()
        .unwrap();
    let marked = r#"{"messages":["\u0000langgraph-native:message#0","\u0000langgraph-native:message#1"],"n":1}"#;
    let spliced = msgpack_of_json(marked, &[&piece, &piece]).unwrap().unwrap();
    assert_eq!(spliced, whole);
    let missing = msgpack_of_json(marked, &[&piece]).unwrap_err();
    assert!(missing.contains("names none of the 1 pieces"), "{missing}");
}

#[test]
fn hostile_message_records_are_errors() {
    let ext = |payload: &[u8]| {
        let mut bytes = vec![0xc7, payload.len() as u8, 33];
        bytes.extend_from_slice(payload);
        bytes
    };
    for (payload, reason) in [
        (&[0x91, 0x00][..], "does not hold a [class, fields] message"),
        (&[0x92, 13, 0x80], "names no message class"),
        (&[0x92, 0x7f, 0x80], "names no message class"),
        (
            &[0x92, 0x00, 0x90],
            "does not hold a [class, fields] message",
        ),
        (
            &[0x92, 0x00, 0x81, 0x7f, 0xc0],
            "key 127 at byte 6 is not a number",
        ),
        (
            &[0x92, 0x00, 0x81, 13, 0xd4, 32, 61],
            "string reference 61 at byte 7: only 61 strings",
        ),
        (&[0x92, 0x00, 0x81, 13, 0xc0, 0xc0], "1 trailing bytes"),
    ] {
        let error = decode(&ext(payload)).unwrap_err();
        assert!(error.contains(reason), "{payload:?}: {error}");
    }
    // Its strings are its own: a reference to the blob's table from inside one is refused.
    let mut outer = vec![0x92, 0xa4, b'a', b'b', b'c', b'd'];
    outer.extend(ext(&[0x92, 0x00, 0x81, 13, 0xd4, 32, 0]));
    assert!(decode(&outer).is_ok(), "0 is a fixed string there");
    let mut outer = vec![0x92, 0xa4, b'a', b'b', b'c', b'd'];
    outer.extend(ext(&[0x92, 0x00, 0x81, 13, 0xd5, 32, 0, 61]));
    assert!(decode(&outer).unwrap_err().contains("string reference 61"));
}
