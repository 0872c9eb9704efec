//! Limits on input (`format::Limits`): each refusal names the limit and where, and quotes at most the start
//! of a huge value.

use kehoach::format::{self, Limits, LoadError};

use crate::support::common::long_doc;

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
    // Past the first hundred: units and plans are read some at a time, and the limit counts them all.
    let limits = Limits { max_plans: 150, max_units: 150, ..Limits::default() };
    assert!(format::load_with(long_doc(150, 150, &[], &[]).as_bytes(), &limits).is_ok());
    assert_eq!(invalid(&long_doc(0, 151, &[], &[]), &limits).0, "plans");
    assert_eq!(invalid(&long_doc(151, 0, &[], &[]), &limits).0, "units");
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

// ---- one set of limits for load and edit: what an edit accepts, load accepts ---------------------------

use kehoach::{ContentArea, EditError, ModelError, Plan, PlanStatus, Registry, UnionKind, Unit, Validator};

fn draft(id: &str, title: &str) -> Plan {
    Plan::new(id, title, "2020-2021".parse().unwrap(), PlanStatus::Draft).unwrap()
}

fn too_long(err: EditError) -> (String, String, usize, usize) {
    match err {
        EditError::Invalid { subject, field, problem: ModelError::TooLong { bytes, limit } } => {
            (subject, field, bytes, limit)
        }
        other => panic!("expected a too-long field, got {other:?}"),
    }
}

/// The reported case: 3,300 Vietnamese letters (4,179 bytes) in a title. The edit is refused, naming the
/// field and the limit, and the registry is unchanged; at exactly the limit it is kept and loads back.
#[test]
fn an_edit_refuses_a_string_that_load_would_refuse() {
    let mut reg = Registry::default();
    reg.add_plan(draft("p", "KH")).unwrap();
    let before = format::save(&reg);
    let title = "à".repeat(879) + &"a".repeat(2421);
    assert_eq!((title.chars().count(), title.len()), (3300, 4179), "the lengths in the report");
    let mut plan = draft("p", "KH");
    plan.title = title.as_str().try_into().unwrap();
    let err = reg.replace_plan(plan.clone()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "plan \"p\", field title: the value is 4179 bytes long; the limit is 4096 bytes (Limits::max_string_bytes)"
    );
    assert_eq!(too_long(err), ("plan \"p\"".into(), "title".into(), 4179, 4096));
    assert_eq!(format::save(&reg), before);
    plan.id = "q".parse().unwrap();
    assert_eq!(too_long(reg.add_plan(plan).unwrap_err()).1, "title");
    assert_eq!(format::save(&reg), before);

    let at_limit = "ệ".repeat(1365) + "a"; // 3 × 1365 + 1 = 4096 bytes
    assert_eq!(at_limit.len(), 4096);
    let mut plan = draft("p", "KH");
    plan.title = at_limit.as_str().try_into().unwrap();
    reg.replace_plan(plan).unwrap();
    let saved = format::save(&reg);
    let back = format::load_str(&saved).unwrap();
    assert_eq!(back.plan("p").unwrap().title.as_str(), at_limit);
    assert_eq!(format::save(&back), saved);
}

/// Every string of a unit and a plan is measured, and each refusal names its field as the format does.
#[test]
fn every_string_field_is_measured_where_the_format_names_it() {
    let limits = Limits { max_string_bytes: 8, ..Limits::default() };
    let mut reg = Registry::with_limits(kehoach::Profile::default(), limits);
    let long = "123456789";
    let unit = |f: &dyn Fn(Unit) -> Unit| f(Unit::union("u", "Union", UnionKind::GrassrootsUnion).unwrap());
    let cases: Vec<(Unit, &str)> = vec![
        (
            unit(&|mut u| {
                u.id = long.parse().unwrap();
                u
            }),
            "id",
        ),
        (
            unit(&|mut u| {
                u.name = long.try_into().unwrap();
                u
            }),
            "name",
        ),
        (unit(&|u| u.with_parent(long).unwrap()), "parent"),
        (
            Unit::school("s", "S", kehoach::SchoolLevel::Primary, None).unwrap().with_counterpart(long).unwrap(),
            "counterpart",
        ),
    ];
    for (u, field) in cases {
        assert_eq!(too_long(reg.add_unit(u).unwrap_err()).1, field);
    }
    let plan = |f: &dyn Fn(Plan) -> Plan| f(draft("p", "KH"));
    let area = |code: &str, title: &str, addresses: &[&str]| {
        ContentArea::new(code, title).unwrap().addressing(addresses).unwrap()
    };
    let cases: Vec<(Plan, &str)> = vec![
        (
            plan(&|mut p| {
                p.id = long.parse().unwrap();
                p
            }),
            "id",
        ),
        (plan(&|p| p.with_number(long).unwrap()), "number"),
        (
            plan(&|mut p| {
                p.title = long.try_into().unwrap();
                p
            }),
            "title",
        ),
        (plan(&|p| p.with_issuers(&["a", long]).unwrap()), "issuers[1]"),
        (plan(&|p| p.implementing(&[long]).unwrap()), "implements[0]"),
        (
            plan(&|p| p.with_content_areas(vec![area("1", "A", &[]), area(long, "B", &[])]).unwrap()),
            "content_areas[1].code",
        ),
        (plan(&|p| p.with_content_areas(vec![area("1", long, &[])]).unwrap()), "content_areas[0].title"),
        (plan(&|p| p.with_content_areas(vec![area("1", "A", &["1", long])]).unwrap()), "content_areas[0].addresses[1]"),
    ];
    for (p, field) in cases {
        let (subject, f, bytes, limit) = too_long(reg.add_plan(p).unwrap_err());
        assert_eq!((f.as_str(), bytes, limit), (field, 9, 8), "{subject}");
    }
    assert_eq!((reg.unit_count(), reg.plan_count()), (0, 0));
}

/// Lists and the numbers of units and plans: an edit is refused at the limit a load would refuse.
#[test]
fn lists_units_and_plans_stop_at_the_limits_load_obeys() {
    let limits = Limits { max_list_items: 2, max_units: 1, max_plans: 1, ..Limits::default() };
    let mut reg = Registry::with_limits(kehoach::Profile::default(), limits);
    let three = draft("p", "KH").with_issuers(&["a", "b", "c"]).unwrap();
    match reg.add_plan(three).unwrap_err() {
        EditError::Invalid { field, problem: ModelError::TooManyItems { items: 3, limit: 2 }, .. } => {
            assert_eq!(field, "issuers")
        }
        other => panic!("{other:?}"),
    }
    reg.add_plan(draft("p", "KH").with_issuers(&["a", "b"]).unwrap()).unwrap();
    assert_eq!(reg.add_plan(draft("q", "KH")).unwrap_err(), EditError::TooManyPlans { limit: 1 });
    reg.add_unit(Unit::union("u", "U", UnionKind::GrassrootsUnion).unwrap()).unwrap();
    let err = reg.add_unit(Unit::union("v", "V", UnionKind::GrassrootsUnion).unwrap()).unwrap_err();
    assert_eq!(err, EditError::TooManyUnits { limit: 1 });
    assert!(err.to_string().contains("Limits::max_units"));
    // What the edits let in loads back under the same limits, and the loaded registry keeps them.
    let saved = format::save(&reg);
    let back = format::load_with(saved.as_bytes(), &limits).unwrap();
    assert_eq!(*back.limits(), limits);
    assert_eq!(*back.rebuilt().limits(), limits);
    assert_eq!(format::save(&back), saved);
    let mut live = Validator::new(back);
    assert_eq!(live.add_plan(draft("q", "KH")).unwrap_err(), EditError::TooManyPlans { limit: 1 });
    live.remove_plan("p").unwrap();
    live.add_plan(draft("q", "KH")).unwrap();
}

/// The limit is on the string as kept and written back, in NFC. U+0958 (a Devanagari letter that NFC
/// decomposes) grows from 3 to 6 bytes: a load that measured only the written form would keep a string it
/// could not load again once saved.
#[test]
fn strings_are_measured_in_nfc_as_they_are_written_back() {
    let limits = Limits { max_string_bytes: 24, ..Limits::default() };
    let grows = "\u{0958}".repeat(5); // 15 bytes written, 30 in NFC
    assert_eq!((grows.len(), kehoach::Text::new(&grows).unwrap().as_str().len()), (15, 30));
    let (path, detail) = invalid(&doc(&plan("a", &format!(r#", "number": "{grows}""#))), &limits);
    assert_eq!(path, "plans[0].number");
    assert!(detail.contains("is 15 bytes long (30 in NFC); the limit is 24 bytes"), "{detail}");
    let mut reg = Registry::with_limits(kehoach::Profile::default(), limits);
    let mut p = draft("a", "KH");
    p.title = grows.as_str().try_into().unwrap();
    assert_eq!(too_long(reg.add_plan(p).unwrap_err()).2, 30);
    // NFD Vietnamese shrinks under NFC: 4 letters written in 20 bytes are kept in 12, and load.
    let nfd = "e\u{0302}\u{0323}".repeat(4);
    assert!(format::load_with(doc(&plan("a", &format!(r#", "number": "{nfd}""#))).as_bytes(), &limits).is_ok());
}
