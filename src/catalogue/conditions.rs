//! The conditions the rules judge one plan by, from the plan's own data alone: the document types a plan may
//! carry, the staff conference's figures and its quorum and majority, and whether any rule that reads nothing
//! but the plan could speak about it.
//!
//! They sit below the registry because the registry takes a summary of each plan as it comes in
//! ([`plan_is_locally_sound`], read by the full check's screen), and the rule families call the same
//! predicates to decide and to word their findings: each condition is stated here once.

use crate::model::{Plan, PlanStatus, StaffConference};

/// The document types a coordination plan may carry: Decree 30's `KH`, and the joint-plan conventions.
pub(crate) const PLAN_TYPES: [&str; 3] = ["KH", "KHLT", "KHPH"];

/// A school of this many staff or fewer need not hold a conference (Law 10/2022/QH15, Art. 51(2)).
pub(crate) const OPTIONAL_UP_TO: u32 = 7;

/// Whether no rule that reads nothing but `plan` itself (`plan-issued-fields`, the three document-number
/// format rules, `school-year-window`, and `staff-conference-counts`, `-quorum`, `-majority` and `-window` on
/// the adopting conference) would say anything about it, whatever their severity. The full check reads a
/// plan only when this or another part of the registry's summary leaves a finding possible; test builds
/// check every plan it skips in full as well, so a condition changed in a rule and not here fails the tests.
pub(crate) fn plan_is_locally_sound(plan: &Plan) -> bool {
    numbers_are_sound(plan) && conference_is_sound(plan)
}

/// The number and date conditions of [`plan_is_locally_sound`].
fn numbers_are_sound(plan: &Plan) -> bool {
    let fields = plan.status != PlanStatus::Issued || (plan.number.is_some() && plan.issued_on.is_some());
    let number = plan.number.as_ref().is_none_or(|number| {
        !number.has_spacing()
            && number.defect().is_none()
            && PLAN_TYPES.contains(&number.document_type().unwrap_or_default())
    });
    let window = plan.issued_on.is_none_or(|date| plan.school_year.contains(date));
    fields && number && window
}

/// The staff-conference conditions of [`plan_is_locally_sound`], on the adopting conference.
fn conference_is_sound(plan: &Plan) -> bool {
    let Some(conf) = plan.adopting_conference() else {
        return true;
    };
    let f = Figures::of(conf);
    !f.attendance_exceeds_staff()
        && !f.votes_exceed_attendance()
        && f.has_quorum()
        && f.has_majority()
        && plan.school_year.contains(conf.held_on)
}

/// A conference's figures, widened so that no product overflows, and the conditions the rules judge them by.
pub(crate) struct Figures {
    pub(crate) total: u64,
    pub(crate) attendees: u64,
    pub(crate) votes_for: u64,
    pub(crate) against: u64,
}

impl Figures {
    pub(crate) fn of(conf: &StaffConference) -> Figures {
        Figures {
            total: conf.staff_total.wide(),
            attendees: conf.attendees.wide(),
            votes_for: conf.votes_for.wide(),
            against: conf.votes_against.map_or(0, |v| v.wide()),
        }
    }

    pub(crate) fn attendance_exceeds_staff(&self) -> bool {
        self.attendees > self.total
    }

    pub(crate) fn votes_exceed_attendance(&self) -> bool {
        self.votes_for + self.against > self.attendees
    }

    /// At least two thirds of the staff attend.
    pub(crate) fn has_quorum(&self) -> bool {
        self.attendees * 3 >= self.total * 2
    }

    /// More than half of those attending vote for.
    pub(crate) fn has_majority(&self) -> bool {
        self.votes_for * 2 > self.attendees
    }
}
