//! Pictures of a change: `what_if_dot`/`what_if_mermaid` and `diff_dot`/`diff_mermaid`, read back with the
//! export tests' readers (which check the notation's shape and undo its escaping), and through
//! `kehoach-validate what-if|diff --format dot|mermaid`.

use crate::export_graphviz::{graphviz, render, svg_texts};
use crate::support::export::{NASTY_PLAN, Picture, hanoi, read_dot, read_mermaid, tricky};
use crate::support::program::{file, run};
use kehoach::change::{self, Edit, Impact};
use kehoach::synthetic::{Config, national};
use kehoach::{Level, Plan, Registry, Rule, Validator, format};

const HANOI_PATH: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/data/hanoi-2020-2021.json");

/// The seeds with a plan of the next school year that implements nothing: a plan no change of 2020-2021
/// touches.
fn hanoi_and_next_year() -> Registry {
    let mut r = hanoi();
    let mut next: Plan = r.plan("tx-th-nt-2020").expect("the seeds have it").clone();
    next.id = "tx-th-nt-2021".parse().expect("an id");
    next.school_year = "2021-2022".parse().expect("a year");
    next.implements.clear();
    r.add_plan(next).expect("a new plan");
    r
}

/// The what-if pictures (DOT, Mermaid) of `edits` on `registry`, with the impact.
fn what_if(registry: Registry, edits: &[Edit]) -> (String, String, Impact) {
    let mut v = Validator::new(registry);
    let impact = v.what_if(edits).expect("the edits are taken");
    let dot = change::what_if_dot(&mut v, edits, &impact).expect("drawn");
    let mermaid = change::what_if_mermaid(&mut v, edits, &impact).expect("drawn");
    (dot, mermaid, impact)
}

/// The diff pictures (DOT, Mermaid) of `old` and `new`.
fn diffed(old: &Registry, new: &Registry) -> (String, String) {
    let (old_report, new_report) = (old.validate(), new.validate());
    let d = change::diff_judged(old, &old_report, new, &new_report);
    (change::diff_dot(old, new, &new_report, &d), change::diff_mermaid(old, new, &new_report, &d))
}

/// The plan ids a picture draws (the second line of a plan node; the first is its issuer).
fn plan_ids(p: &Picture) -> Vec<String> {
    p.nodes.iter().filter(|n| n.name.starts_with('p')).filter_map(|n| n.lines.get(1).cloned()).collect()
}

/// The node drawing `id`.
fn node<'p>(p: &'p Picture, id: &str) -> &'p crate::support::export::Node {
    p.nodes.iter().find(|n| n.lines.iter().any(|l| l == id)).unwrap_or_else(|| panic!("{id} is drawn: {p:#?}"))
}

/// The DOT statement declaring the node that draws `id`.
fn dot_statement<'d>(dot: &'d str, p: &Picture, id: &str) -> &'d str {
    let name = &node(p, id).name;
    dot.lines().find(|l| l.trim_start().starts_with(&format!("{name} ["))).expect("a node statement")
}

#[test]
fn withdrawing_the_district_plan_draws_its_schools_with_the_new_findings_and_nothing_unrelated() {
    let registry = hanoi_and_next_year();
    let saved = format::save(&registry);
    let mut v = Validator::new(registry);
    let edits = [Edit::WithdrawPlan("tx-17-2020".parse().expect("an id"))];
    let impact = v.what_if(&edits).expect("taken");
    let dot = change::what_if_dot(&mut v, &edits, &impact).expect("drawn");
    assert_eq!(format::save(v.registry()), saved, "drawing changes nothing");

    let pic = read_dot(&dot);
    let schools = ["tx-thcs-nc-2020", "tx-th-kg-2020", "tx-th-nt-2020", "tx-mn-kt-2020", "tx-thcs-kd-2020"];
    let mut want = vec!["hn-2731-2020", "tx-17-2020"];
    want.extend(schools);
    assert_eq!(plan_ids(&pic), want, "the touched plans and the city plan above them, in registry order");
    assert!(!pic.has("tx-th-nt-2021"), "a plan of another year is not drawn");
    for id in schools {
        let n = node(&pic, id);
        assert!(n.lines.iter().any(|l| l == "+ mới · new: parent-plan-withdrawn (error)"), "{n:?}");
        assert_eq!(n.fill, pic.legend["error"], "{id} is filled as an error");
        assert!(dot_statement(&dot, &pic, id).contains("color=\"#b22222\", penwidth=3"), "{id}: a thick red border");
    }
    let district = node(&pic, "tx-17-2020");
    assert!(district.lines.iter().any(|l| l == "đã thu hồi · withdrawn"), "drawn after the change: {district:?}");
    assert!(district.lines.iter().any(|l| l == "✎ sửa · edited: status"), "{district:?}");
    assert!(!dot_statement(&dot, &pic, "hn-2731-2020").contains("penwidth"), "context is drawn plainly");
    // The school without a plan is no longer reported; no node carries that school, so the heading does.
    assert!(dot.contains("✓ đã giải quyết · resolved: school-without-plan — unit &quot;tx-thcs-kd&quot; 2020-2021"));
    assert!(dot.contains("findings: 5 new, 1 resolved, 0 changed"));
    assert!(dot.contains("compliance tx-pgd 2020-2021"));

    // Mermaid draws the same nodes with the same lines, in the same order.
    let mermaid = change::what_if_mermaid(&mut v, &edits, &impact).expect("drawn");
    let m = read_mermaid(&mermaid);
    let lines = |p: &Picture| p.nodes.iter().map(|n| (n.name.clone(), n.lines.clone())).collect::<Vec<_>>();
    assert_eq!(lines(&m), lines(&pic));
    assert!(mermaid.contains(":::sevError_newError"), "{mermaid}");
    assert!(mermaid.contains("stroke-width:3px"));
    assert_eq!(change::what_if_dot(&mut v, &edits, &impact).expect("drawn"), dot, "deterministic");
}

#[test]
fn a_one_plan_change_on_a_big_registry_draws_a_handful_of_plans() {
    let s = national(&Config { scale: 0.01, fault_rate: 0.0, ..Config::default() }).expect("generated");
    let school_plan = s
        .registry
        .plans()
        .find(|p| s.registry.ancestors(p.id.as_str()).is_ok_and(|a| a.len() == 2))
        .expect("a school's plan")
        .id
        .clone();
    let plans = s.registry.plan_count();
    let (dot, _, impact) = what_if(s.registry, &[Edit::WithdrawPlan(school_plan.clone())]);
    assert!(!impact.is_empty());
    let pic = read_dot(&dot);
    assert!(pic.has(school_plan.as_str()));
    assert!(pic.nodes.len() <= 8, "{} nodes of {plans} plans: {:#?}", pic.nodes.len(), pic.nodes);
    assert!(plans > 100, "the registry is big: {plans}");
}

#[test]
fn a_resolved_finding_is_marked_resolved() {
    let old = hanoi();
    let mut new = old.clone();
    new.set_override(Rule::StaffConferenceQuorum, Some(Level::Off));
    let (dot, mermaid) = diffed(&old, &new);
    let pic = read_dot(&dot);
    let kg = node(&pic, "tx-th-kg-2020");
    assert!(kg.lines.iter().any(|l| l == "✓ đã giải quyết · resolved: staff-conference-quorum"), "{kg:?}");
    assert!(dot_statement(&dot, &pic, "tx-th-kg-2020").contains("color=\"#1a7f37\", penwidth=3"), "green");
    assert!(dot.contains("quy tắc · rule staff-conference-quorum: default → off"), "the cause is in the heading");
    assert!(!pic.has("tx-th-nt-2020"), "a plan whose findings stay is not drawn");
    let m = read_mermaid(&mermaid);
    assert!(node(&m, "tx-th-kg-2020").lines.iter().any(|l| l.starts_with("✓ đã giải quyết · resolved")));
    assert!(mermaid.contains("_resolved fill:"), "a class for the resolved border: {mermaid}");
}

#[test]
fn a_removed_plan_is_drawn_dotted_where_it_was() {
    let old = hanoi();
    let mut new = old.clone();
    new.remove_plan("tx-th-kg-2020").expect("removed");
    let (dot, mermaid) = diffed(&old, &new);
    let pic = read_dot(&dot);
    let gone = node(&pic, "tx-th-kg-2020");
    assert_eq!(gone.group, "school");
    assert!(gone.lines.iter().any(|l| l == "✗ đã xoá · removed"), "{gone:?}");
    assert!(gone.lines.iter().any(|l| l == "✓ đã giải quyết · resolved: staff-conference-quorum"), "{gone:?}");
    assert!(dot_statement(&dot, &pic, "tx-th-kg-2020").contains("style=\"dotted,rounded,filled\""));
    let district = &node(&pic, "tx-17-2020").name;
    assert!(dot.contains(&format!("{} -> {district} [style=dotted];", gone.name)), "{dot}");
    // Its school now has no plan: a dashed box with the new finding.
    let school = pic.nodes.iter().find(|n| n.lines.iter().any(|l| l == "tx-th-kg")).expect("the school's box");
    assert!(school.dashed);
    assert!(school.lines.iter().any(|l| l == "+ mới · new: school-without-plan (warning)"), "{school:?}");

    let m = read_mermaid(&mermaid);
    let gone = node(&m, "tx-th-kg-2020");
    assert!(mermaid.contains(&format!("{}(", gone.name)) && mermaid.contains(":::removed"), "{mermaid}");
    assert!(m.edges.iter().any(|(a, _, dashed)| a == &gone.name && *dashed));
}

#[test]
fn identical_registries_draw_an_empty_change() {
    let r = hanoi();
    let (dot, mermaid) = diffed(&r, &r);
    assert!(read_dot(&dot).nodes.is_empty());
    assert!(read_mermaid(&mermaid).nodes.is_empty());
    for text in [&dot, &mermaid] {
        assert!(text.contains("nothing changes: no finding, plan or compliance row differs"), "{text}");
    }
    // A what-if that changes nothing says so too, and still shows the plan it edits.
    let same = Edit::ReplacePlan(r.plan("tx-th-nt-2020").expect("a plan").clone());
    let (dot, _, impact) = what_if(r, &[same]);
    assert!(impact.is_empty());
    assert!(dot.contains("nothing changes: no finding and no compliance row would change"), "{dot}");
    assert!(node(&read_dot(&dot), "tx-th-nt-2020").lines.iter().any(|l| l == "✎ sửa · edited"));
}

#[test]
fn a_refused_edit_is_named() {
    let mut v = Validator::new(hanoi());
    let edits =
        [Edit::WithdrawPlan("tx-17-2020".parse().expect("an id")), Edit::RemovePlan("nowhere".parse().expect("an id"))];
    let refused = change::what_if_dot(&mut v, &edits, &Impact::default()).expect_err("refused");
    assert_eq!((refused.index, refused.edit.as_str()), (1, "remove plan \"nowhere\""));
    assert!(change::what_if_mermaid(&mut v, &edits, &Impact::default()).is_err());
}

#[test]
fn ids_and_names_are_drawn_as_written() {
    let edits = [Edit::WithdrawPlan(NASTY_PLAN.parse().expect("an id"))];
    let (dot, mermaid, _) = what_if(tricky(), &edits);
    let pic = read_dot(&dot);
    assert!(pic.has(NASTY_PLAN), "{pic:#?}");
    assert!(node(&pic, "p1").lines.iter().any(|l| l == "+ mới · new: parent-plan-withdrawn (error)"));
    // The title names the edit, HTML-escaped inside the heading: no markup from the data reaches Graphviz.
    let heading = dot.lines().nth(1).expect("the graph's label");
    assert!(!heading.contains("<i>"), "{heading}");
    assert!(dot.contains("&lt;i&gt;&amp;amp; end -&gt; p0"), "{dot}");
    let m = read_mermaid(&mermaid);
    assert!(m.has(NASTY_PLAN));
    let title = mermaid.lines().find(|l| l.trim_start().starts_with("kt(")).expect("the title box");
    assert!(title.contains("kh #quot;2731#quot; \\N #35;quot; #lt;i#gt;#amp;amp; end -#gt; p0"), "{title}");
    render_if_graphviz("ids_and_names_are_drawn_as_written", &dot, NASTY_PLAN);
}

/// Renders `dot` as SVG when Graphviz is installed (the export tests' helpers), and checks it does so quietly
/// and shows `want` as a line of text.
fn render_if_graphviz(test: &str, dot: &str, want: &str) {
    if !graphviz(test) {
        return;
    }
    let (ok, svg, stderr) = render(dot, "svg");
    assert!(ok && stderr.trim().is_empty(), "dot: {stderr}\n{dot}");
    let texts = svg_texts(&String::from_utf8(svg).expect("UTF-8 SVG"));
    assert!(texts.iter().any(|t| t == want), "{want:?} in {texts:?}");
}

// ---- the program -------------------------------------------------------------------------------------

#[test]
fn the_program_draws_what_if() {
    let edits = [Edit::WithdrawPlan("tx-17-2020".parse().expect("an id"))];
    let (dot, mermaid, _) = what_if(hanoi(), &edits);
    let o = run(&["what-if", HANOI_PATH, "--withdraw", "tx-17-2020", "--format", "dot"]);
    assert_eq!((o.code, o.stdout.as_str()), (1, dot.as_str()), "{}", o.stderr);
    let o = run(&["what-if", HANOI_PATH, "--withdraw", "tx-17-2020", "--format=mermaid"]);
    assert_eq!((o.code, o.stdout.as_str()), (1, mermaid.as_str()), "{}", o.stderr);
    let o = run(&["what-if", HANOI_PATH, "--remove-plan", "nowhere", "--format", "dot"]);
    assert_eq!(o.code, 2);
    assert!(o.stdout.is_empty() && o.stderr.contains("edit 0 (remove plan \"nowhere\") was refused"), "{o:?}");
    let o = run(&["what-if", HANOI_PATH, "--withdraw", "tx-17-2020", "--format", "svg"]);
    assert_eq!(o.code, 2);
    assert!(o.stderr.contains("use text, json, dot or mermaid"), "{}", o.stderr);
    let o = run(&["what-if", "--help"]);
    assert!(o.stdout.contains("--format mermaid"), "{}", o.stdout);
}

#[test]
fn the_program_draws_diff() {
    let old = hanoi();
    let mut new = old.clone();
    new.remove_plan("tx-th-kg-2020").expect("removed");
    let (dot, mermaid) = diffed(&old, &new);
    let path = file("change_pictures", "new.json", &format::save(&new));
    let o = run(&["diff", HANOI_PATH, &path, "--format", "dot"]);
    assert_eq!((o.code, o.stdout.as_str()), (1, dot.as_str()), "{}", o.stderr);
    let o = run(&["diff", HANOI_PATH, &path, "--format", "mermaid"]);
    assert_eq!((o.code, o.stdout.as_str()), (1, mermaid.as_str()), "{}", o.stderr);
    let o = run(&["diff", HANOI_PATH, HANOI_PATH, "--format", "dot"]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert!(o.stdout.contains("nothing changes"));
    let o = run(&["diff", "--help"]);
    assert!(o.stdout.contains("--format dot"), "{}", o.stdout);
}
