//! Shared helpers of the export tests: registries that exercise every part of the pictures and tables, and
//! small readers of the DOT and Mermaid the exports write, which turn either notation into one [`Picture`]
//! (nodes with their group, label lines, fill and border style; edges) so that the same assertions check
//! both.
//!
//! The readers undo the exports' escaping, so comparing a label read back with the text in the registry
//! checks the escaping; a raw `"` inside a label would make them fail.

use std::collections::BTreeMap;

use kehoach::{AdministrationKind, Level, PlanStatus, Registry, Rule, SchoolLevel, Severity, UnionKind, Unit, format};

use super::common::*;

/// The seeds' Hanoi 2020-2021 file.
pub const HANOI: &str = include_str!("../../../examples/data/hanoi-2020-2021.json");

/// The Hanoi file, loaded.
pub fn hanoi() -> Registry {
    format::load_str(HANOI).expect("the Hanoi file loads")
}

/// The clean registry of `common` with one plan of each worst severity, a school without a plan, a second
/// school year and a plan with no administration issuer:
///
/// - error: `tx-th-kt-2020`'s staff conference lacks quorum (15 of 30);
/// - info: `hn-thpt-nt-2020`'s number has a space before "/" and `document-number-spacing` is set to info;
/// - warning: `cg-th-yh` has no plan for 2020-2021 (`cg-th-yh-2020` removed), though `cg-pgd` issued one;
/// - 2021-2022: `hn-2021`, `tx-2021` implementing it and `tx-thcs-nc-2021` implementing that, so `tx-th-kt`
///   and `hn-thpt-nt` have no plan for 2021-2022 (Cầu Giấy issued none, so `cg-th-yh` is not missing one);
/// - `mo-coi-2020`: a draft whose issuer `khong-co` is not in the registry.
pub fn mixed() -> Registry {
    let mut r = clean();
    edit_plan(&mut r, "tx-th-kt-2020", |p| p.approvals = vec![conf(d(2020, 9, 29), 30, 15, 14, None)]);
    r.set_override(Rule::DocumentNumberSpacing, Some(Level::On(Severity::Info)));
    edit_plan(&mut r, "hn-thpt-nt-2020", |p| p.number = Some(num("08 /KHPH-THPTNT-CĐ")));
    r.remove_plan("cg-th-yh-2020").expect("the plan exists");
    let y = "2021-2022";
    add(
        &mut r,
        issued("hn-2021", y, "2650/KHLT-SGDĐT-CĐN", d(2021, 8, 26), &["hn-sgd", "hn-cdn"], &[])
            .with_content_areas(root_areas())
            .expect("areas"),
    );
    add(
        &mut r,
        issued("tx-2021", y, "19/KHPH-GD&ĐT-LĐLĐ", d(2021, 9, 6), &["tx-pgd", "tx-ldld"], &["hn-2021"])
            .with_content_areas(four_areas())
            .expect("areas"),
    );
    add(
        &mut r,
        issued(
            "tx-thcs-nc-2021",
            y,
            "16/KHPH-THCSNC-CĐ",
            d(2021, 9, 28),
            &["tx-thcs-nc", "tx-thcs-nc-cd"],
            &["tx-2021"],
        )
        .with_content_areas(four_areas())
        .expect("areas")
        .approved(conf(d(2021, 9, 24), 48, 44, 40, Some(0))),
    );
    add(&mut r, plan("mo-coi-2020", "2020-2021", PlanStatus::Draft).with_issuers(&["khong-co"]).expect("issuers"));
    r
}

/// A department whose name holds every character the notations treat specially.
pub const NASTY_DEPARTMENT: &str = "Sở \"GD&ĐT\" <b>Hà Nội</b> #quot; #35; &amp; \\N \\\\ end; [x] {y} | `z` %%";
/// A plan id with the same.
pub const NASTY_PLAN: &str = "kh \"2731\" \\N #quot; <i>&amp; end -> p0";
/// A document number with quotes, `&` and `<`.
pub const NASTY_NUMBER: &str = "2731/KHLT-SGD&ĐT-\"CĐN\"<1>";
/// A school name given in NFD (the combining grave of "Hòa"), with a backslash and a quote.
pub const NFD_SCHOOL: &str = "Trường Tiểu học Yên Ho\u{0300}a \\ \"A\"";
/// The same name as the registry keeps it (NFC).
pub const NFC_SCHOOL: &str = "Trường Tiểu học Yên H\u{00f2}a \\ \"A\"";

/// A registry whose ids and names hold quotes, backslashes, `&`, `<`, `#`, Mermaid keywords and NFD text:
///
/// - department `dep` named [`NASTY_DEPARTMENT`], plan [`NASTY_PLAN`] numbered [`NASTY_NUMBER`];
/// - education office `end` (a Mermaid keyword as a unit id), plan `p1` (a generated-looking id) implementing
///   it;
/// - school `school "1"` named [`NFD_SCHOOL`] under `end`, without a plan: a dashed box.
pub fn tricky() -> Registry {
    let mut r = Registry::default();
    let admin = |id: &str, name: &str, kind| Unit::administration(id, name, kind).expect("a unit");
    r.add_unit(admin("dep", NASTY_DEPARTMENT, AdministrationKind::EducationDepartment)).expect("new");
    r.add_unit(
        admin("end", "Phòng <GD&ĐT> \"Quận 1\"", AdministrationKind::EducationOffice).with_parent("dep").expect("p"),
    )
    .expect("new");
    r.add_unit(Unit::union("cd", "Công đoàn ngành", UnionKind::SectorUnion).expect("a unit")).expect("new");
    r.add_unit(
        Unit::school("school \"1\"", NFD_SCHOOL, SchoolLevel::Primary, Some(20))
            .and_then(|u| u.with_parent("end"))
            .expect("a school"),
    )
    .expect("new");
    add(&mut r, issued(NASTY_PLAN, "2020-2021", NASTY_NUMBER, d(2020, 8, 27), &["dep", "cd"], &[]));
    add(&mut r, issued("p1", "2020-2021", "17/KHPH-GD&ĐT-LĐLĐ", d(2020, 9, 4), &["end", "cd"], &[NASTY_PLAN]));
    r
}

/// A node of a picture.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Node {
    /// The name the notation gives it (`p0`, `s1`).
    pub name: String,
    /// The group (cluster or subgraph) it is in: `province`, `district`, `school`, `other`.
    pub group: String,
    /// Its label, unescaped, one entry per line.
    pub lines: Vec<String>,
    /// Its fill colour.
    pub fill: String,
    /// Whether its border is dashed.
    pub dashed: bool,
}

/// What a DOT or Mermaid export draws, read back.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Picture {
    /// The plan and school nodes, in the order written (the legend is not included).
    pub nodes: Vec<Node>,
    /// `(from, to, dashed)`, by node name, in the order written.
    pub edges: Vec<(String, String, bool)>,
    /// The fill colour of each mark of the legend (`none`, `info`, `warning`, `error`).
    pub legend: BTreeMap<String, String>,
    /// The group titles, by group.
    pub groups: BTreeMap<String, String>,
}

impl Picture {
    /// The node of plan `id`, if drawn.
    pub fn has(&self, id: &str) -> bool {
        self.nodes.iter().any(|n| n.lines.iter().any(|l| l == id))
    }
}

// ---- DOT -----------------------------------------------------------------------------------------------

#[derive(Clone, Debug, PartialEq, Eq)]
enum Tok {
    Id(String),
    Quoted(String),
    Html(String),
    Punct(&'static str),
}

/// Splits DOT text into tokens: words, quoted strings (unescaped: `\"` and `\\` undone, `\n` kept as a line
/// break, other escapes kept), HTML-like strings and punctuation.
fn dot_tokens(s: &str) -> Vec<Tok> {
    let mut out = Vec::new();
    let mut it = s.chars().peekable();
    while let Some(&c) = it.peek() {
        match c {
            c if c.is_whitespace() => {
                it.next();
            }
            '"' => {
                it.next();
                let mut v = String::new();
                loop {
                    match it.next().expect("a closed quoted string") {
                        '"' => break,
                        '\\' => match it.next().expect("an escape") {
                            '"' => v.push('"'),
                            '\\' => v.push('\\'),
                            'n' => v.push('\n'),
                            other => panic!("the export writes no \\{other} escape"),
                        },
                        '\n' => panic!("a raw line break in a quoted string"),
                        ch => v.push(ch),
                    }
                }
                out.push(Tok::Quoted(graphviz_entities(&v)));
            }
            '<' => {
                let mut depth = 0;
                let mut v = String::new();
                for ch in it.by_ref() {
                    match ch {
                        '<' => depth += 1,
                        '>' => depth -= 1,
                        _ => {}
                    }
                    v.push(ch);
                    if depth == 0 {
                        break;
                    }
                }
                out.push(Tok::Html(v));
            }
            '-' => {
                it.next();
                assert_eq!(it.next(), Some('>'), "only -> starts with -");
                out.push(Tok::Punct("->"));
            }
            '[' | ']' | '=' | ',' | ';' | '{' | '}' => {
                it.next();
                out.push(Tok::Punct(match c {
                    '[' => "[",
                    ']' => "]",
                    '=' => "=",
                    ',' => ",",
                    ';' => ";",
                    '{' => "{",
                    _ => "}",
                }));
            }
            c if c.is_alphanumeric() || c == '_' || c == '.' || c == '#' => {
                let mut v = String::new();
                while let Some(&ch) = it.peek() {
                    if ch.is_alphanumeric() || ch == '_' || ch == '.' || ch == '#' {
                        v.push(ch);
                        it.next();
                    } else {
                        break;
                    }
                }
                out.push(Tok::Id(v));
            }
            other => panic!("unexpected character {other:?} in DOT"),
        }
    }
    out
}

/// Decodes the character entities Graphviz decodes in a quoted label (`&amp;`, `&lt;`, `&#35;`, …); an `&`
/// that starts none stays as it is.
fn graphviz_entities(s: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        let entity = after.split_once(';').map(|(name, _)| name).filter(|n| {
            let n = n.strip_prefix('#').unwrap_or(n);
            !n.is_empty() && n.len() <= 32 && n.chars().all(|c| c.is_ascii_alphanumeric())
        });
        match entity {
            Some(name) => {
                out.push(match name {
                    "amp" => '&',
                    "lt" => '<',
                    "gt" => '>',
                    "quot" => '"',
                    n if n.starts_with("#x") => {
                        char::from_u32(u32::from_str_radix(&n[2..], 16).expect("hex")).expect("c")
                    }
                    n if n.starts_with('#') => char::from_u32(n[1..].parse().expect("decimal")).expect("a char"),
                    other => panic!("unexpected entity &{other}; in a DOT label"),
                });
                rest = &after[name.len() + 1..];
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

fn tok_text(t: &Tok) -> String {
    match t {
        Tok::Id(s) | Tok::Quoted(s) | Tok::Html(s) => s.clone(),
        Tok::Punct(p) => (*p).to_owned(),
    }
}

/// Reads `[k=v, …]` from `toks` at `*i` (just after `[`).
fn dot_attrs(toks: &[Tok], i: &mut usize) -> BTreeMap<String, String> {
    let mut attrs = BTreeMap::new();
    loop {
        match &toks[*i] {
            Tok::Punct("]") => {
                *i += 1;
                return attrs;
            }
            Tok::Punct(",") => *i += 1,
            k => {
                assert_eq!(toks[*i + 1], Tok::Punct("="), "key=value");
                attrs.insert(tok_text(k), tok_text(&toks[*i + 2]));
                *i += 3;
            }
        }
    }
}

/// Reads the DOT the export writes back into a [`Picture`], checking its shape on the way: one `digraph`,
/// clusters `cluster_<group>`, nodes `p<n>`/`s<n>` inside clusters, edges between declared nodes.
pub fn read_dot(dot: &str) -> Picture {
    let toks = dot_tokens(dot);
    assert_eq!(toks[0], Tok::Id("digraph".into()));
    assert_eq!(toks[1], Tok::Id("kehoach".into()));
    assert_eq!(toks[2], Tok::Punct("{"));
    let mut pic = Picture::default();
    let mut group: Option<String> = None;
    let mut i = 3;
    let mut closed = false;
    while i < toks.len() {
        match &toks[i] {
            Tok::Punct("}") => {
                i += 1;
                if group.take().is_none() {
                    closed = true;
                    assert_eq!(i, toks.len(), "nothing after the digraph");
                }
            }
            Tok::Id(kw) if kw == "subgraph" => {
                let Tok::Id(name) = &toks[i + 1] else { panic!("a cluster name") };
                let g = name.strip_prefix("cluster_").expect("clusters are named cluster_<group>").to_owned();
                assert_eq!(toks[i + 2], Tok::Punct("{"));
                assert!(group.replace(g).is_none(), "clusters are not nested");
                i += 3;
            }
            Tok::Id(kw) if kw == "graph" || kw == "node" || kw == "edge" => {
                assert_eq!(toks[i + 1], Tok::Punct("["));
                i += 2;
                let attrs = dot_attrs(&toks, &mut i);
                if kw == "graph" {
                    match &group {
                        Some(g) => {
                            pic.groups.insert(g.clone(), attrs["label"].clone());
                        }
                        None => {
                            let label = &attrs["label"];
                            for (mark, word) in
                                [("none", "no finding"), ("info", "info"), ("warning", "warning"), ("error", "error")]
                            {
                                let cell = label
                                    .split("<td ")
                                    .find(|c| c.contains(&format!("· {word}</td>")))
                                    .unwrap_or_else(|| panic!("a legend cell for {word}"));
                                let fill = cell.split("bgcolor=\"").nth(1).and_then(|s| s.split('"').next());
                                pic.legend.insert(mark.into(), fill.expect("a legend fill").to_owned());
                            }
                        }
                    }
                }
                assert_eq!(toks[i], Tok::Punct(";"));
                i += 1;
            }
            Tok::Id(name) => {
                if toks[i + 1] == Tok::Punct("->") {
                    let Tok::Id(to) = &toks[i + 2] else { panic!("an edge target") };
                    i += 3;
                    let attrs = if toks[i] == Tok::Punct("[") {
                        i += 1;
                        dot_attrs(&toks, &mut i)
                    } else {
                        BTreeMap::new()
                    };
                    assert_eq!(toks[i], Tok::Punct(";"));
                    i += 1;
                    let dashed = attrs.get("style").is_some_and(|s| s.contains("dashed"));
                    pic.edges.push((name.clone(), to.clone(), dashed));
                } else {
                    assert_eq!(toks[i + 1], Tok::Punct("["), "a node statement");
                    i += 2;
                    let attrs = dot_attrs(&toks, &mut i);
                    assert_eq!(toks[i], Tok::Punct(";"));
                    i += 1;
                    let g = group.clone().unwrap_or_else(|| panic!("node {name} is in a cluster"));
                    pic.nodes.push(Node {
                        name: name.clone(),
                        group: g,
                        lines: attrs["label"].split('\n').map(str::to_owned).collect(),
                        fill: attrs["fillcolor"].clone(),
                        dashed: attrs.get("style").is_some_and(|s| s.contains("dashed")),
                    });
                }
            }
            other => panic!("unexpected {other:?} at token {i}"),
        }
    }
    assert!(closed, "the digraph is closed");
    check_edges(&pic);
    pic
}

/// Every edge joins declared nodes; node names are generated (`p<n>`, `s<n>`) and unique.
fn check_edges(pic: &Picture) {
    let names: Vec<&str> = pic.nodes.iter().map(|n| n.name.as_str()).collect();
    for (i, n) in names.iter().enumerate() {
        let digits = n.strip_prefix('p').or_else(|| n.strip_prefix('s')).expect("p<n> or s<n>");
        assert!(!digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()), "generated name {n}");
        assert!(!names[..i].contains(n), "{n} declared once");
    }
    for (a, b, _) in &pic.edges {
        assert!(names.contains(&a.as_str()) && names.contains(&b.as_str()), "edge {a} -> {b} joins nodes");
    }
}

// ---- Mermaid -------------------------------------------------------------------------------------------

/// Undoes the Mermaid export's escaping of one label line.
fn mermaid_unescape(s: &str) -> String {
    assert!(!s.contains('"'), "a raw quote in a Mermaid label: {s}");
    assert!(!s.contains(['<', '>', '&', '`']), "raw markup in a Mermaid label: {s}");
    let mut out = String::new();
    let mut rest = s;
    while let Some(at) = rest.find('#') {
        out.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        let end = after.find(';').expect("an entity ends with ;");
        out.push(match &after[..end] {
            "quot" => '"',
            "35" => '#',
            "amp" => '&',
            "lt" => '<',
            "gt" => '>',
            "96" => '`',
            other => panic!("unexpected entity #{other};"),
        });
        rest = &after[end + 1..];
    }
    out.push_str(rest);
    out
}

/// The label inside `("…")` or `["…"]` at the start of `s`, and what follows.
fn quoted_label(s: &str, open: char, close: char) -> (String, &str) {
    let inner = s.strip_prefix(open).and_then(|s| s.strip_prefix('"')).expect("a quoted label");
    let end = inner.find('"').expect("a closing quote");
    let rest = inner[end + 1..].strip_prefix(close).expect("the bracket closes");
    (inner[..end].to_owned(), rest)
}

/// Reads the Mermaid the export writes back into a [`Picture`], checking its shape on the way.
pub fn read_mermaid(text: &str) -> Picture {
    let mut lines = text.lines();
    assert!(lines.next().expect("a comment").starts_with("%% "));
    assert_eq!(lines.next(), Some("flowchart BT"));
    let mut pic = Picture::default();
    let mut classes: BTreeMap<String, (String, bool)> = BTreeMap::new();
    let mut pending: Vec<(String, String, Vec<String>, String)> = Vec::new();
    let mut legend_classes: Vec<(String, String)> = Vec::new();
    let mut group: Option<String> = None;
    for line in lines {
        let l = line.trim();
        let node_name =
            l.split_once('(').map(|(name, _)| name).filter(|n| n.chars().all(|c| c.is_ascii_alphanumeric()));
        if let Some(name) = node_name {
            let at = name.len();
            let name = name.to_owned();
            let (label, after) = quoted_label(&l[at..], '(', ')');
            let class = after.strip_prefix(":::").expect("a class").to_owned();
            let g = group.clone().unwrap_or_else(|| panic!("node {name} is in a subgraph"));
            let lines: Vec<String> = label.split("<br/>").map(mermaid_unescape).collect();
            if g == "legend" {
                legend_classes.push((lines.join(" "), class));
            } else {
                pending.push((name, g, lines, class));
            }
        } else if let Some(rest) = l.strip_prefix("subgraph ") {
            let at = rest.find('[').expect("a subgraph title");
            let (title, after) = quoted_label(&rest[at..], '[', ']');
            assert!(after.is_empty());
            let g = rest[..at].to_owned();
            pic.groups.insert(g.clone(), mermaid_unescape(&title));
            assert!(group.replace(g).is_none(), "subgraphs are not nested");
        } else if l == "end" {
            assert!(group.take().is_some(), "end closes a subgraph");
        } else if l == "direction LR" {
            assert_eq!(group.as_deref(), Some("legend"));
        } else if let Some(rest) = l.strip_prefix("classDef ") {
            let (name, props) = rest.split_once(' ').expect("classDef NAME PROPS");
            let fill = props.split(',').find_map(|p| p.strip_prefix("fill:")).expect("a fill");
            classes.insert(name.to_owned(), (fill.to_owned(), props.contains("stroke-dasharray")));
        } else if l.contains(" --> ") || l.contains(" -.-> ") {
            let dashed = l.contains(" -.-> ");
            let (a, b) = l.split_once(if dashed { " -.-> " } else { " --> " }).expect("an edge");
            pic.edges.push((a.to_owned(), b.to_owned(), dashed));
        } else if l.contains(" ~~~ ") {
            assert_eq!(group.as_deref(), Some("legend"), "invisible links only in the legend");
        } else {
            panic!("unexpected Mermaid line: {l}");
        }
    }
    assert!(group.is_none(), "every subgraph ends");
    for (name, group, lines, class) in pending {
        let (fill, dashed) = classes.get(&class).unwrap_or_else(|| panic!("classDef {class}")).clone();
        pic.nodes.push(Node { name, group, lines, fill, dashed });
    }
    for (mark, word) in [("none", "no finding"), ("info", "info"), ("warning", "warning"), ("error", "error")] {
        let (_, class) = legend_classes
            .iter()
            .find(|(text, _)| text.ends_with(&format!("· {word}")))
            .unwrap_or_else(|| panic!("a legend entry for {word}"));
        pic.legend.insert(mark.into(), classes[class].0.clone());
    }
    check_edges(&pic);
    pic
}
