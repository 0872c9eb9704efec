//! The `what-if` and `diff` subcommands of `kehoach-validate`.
//!
//! ```text
//! kehoach-validate what-if FILE EDIT... [--format text|json|dot|mermaid] [--language vi|en]
//! kehoach-validate diff OLD NEW [--format text|json|dot|mermaid] [--language vi|en]
//! ```
//!
//! `--format dot` and `--format mermaid` draw the part of the implementation tree the change touches, after
//! it ([`kehoach::change::what_if_dot`], [`kehoach::change::diff_dot`]): new findings coloured, resolved ones
//! marked, removed plans dotted. The exit status does not depend on the format.
//!
//! Subcommands of the one program rather than a sibling binary: one thing to install and document, the same
//! `--format`/`--language` options and messages, and `kehoach-validate FILE` keeps its meaning (a file named
//! `diff` or `what-if` is given as `./diff`).

use kehoach::change::{self, Edit};
use kehoach::export::Language;
use kehoach::format;
use kehoach::{Level, Plan, PlanId, Registry, Rule, Unit, UnitId};

use super::{Outcome, describe, language_value};

const WHAT_IF_USAGE: &str = "\
usage: kehoach-validate what-if FILE EDIT... [--format text|json|dot|mermaid] [--language vi|en]

What the edits, applied in the order given, would change in the findings and the compliance table of
FILE; FILE is not written. The edits:
  --withdraw PLAN            withdraw the plan (status withdrawn)
  --remove-plan PLAN         remove the plan
  --remove-unit UNIT         remove the unit
  --move-unit UNIT PARENT    give the unit another parent (move a school to another office)
  --add-plan FILE.json       add the plan (one registry@1 plan object)
  --replace-plan FILE.json   replace the plan of the same id
  --add-unit FILE.json       add the unit (one registry@1 unit object)
  --replace-unit FILE.json   replace the unit of the same id
  --set-rule RULE=LEVEL      set a rule to error, warning, info or off, or `default`
  --format text              the impact for people (the default), in --language en (default) or vi
  --format json              a kehoach/what-if@1 document
  --format dot               the part of the implementation tree the edits touch, after them, as
                             Graphviz DOT: new findings coloured, resolved ones marked, removed plans
                             dotted (… --format dot | dot -Tsvg -o what-if.svg)
  --format mermaid           the same picture as a Mermaid flowchart
Exit status: 0 nothing would change, 1 findings or compliance rows would change,
2 a file cannot be read or loaded, an edit is refused, or bad usage.";

const DIFF_USAGE: &str = "\
usage: kehoach-validate diff OLD NEW [--format text|json|dot|mermaid] [--language vi|en]

What differs between two kehoach/registry@1 files: units and plans added, removed and changed (field by
field), profile and rule levels, then the findings and the compliance rows that differ.
  --format text    for people (the default), in --language en (default) or vi
  --format json    a kehoach/diff@1 document
  --format dot     the part of NEW's implementation tree that differs, as Graphviz DOT: new findings
                   coloured, resolved ones marked, plans only in OLD dotted
  --format mermaid the same picture as a Mermaid flowchart
Exit status (as diff(1)): 0 the same, 1 different, 2 a file cannot be loaded or bad usage.";

fn failure(stderr: String) -> Outcome {
    Outcome { stdout: String::new(), stderr, code: 2, loaded: None }
}

/// What standard output shows for a change.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Shown {
    Text,
    Json,
    Dot,
    Mermaid,
}

/// `--format text|json|dot|mermaid` and `--language` for both subcommands.
struct Common {
    shown: Shown,
    language: Language,
}

/// Reads option `arg` (with its value from `it`) into `common`; `Ok(false)` when `arg` is not one of them.
fn common_option<'a>(
    arg: &str,
    it: &mut impl Iterator<Item = &'a String>,
    common: &mut Common,
) -> Result<bool, String> {
    let (name, inline) = match arg.split_once('=') {
        Some((n, v)) if n.starts_with("--") => (n, Some(v.to_owned())),
        _ => (arg, None),
    };
    let mut value =
        |what: &str| inline.clone().or_else(|| it.next().cloned()).ok_or(format!("{name} needs a value: {what}"));
    match name {
        "--format" => {
            common.shown = match value("text, json, dot or mermaid")?.as_str() {
                "text" => Shown::Text,
                "json" => Shown::Json,
                "dot" => Shown::Dot,
                "mermaid" => Shown::Mermaid,
                other => return Err(format!("--format {other}: use text, json, dot or mermaid")),
            };
            Ok(true)
        }
        "--language" => {
            common.language = language_value(&value("vi or en")?)?;
            Ok(true)
        }
        _ => Ok(false),
    }
}

fn load(path: &str) -> Result<(Option<crate::read::Bytes>, Registry), String> {
    let bytes =
        crate::read::read(path).map_err(|e| format!("kehoach-validate: {path}: cannot read the file: {e}\n"))?;
    let registry = format::load(&bytes).map_err(|e| format!("kehoach-validate: {path}: {}\n", describe(&e)))?;
    Ok((bytes.kept_to_exit(), registry))
}

/// One unit or plan object from `path`, read as the only entry of a registry document.
fn entry(path: &str, plans: bool) -> Result<Registry, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{path}: cannot read the file: {e}"))?;
    let (units, plans) = if plans { ("", text.as_str()) } else { (text.as_str(), "") };
    let doc = format!("{{\"format\": \"kehoach/registry@1\", \"units\": [{units}], \"plans\": [{plans}]}}");
    format::load_str(&doc).map_err(|e| format!("{path}: {}", describe(&e)))
}

fn plan_from(path: &str) -> Result<Plan, String> {
    let reg = entry(path, true)?;
    match (reg.plan_count(), reg.plans().next()) {
        (1, Some(p)) => Ok(p.clone()),
        (n, _) => Err(format!("{path}: holds {n} plans; give one plan object")),
    }
}

fn unit_from(path: &str) -> Result<Unit, String> {
    let reg = entry(path, false)?;
    match (reg.unit_count(), reg.units().next()) {
        (1, Some(u)) => Ok(u.clone()),
        (n, _) => Err(format!("{path}: holds {n} units; give one unit object")),
    }
}

/// An edit that needs the registry to be built (`--move-unit`), or one ready.
enum Pending {
    Ready(Edit),
    Move(UnitId, UnitId),
}

fn plan_id(v: &str) -> Result<PlanId, String> {
    PlanId::new(v).map_err(|e| format!("plan id {v:?}: {e}"))
}

fn unit_id(v: &str) -> Result<UnitId, String> {
    UnitId::new(v).map_err(|e| format!("unit id {v:?}: {e}"))
}

fn rule_level(v: &str) -> Result<Edit, String> {
    let (rule, level) = v.split_once('=').ok_or(format!("--set-rule {v}: use RULE=LEVEL"))?;
    let rule = Rule::from_code(rule).ok_or(format!("--set-rule {v}: no rule {rule}"))?;
    let level = match level {
        "default" => None,
        l => Some(Level::from_code(l).ok_or(format!("--set-rule {v}: use error, warning, info, off or default"))?),
    };
    Ok(Edit::SetOverride(rule, level))
}

/// `kehoach-validate what-if …`
pub(super) fn what_if(args: &[String]) -> Outcome {
    let usage = |problem: String| failure(format!("kehoach-validate what-if: {problem}\n\n{WHAT_IF_USAGE}\n"));
    let mut common = Common { shown: Shown::Text, language: Language::En };
    let mut path = None;
    let mut pending = Vec::new();
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        let mut next = |what: &str| it.next().cloned().ok_or(format!("{arg} needs {what}"));
        let edit = match arg.as_str() {
            "--help" | "-h" => return Outcome { stdout: format!("{WHAT_IF_USAGE}\n"), ..Outcome::default() },
            "--withdraw" => {
                next("a plan id").and_then(|v| plan_id(&v)).map(|id| Pending::Ready(Edit::WithdrawPlan(id)))
            }
            "--remove-plan" => {
                next("a plan id").and_then(|v| plan_id(&v)).map(|id| Pending::Ready(Edit::RemovePlan(id)))
            }
            "--remove-unit" => {
                next("a unit id").and_then(|v| unit_id(&v)).map(|id| Pending::Ready(Edit::RemoveUnit(id)))
            }
            "--move-unit" => next("a unit id and a parent id").and_then(|u| {
                let p = next("a parent id")?;
                Ok(Pending::Move(unit_id(&u)?, unit_id(&p)?))
            }),
            "--add-plan" => next("a file").and_then(|f| plan_from(&f)).map(|p| Pending::Ready(Edit::AddPlan(p))),
            "--replace-plan" => {
                next("a file").and_then(|f| plan_from(&f)).map(|p| Pending::Ready(Edit::ReplacePlan(p)))
            }
            "--add-unit" => next("a file").and_then(|f| unit_from(&f)).map(|u| Pending::Ready(Edit::AddUnit(u))),
            "--replace-unit" => {
                next("a file").and_then(|f| unit_from(&f)).map(|u| Pending::Ready(Edit::ReplaceUnit(u)))
            }
            "--set-rule" => next("RULE=LEVEL").and_then(|v| rule_level(&v)).map(Pending::Ready),
            a => match common_option(a, &mut it, &mut common) {
                Ok(true) => continue,
                Err(problem) => return usage(problem),
                Ok(false) if a.starts_with('-') && a != "-" => return usage(format!("unknown option {a}")),
                Ok(false) => {
                    if path.replace(a.to_owned()).is_some() {
                        return usage("give one FILE, then the edits".into());
                    }
                    continue;
                }
            },
        };
        match edit {
            Ok(e) => pending.push(e),
            Err(problem) => return usage(problem),
        }
    }
    let Some(path) = path else { return usage("give the FILE to change".into()) };
    if pending.is_empty() {
        return usage("give at least one edit".into());
    }
    let (bytes, registry) = match load(&path) {
        Ok(x) => x,
        Err(e) => return failure(e),
    };
    let mut edits = Vec::with_capacity(pending.len());
    for (index, p) in pending.into_iter().enumerate() {
        edits.push(match p {
            Pending::Ready(e) => e,
            // The unit as the file has it; a unit an earlier edit adds or replaces is not seen here.
            Pending::Move(id, parent) => match registry.unit(id.as_str()) {
                Some(u) => Edit::ReplaceUnit(Unit { parent: Some(parent), ..u.clone() }),
                None => {
                    return failure(format!(
                        "kehoach-validate what-if: {path}: edit {index} (move unit \"{id}\") was refused: there is no unit \"{id}\"\n",
                        id = id.as_str()
                    ));
                }
            },
        });
    }
    let mut validator = kehoach::Validator::new(registry);
    let impact = match validator.what_if(&edits) {
        Ok(i) => i,
        Err(e) => return failure(format!("kehoach-validate what-if: {path}: {e}\n")),
    };
    let drawn = match common.shown {
        Shown::Text => Ok(change::what_if_text(&edits, &impact, common.language)),
        Shown::Json => Ok(change::what_if_to_json(&impact)),
        Shown::Dot => change::what_if_dot(&mut validator, &edits, &impact),
        Shown::Mermaid => change::what_if_mermaid(&mut validator, &edits, &impact),
    };
    // The what-if took these edits, so drawing them cannot be refused; were it to, say so as the what-if would.
    let stdout = match drawn {
        Ok(s) => s,
        Err(e) => return failure(format!("kehoach-validate what-if: {path}: {e}\n")),
    };
    let code = u8::from(!impact.is_empty());
    Outcome { stdout, stderr: String::new(), code, loaded: Some((bytes, validator.into_registry())) }
}

/// `kehoach-validate diff …`
pub(super) fn diff(args: &[String]) -> Outcome {
    let usage = |problem: String| failure(format!("kehoach-validate diff: {problem}\n\n{DIFF_USAGE}\n"));
    let mut common = Common { shown: Shown::Text, language: Language::En };
    let mut paths = Vec::new();
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        if matches!(arg.as_str(), "--help" | "-h") {
            return Outcome { stdout: format!("{DIFF_USAGE}\n"), ..Outcome::default() };
        }
        match common_option(arg, &mut it, &mut common) {
            Ok(true) => {}
            Err(problem) => return usage(problem),
            Ok(false) if arg.starts_with('-') && arg != "-" => return usage(format!("unknown option {arg}")),
            Ok(false) => paths.push(arg.clone()),
        }
    }
    let [old, new] = paths.as_slice() else { return usage("give two files, OLD and NEW".into()) };
    let (old_bytes, old) = match load(old) {
        Ok(x) => x,
        Err(e) => return failure(e),
    };
    let (_, new) = match load(new) {
        Ok(x) => x,
        Err(e) => return failure(e),
    };
    let (old_report, new_report) = (old.validate(), new.validate());
    let d = change::diff_judged(&old, &old_report, &new, &new_report);
    let stdout = match common.shown {
        Shown::Text => change::diff_text(&d, common.language),
        Shown::Json => change::diff_to_json(&d),
        Shown::Dot => change::diff_dot(&old, &new, &new_report, &d),
        Shown::Mermaid => change::diff_mermaid(&old, &new, &new_report, &d),
    };
    let code = u8::from(!d.is_empty());
    // The second registry is freed here; the first is handed back so that exit does not free it.
    std::mem::forget(new);
    Outcome { stdout, stderr: String::new(), code, loaded: Some((old_bytes, old)) }
}
