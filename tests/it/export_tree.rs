//! The implementation tree as DOT and as Mermaid: what is drawn (every plan, its group, label and colour;
//! the schools without a plan; the edges), what each scope selects, escaping, and determinism. Every test
//! reads both notations back into one picture (`export_support`) and checks both.

use std::collections::BTreeSet;

use crate::support::common::*;
use crate::support::export::*;
use kehoach::export::{Scope, dot, mermaid};
use kehoach::{QueryError, Registry, Report, Severity, Side, Subject, format};

#[derive(Clone, Copy, Debug)]
enum Notation {
    Dot,
    Mermaid,
}

const BOTH: [Notation; 2] = [Notation::Dot, Notation::Mermaid];

fn draw(n: Notation, r: &Registry, report: &Report, scope: &Scope) -> Result<String, QueryError> {
    match n {
        Notation::Dot => dot(r, report, scope),
        Notation::Mermaid => mermaid(r, report, scope),
    }
}

fn read(n: Notation, text: &str) -> Picture {
    match n {
        Notation::Dot => read_dot(text),
        Notation::Mermaid => read_mermaid(text),
    }
}

fn picture(n: Notation, r: &Registry, scope: &Scope) -> Picture {
    read(n, &draw(n, r, &r.validate(), scope).expect("the scope names a plan"))
}

fn year(s: &str) -> Scope {
    Scope::SchoolYear(sy(s))
}

fn under(id: &str) -> Scope {
    Scope::Under(id.parse().expect("an id"))
}

/// The plan ids drawn, sorted.
fn plan_ids(pic: &Picture) -> BTreeSet<String> {
    pic.nodes
        .iter()
        .filter(|n| !n.dashed)
        .map(|n| if n.group == "other" { &n.lines[0] } else { &n.lines[1] })
        .cloned()
        .collect()
}

/// The schools drawn without a plan, as `(school id, school year)`, sorted.
fn missing(pic: &Picture) -> BTreeSet<(String, String)> {
    pic.nodes
        .iter()
        .filter(|n| n.dashed)
        .map(|n| {
            let y = n.lines[3].strip_prefix("no issued plan for ").expect("the year line").to_owned();
            (n.lines[1].clone(), y)
        })
        .collect()
}

fn set(items: &[&str]) -> BTreeSet<String> {
    items.iter().map(|s| (*s).to_owned()).collect()
}

fn pairs(items: &[(&str, &str)]) -> BTreeSet<(String, String)> {
    items.iter().map(|(a, b)| ((*a).to_owned(), (*b).to_owned())).collect()
}

/// The label a plan should have: its administration issuer's name, its id, number and date, its status
/// unless issued.
fn expected_lines(r: &Registry, id: &str) -> Vec<String> {
    let p = r.plan(id).expect("the plan");
    let mut lines = Vec::new();
    if let Some(u) = p.issuers.first().and_then(|i| r.unit(i.as_str())).filter(|u| u.side() == Side::Administration) {
        lines.push(u.name.to_string());
    }
    lines.push(id.to_owned());
    let facts: Vec<String> =
        p.number.iter().map(|n| n.to_string()).chain(p.issued_on.map(|d| d.format("%Y-%m-%d").to_string())).collect();
    if !facts.is_empty() {
        lines.push(facts.join(" · "));
    }
    match p.status {
        kehoach::PlanStatus::Draft => lines.push("dự thảo · draft".to_owned()),
        kehoach::PlanStatus::Withdrawn => lines.push("đã thu hồi · withdrawn".to_owned()),
        kehoach::PlanStatus::Issued => {}
    }
    lines
}

// ---- what the tests ask of a picture -------------------------------------------------------------------

impl Picture {
    /// The node whose label has `id` as a line (a plan id or a school id).
    fn node(&self, id: &str) -> &Node {
        let found: Vec<&Node> = self.nodes.iter().filter(|n| n.lines.iter().any(|l| l == id)).collect();
        assert_eq!(found.len(), 1, "one node labelled {id:?} in {:#?}", self.nodes);
        found[0]
    }

    /// The mark (`none`, `info`, `warning`, `error`) of a node, from its fill and the legend.
    fn mark(&self, node: &Node) -> String {
        let marks: Vec<&String> = self.legend.iter().filter(|(_, fill)| **fill == node.fill).map(|(m, _)| m).collect();
        assert_eq!(marks.len(), 1, "the fill {} of {} is one legend colour ({:?})", node.fill, node.name, self.legend);
        marks[0].clone()
    }

    /// The edges as `(from label id, to label id, dashed)`, where the label id is the line at `id_line`
    /// (1: the id line of a plan with a resolving issuer and of a school box).
    fn edges_by_id(&self) -> Vec<(String, String, bool)> {
        self.edges.iter().map(|(a, b, dashed)| (self.id_of(a), self.id_of(b), *dashed)).collect()
    }

    /// The id shown in node `name`'s label: the line after the issuer's name for a plan with a resolving
    /// issuer and for a school box, else the first line.
    fn id_of(&self, name: &str) -> String {
        let n = self.nodes.iter().find(|n| n.name == name).unwrap_or_else(|| panic!("no node {name}"));
        if n.group == "other" { n.lines[0].clone() } else { n.lines[1].clone() }
    }
}

/// The marks, from a severity.
fn mark_of(worst: Option<Severity>) -> String {
    worst.map_or("none", |s| s.code()).to_owned()
}

#[test]
fn every_plan_is_drawn_once_with_its_issuer_id_number_and_date() {
    for n in BOTH {
        for r in [hanoi(), mixed()] {
            let pic = picture(n, &r, &Scope::All);
            assert_eq!(pic.nodes.iter().filter(|x| !x.dashed).count(), r.plan_count(), "{n:?}");
            for p in r.plans() {
                assert_eq!(pic.node(p.id.as_str()).lines, expected_lines(&r, p.id.as_str()), "{n:?}");
            }
        }
        let pic = picture(n, &hanoi(), &Scope::All);
        assert_eq!(
            pic.node("tx-17-2020").lines,
            ["Phòng Giáo dục và Đào tạo quận Thanh Xuân", "tx-17-2020", "17/KHPH-GD&ĐT-LĐLĐ · 2020-09-04"]
        );
        assert_eq!(
            pic.node("tx-thcs-kd-2020").lines,
            ["Trường THCS Khương Đình", "tx-thcs-kd-2020", "dự thảo · draft"]
        );
        assert_eq!(picture(n, &mixed(), &Scope::All).node("mo-coi-2020").lines, ["mo-coi-2020", "dự thảo · draft"]);
    }
}

#[test]
fn plans_are_grouped_by_the_level_of_their_administration_issuer() {
    for n in BOTH {
        let pic = picture(n, &mixed(), &Scope::All);
        let group = |id: &str| pic.node(id).group.clone();
        for id in ["hn-2020", "hn-2021"] {
            assert_eq!(group(id), "province", "{n:?} {id}");
        }
        for id in ["tx-2020", "cg-2020", "tx-2021"] {
            assert_eq!(group(id), "district", "{n:?} {id}");
        }
        // An upper-secondary school managed by the department is still a school.
        for id in ["tx-thcs-nc-2020", "tx-th-kt-2020", "hn-thpt-nt-2020", "tx-thcs-nc-2021"] {
            assert_eq!(group(id), "school", "{n:?} {id}");
        }
        assert_eq!(group("mo-coi-2020"), "other", "{n:?}");
        assert!(pic.groups["province"].contains("Province or city level"), "{n:?}");
        assert!(pic.groups["district"].contains("District or commune level"), "{n:?}");
        assert!(pic.groups["school"].contains("Cấp trường"), "{n:?}");
        assert!(pic.groups["other"].contains("no administration issuer"), "{n:?}");
        // A group with nothing in it is not written.
        assert!(!picture(n, &hanoi(), &Scope::All).groups.contains_key("other"), "{n:?}");
        let commune = {
            let mut r = mixed();
            edit_unit(&mut r, "cg-pgd", |u| {
                u.role = kehoach::Role::Administration {
                    kind: kehoach::AdministrationKind::CommuneCommittee,
                    counterpart: u.counterpart().cloned(),
                }
            });
            r
        };
        assert_eq!(picture(n, &commune, &Scope::All).node("cg-2020").group, "district", "{n:?}: a commune");
    }
}

#[test]
fn each_plan_is_filled_by_its_worst_finding() {
    let mut r = mixed();
    // A warning on a plan: the 2021 school plan leaves area 4 of its parent uncovered.
    edit_plan(&mut r, "tx-thcs-nc-2021", |p| {
        p.content_areas = kehoach::ContentAreas::new(four_areas().into_iter().take(3).collect()).expect("areas")
    });
    let report = r.validate();
    for n in BOTH {
        let pic = read(n, &draw(n, &r, &report, &Scope::All).expect("all"));
        let fills: BTreeSet<&String> = pic.legend.values().collect();
        assert_eq!(fills.len(), 4, "{n:?}: four distinct colours in {:?}", pic.legend);
        let mut seen = BTreeSet::new();
        for p in r.plans() {
            let node = pic.node(p.id.as_str());
            let want = mark_of(report.worst_for(&Subject::Plan(p.id.clone())));
            assert_eq!(pic.mark(node), want, "{n:?} {}", p.id);
            seen.insert(want);
        }
        assert_eq!(seen, set(&["error", "info", "none", "warning"]), "{n:?}: the fixture shows every mark");
        assert_eq!(pic.mark(pic.node("tx-th-kt-2020")), "error");
        assert_eq!(pic.mark(pic.node("hn-thpt-nt-2020")), "info");
        assert_eq!(pic.mark(pic.node("tx-thcs-nc-2021")), "warning");
        assert_eq!(pic.mark(pic.node("tx-2020")), "none");
    }
}

#[test]
fn schools_without_an_issued_plan_are_dashed_boxes_under_their_managing_units_plan() {
    for n in BOTH {
        let r = mixed();
        let report = r.validate();
        let pic = read(n, &draw(n, &r, &report, &Scope::All).expect("all"));
        // Cầu Giấy issued no plan for 2021-2022, so Yên Hòa is not missing one then.
        assert_eq!(
            missing(&pic),
            pairs(&[("cg-th-yh", "2020-2021"), ("hn-thpt-nt", "2021-2022"), ("tx-th-kt", "2021-2022")]),
            "{n:?}"
        );
        let dashed: Vec<(String, String, bool)> = pic.edges_by_id().into_iter().filter(|e| e.2).collect();
        let expected = [("cg-th-yh", "cg-2020"), ("hn-thpt-nt", "hn-2021"), ("tx-th-kt", "tx-2021")];
        assert_eq!(dashed, expected.map(|(a, b)| (a.to_owned(), b.to_owned(), true)), "{n:?}");
        for node in pic.nodes.iter().filter(|x| x.dashed) {
            assert_eq!(node.group, "school", "{n:?}");
            let unit = r.unit(&node.lines[1]).expect("a school");
            assert_eq!(node.lines[0], unit.name.as_str());
            let y = node.lines[3].strip_prefix("no issued plan for ").expect("the year");
            assert_eq!(node.lines[2], format!("chưa có kế hoạch năm học {y} đã ban hành"));
            assert_eq!(pic.mark(node), "warning", "{n:?}: school-without-plan is a warning");
        }
        assert!(pic.nodes.iter().filter(|x| !x.dashed).all(|x| !x.lines.iter().any(|l| l.contains("no issued plan"))));

        // Khương Đình has only a draft: its draft is drawn, and so is the school, dashed.
        let pic = picture(n, &hanoi(), &Scope::All);
        assert_eq!(missing(&pic), pairs(&[("tx-thcs-kd", "2020-2021")]), "{n:?}");
        assert!(pic.has("tx-thcs-kd-2020"));
        assert!(pic.edges_by_id().contains(&("tx-thcs-kd".to_owned(), "tx-17-2020".to_owned(), true)), "{n:?}");
    }
}

#[test]
fn a_school_box_is_coloured_by_the_findings_of_its_year() {
    let mut r = mixed();
    r.set_override(kehoach::Rule::SchoolWithoutPlan, Some(kehoach::Level::On(kehoach::Severity::Error)));
    for n in BOTH {
        let pic = picture(n, &r, &Scope::All);
        for node in pic.nodes.iter().filter(|x| x.dashed) {
            assert_eq!(pic.mark(node), "error", "{n:?} {:?}", node.lines);
        }
    }
    r.set_override(kehoach::Rule::SchoolWithoutPlan, Some(kehoach::Level::Off));
    for n in BOTH {
        let pic = picture(n, &r, &Scope::All);
        assert_eq!(missing(&pic).len(), 3, "{n:?}: the picture shows the fact even when the rule is off");
        for node in pic.nodes.iter().filter(|x| x.dashed) {
            assert_eq!(pic.mark(node), "none", "{n:?} {:?}", node.lines);
        }
    }
}

#[test]
fn edges_run_from_each_plan_to_the_plans_it_implements_that_resolve() {
    let mut r = mixed();
    // A dangling parent draws no edge; a parent named twice draws one.
    edit_plan(&mut r, "cg-2020", |p| p.implements = pids(&["hn-2020", "không-có", "hn-2020"]));
    for n in BOTH {
        let pic = picture(n, &r, &Scope::All);
        let solid: Vec<(String, String, bool)> = pic.edges_by_id().into_iter().filter(|e| !e.2).collect();
        let mut expected = Vec::new();
        for p in r.plans() {
            for parent in r.parents(p.id.as_str()) {
                expected.push((p.id.to_string(), parent.id.to_string(), false));
            }
        }
        assert_eq!(solid, expected, "{n:?}");
        assert_eq!(solid.iter().filter(|e| e.0 == "cg-2020").count(), 1, "{n:?}");
        assert!(solid.contains(&("tx-2021".to_owned(), "hn-2021".to_owned(), false)), "{n:?}");
        assert!(solid.contains(&("tx-thcs-nc-2020".to_owned(), "tx-2020".to_owned(), false)), "{n:?}");
    }
}

#[test]
fn a_school_year_draws_the_plans_and_missing_schools_of_that_year_only() {
    for n in BOTH {
        let r = mixed();
        let pic = picture(n, &r, &year("2021-2022"));
        assert_eq!(plan_ids(&pic), set(&["hn-2021", "tx-2021", "tx-thcs-nc-2021"]), "{n:?}");
        assert_eq!(missing(&pic), pairs(&[("hn-thpt-nt", "2021-2022"), ("tx-th-kt", "2021-2022")]), "{n:?}");
        assert_eq!(pic.edges.len(), 2 + 2, "{n:?}: two implements edges, two dashed: {:?}", pic.edges);

        let pic = picture(n, &r, &year("2020-2021"));
        let ids: BTreeSet<String> =
            r.plans().filter(|p| p.school_year == sy("2020-2021")).map(|p| p.id.to_string()).collect();
        assert_eq!(plan_ids(&pic), ids, "{n:?}");
        assert_eq!(missing(&pic), pairs(&[("cg-th-yh", "2020-2021")]), "{n:?}");

        let pic = picture(n, &r, &year("2019-2020"));
        assert!(pic.nodes.is_empty() && pic.edges.is_empty(), "{n:?}: a year without plans is an empty picture");
    }
}

#[test]
fn a_subtree_draws_the_plan_and_every_plan_under_it() {
    for n in BOTH {
        let r = mixed();
        let pic = picture(n, &r, &under("tx-2020"));
        assert_eq!(plan_ids(&pic), set(&["tx-2020", "tx-thcs-nc-2020", "tx-th-kt-2020"]), "{n:?}");
        assert!(missing(&pic).is_empty(), "{n:?}");
        assert_eq!(pic.edges.len(), 2, "{n:?}: no edge to the city plan above: {:?}", pic.edges);

        let pic = picture(n, &r, &under("cg-2020"));
        assert_eq!(plan_ids(&pic), set(&["cg-2020"]), "{n:?}");
        assert_eq!(missing(&pic), pairs(&[("cg-th-yh", "2020-2021")]), "{n:?}");

        let pic = picture(n, &r, &under("hn-2020"));
        let ids: BTreeSet<String> = r
            .plans()
            .filter(|p| p.school_year == sy("2020-2021") && p.id.as_str() != "mo-coi-2020")
            .map(|p| p.id.to_string())
            .collect();
        assert_eq!(plan_ids(&pic), ids, "{n:?}");

        let pic = picture(n, &r, &under("tx-thcs-nc-2020"));
        assert_eq!(plan_ids(&pic), set(&["tx-thcs-nc-2020"]), "{n:?}");
        assert!(pic.edges.is_empty(), "{n:?}");
    }
}

#[test]
fn a_subtree_on_a_cycle_ends() {
    let mut r = mixed();
    edit_plan(&mut r, "hn-2020", |p| p.implements = pids(&["tx-2020"]));
    for n in BOTH {
        let pic = picture(n, &r, &under("tx-2020"));
        assert!(plan_ids(&pic).is_superset(&set(&["hn-2020", "tx-2020", "cg-2020"])), "{n:?}");
        let e = pic.edges_by_id();
        assert!(e.contains(&("hn-2020".to_owned(), "tx-2020".to_owned(), false)), "{n:?}");
        assert!(e.contains(&("tx-2020".to_owned(), "hn-2020".to_owned(), false)), "{n:?}");
    }
}

#[test]
fn an_unknown_plan_is_an_error_not_a_panic() {
    let r = hanoi();
    let report = r.validate();
    for n in BOTH {
        assert_eq!(
            draw(n, &r, &report, &under("không-có")),
            Err(QueryError::UnknownPlan { id: "không-có".to_owned() }),
            "{n:?}"
        );
    }
}

#[test]
fn quotes_backslashes_markup_keywords_and_vietnamese_survive() {
    let r = tricky();
    for n in BOTH {
        let pic = picture(n, &r, &Scope::All);
        assert_eq!(pic.node(NASTY_PLAN).lines, [NASTY_DEPARTMENT, NASTY_PLAN, &format!("{NASTY_NUMBER} · 2020-08-27")]);
        assert_eq!(pic.node("p1").lines[0], "Phòng <GD&ĐT> \"Quận 1\"", "{n:?}");
        let school = pic.node("school \"1\"");
        assert!(school.dashed, "{n:?}");
        assert_eq!(school.lines[0], NFC_SCHOOL, "{n:?}: NFD input is drawn in NFC");
        assert_eq!(
            pic.edges_by_id(),
            [("p1".to_owned(), NASTY_PLAN.to_owned(), false), ("school \"1\"".to_owned(), "p1".to_owned(), true)],
            "{n:?}"
        );
        let sub = picture(n, &r, &Scope::Under(NASTY_PLAN.parse().expect("an id")));
        assert_eq!(plan_ids(&sub), set(&[NASTY_PLAN, "p1"]), "{n:?}");
    }
    // The scope's plan id is in the title too, escaped.
    let title = dot(&r, &r.validate(), &Scope::Under(NASTY_PLAN.parse().expect("an id"))).expect("drawn");
    assert!(title.contains("kh &quot;2731&quot; \\N #quot; &lt;i&gt;&amp;amp; end -&gt; p0"), "{title}");
    let chart = mermaid(&r, &r.validate(), &Scope::All).expect("drawn");
    for line in chart.lines() {
        let l = line.trim();
        assert!(!l.starts_with("end(") && !l.starts_with("end "), "no node is called end: {l}");
    }
}

#[test]
fn output_is_identical_across_runs_and_across_save_and_load() {
    for r in [hanoi(), mixed(), tricky()] {
        let again = format::load_str(&format::save(&r)).expect("a saved registry loads");
        let (report, report_again) = (r.validate(), again.validate());
        let mut scopes = vec![Scope::All, year("2020-2021"), year("2021-2022")];
        scopes.extend(r.plans().map(|p| Scope::Under(p.id.clone())));
        for n in BOTH {
            for scope in &scopes {
                let first = draw(n, &r, &report, scope).expect("drawn");
                assert_eq!(first, draw(n, &r, &report, scope).expect("drawn"), "{n:?} {scope}");
                assert_eq!(
                    first,
                    draw(n, &again, &report_again, scope).expect("drawn"),
                    "{n:?} {scope} after save/load"
                );
            }
        }
    }
}

#[test]
fn nodes_are_numbered_in_registry_order() {
    let r = mixed();
    for n in BOTH {
        let pic = picture(n, &r, &Scope::All);
        for (i, p) in r.plans().enumerate() {
            assert_eq!(pic.node(p.id.as_str()).name, format!("p{i}"), "{n:?}");
        }
    }
}
