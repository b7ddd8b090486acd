//! The JSON text of a "msgpack" read, handed to V8 as a one-byte string: V8 copies ASCII as it is,
//! where it decodes UTF-8 into a two-byte string (~1-2 ms of a 1,000-message read, measured). The
//! writer spells the few other characters as `\u` escapes, which JSON.parse reads as the same text.

/// At most one character in this many is escaped: beyond, the longer text costs JSON.parse more
/// than V8's UTF-8 decoding would (text that is mostly not ASCII goes as UTF-8).
const MAX_ESCAPED_SHARE: usize = 16;

const HEX: &[u8; 16] = b"0123456789abcdef";

/// Whether `escaped` characters in `len` bytes of text are few enough to keep the ASCII form.
pub fn few_escaped(escaped: usize, len: usize) -> bool {
    escaped * MAX_ESCAPED_SHARE <= len
}

/// Bytes written as they are inside a JSON string: printable ASCII but `"` and `\`.
const fn plain_bytes() -> [bool; 256] {
    let mut plain = [false; 256];
    let mut b = 0x20;
    while b < 0x7f {
        plain[b] = b != b'"' as usize && b != b'\\' as usize;
        b += 1;
    }
    plain
}
static PLAIN: [bool; 256] = plain_bytes();

fn write_unit(unit: u16, out: &mut Vec<u8>) {
    out.extend_from_slice(b"\\u");
    for shift in [12, 8, 4, 0] {
        out.push(HEX[((unit >> shift) & 0xF) as usize]);
    }
}

/// Writes `text` as a JSON string in ASCII; returns how many characters it escaped as `\u`
/// because they are not ASCII.
pub fn write_ascii_string(text: &str, out: &mut Vec<u8>) -> usize {
    let bytes = text.as_bytes();
    let mut escaped = 0;
    let mut start = 0;
    let mut i = 0;
    out.push(b'"');
    while i < bytes.len() {
        let b = bytes[i];
        if PLAIN[b as usize] {
            i += 1;
            continue;
        }
        out.extend_from_slice(&bytes[start..i]);
        if b < 0x80 {
            match b {
                b'"' => out.extend_from_slice(b"\\\""),
                b'\\' => out.extend_from_slice(b"\\\\"),
                b'\n' => out.extend_from_slice(b"\\n"),
                b'\r' => out.extend_from_slice(b"\\r"),
                b'\t' => out.extend_from_slice(b"\\t"),
                _ => write_unit(b as u16, out),
            }
            i += 1;
        } else {
            let ch = text[i..].chars().next().expect("a character starts here");
            let mut units = [0u16; 2];
            for unit in ch.encode_utf16(&mut units) {
                write_unit(*unit, out);
            }
            escaped += 1;
            i += ch.len_utf8();
        }
        start = i;
    }
    out.extend_from_slice(&bytes[start..]);
    out.push(b'"');
    escaped
}

#[cfg(test)]
mod tests {
    use super::write_ascii_string;

    #[test]
    fn escapes_what_is_not_ascii_and_json_reads_the_same_text() {
        for text in [
            "Zürich ☀️ 𝄞",
            "plain \" \\ \n\r\t\u{8}\u{c}\u{1}\u{7f} text",
            "",
            "日本語のテキスト",
        ] {
            let mut out = Vec::new();
            let escaped = write_ascii_string(text, &mut out);
            assert!(out.is_ascii());
            assert_eq!(escaped, text.chars().filter(|c| !c.is_ascii()).count());
            let back: String = serde_json::from_slice(&out).unwrap();
            assert_eq!(back, text);
        }
    }
}
