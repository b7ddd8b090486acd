use std::sync::Arc;

use super::decode::decode_with;
use super::json_text::{write_json, Dates};
use super::msgpack_of_json;
use super::piece_texts::{PieceTexts, GENERATION_BYTES, MAX_PIECE_BYTES};
use super::value::JsonPiece;

fn message(content: &str) -> String {
    format!(
        r#"{{"lc":1,"type":"constructor","id":["langchain_core","messages","AIMessage"],"kwargs":{{"content":"{content}","additional_kwargs":{{}}}}}}"#
    )
}

fn json_of(bytes: &[u8], pieces: Option<&mut PieceTexts>) -> String {
    let value = decode_with(bytes, pieces).unwrap();
    let mut out = Vec::new();
    write_json(&value, Dates::Records, &mut out);
    String::from_utf8(out).unwrap()
}

#[test]
fn a_record_read_before_is_its_kept_text() {
    let json = format!("[{},{}]", message("Zürich ☀️"), message("b"));
    let bytes = msgpack_of_json(&json, &[]).unwrap().unwrap();
    let mut pieces = PieceTexts::default();
    let first = json_of(&bytes, Some(&mut pieces));
    assert!(pieces.held_bytes() > 0);
    let held = pieces.held_bytes();
    // Read again: the same text, nothing added; with the ASCII escapes the pieces are kept in.
    let again = json_of(&bytes, Some(&mut pieces));
    assert_eq!(again, first);
    assert_eq!(pieces.held_bytes(), held);
    assert!(first.contains(r#""Z\u00fcrich \u2600\ufe0f""#), "{first}");
    let plain: serde_json::Value = serde_json::from_str(&json_of(&bytes, None)).unwrap();
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(&first).unwrap(),
        plain
    );
    assert_eq!(
        plain,
        serde_json::from_str::<serde_json::Value>(&json).unwrap()
    );
}

#[test]
fn a_kept_text_is_what_decoding_gives() {
    // A text kept for other bytes is not taken, even under the same key.
    let one = msgpack_of_json(&message("one"), &[]).unwrap().unwrap();
    let mut pieces = PieceTexts::default();
    let payload = &one[3..];
    let forged = Arc::new(JsonPiece {
        text: b"\"forged\"".to_vec(),
        escaped: 0,
    });
    pieces.insert(payload, 0, forged.clone());
    assert_eq!(pieces.get(payload, 0), Some(forged));
    assert_eq!(pieces.get(payload, 1), None, "kept per depth");
    let mut other = payload.to_vec();
    *other.last_mut().unwrap() ^= 1;
    assert_eq!(pieces.get(&other, 0), None);
}

#[test]
fn generations_bound_the_memory_held() {
    let mut pieces = PieceTexts::default();
    let text = Arc::new(JsonPiece {
        text: vec![b'1'; 1000],
        escaped: 0,
    });
    let first = 7u64.to_be_bytes();
    pieces.insert(&first, 0, text.clone());
    for i in 0..40_000u64 {
        pieces.insert(&(i + 1_000_000).to_be_bytes(), 0, text.clone());
        // Used again and again, the first stays (moved to each new generation).
        if i % 1000 == 0 {
            assert!(pieces.get(&first, 0).is_some(), "{i}");
        }
    }
    assert!(pieces.held_bytes() <= 2 * GENERATION_BYTES);
    assert!(
        pieces.get(&1_000_000u64.to_be_bytes(), 0).is_none(),
        "the oldest are gone"
    );
    let big = vec![0u8; MAX_PIECE_BYTES + 1];
    pieces.insert(&big, 0, text);
    assert!(pieces.get(&big, 0).is_none(), "large records are not kept");
}
