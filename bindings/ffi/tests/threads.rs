//! Many threads sharing one FFI `Registry` (issue 5, item 5, FFI side): readers validate, query, export and
//! save while writers add, replace and remove plans and units, some edits contested and some refused. At the
//! end the registry must hold exactly what the writers left, save to JSON that loads, and judge as a registry
//! freshly loaded from that JSON does; and no thread may have panicked.

use std::collections::BTreeSet;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Barrier};

use chrono::NaiveDate;
use kehoach_ffi::{
    AdministrationKind, Approval, EditError, Language, OrgUnit, Plan, QueryError, Registry, Rule, SchoolLevel,
    Severity, TableFormat, TreeScope, UnitRole,
};

const HANOI: &str = include_str!("../../../examples/data/hanoi-2020-2021.json");
const WRITERS: usize = 6;
const READERS: usize = 8;
const ROUNDS: usize = 30;
/// Ids every writer tries to add: exactly one must win each.
const CONTESTED: usize = 10;

fn day(m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2020, m, d).unwrap()
}

/// Writer `w`'s plan `i`: a school plan of its own school, under the Thanh Xuân district plan.
fn writer_plan(base: &Plan, w: usize, i: usize) -> Plan {
    Plan {
        id: format!("w{w}-{i}"),
        number: Some(format!("{}/KHPH-W{w}-CĐ", 10 + i)),
        issuers: vec![format!("school-w{w}"), format!("school-w{w}-cd")],
        approvals: vec![Approval::StaffConference {
            held_on: day(9, 20),
            staff_total: 40,
            attendees: 30 + (i % 10) as i32,
            votes_for: 28,
            votes_against: Some(0),
        }],
        ..base.clone()
    }
}

fn school(w: usize) -> OrgUnit {
    OrgUnit {
        id: format!("school-w{w}"),
        name: format!("Trường Tiểu học số {w}"),
        role: UnitRole::Administration {
            kind: AdministrationKind::School { level: SchoolLevel::Primary, staff_count: Some(40) },
            counterpart: Some(format!("school-w{w}-cd")),
        },
        parent: Some("tx-pgd".into()),
    }
}

fn union_of(w: usize) -> OrgUnit {
    OrgUnit {
        id: format!("school-w{w}-cd"),
        name: format!("Công đoàn Trường Tiểu học số {w}"),
        role: UnitRole::Union { kind: kehoach_ffi::UnionKind::GrassrootsUnion },
        parent: Some("tx-ldld".into()),
    }
}

/// Adds, replaces and removes its own plans; tries the contested ids; makes edits that must be refused.
/// Returns the ids of its plans that stay.
fn writer(r: &Registry, w: usize, base: &Plan, wins: &[AtomicUsize]) -> BTreeSet<String> {
    r.add_unit(union_of(w)).unwrap();
    r.add_unit(school(w)).unwrap();
    let mut kept = BTreeSet::new();
    for i in 0..ROUNDS {
        let plan = writer_plan(base, w, i);
        r.add_plan(plan.clone()).unwrap();
        // The attendance changes: the old plan comes back.
        let mut again = plan.clone();
        again.approvals = vec![Approval::StaffConference {
            held_on: day(9, 21),
            staff_total: 40,
            attendees: 12,
            votes_for: 10,
            votes_against: None,
        }];
        assert_eq!(r.replace_plan(again).unwrap(), plan);
        if i % 3 == 0 {
            assert_eq!(r.remove_plan(plan.id.clone()).unwrap().id, plan.id);
        } else {
            kept.insert(plan.id.clone());
        }
        // Refused edits, in the middle of everyone else's.
        assert_eq!(r.add_plan(base.clone()), Err(EditError::DuplicatePlan { id: base.id.clone() }));
        assert_eq!(
            r.remove_plan(format!("w{w}-gone-{i}")),
            Err(EditError::UnknownPlan { id: format!("w{w}-gone-{i}") })
        );
        assert!(matches!(
            r.add_plan(Plan { id: format!("w{w}-bad-{i}"), school_year: "2020-2022".into(), ..plan.clone() }),
            Err(EditError::Invalid { .. })
        ));
        if let Some(won) = wins.get(i) {
            let contested = Plan { id: format!("shared-{i}"), ..plan.clone() };
            match r.add_plan(contested) {
                Ok(()) => {
                    won.fetch_add(1, Ordering::SeqCst);
                }
                Err(e) => assert_eq!(e, EditError::DuplicatePlan { id: format!("shared-{i}") }),
            }
        }
    }
    // A unit edit makes the next report a full check.
    let mut renamed = school(w);
    renamed.name = format!("Trường Tiểu học số {w} (mới)");
    r.replace_unit(renamed).unwrap();
    kept
}

/// Reads in every way while the writers work; every answer must be of a consistent registry.
fn reader(r: &Registry, n: usize) -> usize {
    let mut checks = 0;
    for i in 0..ROUNDS {
        let report = r.validate();
        let errors = report.findings.iter().filter(|f| f.severity == Severity::Error).count();
        assert_eq!(errors as i32, report.counts.error);
        assert_eq!(report.conforms, errors == 0);
        // The Hanoi plans are never edited: their findings stay (the quorum finding of tx-th-kg-2020).
        assert!(
            report.findings.iter().any(|f| f.rule == Rule::StaffConferenceQuorum && f.subject.id == "tx-th-kg-2020"),
            "{report:?}"
        );
        let up: Vec<String> = r.ancestors("tx-th-kg-2020".into()).unwrap().into_iter().map(|p| p.id).collect();
        assert_eq!(up, ["tx-17-2020", "hn-2731-2020"]);
        assert!(r.descendants("hn-2731-2020".into()).unwrap().iter().any(|p| p.id == "tx-17-2020"));
        assert_eq!(r.ancestors("không-có".into()), Err(QueryError::UnknownPlan { id: "không-có".into() }));
        let plans = r.plans();
        let ids: BTreeSet<&str> = plans.iter().map(|p| p.id.as_str()).collect();
        assert_eq!(ids.len(), plans.len(), "plan ids are unique");
        match (n + i) % 4 {
            0 => {
                // A snapshot saves and loads back to itself.
                let json = r.to_json();
                let again = Registry::from_json(json.clone()).unwrap();
                assert_eq!(again.to_json(), json);
            }
            1 => {
                let dot = r.dot(TreeScope::Under { plan: "tx-17-2020".into() }).unwrap();
                assert!(dot.starts_with("digraph kehoach {") && dot.contains("tx-th-kg-2020"), "{dot}");
                assert!(r.mermaid(TreeScope::All).unwrap().contains("hn-2731-2020"));
            }
            2 => {
                let csv = r.compliance_table(TableFormat::Csv, Language::En);
                assert!(csv.starts_with("managing_unit,"), "{csv}");
                assert!(r.compliance().iter().any(|c| c.managing_unit == "tx-pgd"));
            }
            _ => {
                let text = r.text_report(Language::Vi);
                assert!(text.contains("tx-th-kg-2020"), "{text}");
                let copy = r.copy();
                copy.remove_plan("tx-th-kg-2020".into()).unwrap();
                assert!(r.plan("tx-th-kg-2020".into()).is_some(), "a copy's edit shows in the original");
            }
        }
        checks += 1;
    }
    checks
}

#[test]
fn readers_and_writers_share_one_registry() {
    let r: Arc<Registry> = Registry::from_json(HANOI.into()).unwrap();
    let base = r.plan("tx-th-kg-2020".into()).unwrap();
    let wins: Vec<AtomicUsize> = (0..CONTESTED).map(|_| AtomicUsize::new(0)).collect();
    // Every thread starts at once, so that reads and writes interleave from the first call.
    let start = Barrier::new(WRITERS + READERS);
    let (shared, base, wins, start) = (&*r, &base, &wins, &start);
    let (kept, reads) = std::thread::scope(|s| {
        let writers: Vec<_> = (0..WRITERS)
            .map(|w| {
                s.spawn(move || {
                    start.wait();
                    writer(shared, w, base, wins)
                })
            })
            .collect();
        let readers: Vec<_> = (0..READERS)
            .map(|n| {
                s.spawn(move || {
                    start.wait();
                    reader(shared, n)
                })
            })
            .collect();
        // `join` is Err when the thread panicked: every one must have finished normally.
        let kept: Vec<BTreeSet<String>> = writers.into_iter().map(|h| h.join().expect("a writer panicked")).collect();
        let reads: usize = readers.into_iter().map(|h| h.join().expect("a reader panicked")).sum();
        (kept, reads)
    });
    assert_eq!(reads, READERS * ROUNDS);
    // Each contested id was added exactly once.
    assert!(wins.iter().all(|w| w.load(Ordering::SeqCst) == 1));

    // The registry holds exactly what the writers left.
    let hanoi_plans: BTreeSet<String> =
        Registry::from_json(HANOI.into()).unwrap().plans().into_iter().map(|p| p.id).collect();
    let mut expected: BTreeSet<String> = hanoi_plans.clone();
    expected.extend(kept.into_iter().flatten());
    expected.extend((0..CONTESTED).map(|i| format!("shared-{i}")));
    let ids: BTreeSet<String> = r.plans().into_iter().map(|p| p.id).collect();
    assert_eq!(ids, expected);
    assert_eq!(r.unit_count() as usize, 14 + 2 * WRITERS);
    assert!(r.unit("school-w0".into()).unwrap().name.ends_with("(mới)"));

    // It saves to JSON that loads, and judges as that JSON freshly loaded does.
    let json = r.to_json();
    let fresh = Registry::from_json(json.clone()).unwrap();
    assert_eq!(fresh.to_json(), json);
    let report = r.validate();
    assert_eq!(report, fresh.validate());
    assert_eq!(r.validate_to_json(), fresh.validate_to_json());
    assert_eq!(r.text_report(Language::En), fresh.text_report(Language::En));
    assert_eq!(r.dot(TreeScope::All), fresh.dot(TreeScope::All));
    // Every writer's kept plan has the low attendance of its replacement: the quorum finding, not the clean one.
    for id in ids.iter().filter(|id| id.starts_with('w')) {
        assert!(
            report.findings.iter().any(|f| f.rule == Rule::StaffConferenceQuorum && &f.subject.id == id),
            "{id}: {report:?}"
        );
    }
}
