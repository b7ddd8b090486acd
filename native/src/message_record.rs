//! LangChain message records as the serializer writes them, and the compact form a read may hand
//! JavaScript instead: `{"lc":"<Name>","kwargs":<K>}` for
//! `{"lc":1,"type":"constructor","id":["langchain_core","messages","<Name>"],"kwargs":<K>}`. The
//! `id` array and its strings cost JSON.parse more than the rest of a short message's boilerplate.
//! The "lc" key stays, so `json_scan`'s record facts hold for the compact form too.

use crate::json_scan::string_end;

/// Everything of a canonical record before its class name.
const BEFORE_NAME: &[u8] = br#"{"lc":1,"type":"constructor","id":["langchain_core","messages",""#;
/// Everything between the class name and the kwargs object.
const BEFORE_KWARGS: &[u8] = br#""],"kwargs":"#;
/// Longest class name recognised: its length must fit the `u8` stored with each element.
const MAX_NAME_LEN: usize = 64;

/// The length of `<Name>` when `element` is exactly a canonical message record (see the module
/// comment): `<Name>` 1..=64 ASCII letters, digits or underscores, and `<K>` an object ending at
/// the byte before the record's own closing brace. 0 when it is not one. Walks the kwargs once:
/// call it as an element is stored, not as it is read.
pub fn record_name_len(element: &[u8]) -> u8 {
    let Some(rest) = element.strip_prefix(BEFORE_NAME) else { return 0 };
    let name_len = rest.iter().take(MAX_NAME_LEN + 1).take_while(|&&b| b.is_ascii_alphanumeric() || b == b'_').count();
    if name_len == 0 || name_len > MAX_NAME_LEN || !rest[name_len..].starts_with(BEFORE_KWARGS) {
        return 0;
    }
    let kwargs_at = BEFORE_NAME.len() + name_len + BEFORE_KWARGS.len();
    let closing_brace = element.len() - 1;
    let is_canonical = element[closing_brace] == b'}' && object_end(element, kwargs_at) == Some(closing_brace - 1);
    if is_canonical {
        name_len as u8
    } else {
        0
    }
}

/// Index of the `}` closing the object that opens at `start`; `None` when no object opens there
/// or it never closes.
fn object_end(data: &[u8], start: usize) -> Option<usize> {
    if data.get(start) != Some(&b'{') {
        return None;
    }
    let mut depth = 0usize;
    let mut i = start;
    while i < data.len() {
        match data[i] {
            b'"' => i = string_end(data, i + 1)?,
            b'{' | b'[' => depth += 1,
            b'}' | b']' => {
                depth = depth.checked_sub(1)?;
                if depth == 0 {
                    return Some(i);
                }
            }
            _ => {}
        }
        i += 1;
    }
    None
}

/// Appends `record`, a canonical message record whose class name is `name_len` bytes long (as
/// `record_name_len` found), in the compact form `{"lc":"<Name>","kwargs":<K>}`.
pub fn push_compact(out: &mut Vec<u8>, record: &[u8], name_len: u8) {
    let name_end = BEFORE_NAME.len() + name_len as usize;
    out.extend_from_slice(br#"{"lc":""#);
    out.extend_from_slice(&record[BEFORE_NAME.len()..name_end]);
    out.extend_from_slice(br#"","kwargs":"#);
    out.extend_from_slice(&record[name_end + BEFORE_KWARGS.len()..]);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(name: &str, kwargs: &str) -> String {
        format!(r#"{{"lc":1,"type":"constructor","id":["langchain_core","messages","{name}"],"kwargs":{kwargs}}}"#)
    }

    fn compact(element: &str) -> Option<String> {
        let name_len = record_name_len(element.as_bytes());
        (name_len > 0).then(|| {
            let mut out = Vec::new();
            push_compact(&mut out, element.as_bytes(), name_len);
            String::from_utf8(out).unwrap()
        })
    }

    #[test]
    fn finds_canonical_records_and_writes_them_compact() {
        let kwargs = r#"{"id":"ai-1","content":"a } ] \" {","additional_kwargs":{},"tool_calls":[{"args":{"q":"}"}}]}"#;
        assert_eq!(compact(&record("AIMessage", kwargs)), Some(format!(r#"{{"lc":"AIMessage","kwargs":{kwargs}}}"#)));
        assert_eq!(compact(&record("X", "{}")), Some(r#"{"lc":"X","kwargs":{}}"#.to_string()));
        assert_eq!(compact(&record("Tool_Message2", "{ \"a\" : [ ] }")), Some(r#"{"lc":"Tool_Message2","kwargs":{ "a" : [ ] }}"#.to_string()));
        let longest = "N".repeat(64);
        assert_eq!(record_name_len(record(&longest, "{}").as_bytes()), 64);
        // A nested record in the kwargs stays as written.
        let nested = format!(r#"{{"content":[{}]}}"#, record("HumanMessage", "{}"));
        assert_eq!(compact(&record("AIMessage", &nested)), Some(format!(r#"{{"lc":"AIMessage","kwargs":{nested}}}"#)));
    }

    #[test]
    fn leaves_anything_else_alone() {
        let not_canonical = [
            record("", "{}"),
            record(&"N".repeat(65), "{}"),
            record(r"AI\u004dessage", "{}"),
            record(r#"AI\"Message"#, "{}"),
            record("AI Message", "{}"),
            record("AIMessage", "[]"),
            record("AIMessage", "null"),
            record("AIMessage", r#""{}""#),
            record("AIMessage", " {}"),
            record("AIMessage", "{} "),
            record("AIMessage", "{}}"),
            record("AIMessage", "{"),
            record("AIMessage", r#"{"a":"}"#),
            record("AIMessage", r#"{},"extra":1"#),
            record("AIMessage", r#"{"a":"}"},"extra":{}"#),
            r#"{"lc":1,"type":"constructor","id":["langchain_core","messages","AIMessage"],"kwargs":{},"x":1}"#.to_string(),
            r#"{"lc":1, "type":"constructor","id":["langchain_core","messages","AIMessage"],"kwargs":{}}"#.to_string(),
            r#"{"lc":2,"type":"constructor","id":["langchain_core","messages","AIMessage"],"kwargs":{}}"#.to_string(),
            r#"{"lc":1,"type":"constructor","id":["langchain_core","messages","AIMessage","x"],"kwargs":{}}"#.to_string(),
            r#"{"lc":1,"type":"constructor","id":["langchain_core","prompts","AIMessage"],"kwargs":{}}"#.to_string(),
            r#"{"lc":1,"type":"constructor","id":["langchain_core","messages","AIMessage"],"kwargs":{}"#.to_string(),
            r#"{"lc":1,"type":"constructor","id":["langchain_core","messages","AIMessage"],"kwargs":"#.to_string(),
            r#"{"lc":1,"type":"constructor","id":["langchain_core","messages","AIMessage"#.to_string(),
            r#"{"lc":1}"#.to_string(),
            "[]".to_string(),
        ];
        for element in &not_canonical {
            assert_eq!(record_name_len(element.as_bytes()), 0, "{element}");
        }
    }
}
