//! The JSON text of a "msgpack" read, handed to V8 as a one-byte string: V8 copies ASCII as it is,
//! where it decodes UTF-8 into a two-byte string (~2 ms of a 1,000-message read, measured). Its
//! few other characters are written as `\u` escapes, which JSON.parse reads as the same text.

use std::borrow::Cow;

/// At most one character in this many is escaped: beyond, the longer text costs JSON.parse more
/// than V8's UTF-8 decoding would (text that is mostly not ASCII goes as UTF-8).
const MAX_ESCAPED_SHARE: usize = 16;

const HEX: &[u8; 16] = b"0123456789abcdef";

/// The text as ASCII with `\u` escapes, or None when too much of it is not ASCII.
pub fn ascii_json(text: &str) -> Option<Cow<'_, [u8]>> {
    let bytes = text.as_bytes();
    // Characters that are not ASCII, counted by their lead bytes.
    let others = bytes.iter().filter(|b| **b >= 0xC0).count();
    if others == 0 {
        return Some(Cow::Borrowed(bytes));
    }
    if others * MAX_ESCAPED_SHARE > text.len() {
        return None;
    }
    let mut out = Vec::with_capacity(bytes.len() + others * 10);
    let mut start = 0;
    while let Some(offset) = bytes[start..].iter().position(|b| *b >= 0x80) {
        let at = start + offset;
        out.extend_from_slice(&bytes[start..at]);
        // Non-ASCII bytes only occur inside JSON strings, where an escape means the same.
        let ch = text[at..].chars().next().expect("a character starts here");
        let mut units = [0u16; 2];
        for unit in ch.encode_utf16(&mut units) {
            out.extend_from_slice(b"\\u");
            for shift in [12, 8, 4, 0] {
                out.push(HEX[((*unit >> shift) & 0xF) as usize]);
            }
        }
        start = at + ch.len_utf8();
    }
    out.extend_from_slice(&bytes[start..]);
    Some(Cow::Owned(out))
}

#[cfg(test)]
mod tests {
    use super::ascii_json;

    #[test]
    fn escapes_what_is_not_ascii_and_json_reads_the_same_text() {
        let text = &format!(
            r#"{{"city":"Zürich ☀️ 𝄞","k":"plain \" \\ {}"}}"#,
            "text ".repeat(20)
        );
        let ascii = ascii_json(text).expect("few characters to escape");
        assert!(ascii.is_ascii());
        let back: serde_json::Value = serde_json::from_slice(&ascii).unwrap();
        assert_eq!(
            back,
            serde_json::from_str::<serde_json::Value>(text).unwrap()
        );
        assert!(matches!(
            ascii_json("[1,\"a\"]"),
            Some(std::borrow::Cow::Borrowed(_))
        ));
        assert!(
            ascii_json("\"日本語のテキスト\"").is_none(),
            "mostly not ASCII: stays UTF-8"
        );
    }
}
