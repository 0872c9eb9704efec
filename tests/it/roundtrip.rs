//! Round trips through the registry format, and NFC:
//!
//! 4. every conformance example that loads is written in the canonical form, so `save(load(x))` is `x`
//!    byte for byte; for generated registries `save ∘ load` is the identity on saved output and the report
//!    is the same before and after; the writer emits fields in the spec's order and omits what is absent;
//! 6. a registry given in NFD (ids, names, numbers, references) loads to the same registry as its NFC form.

use std::path::{Path, PathBuf};

use crate::support::props::Rng;
use crate::support::props::*;
use kehoach::format;
use kehoach::{AdministrationKind, Plan, PlanStatus, Registry, Unit};
use proptest::prelude::*;
use serde_json::Value;
use unicode_normalization::UnicodeNormalization;

// ---- 4. round trips -----------------------------------------------------------------------------------

fn conformance_inputs() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/conformance");
    let mut v: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("tests/conformance exists")
        .map(|e| e.expect("a readable entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "json") && !p.to_string_lossy().ends_with(".expect.json"))
        .collect();
    v.sort();
    v
}

#[test]
fn conformance_examples_are_canonical() {
    let inputs = conformance_inputs();
    assert!(!inputs.is_empty());
    let mut loaded = 0;
    for path in inputs {
        let bytes = std::fs::read(&path).expect("readable");
        let Ok(reg) = format::load(&bytes) else {
            continue;
        };
        loaded += 1;
        let text = String::from_utf8(bytes).expect("UTF-8");
        let saved = format::save(&reg);
        assert_eq!(saved, text, "{} is not reproduced byte for byte", path.display());
        let back = format::load_str(&saved).expect("reloads");
        assert_eq!(back.validate(), reg.validate(), "{}", path.display());
        check_field_order(&saved).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    }
    assert!(loaded >= 10, "only {loaded} conformance examples load");
}

/// The order `registry-format.md` lists the fields of each kind of object in.
const DOCUMENT: [&str; 5] = ["format", "profile", "rules", "units", "plans"];
const UNIT: [&str; 7] = ["id", "name", "kind", "parent", "counterpart", "school_level", "staff_count"];
const PLAN: [&str; 11] = [
    "id",
    "number",
    "title",
    "school_year",
    "status",
    "issued_on",
    "issuers",
    "implements",
    "content_areas",
    "approvals",
    "reviews",
];
const AREA: [&str; 3] = ["code", "title", "addresses"];
const APPROVAL: [&str; 6] = ["kind", "held_on", "staff_total", "attendees", "votes_for", "votes_against"];

/// Checks, on pretty-printed output, that every object's keys come in the spec's order, and that no
/// optional field is written empty or null.
/// `Registry::rebuilt` (what the bindings do after a panic poisoned their lock) keeps every unit, plan,
/// profile and override, in order, and judges alike; edits on it behave as on the original.
#[test]
fn a_rebuilt_registry_saves_and_validates_as_the_original() {
    let mut rebuilt_any = 0;
    for path in conformance_inputs() {
        let Ok(reg) = format::load(&std::fs::read(&path).expect("readable")) else { continue };
        let again = reg.rebuilt();
        assert_eq!(format::save(&again), format::save(&reg), "{}", path.display());
        assert_eq!(again.validate(), reg.validate(), "{}", path.display());
        assert_eq!(again.overrides(), reg.overrides(), "{}", path.display());
        if let Some(last) = reg.plans().last().cloned() {
            let mut edited = again.clone();
            assert!(edited.add_plan(last.clone()).is_err(), "the id is taken in the rebuilt registry too");
            edited.remove_plan(last.id.as_str()).expect("the plan is there");
            assert!(edited.plan(last.id.as_str()).is_none());
        }
        rebuilt_any += 1;
    }
    assert!(rebuilt_any >= 10, "only {rebuilt_any} examples loaded");
}

fn check_field_order(json: &str) -> Result<(), String> {
    // (indent of the object's keys, keys seen so far)
    let mut stack: Vec<(usize, Vec<String>)> = Vec::new();
    let finish = |keys: &[String]| -> Result<(), String> {
        let Some(first) = keys.first() else {
            return Ok(());
        };
        let order: &[&str] = match first.as_str() {
            "format" => &DOCUMENT,
            "id" if keys.get(1).is_some_and(|k| k == "name") => &UNIT,
            "id" => &PLAN,
            "code" => &AREA,
            "kind" => &APPROVAL,
            _ => return Ok(()), // the `rules` object: rule codes in the order set
        };
        let mut last = None;
        for k in keys {
            let Some(pos) = order.iter().position(|o| o == k) else {
                return Err(format!("unknown field {k:?} in {keys:?}"));
            };
            if last.is_some_and(|l| pos <= l) {
                return Err(format!("fields out of order: {keys:?}"));
            }
            last = Some(pos);
        }
        Ok(())
    };
    for line in json.lines() {
        let indent = line.len() - line.trim_start().len();
        let t = line.trim_start();
        if t.starts_with('}') {
            let (_, keys) = stack.pop().ok_or("unbalanced")?;
            finish(&keys)?;
        }
        if let Some(rest) = t.strip_prefix('"') {
            if let Some((key, value)) = rest.split_once("\": ") {
                if let Some((i, keys)) = stack.last_mut() {
                    if *i == indent {
                        keys.push(key.to_owned());
                    }
                }
                let v = value.trim_end_matches(',');
                if v == "null" || (v == "[]" && key != "issuers" && key != "units" && key != "plans") {
                    return Err(format!("{key} written as {v}"));
                }
                if key == "profile" && v == "\"three-tier-2020\"" {
                    return Err("the default profile is written".into());
                }
                if key == "rules" && v == "{}" {
                    return Err("an empty rules object is written".into());
                }
            }
        }
        if t.ends_with('{') {
            stack.push((indent + 2, Vec::new()));
        }
    }
    if stack.is_empty() { Ok(()) } else { Err("unbalanced".into()) }
}

fn world_shape(seed: u64, two_tier: bool) -> Shape {
    Shape { seed, departments: 2, middles: 2, schools: 3, direct_schools: 1, years: 2, two_tier }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: scaled(96), ..ProptestConfig::default() })]

    /// For generated registries, correct and arbitrary, `save ∘ load` is the identity on saved output,
    /// the report is the same, and the output is in canonical form.
    #[test]
    fn save_load_is_identity_on_saved_output(seed in any::<u64>(), correct in any::<bool>(), two_tier in any::<bool>()) {
        let mut rng = Rng::new(seed);
        let reg = if correct {
            World::generate(world_shape(seed, two_tier)).build(&mut rng)
        } else {
            let mut r = arb_registry(seed, 12, 14);
            random_edits(&mut r, &mut rng, 3);
            r
        };
        let saved = format::save(&reg);
        check_field_order(&saved).map_err(TestCaseError::fail)?;
        let back = format::load_str(&saved).map_err(|e| TestCaseError::fail(format!("{e}\n{saved}")))?;
        let again = format::save(&back);
        prop_assert_eq!(&again, &saved);
        prop_assert_eq!(back.validate(), reg.validate());
        prop_assert_eq!(back.profile(), reg.profile());
        prop_assert_eq!(back.overrides(), reg.overrides());
        // Units and plans keep their order and content.
        prop_assert!(back.units().eq(reg.units()));
        prop_assert!(back.plans().eq(reg.plans()));
        // And a third time, from the reloaded registry.
        let third = format::load_str(&again).expect("loads");
        prop_assert_eq!(format::save(&third), saved);
    }
}

/// The report document agrees with the report: counts, `conforms`, the findings in order.
#[test]
fn report_json_matches_the_report() {
    for seed in 0..64u64 {
        let reg = arb_registry(seed, 10, 12);
        let report = reg.validate();
        let doc: Value = serde_json::from_str(&format::report_to_json(&report)).expect("JSON");
        assert_eq!(doc["format"], "kehoach/report@1");
        assert_eq!(doc["conforms"], Value::Bool(report.conforms()));
        let findings = doc["findings"].as_array().expect("findings");
        assert_eq!(findings.len(), report.findings().len());
        for (sev, key) in [
            (kehoach::Severity::Error, "error"),
            (kehoach::Severity::Warning, "warning"),
            (kehoach::Severity::Info, "info"),
        ] {
            let n = findings.iter().filter(|f| f["severity"] == key).count();
            assert_eq!(doc["counts"][key], Value::from(n), "seed {seed}");
            assert_eq!(n, report.findings().iter().filter(|f| f.severity == sev).count());
        }
        for (f, j) in report.findings().iter().zip(findings) {
            assert_eq!(j["rule"], f.rule.code());
            assert_eq!(j["subject"]["id"], f.subject.id());
            match f.field {
                Some(field) => assert_eq!(j["field"], field.code()),
                None => assert!(j.get("field").is_none()),
            }
        }
    }
}

// ---- 6. NFC --------------------------------------------------------------------------------------------

/// `v` with every string replaced by its NFD form where `rng` says so (all of them when `all`).
fn decompose(v: &Value, rng: &mut Rng, all: bool) -> Value {
    match v {
        Value::String(s) => {
            if all || rng.chance(50) {
                Value::String(s.nfd().collect())
            } else {
                v.clone()
            }
        }
        Value::Array(a) => Value::Array(a.iter().map(|x| decompose(x, rng, all)).collect()),
        Value::Object(m) => Value::Object(m.iter().map(|(k, x)| (k.clone(), decompose(x, rng, all))).collect()),
        other => other.clone(),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: scaled(64), ..ProptestConfig::default() })]

    /// A registry written in NFD, wholly or string by string, loads to the registry of its NFC form.
    #[test]
    fn nfd_documents_load_as_their_nfc_form(seed in any::<u64>(), two_tier in any::<bool>(), all in any::<bool>()) {
        let mut rng = Rng::new(seed);
        let world = World::generate(world_shape(seed, two_tier));
        let reg = world.build(&mut rng);
        let nfc = format::save(&reg);
        let nfd_text: String = nfc.nfd().collect();
        prop_assert_ne!(&nfd_text, &nfc, "the generated ids and names carry marks");
        let from_text = format::load_str(&nfd_text).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(format::save(&from_text), nfc.clone());
        let value: Value = serde_json::from_str(&nfc).expect("JSON");
        let mixed = serde_json::to_string_pretty(&decompose(&value, &mut rng, all)).expect("JSON");
        let from_mixed = format::load_str(&mixed).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(format::save(&from_mixed), nfc.clone());
        // A correct registry stays correct: references given in NFD resolve to ids given in NFC.
        prop_assert!(from_mixed.validate().findings().is_empty());
        prop_assert_eq!(from_mixed.validate(), reg.validate());
    }

    /// The same through the API: units and plans built from NFD strings are the NFC registry.
    #[test]
    fn nfd_through_the_api(seed in any::<u64>()) {
        let rng = Rng::new(seed);
        let world = World::generate(world_shape(seed, false));
        let nfc = format::save(&world.build(&mut rng.clone()));
        let units: Vec<Unit> = world.units.iter().map(nfd_unit).collect();
        let plans: Vec<Plan> = world.plans.iter().map(nfd_plan).collect();
        let reg = build_shuffled(world.profile, &units, &plans, &mut rng.clone());
        prop_assert_eq!(format::save(&reg), nfc);
        prop_assert!(reg.validate().findings().is_empty());
    }
}

fn nfd(s: &str) -> String {
    s.nfd().collect()
}

/// `u` rebuilt from the NFD forms of its strings.
fn nfd_unit(u: &Unit) -> Unit {
    let mut out = match &u.role {
        kehoach::Role::Administration { kind, .. } => {
            Unit::administration(&nfd(u.id.as_str()), &nfd(u.name.as_str()), *kind)
        }
        kehoach::Role::Union { kind } => Unit::union(&nfd(u.id.as_str()), &nfd(u.name.as_str()), *kind),
    }
    .expect("valid");
    if let Some(p) = &u.parent {
        out = out.with_parent(&nfd(p.as_str())).expect("valid");
    }
    if let Some(c) = u.counterpart() {
        out = out.with_counterpart(&nfd(c.as_str())).expect("valid");
    }
    assert_eq!(&out, u);
    out
}

/// `p` rebuilt from the NFD forms of its strings.
fn nfd_plan(p: &Plan) -> Plan {
    let mut out = Plan::new(&nfd(p.id.as_str()), &nfd(p.title.as_str()), p.school_year, p.status).expect("valid");
    if let Some(n) = &p.number {
        out = out.with_number(&nfd(n.as_str())).expect("valid");
    }
    out.issued_on = p.issued_on;
    let issuers: Vec<String> = p.issuers.iter().map(|i| nfd(i.as_str())).collect();
    out = out.with_issuers(&issuers.iter().map(String::as_str).collect::<Vec<_>>()).expect("valid");
    let parents: Vec<String> = p.implements.iter().map(|i| nfd(i.as_str())).collect();
    out = out.implementing(&parents.iter().map(String::as_str).collect::<Vec<_>>()).expect("valid");
    let areas = p
        .content_areas
        .iter()
        .map(|a| {
            let codes: Vec<String> = a.addresses.iter().map(|c| nfd(c.as_str())).collect();
            kehoach::ContentArea::new(&nfd(a.code.as_str()), &nfd(a.title.as_str()))
                .and_then(|x| x.addressing(&codes.iter().map(String::as_str).collect::<Vec<_>>()))
                .expect("valid")
        })
        .collect();
    out = out.with_content_areas(areas).expect("unique codes");
    out.approvals = p.approvals.clone();
    out.reviews = p.reviews.clone();
    assert_eq!(&out, p);
    out
}

/// Ids that differ only in composition are one id: a unit given twice, once NFC and once NFD, is a
/// duplicate, reported at the later occurrence, naming the earlier, quoting the value as written.
#[test]
fn nfd_and_nfc_ids_are_the_same_id() {
    let nfc_id = "trường-hòa";
    let nfd_id = nfd(nfc_id);
    assert_ne!(nfc_id, nfd_id);
    let doc = format!(
        r#"{{"format": "kehoach/registry@1", "units": [
            {{"id": "{nfc_id}", "name": "A", "kind": "education_office"}},
            {{"id": "x", "name": "B", "kind": "education_office"}},
            {{"id": "{nfd_id}", "name": "C", "kind": "education_office"}}
        ], "plans": []}}"#
    );
    let err = format::load_str(&doc).expect_err("a duplicate id");
    assert_eq!(err.path(), Some("units[2].id"), "{err}");
    let shown = err.to_string();
    assert!(shown.contains("units[0]"), "{shown}");
    // registry-format.md: "the offending value is quoted (strings before NFC ...)".
    assert!(shown.contains(&format!("\"{nfd_id}\"")), "the duplicate id is not quoted as written: {shown}");
    // The same for plans.
    let doc = format!(
        r#"{{"format": "kehoach/registry@1", "units": [], "plans": [
            {{"id": "{nfd_id}", "title": "t", "school_year": "2020-2021", "status": "draft", "issuers": []}},
            {{"id": "{nfc_id}", "title": "t", "school_year": "2020-2021", "status": "draft", "issuers": []}}
        ]}}"#
    );
    let err = format::load_str(&doc).expect_err("a duplicate id");
    assert_eq!(err.path(), Some("plans[1].id"), "{err}");
    let shown = err.to_string();
    assert!(shown.contains("plans[0]") && shown.contains(&format!("\"{nfc_id}\"")), "{shown}");
    // Other values quoted in load errors are quoted as written too: a repeated content-area code, a
    // counterpart on a union unit.
    let doc = format!(
        r#"{{"format": "kehoach/registry@1", "units": [], "plans": [
            {{"id": "p", "title": "t", "school_year": "2020-2021", "status": "draft", "issuers": [],
              "content_areas": [{{"code": "{nfc_id}", "title": "a"}}, {{"code": "{nfd_id}", "title": "b"}}]}}
        ]}}"#
    );
    let err = format::load_str(&doc).expect_err("a repeated code");
    assert_eq!(err.path(), Some("plans[0].content_areas[1].code"), "{err}");
    assert!(err.to_string().contains(&format!("\"{nfd_id}\"")), "{err}");
    let doc = format!(
        r#"{{"format": "kehoach/registry@1", "units": [
            {{"id": "u", "name": "U", "kind": "grassroots_union", "counterpart": "{nfd_id}"}}
        ], "plans": []}}"#
    );
    let err = format::load_str(&doc).expect_err("a counterpart on a union unit");
    assert_eq!(err.path(), Some("units[0].counterpart"), "{err}");
    assert!(err.to_string().contains(&format!("\"{nfd_id}\"")), "{err}");
    // Through the API, too.
    let mut reg = Registry::default();
    reg.add_unit(Unit::administration(nfc_id, "A", AdministrationKind::EducationOffice).expect("valid"))
        .expect("fresh");
    assert!(
        reg.add_unit(Unit::administration(&nfd_id, "C", AdministrationKind::EducationOffice).expect("valid")).is_err()
    );
    assert!(reg.unit(nfc_id).is_some());
    let p = Plan::new(&nfd_id, "t", year(2020), PlanStatus::Draft).expect("valid");
    assert_eq!(p.id.as_str(), nfc_id);
}

/// Findings name NFC ids and are ordered by their code points, whatever form the input used.
#[test]
fn findings_are_ordered_by_nfc_code_points() {
    // "Đ" (U+0110) sorts after "z"; "á" (U+00E1) after "a" and before "z"; "A\u{300}" composes to U+00C0.
    let ids = ["z", "Đ", "a\u{301}", "a", "A\u{300}", "B"];
    let mut reg = Registry::default();
    for id in ids {
        let u = Unit::administration(id, "X", AdministrationKind::EducationOffice)
            .expect("valid")
            .with_parent("không-có")
            .expect("valid");
        reg.add_unit(u).expect("fresh");
    }
    let report = reg.validate();
    let got: Vec<&str> = report.findings().iter().map(|f| f.subject.id()).collect();
    let mut want: Vec<String> = ids.iter().map(|s| s.nfc().collect()).collect();
    want.sort();
    assert_eq!(got, want);
    assert_eq!(got, ["B", "a", "z", "À", "á", "Đ"]);
}

/// Every look-up by id compares in NFC, as the bindings' look-ups do: an id typed decomposed (iOS) finds the
/// unit or plan it names, through the registry's reads, queries and removals alike.
#[test]
fn ids_typed_in_nfd_find_what_they_name() {
    let data = include_str!("../../examples/data/hanoi-2020-2021.json");
    let mut reg = format::load_str(data).expect("loads");
    let school = "tx-th-kg"; // ASCII: NFC and NFD alike
    let decomposed_plan_id = nfd("tx-thcs-nc-2020");
    assert_eq!(decomposed_plan_id, "tx-thcs-nc-2020", "an ASCII id is its own NFD");
    // A Vietnamese id, composed in the registry and decomposed in the look-up.
    let composed = "trường-đình";
    let decomposed = nfd(composed);
    assert_ne!(decomposed.as_bytes(), composed.as_bytes(), "the look-up text really is decomposed");
    let mut unit = reg.unit(school).cloned().expect("the school exists");
    unit.id = composed.parse().expect("a valid id");
    reg.add_unit(unit).expect("a new id");
    assert_eq!(reg.unit(&decomposed).map(|u| u.id.as_str()), Some(composed));
    let mut plan = reg.plan("tx-th-kg-2020").cloned().expect("the plan exists");
    plan.id = format!("{composed}-2020").parse().expect("a valid id");
    reg.add_plan(plan).expect("a new id");
    let plan_nfd = nfd(&format!("{composed}-2020"));
    assert!(reg.plan(&plan_nfd).is_some());
    assert_eq!(reg.parents(&plan_nfd).len(), 1);
    assert_eq!(reg.ancestors(&plan_nfd).expect("known").len(), 2);
    assert_eq!(reg.managing_unit_of(&plan_nfd).expect("known").map(|u| u.id.as_str()), Some("tx-pgd"));
    let removed = reg.remove_plan(&plan_nfd).expect("found in NFC");
    assert_eq!(removed.id.as_str(), format!("{composed}-2020"));
    assert!(reg.plan(&format!("{composed}-2020")).is_none());
    reg.remove_unit(&decomposed).expect("found in NFC");
    assert!(reg.unit(composed).is_none());
    assert_eq!(format::save(&reg), format::save(&format::load_str(data).expect("loads")), "back as it was");
}
