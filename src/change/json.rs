//! The JSON forms: `kehoach/what-if@1` and `kehoach/diff@1` (`docs/DIFF-FORMAT.md`).

use serde_json::{Map, Value, json};

use super::{ChangedFinding, ComplianceChange, Diff, EntryChange, FieldChange, FindingsDelta, Impact};
use crate::format::report::FindingOut;
use crate::query::Compliance;
use crate::report::Finding;

/// The value of `format` in a what-if document.
pub const WHAT_IF_FORMAT: &str = "kehoach/what-if@1";

/// The value of `format` in a diff document.
pub const DIFF_FORMAT: &str = "kehoach/diff@1";

/// `impact` as a `kehoach/what-if@1` document (two-space indentation, final newline).
pub fn what_if_to_json(impact: &Impact) -> String {
    let mut doc = Map::new();
    doc.insert("format".into(), WHAT_IF_FORMAT.into());
    doc.insert("changes".into(), (!impact.is_empty()).into());
    doc.insert("findings".into(), findings(&impact.findings));
    doc.insert("compliance".into(), compliance(&impact.compliance));
    pretty(Value::Object(doc))
}

/// `diff` as a `kehoach/diff@1` document (two-space indentation, final newline).
pub fn diff_to_json(diff: &Diff) -> String {
    let mut doc = Map::new();
    doc.insert("format".into(), DIFF_FORMAT.into());
    doc.insert("same".into(), diff.is_empty().into());
    if let Some((old, new)) = diff.profile {
        doc.insert("profile".into(), json!({ "old": old.code(), "new": new.code() }));
    }
    let rules: Vec<Value> = diff
        .overrides
        .iter()
        .map(|c| json!({ "rule": c.rule.code(), "old": c.old.map(|l| l.code()), "new": c.new.map(|l| l.code()) }))
        .collect();
    doc.insert("rules".into(), rules.into());
    doc.insert("units".into(), entries(&diff.units, |u| serde_json::to_value(crate::format::save::UnitOut(u))));
    doc.insert("plans".into(), entries(&diff.plans, |p| serde_json::to_value(crate::format::save::PlanOut(p))));
    doc.insert("findings".into(), findings(&diff.findings));
    doc.insert("compliance".into(), compliance(&diff.compliance));
    pretty(Value::Object(doc))
}

fn pretty(v: Value) -> String {
    // Serializing a Value cannot fail.
    let mut out = serde_json::to_string_pretty(&v).unwrap_or_default();
    out.push('\n');
    out
}

fn entries<T>(changes: &[EntryChange<T>], value: impl Fn(&T) -> serde_json::Result<Value>) -> Value {
    let out: Vec<Value> = changes
        .iter()
        .map(|c| {
            let mut m = Map::new();
            m.insert("id".into(), c.id.clone().into());
            m.insert("change".into(), c.kind.code().into());
            match c.kind {
                super::EntryChangeKind::Added => {
                    m.insert("value".into(), c.new.as_ref().and_then(|x| value(x).ok()).unwrap_or(Value::Null));
                }
                super::EntryChangeKind::Removed => {
                    m.insert("value".into(), c.old.as_ref().and_then(|x| value(x).ok()).unwrap_or(Value::Null));
                }
                super::EntryChangeKind::Changed => {
                    if c.moved {
                        m.insert("moved".into(), true.into());
                    }
                    m.insert("fields".into(), c.fields.iter().map(field).collect::<Vec<_>>().into());
                }
            }
            Value::Object(m)
        })
        .collect();
    out.into()
}

/// A value written by this crate as JSON text, read back (it always parses).
fn parsed(text: &Option<String>) -> Value {
    text.as_deref().and_then(|t| serde_json::from_str(t).ok()).unwrap_or(Value::Null)
}

fn field(c: &FieldChange) -> Value {
    let mut m = Map::new();
    m.insert("field".into(), c.field.into());
    m.insert("old".into(), parsed(&c.old));
    m.insert("new".into(), parsed(&c.new));
    if c.is_list() {
        let items = |xs: &[String]| -> Value {
            xs.iter().map(|x| serde_json::from_str(x).unwrap_or(Value::Null)).collect::<Vec<Value>>().into()
        };
        m.insert("added".into(), items(&c.added));
        m.insert("removed".into(), items(&c.removed));
    }
    Value::Object(m)
}

fn finding(f: &Finding) -> Value {
    serde_json::to_value(FindingOut(f)).unwrap_or(Value::Null)
}

fn findings(d: &FindingsDelta) -> Value {
    let changed: Vec<Value> = d
        .changed
        .iter()
        .map(|ChangedFinding { before, after }| json!({ "before": finding(before), "after": finding(after) }))
        .collect();
    json!({
        "appeared": d.appeared.iter().map(finding).collect::<Vec<_>>(),
        "resolved": d.resolved.iter().map(finding).collect::<Vec<_>>(),
        "changed": changed,
    })
}

fn row(c: &Option<Compliance>) -> Value {
    match c {
        None => Value::Null,
        Some(c) => json!({
            "schools": c.schools,
            "conforming": c.conforming,
            "with_errors": c.with_errors,
            "without_plan": c.without_plan,
        }),
    }
}

fn compliance(rows: &[ComplianceChange]) -> Value {
    rows.iter()
        .map(|c| {
            json!({
                "managing_unit": c.managing_unit.as_str(),
                "school_year": c.school_year.to_string(),
                "before": row(&c.before),
                "after": row(&c.after),
            })
        })
        .collect::<Vec<_>>()
        .into()
}
