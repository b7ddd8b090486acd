use super::*;

#[test]
fn matches_primitives_strictly() {
    let filter = MetadataFilter::parse(Some(r#"{"source":"loop","step":1}"#), vec![]).unwrap();
    assert!(filter.matches(br#"{"source":"loop","step":1.0,"x":{}}"#));
    assert!(!filter.matches(br#"{"source":"loop","step":"1"}"#));
    assert!(!filter.matches(br#"{"source":"loop"}"#));
    assert!(!filter.matches(b"not json"));
}

#[test]
fn absent_keys_and_objects() {
    let filter = MetadataFilter::parse(Some(r#"{"a":null}"#), vec!["b".into()]).unwrap();
    assert!(filter.matches(br#"{"a":null}"#));
    assert!(!filter.matches(br#"{"a":null,"b":1}"#));
    let objects = MetadataFilter::parse(Some(r#"{"a":{}}"#), vec![]).unwrap();
    assert!(!objects.matches(br#"{"a":{}}"#));
}

#[test]
fn key_order_is_javascripts() {
    let keys: Vec<String> = ["b", "10", "a", "2", "01", "4294967295"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    let ordered: Vec<&str> = js_key_order(keys.iter())
        .into_iter()
        .map(|s| s.as_str())
        .collect();
    assert_eq!(ordered, ["2", "10", "b", "a", "01", "4294967295"]);
}
