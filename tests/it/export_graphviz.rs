//! The DOT export as Graphviz reads it: the Hanoi tree, the mixed registry and the tricky one render with
//! `dot -Tsvg` without a warning, and the SVG shows every plan id and the escaped names as they are.
//!
//! The project's test command installs Graphviz (Debian package `graphviz`). Where `dot` is not on the PATH
//! each test says "skipped: Graphviz not installed" on standard error and passes.

use std::io::Write as _;
use std::process::{Command, Stdio};

use crate::support::export::*;
use kehoach::Registry;
use kehoach::export::{Scope, dot};

/// Whether `dot` runs; when not, says the test is skipped.
pub(crate) fn graphviz(test: &str) -> bool {
    let ok = Command::new("dot").arg("-V").output().is_ok_and(|o| o.status.success());
    if !ok {
        // Straight to standard error rather than through eprintln!, which the test harness captures: the line
        // shows in an ordinary `cargo test` run.
        let _ = writeln!(
            std::io::stderr(),
            "{test}: skipped: Graphviz not installed (no `dot` on the PATH; apt-get install -y graphviz)"
        );
    }
    ok
}

/// Renders `source` with `dot -T<format>`: its exit status, standard output and standard error.
pub(crate) fn render(source: &str, format: &str) -> (bool, Vec<u8>, String) {
    let mut child = Command::new("dot")
        .arg(format!("-T{format}"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("dot starts");
    child.stdin.take().expect("a stdin").write_all(source.as_bytes()).expect("dot reads the source");
    let out = child.wait_with_output().expect("dot ends");
    (out.status.success(), out.stdout, String::from_utf8_lossy(&out.stderr).into_owned())
}

/// Undoes XML escaping (`&amp;`, `&lt;`, `&gt;`, `&quot;`, `&apos;`, `&#45;`, `&#x2d;`).
fn xml_unescape(s: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        let end = after.find(';').expect("an entity ends with ;");
        let name = &after[..end];
        let c = match name {
            "amp" => '&',
            "lt" => '<',
            "gt" => '>',
            "quot" => '"',
            "apos" => '\'',
            n if n.starts_with("#x") => char::from_u32(u32::from_str_radix(&n[2..], 16).expect("hex")).expect("a char"),
            n if n.starts_with('#') => char::from_u32(n[1..].parse().expect("decimal")).expect("a char"),
            other => panic!("unexpected entity &{other};"),
        };
        out.push(c);
        rest = &after[end + 1..];
    }
    out.push_str(rest);
    out
}

/// The text of every `<text>` element of an SVG, unescaped.
pub(crate) fn svg_texts(svg: &str) -> Vec<String> {
    svg.split("<text")
        .skip(1)
        .map(|t| xml_unescape(&t[t.find('>').expect("a tag") + 1..t.find("</text>").expect("an end")]))
        .collect()
}

/// Renders the tree of `r` under `scope` as SVG and returns its texts, checking that `dot` accepts it quietly.
fn rendered_texts(r: &Registry, scope: &Scope) -> Vec<String> {
    let source = dot(r, &r.validate(), scope).expect("drawn");
    let (ok, svg, stderr) = render(&source, "svg");
    assert!(ok, "dot -Tsvg fails: {stderr}\n{source}");
    assert!(stderr.trim().is_empty(), "dot warns: {stderr}\n{source}");
    let svg = String::from_utf8(svg).expect("UTF-8 SVG");
    assert!(svg.contains("<svg") && svg.trim_end().ends_with("</svg>"), "an SVG document");
    svg_texts(&svg)
}

#[test]
fn the_hanoi_tree_renders_with_graphviz() {
    if !graphviz("the_hanoi_tree_renders_with_graphviz") {
        return;
    }
    let r = hanoi();
    let texts = rendered_texts(&r, &Scope::All);
    for p in r.plans() {
        assert!(texts.iter().any(|t| t == p.id.as_str()), "{} is drawn: {texts:?}", p.id);
    }
    assert!(texts.iter().any(|t| t == "17/KHPH-GD&ĐT-LĐLĐ · 2020-09-04"), "{texts:?}");
    assert!(texts.iter().any(|t| t == "Trường THCS Khương Đình"), "{texts:?}");
    assert!(texts.iter().any(|t| t == "no issued plan for 2020-2021"), "{texts:?}");

    let (ok, png, stderr) = render(&dot(&r, &r.validate(), &Scope::All).expect("drawn"), "png");
    assert!(ok, "dot -Tpng fails: {stderr}");
    assert!(png.starts_with(b"\x89PNG\r\n\x1a\n") && png.len() > 1000, "a PNG image");
}

#[test]
fn every_scope_of_the_mixed_registry_renders() {
    if !graphviz("every_scope_of_the_mixed_registry_renders") {
        return;
    }
    let r = mixed();
    let mut scopes = vec![Scope::All, Scope::SchoolYear("2021-2022".parse().expect("a year"))];
    scopes.extend(["hn-2020", "cg-2020", "mo-coi-2020"].map(|id| Scope::Under(id.parse().expect("an id"))));
    for scope in &scopes {
        let texts = rendered_texts(&r, scope);
        assert!(!texts.is_empty(), "{scope}");
    }
    let texts = rendered_texts(&r, &Scope::All);
    for p in r.plans() {
        assert!(texts.iter().any(|t| t == p.id.as_str()), "{} is drawn", p.id);
    }
}

#[test]
fn escaped_labels_reach_the_picture_as_written() {
    if !graphviz("escaped_labels_reach_the_picture_as_written") {
        return;
    }
    let r = tricky();
    let texts = rendered_texts(&r, &Scope::Under(NASTY_PLAN.parse().expect("an id")));
    for want in [NASTY_DEPARTMENT, NASTY_PLAN, &format!("{NASTY_NUMBER} · 2020-08-27"), NFC_SCHOOL, "school \"1\""] {
        assert!(texts.iter().any(|t| t == want), "{want:?} in {texts:?}");
    }
    assert!(texts.iter().any(|t| t.contains(&format!("plans under {NASTY_PLAN}"))), "the title: {texts:?}");
}
