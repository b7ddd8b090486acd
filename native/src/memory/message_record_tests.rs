use super::*;

fn record(name: &str, kwargs: &str) -> String {
    format!(
        r#"{{"lc":1,"type":"constructor","id":["langchain_core","messages","{name}"],"kwargs":{kwargs}}}"#
    )
}

/// `element` compact, as the only record of its document: its text and its shape.
fn compact(element: &str) -> Option<(String, String)> {
    let plan = compact_plan(element.as_bytes(), &mut SharedShapes::default())?;
    let mut out = Vec::new();
    let mut shapes = ShapeTable::default();
    push_compact(&mut out, element.as_bytes(), &plan, &mut shapes);
    let shapes = shapes.into_strings();
    let out = String::from_utf8(out).unwrap();
    assert_eq!(
        expand_compact(out.as_bytes(), &shapes).as_deref(),
        Some(element.as_bytes()),
        "{out}"
    );
    let [shape] = <[String; 1]>::try_from(shapes).unwrap();
    Some((out, shape))
}

fn pair(text: &str, shape: &str) -> Option<(String, String)> {
    Some((text.to_string(), shape.to_string()))
}

#[test]
fn lifts_the_members_and_leaves_out_empty_containers() {
    let kwargs = r#"{"id":"ai-1","content":"a } ] \" {","response_metadata":{"n":1},"tool_calls":[],"invalid_tool_calls":[],"additional_kwargs":{}}"#;
    assert_eq!(
        compact(&record("AIMessage", kwargs)),
        pair(
            r#"{"lc":"0","id":"ai-1","content":"a } ] \" {","response_metadata":{"n":1}}"#,
            "AIMessage =id =content =response_metadata [tool_calls [invalid_tool_calls {additional_kwargs"
        )
    );
    // Empty containers first, between and last; kept runs split around them.
    let kwargs = r#"{"additional_kwargs":{},"id":"h","response_metadata":{},"content":[{"type":"text","text":"}"}],"x":[]}"#;
    assert_eq!(
        compact(&record("HumanMessage", kwargs)),
        pair(
            r#"{"lc":"0","id":"h","content":[{"type":"text","text":"}"}]}"#,
            "HumanMessage {additional_kwargs =id {response_metadata =content [x"
        )
    );
    assert_eq!(compact(&record("X", "{}")), pair(r#"{"lc":"0"}"#, "X"));
    assert_eq!(
        compact(&record("X", r#"{"a":{}}"#)),
        pair(r#"{"lc":"0"}"#, "X {a")
    );
    // Whitespace inside a value is the value's own: kept as written.
    assert_eq!(
        compact(&record("X", r#"{"a":[ ],"b":{ }}"#)),
        pair(r#"{"lc":"0","a":[ ],"b":{ }}"#, "X =a =b")
    );
    // Scalars of every kind, and containers that only look empty inside.
    let kwargs = r#"{"a":1,"b":-2.5e3,"c":true,"d":false,"e":null,"f":[{}],"g":{"h":[]},"i":"{}"}"#;
    assert_eq!(
        compact(&record("X", kwargs)),
        pair(
            &format!(r#"{{"lc":"0",{}}}"#, &kwargs[1..kwargs.len() - 1]),
            "X =a =b =c =d =e =f =g =i"
        )
    );
    // A nested record in the kwargs stays as written.
    let nested = format!(
        r#"{{"content":[{}],"tool_calls":[]}}"#,
        record("HumanMessage", "{}")
    );
    assert_eq!(
        compact(&record("AIMessage", &nested)),
        pair(
            &format!(
                r#"{{"lc":"0","content":[{}]}}"#,
                record("HumanMessage", "{}")
            ),
            "AIMessage =content [tool_calls"
        )
    );
    let longest = "N".repeat(64);
    assert!(compact(&record(&longest, &format!(r#"{{"{longest}":[]}}"#))).is_some());
    let most: Vec<String> = (0..64).map(|i| format!(r#""k{i}":{{}}"#)).collect();
    assert!(compact(&record("X", &format!("{{{}}}", most.join(",")))).is_some());
}

#[test]
fn a_list_of_records_is_one_compact_list() {
    let records = [
        record(
            "AIMessage",
            r#"{"id":"1","content":"a","tool_calls":[],"additional_kwargs":{}}"#,
        ),
        record("HumanMessage", r#"{"additional_kwargs":{},"id":"2"}"#),
        record("X", "{}"),
        record(
            "AIMessage",
            r#"{"id":"3","content":"b","tool_calls":[],"additional_kwargs":{}}"#,
        ),
    ];
    let mut shared = SharedShapes::default();
    let plans: Vec<CompactPlan> = records
        .iter()
        .map(|record| compact_plan(record.as_bytes(), &mut shared).unwrap())
        .collect();
    let mut shapes = ShapeTable::default();
    let mut out = Vec::new();
    push_compact_list(
        &mut out,
        records.iter().map(|record| record.as_bytes()).zip(&plans),
        &mut shapes,
    );
    let text = String::from_utf8(out).unwrap();
    assert_eq!(
        text,
        r#"{"lc":"[]","shapes":[0,1,2,0],"records":[{"id":"1","content":"a"},{"id":"2"},{},{"id":"3","content":"b"}]}"#
    );
    let shapes = shapes.into_strings();
    assert_eq!(
        shapes,
        [
            "AIMessage =id =content [tool_calls {additional_kwargs",
            "HumanMessage {additional_kwargs =id",
            "X"
        ]
    );
    assert_eq!(
        expand_compact(text.as_bytes(), &shapes).unwrap(),
        format!("[{}]", records.join(",")).into_bytes()
    );
}

#[test]
fn a_document_lists_each_shape_once() {
    let records = [
        record("AIMessage", r#"{"id":"1","tool_calls":[]}"#),
        record("HumanMessage", r#"{"id":"2"}"#),
        record("AIMessage", r#"{"id":"3","tool_calls":[]}"#),
    ];
    let mut shared = SharedShapes::default();
    let plans: Vec<CompactPlan> = records
        .iter()
        .map(|record| compact_plan(record.as_bytes(), &mut shared).unwrap())
        .collect();
    let mut shapes = ShapeTable::default();
    let mut out = Vec::new();
    for (record, plan) in records.iter().zip(&plans) {
        push_compact(&mut out, record.as_bytes(), plan, &mut shapes);
    }
    assert_eq!(
        String::from_utf8(out).unwrap(),
        r#"{"lc":"0","id":"1"}{"lc":"1","id":"2"}{"lc":"0","id":"3"}"#
    );
    assert_eq!(
        shapes.into_strings(),
        ["AIMessage =id [tool_calls", "HumanMessage =id"]
    );
    let mut out = Vec::new();
    for n in [0, 7, 10, 99, 100, 4_294_967_295] {
        push_decimal(&mut out, n);
        out.push(b' ');
    }
    assert_eq!(String::from_utf8(out).unwrap(), "0 7 10 99 100 4294967295 ");
}

#[test]
fn leaves_anything_else_alone() {
    let too_many: Vec<String> = (0..65).map(|i| format!(r#""k{i}":1"#)).collect();
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
        record("AIMessage", "{ }"),
        record("AIMessage", "{}}"),
        record("AIMessage", "{"),
        record("AIMessage", r#"{"a":"}"#),
        record("AIMessage", r#"{"a":1,}"#),
        record("AIMessage", r#"{"a":1 }"#),
        record("AIMessage", r#"{ "a":1}"#),
        record("AIMessage", r#"{"a": 1}"#),
        record("AIMessage", r#"{"a":{},"a":1}"#),
        record("AIMessage", r#"{"lc":1}"#),
        record("AIMessage", r#"{"__proto__":{}}"#),
        record("AIMessage", r#"{"0":1}"#),
        record("AIMessage", r#"{"1a":1}"#),
        record("AIMessage", r#"{"":1}"#),
        record("AIMessage", r#"{"a-b":1}"#),
        record("AIMessage", r#"{"\u0061":1}"#),
        record("AIMessage", &format!(r#"{{"{}":1}}"#, "k".repeat(65))),
        record("AIMessage", &format!("{{{}}}", too_many.join(","))),
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
        assert_eq!(
            compact_plan(element.as_bytes(), &mut SharedShapes::default()),
            None,
            "{element}"
        );
    }
}
