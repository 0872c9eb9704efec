//! Limits on input (`format::Limits`): each refusal names the limit and where, and quotes at most the start
//! of a huge value.

use kehoach::format::{self, Limits, LoadError};

fn doc(plans: &str) -> String {
    format!(r#"{{"format": "kehoach/registry@1", "units": [], "plans": [{plans}]}}"#)
}

fn plan(id: &str, extra: &str) -> String {
    format!(r#"{{"id": "{id}", "title": "KH", "school_year": "2020-2021", "status": "draft", "issuers": [] {extra}}}"#)
}

fn invalid(json: &str, limits: &Limits) -> (String, String) {
    match format::load_with(json.as_bytes(), limits) {
        Err(LoadError::Invalid { path, detail, .. }) => (path, detail),
        other => panic!("expected an invalid-document error, got {other:?}"),
    }
}

#[test]
fn the_defaults_are_documented_and_generous() {
    let d = Limits::default();
    assert_eq!(d.max_bytes, 2 << 30);
    assert_eq!(d.max_string_bytes, 4096);
    assert_eq!((d.max_units, d.max_plans), (10_000_000, 10_000_000));
    assert_eq!((d.max_list_items, d.max_depth), (10_000, 64));
    let hanoi = include_str!("../../examples/data/hanoi-2020-2021.json");
    assert!(format::load_with(hanoi.as_bytes(), &d).is_ok());
}

#[test]
fn a_document_over_max_bytes_is_refused_before_parsing() {
    let json = doc(&plan("a", ""));
    let limits = Limits { max_bytes: json.len() - 1, ..Limits::default() };
    let err = format::load_with(json.as_bytes(), &limits).unwrap_err();
    assert_eq!(err, LoadError::TooLarge { bytes: json.len(), limit: json.len() - 1 });
    assert!(err.to_string().contains("Limits::max_bytes"));
    assert!(format::load_with(json.as_bytes(), &Limits { max_bytes: json.len(), ..Limits::default() }).is_ok());
}

#[test]
fn a_long_string_is_refused_at_its_field_and_quoted_in_part() {
    let long = "x".repeat(5000);
    let (path, detail) = invalid(&doc(&plan("a", &format!(r#", "number": "{long}""#))), &Limits::default());
    assert_eq!(path, "plans[0].number");
    assert!(detail.contains("5000 bytes") && detail.contains("Limits::max_string_bytes"), "{detail}");
    assert!(detail.len() < 400, "the message repeats the value: {} bytes", detail.len());
    // "kehoach/registry@1" is 18 bytes: a limit of 20 lets the format through and stops longer strings.
    let small = Limits { max_string_bytes: 20, ..Limits::default() };
    assert_eq!(invalid(&doc(&plan("an-id-of-21-bytes-xyz", "")), &small).0, "plans[0].id");
    let json = r#"{"format": "kehoach/registry@1", "units": [
        {"id": "u", "name": "Trường Tiểu học Yên Hòa", "kind": "sector_union"}], "plans": []}"#;
    assert_eq!(invalid(json, &small).0, "units[0].name");
    let tiny = Limits { max_string_bytes: 2, ..Limits::default() };
    assert_eq!(invalid(&doc(""), &tiny).0, "format");
}

#[test]
fn a_long_list_is_refused_at_the_list() {
    let limits = Limits { max_list_items: 3, ..Limits::default() };
    let four = r#", "implements": ["a", "b", "c", "d"]"#;
    assert_eq!(invalid(&doc(&plan("p", four)), &limits).0, "plans[0].implements");
    let areas = r#", "content_areas": [{"code": "1", "title": "A", "addresses": ["1", "2", "3", "4"]}]"#;
    assert_eq!(invalid(&doc(&plan("p", areas)), &limits).0, "plans[0].content_areas[0].addresses");
    let reviews = (0..4).map(|_| r#"{"kind": "mid_year", "held_on": "2021-01-20"}"#).collect::<Vec<_>>().join(",");
    let (path, detail) = invalid(&doc(&plan("p", &format!(r#", "reviews": [{reviews}]"#))), &limits);
    assert_eq!(path, "plans[0].reviews");
    assert!(detail.contains("Limits::max_list_items"), "{detail}");
    assert!(format::load_with(doc(&plan("p", r#", "implements": ["a", "b", "c"]"#)).as_bytes(), &limits).is_ok());
}

#[test]
fn too_many_units_or_plans_are_refused_at_the_array() {
    let limits = Limits { max_plans: 2, max_units: 1, ..Limits::default() };
    let three = [plan("a", ""), plan("b", ""), plan("c", "")].join(",");
    let (path, detail) = invalid(&doc(&three), &limits);
    assert_eq!(path, "plans");
    assert!(detail.contains("Limits::max_plans"), "{detail}");
    let units = r#"{"format": "kehoach/registry@1", "plans": [], "units": [
        {"id": "a", "name": "A", "kind": "sector_union"}, {"id": "b", "name": "B", "kind": "sector_union"}]}"#;
    assert_eq!(invalid(units, &limits).0, "units");
}

#[test]
fn deep_nesting_is_a_syntax_error_naming_the_limit() {
    let nested = |depth: usize| {
        format!(
            r#"{{"format": "kehoach/registry@1", "units": [], "plans": [], "x": {}{}}}"#,
            "[".repeat(depth),
            "]".repeat(depth)
        )
    };
    for (depth, limit) in [(70, 64), (10, 8)] {
        let limits = Limits { max_depth: limit, ..Limits::default() };
        match format::load_with(nested(depth).as_bytes(), &limits) {
            Err(LoadError::Syntax { line, column, detail }) => {
                assert!(detail.contains("Limits::max_depth"), "{detail}");
                assert!(line == 1 && column > 60, "{line}:{column}");
            }
            other => panic!("expected a syntax error, got {other:?}"),
        }
    }
    // Deeper than the JSON parser's own limit (128): still an error, never a stack overflow.
    let limits = Limits { max_depth: 100_000, ..Limits::default() };
    assert!(matches!(format::load_with(nested(100_000).as_bytes(), &limits), Err(LoadError::Syntax { .. })));
    // Nesting within the limit is judged as usual: "x" is an unknown field.
    assert_eq!(invalid(&nested(3), &Limits::default()).0, "x");
}

#[test]
fn a_huge_unknown_key_is_quoted_in_part() {
    let key = "k".repeat(100_000);
    let json = format!(r#"{{"format": "kehoach/registry@1", "units": [], "plans": [], "{key}": 1}}"#);
    let (_, detail) = invalid(&json, &Limits::default());
    assert!(detail.len() < 400, "{} bytes", detail.len());
    assert!(detail.contains('…'));
}
