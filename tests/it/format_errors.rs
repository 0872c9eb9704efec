//! Load errors, clause by clause of `spec/registry-format.md`: each names the JSON path and the offending
//! value, syntax errors give line and column, and the order is syntax, then format, then the rest.

use kehoach::format::{self, LoadError};

use crate::support::common::long_doc;

/// A minimal valid document with `unit` and `plan` spliced in.
fn doc(unit: &str, plan: &str) -> String {
    format!(
        r#"{{"format": "kehoach/registry@1", "units": [
  {{"id": "s", "name": "Trường", "kind": "school", "school_level": "primary" {unit}}}
], "plans": [
  {{"id": "p", "title": "KH", "school_year": "2020-2021", "status": "issued", "issuers": ["s"] {plan}}}
]}}"#
    )
}

fn err(json: &str) -> LoadError {
    match format::load_str(json) {
        Ok(_) => panic!("expected a load error for {json}"),
        Err(e) => e,
    }
}

/// The path and the message of an `Invalid` error.
fn invalid(json: &str) -> (String, String) {
    match err(json) {
        LoadError::Invalid { path, detail, .. } => (path, detail),
        other => panic!("expected an invalid-document error, got {other:?}"),
    }
}

#[test]
fn the_minimal_document_loads() {
    let r = format::load_str(&doc("", "")).unwrap();
    assert_eq!((r.unit_count(), r.plan_count()), (1, 1));
}

#[test]
fn unknown_fields_are_named_with_their_path() {
    let (path, detail) = invalid(&doc(r#", "colour": "red""#, ""));
    assert_eq!(path, "units[0].colour");
    assert!(detail.contains("colour"), "{detail}");
    let (path, _) = invalid(&doc("", r#", "approvals": [{"kind": "signing", "held_on": "2020-09-10", "place": "x"}]"#));
    assert_eq!(path, "plans[0].approvals[0].place");
    let (path, _) = invalid(r#"{"format": "kehoach/registry@1", "units": [], "plans": [], "extra": 1}"#);
    assert_eq!(path, "extra");
}

#[test]
fn a_missing_field_is_named_by_its_would_be_path() {
    let json = r#"{"format": "kehoach/registry@1", "units": [], "plans": [
        {"id": "a", "title": "KH", "school_year": "2020-2021", "status": "draft", "issuers": []},
        {"id": "b", "school_year": "2020-2021", "status": "draft", "issuers": []}]}"#;
    assert_eq!(invalid(json).0, "plans[1].title");
    assert_eq!(invalid(r#"{"format": "kehoach/registry@1", "units": []}"#).0, "plans");
    let conf =
        r#", "approvals": [{"kind": "staff_conference", "held_on": "2020-09-10", "staff_total": 3, "votes_for": 2}]"#;
    assert_eq!(invalid(&doc("", conf)).0, "plans[0].approvals[0].attendees");
}

#[test]
fn counts_refuse_negatives_fractions_exponents_and_overflow_by_name() {
    for (value, shown) in [("-1", "-1"), ("-0", "-0"), ("48.0", "48"), ("1e2", "100"), ("1000001", "1000001")] {
        let (path, detail) = invalid(&doc(&format!(r#", "staff_count": {value}"#), ""));
        assert_eq!(path, "units[0].staff_count", "{value}");
        assert!(detail.contains(shown), "{value}: {detail}");
    }
    assert!(format::load_str(&doc(r#", "staff_count": 1000000"#, "")).is_ok());
    assert!(format::load_str(&doc(r#", "staff_count": 0"#, "")).is_ok());
}

#[test]
fn null_and_empty_strings_are_refused() {
    assert_eq!(invalid(&doc(r#", "parent": null"#, "")).0, "units[0].parent");
    assert_eq!(invalid(&doc("", r#", "number": """#)).0, "plans[0].number");
    assert_eq!(invalid(&doc("", r#", "implements": ["ok", ""]"#)).0, "plans[0].implements[1]");
    assert_eq!(invalid(&doc("", r#", "implements": null"#)).0, "plans[0].implements");
}

#[test]
fn bad_dates_and_school_years_name_the_value() {
    for bad in ["2020-09-31", "2020-9-04", "2020-09-04T00:00:00", "0000-01-01", "20200904"] {
        let (path, detail) = invalid(&doc("", &format!(r#", "issued_on": "{bad}""#)));
        assert_eq!(path, "plans[0].issued_on");
        assert!(detail.contains(bad), "{detail}");
    }
    let json = doc("", "").replace("2020-2021", "2020-2022");
    let (path, detail) = invalid(&json);
    assert_eq!(path, "plans[0].school_year");
    assert!(detail.contains("2020-2022"), "{detail}");
}

#[test]
fn values_outside_their_enumeration_are_named() {
    let (path, detail) = invalid(&doc("", "").replace("\"issued\"", "\"published\""));
    assert_eq!(path, "plans[0].status");
    assert!(detail.contains("published"), "{detail}");
    let json = r#"{"format": "kehoach/registry@1", "profile": "three-tier-2019", "units": [], "plans": []}"#;
    assert_eq!(invalid(json).0, "profile");
}

#[test]
fn rules_object_refuses_unknown_codes_unknown_levels_and_repeated_keys() {
    let base =
        |rules: &str| format!(r#"{{"format": "kehoach/registry@1", "rules": {rules}, "units": [], "plans": []}}"#);
    let (path, detail) = invalid(&base(r#"{"plan-cycles": "off"}"#));
    assert_eq!(path, "rules.plan-cycles");
    assert!(detail.contains("plan-cycles"), "{detail}");
    assert_eq!(invalid(&base(r#"{"plan-cycle": "fatal"}"#)).0, "rules.plan-cycle");
    let (path, detail) = invalid(&base(r#"{"plan-cycle": "off", "plan-cycle": "error"}"#));
    assert_eq!(path, "rules.plan-cycle");
    assert!(detail.contains("twice"), "{detail}");
    let r = format::load_str(&base(r#"{"plan-cycle": "info", "duplicate-plan": "off"}"#)).unwrap();
    assert_eq!(r.severity(kehoach::Rule::PlanCycle), Some(kehoach::Severity::Info));
    assert_eq!(r.severity(kehoach::Rule::DuplicatePlan), None);
}

#[test]
fn a_key_given_twice_is_named() {
    let (path, detail) = invalid(&doc(r#", "name": "Trường B""#, ""));
    assert_eq!(path, "units[0].name");
    assert!(detail.contains("twice"), "{detail}");
}

#[test]
fn duplicate_ids_name_the_later_occurrence_and_the_earlier_one() {
    let json = r#"{"format": "kehoach/registry@1", "units": [], "plans": [
        {"id": "x", "title": "KH", "school_year": "2020-2021", "status": "draft", "issuers": []},
        {"id": "y", "title": "KH", "school_year": "2020-2021", "status": "draft", "issuers": []},
        {"id": "x", "title": "KH", "school_year": "2020-2021", "status": "draft", "issuers": []}]}"#;
    let e = err(json);
    assert_eq!(e.to_string(), "plans[2].id: \"x\" already used by plans[0]");
    // Units and plans are two namespaces.
    let json = r#"{"format": "kehoach/registry@1",
        "units": [{"id": "x", "name": "Sở", "kind": "education_department"}],
        "plans": [{"id": "x", "title": "KH", "school_year": "2020-2021", "status": "draft", "issuers": []}]}"#;
    assert!(format::load_str(json).is_ok());
    // The same id after NFC is the same id.
    let json = "{\"format\": \"kehoach/registry@1\", \"units\": [\
        {\"id\": \"ho\u{300}a\", \"name\": \"A\", \"kind\": \"sector_union\"},\
        {\"id\": \"h\u{f2}a\", \"name\": \"B\", \"kind\": \"sector_union\"}], \"plans\": []}";
    assert_eq!(invalid(json).0, "units[1].id");
    // The later id is quoted as written, before NFC.
    let json = "{\"format\": \"kehoach/registry@1\", \"units\": [\
        {\"id\": \"h\u{f2}a\", \"name\": \"A\", \"kind\": \"sector_union\"},\
        {\"id\": \"u\", \"name\": \"B\", \"kind\": \"sector_union\"},\
        {\"id\": \"ho\u{300}a\", \"name\": \"C\", \"kind\": \"sector_union\"}], \"plans\": []}";
    assert_eq!(err(json).to_string(), "units[2].id: \"ho\u{300}a\" already used by units[0]");
    // An error in plans that come before the units comes first; without it, the units' duplicate.
    let json = |approvals: &str| {
        format!(
            r#"{{"format": "kehoach/registry@1",
            "plans": [{{"id": "p", "title": "KH", "school_year": "2020-2021", "status": "draft", "issuers": []{approvals}}}],
            "units": [{{"id": "x", "name": "A", "kind": "sector_union"}}, {{"id": "x", "name": "B", "kind": "sector_union"}}]}}"#
        )
    };
    let signing = r#", "approvals": [{"kind": "signing", "held_on": "2020-09-10", "attendees": 3}]"#;
    assert_eq!(invalid(&json(signing)).0, "plans[0].approvals[0].attendees");
    assert_eq!(err(&json("")).to_string(), "units[1].id: \"x\" already used by units[0]");
}

#[test]
fn errors_far_into_long_arrays_name_their_place_and_come_in_document_order() {
    // The loader reads units and plans some at a time before adding them; the places and the order are those
    // of the document all the same.
    assert!(format::load_str(&long_doc(300, 300, &[], &[])).is_ok());
    let twice_unit = r#"{"id": "u70", "name": "B", "kind": "sector_union"}"#;
    let twice_plan = r#"{"id": "p90", "title": "KH", "school_year": "2020-2021", "status": "draft", "issuers": []}"#;
    let e = err(&long_doc(300, 300, &[], &[(250, twice_plan)]));
    assert_eq!(e.to_string(), "plans[250].id: \"p90\" already used by plans[90]");
    let e = err(&long_doc(300, 300, &[(199, twice_unit)], &[(250, twice_plan)]));
    assert_eq!(e.to_string(), "units[199].id: \"u70\" already used by units[70]");
    // A unit's misplaced field, found as the unit is read, still comes after an earlier duplicate.
    let misplaced = r#"{"id": "u5", "name": "C", "kind": "sector_union", "staff_count": 3}"#;
    let (path, _) = invalid(&long_doc(300, 300, &[(130, twice_unit), (131, misplaced)], &[]));
    assert_eq!(path, "units[130].id");
    let (path, detail) = invalid(&long_doc(300, 300, &[(129, misplaced), (130, twice_unit)], &[]));
    assert_eq!(path, "units[129].staff_count");
    assert!(detail.contains("only a school has a staff count"), "{detail}");
    // The same for plans, whose ids are entered in their map when the plans end.
    let signing = r#"{"id": "q", "title": "KH", "school_year": "2020-2021", "status": "draft", "issuers": [],
        "approvals": [{"kind": "signing", "held_on": "2020-09-10", "attendees": 3}]}"#;
    let (path, _) = invalid(&long_doc(300, 300, &[], &[(250, twice_plan), (251, signing)]));
    assert_eq!(path, "plans[250].id");
    let (path, _) = invalid(&long_doc(300, 300, &[], &[(249, signing), (250, twice_plan)]));
    assert_eq!(path, "plans[249].approvals[0].attendees");
    // A unit's error comes before a plan's, the units being first.
    let (path, _) = invalid(&long_doc(300, 300, &[(131, misplaced)], &[(250, twice_plan)]));
    assert_eq!(path, "units[131].staff_count");
    // A taken plan id is quoted as written, before NFC.
    let nfd = "{\"id\": \"ho\u{300}a\", \"title\": \"KH\", \"school_year\": \"2020-2021\", \"status\": \"draft\", \"issuers\": []}";
    let nfc = nfd.replace("o\u{300}", "\u{f2}");
    let e = err(&long_doc(300, 300, &[], &[(20, &nfc), (200, nfd)]));
    assert_eq!(e.to_string(), "plans[200].id: \"ho\u{300}a\" already used by plans[20]");
    // A syntax error far into the plans is found, with its line and column, whatever was read before it.
    let broken = long_doc(300, 300, &[], &[(200, r#"{"id": "p200", "title": }"#)]);
    assert!(matches!(err(&broken), LoadError::Syntax { line: 1, .. }), "{:?}", err(&broken));
}

#[test]
fn misplaced_fields_are_named() {
    let json = r#"{"format": "kehoach/registry@1", "units": [
        {"id": "u", "name": "LĐLĐ", "kind": "labour_federation", "counterpart": "x"}], "plans": []}"#;
    assert_eq!(invalid(json).0, "units[0].counterpart");
    let json = r#"{"format": "kehoach/registry@1", "units": [
        {"id": "u", "name": "Sở", "kind": "education_department", "school_level": "primary"}], "plans": []}"#;
    assert_eq!(invalid(json).0, "units[0].school_level");
    let json =
        r#"{"format": "kehoach/registry@1", "units": [{"id": "u", "name": "Trường", "kind": "school"}], "plans": []}"#;
    assert_eq!(invalid(json).0, "units[0].school_level");
    let signing = r#", "approvals": [{"kind": "signing", "held_on": "2020-09-10", "attendees": 3}]"#;
    assert_eq!(invalid(&doc("", signing)).0, "plans[0].approvals[0].attendees");
    let areas =
        r#", "content_areas": [{"code": "1", "title": "A"}, {"code": "2", "title": "B"}, {"code": "1", "title": "C"}]"#;
    let (path, detail) = invalid(&doc("", areas));
    assert_eq!(path, "plans[0].content_areas[2].code");
    assert!(detail.contains("\"1\""), "{detail}");
}

#[test]
fn syntax_errors_give_line_and_column() {
    let e = err("{\n  \"format\": \"kehoach/registry@1\",\n  \"units\": [,]\n}");
    let LoadError::Syntax { line, column, .. } = e else { panic!("expected a syntax error, got {e:?}") };
    assert_eq!((line, column), (3, 13));
    for bad in ["", "{", "[1,]", "{\"a\": NaN}", "{\"a\": 1} x", "{\"a\": \"\\ud800\"}", "{\"a\": 1e400}"] {
        assert!(matches!(err(bad), LoadError::Syntax { .. }), "{bad:?}");
    }
    // Invalid UTF-8 is invalid JSON.
    let mut bytes = doc("", "").into_bytes();
    let at = bytes.iter().position(|&b| b == b'K').unwrap();
    bytes[at] = 0xff;
    assert!(matches!(format::load(&bytes), Err(LoadError::Syntax { .. })));
    // ... and says where, though the fast pass checks the whole document's UTF-8 before it parses.
    let bytes = b"{\n  \"format\": \"kehoach/registry@1\",\n  \"units\": [{\"id\": \"a\xff\"}]\n}";
    let e = format::load(bytes).unwrap_err();
    assert!(matches!(e, LoadError::Syntax { line: 3, .. }), "{e:?}");
}

#[test]
fn syntax_comes_before_format_and_format_before_the_rest() {
    // A newer file with a syntax error: the syntax error is reported.
    assert!(matches!(err(r#"{"format": "kehoach/registry@3", "units": [,], "plans": []}"#), LoadError::Syntax { .. }));
    // A newer file says so, whatever else is in it (unknown fields first, format last).
    let e = err(r#"{"colour": 1, "units": [{"x": 1}], "plans": 3, "format": "kehoach/registry@3"}"#);
    assert!(matches!(&e, LoadError::Format { found: Some(f), .. } if f == "kehoach/registry@3"), "{e:?}");
    assert!(e.to_string().contains("kehoach/registry@3"));
    assert!(matches!(err(r#"{"units": [], "plans": []}"#), LoadError::Format { found: None, .. }));
    assert!(matches!(err(r#"[{"format": "kehoach/registry@1"}]"#), LoadError::Format { .. }));
    assert!(
        matches!(err(r#"{"format": 1, "units": [], "plans": []}"#), LoadError::Format { found: Some(f), .. } if f == "1")
    );
}

#[test]
fn one_leading_byte_order_mark_is_ignored() {
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(doc("", "").as_bytes());
    assert!(format::load(&bytes).is_ok());
    let mut two = b"\xEF\xBB\xBF".to_vec();
    two.extend_from_slice(&bytes);
    assert!(format::load(&two).is_err());
}

#[test]
fn the_same_bytes_give_the_same_error_every_time() {
    let json = doc(r#", "colour": 1, "staff_count": -4"#, r#", "issued_on": "2020-02-30""#);
    let first = err(&json);
    for _ in 0..5 {
        assert_eq!(err(&json), first);
    }
}

#[test]
fn text_is_normalised_to_nfc_on_load() {
    let json = doc("", r#", "number": "17/KHPH-GD&\u0110T-L\u0110L\u0110""#)
        .replace("\"KH\"", "\"Ke\u{302}\u{301} hoa\u{323}ch\"");
    let r = format::load_str(&json).unwrap();
    assert_eq!(r.plan("p").unwrap().title.as_str(), "K\u{1ebf} ho\u{1ea1}ch");
}
