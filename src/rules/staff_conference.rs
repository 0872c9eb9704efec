//! The staff conference (Hội nghị cán bộ, viên chức) that adopts a school plan: held at all, figures that add
//! up, the two-thirds quorum and the majority over half of those attending (Circular 01/2016/TT-BNV, Art. 2,
//! before 1 July 2023; carried over in practice under Law 10/2022/QH15, Art. 51, since: the basis a finding
//! quotes follows the conference's date), within the school year, and after the parent plan exists. The judged conference is the adopting one (`Plan::adopting_conference`).

use super::wording::{date_en, date_vi, list};
use super::{Checker, PlanView, Rule, plan_label, unit_label};
use crate::catalogue::conditions::{Figures, OPTIONAL_UP_TO};
use crate::model::{Plan, PlanStatus};
use crate::report::{Field, Finding, Message, Subject};

/// The staff-conference rules, on an active plan.
pub(super) fn check(c: &Checker<'_>, view: &PlanView<'_>, out: &mut Vec<Finding>) {
    let (plan, parents) = (view.plan, &view.parents);
    let subject = || Subject::Plan(plan.id.clone());
    let label = plan_label(plan);
    // staff-conference-missing: issued school plans; a draft is not adopted yet.
    if plan.status == PlanStatus::Issued && !plan.has_staff_conference() {
        if let Some(school) = view.admin().filter(|u| u.is_school()) {
            let exempt = school.staff_count().is_some_and(|s| s.get() <= OPTIONAL_UP_TO);
            if !exempt {
                c.emit(out, Rule::StaffConferenceMissing, subject(), Some(Field::Approvals), None, || {
                    let staff_vi = school.staff_count().map_or(String::new(), |s| format!(" ({s} người)"));
                    let staff_en = school.staff_count().map_or(String::new(), |s| format!(" ({s} staff)"));
                    Message {
                        vi: format!(
                            "Kế hoạch {label} của trường {}{staff_vi} đã ban hành nhưng chưa được thông qua tại hội nghị cán bộ, viên chức.",
                            unit_label(school)
                        ),
                        en: format!(
                            "Plan {label} of school {}{staff_en} is issued but was not adopted at a staff conference.",
                            unit_label(school)
                        ),
                    }
                });
            }
        }
    }
    let Some(conf) = plan.adopting_conference() else {
        return;
    };
    let figures = Figures::of(conf);
    let Figures { total, attendees, votes_for, against } = figures;
    let held = conf.held_on;
    // staff-conference-counts
    let mut vi = Vec::new();
    let mut en = Vec::new();
    if figures.attendance_exceeds_staff() {
        vi.push(format!("{attendees} người dự nhiều hơn tổng số {total} người"));
        en.push(format!("{attendees} attended out of {total} staff"));
    }
    if figures.votes_exceed_attendance() {
        vi.push(format!(
            "{votes_for} phiếu tán thành và {against} phiếu không tán thành vượt quá {attendees} người dự"
        ));
        en.push(format!("{votes_for} votes for and {against} against exceed the {attendees} who attended"));
    }
    if !vi.is_empty() {
        c.emit_on(out, Rule::StaffConferenceCounts, subject(), held, || Message {
            vi: format!("Hội nghị ngày {} thông qua kế hoạch {label}: {}.", date_vi(held), vi.join("; ")),
            en: format!("The conference of {} on plan {label}: {}.", date_en(held), en.join("; ")),
        });
    }
    // staff-conference-quorum: at least two thirds attend.
    if !figures.has_quorum() {
        let needed = (total * 2).div_ceil(3);
        c.emit_on(out, Rule::StaffConferenceQuorum, subject(), held, || Message {
            vi: format!(
                "Hội nghị ngày {} thông qua kế hoạch {label}: {attendees} trên {total} người dự, cần ít nhất {needed} (2/3).",
                date_vi(held)
            ),
            en: format!(
                "The conference of {} on plan {label}: {attendees} of {total} staff attended; at least {needed} (two thirds) are needed.",
                date_en(held)
            ),
        });
    }
    // staff-conference-majority: more than half of those attending vote for.
    if !figures.has_majority() {
        let needed = attendees / 2 + 1;
        c.emit_on(out, Rule::StaffConferenceMajority, subject(), held, || Message {
            vi: format!(
                "Hội nghị ngày {} thông qua kế hoạch {label}: {votes_for} trên {attendees} người dự tán thành, cần ít nhất {needed} (quá 50%).",
                date_vi(held)
            ),
            en: format!(
                "The conference of {} on plan {label}: {votes_for} of {attendees} attending voted for; at least {needed} (more than half) are needed.",
                date_en(held)
            ),
        });
    }
    // staff-conference-window
    let year = plan.school_year;
    if !year.contains(held) {
        c.emit(out, Rule::StaffConferenceWindow, subject(), Some(Field::Approvals), None, || Message {
            vi: format!(
                "Hội nghị thông qua kế hoạch {label} họp ngày {}, ngoài năm học {year} ({} - {}).",
                date_vi(held),
                date_vi(year.first_day()),
                date_vi(year.last_day())
            ),
            en: format!(
                "The conference on plan {label} was held on {}, outside school year {year} ({} to {}).",
                date_en(held),
                date_en(year.first_day()),
                date_en(year.last_day())
            ),
        });
    }
    // staff-conference-before-parent: active parents with an issue date only.
    let earlier: Vec<(&Plan, chrono::NaiveDate)> =
        parents.active().filter_map(|p| p.issued_on.map(|d| (p, d))).filter(|&(_, d)| held < d).collect();
    if !earlier.is_empty() {
        c.emit(out, Rule::StaffConferenceBeforeParent, subject(), Some(Field::Approvals), None, || {
            let vi: Vec<String> =
                earlier.iter().map(|(p, d)| format!("{} ngày {}", plan_label(p), date_vi(*d))).collect();
            let en: Vec<String> =
                earlier.iter().map(|(p, d)| format!("{} of {}", plan_label(p), date_en(*d))).collect();
            Message {
                vi: format!(
                    "Hội nghị thông qua kế hoạch {label} họp ngày {}, trước khi ban hành kế hoạch cấp trên: {}.",
                    date_vi(held),
                    list(&vi)
                ),
                en: format!(
                    "The conference on plan {label} was held on {}, before its parent plans were issued: {}.",
                    date_en(held),
                    list(&en)
                ),
            }
        });
    }
}
