//! Writing a registry as a `kehoach/registry@1` document: fields in the spec's order, absent optional fields
//! and empty arrays omitted, two-space indentation and a final newline.

use serde::ser::{Serialize, SerializeMap, SerializeSeq, Serializer};

use super::FORMAT;
use crate::model::{Approval, ContentArea, Plan, Profile, Review, Unit};
use crate::registry::Registry;

/// Writes `registry` as a registry@1 document. Units and plans come in the order they were added, which for
/// a loaded registry is the document's order; `profile` is written only when it is not the default.
///
/// ```
/// let json = "{\n  \"format\": \"kehoach/registry@1\",\n  \"units\": [],\n  \"plans\": []\n}\n";
/// let registry = kehoach::format::load_str(json).unwrap();
/// assert_eq!(kehoach::format::save(&registry), json);
/// ```
pub fn save(registry: &Registry) -> String {
    // Serializing these types cannot fail: every key is a string and no `Serialize` impl here returns an
    // error. The fallback is unreachable and keeps the function free of panics.
    let mut out = serde_json::to_string_pretty(&Doc(registry)).unwrap_or_default();
    out.push('\n');
    out
}

/// Writes `registry` as a registry@1 document on one line, with no indentation (and a final newline): the
/// same document as [`save`] in about 60 % of the bytes, for storage and transfer. [`crate::format::load`]
/// reads both.
///
/// ```
/// let registry = kehoach::format::load_str(&kehoach::format::save(&kehoach::Registry::default())).unwrap();
/// assert_eq!(kehoach::format::save_compact(&registry), "{\"format\":\"kehoach/registry@1\",\"units\":[],\"plans\":[]}\n");
/// ```
pub fn save_compact(registry: &Registry) -> String {
    // As in `save`: serializing these types cannot fail.
    let mut out = serde_json::to_string(&Doc(registry)).unwrap_or_default();
    out.push('\n');
    out
}

struct Doc<'a>(&'a Registry);

impl Serialize for Doc<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let reg = self.0;
        let mut m = s.serialize_map(None)?;
        m.serialize_entry("format", FORMAT)?;
        if reg.profile() != Profile::default() {
            m.serialize_entry("profile", reg.profile().code())?;
        }
        if !reg.overrides().is_empty() {
            m.serialize_entry("rules", &Rules(reg))?;
        }
        m.serialize_entry("units", &Seq(reg.units().map(UnitOut)))?;
        m.serialize_entry("plans", &Seq(reg.plans().map(PlanOut)))?;
        m.end()
    }
}

struct Rules<'a>(&'a Registry);

impl Serialize for Rules<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(self.0.overrides().len()))?;
        for (rule, level) in self.0.overrides() {
            m.serialize_entry(rule.code(), level.code())?;
        }
        m.end()
    }
}

/// Serializes the items of an iterator as an array (the iterator is cloned, so serializing twice works).
struct Seq<I>(I);

impl<I: Iterator<Item = T> + Clone, T: Serialize> Serialize for Seq<I> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(None)?;
        for item in self.0.clone() {
            seq.serialize_element(&item)?;
        }
        seq.end()
    }
}

fn strs<'a, T: AsRef<str> + 'a>(items: &'a [T]) -> Seq<impl Iterator<Item = &'a str> + Clone> {
    Seq(items.iter().map(AsRef::as_ref))
}

/// One unit as registry@1 writes it (also in a `kehoach/diff@1` document).
pub(crate) struct UnitOut<'a>(pub(crate) &'a Unit);

impl Serialize for UnitOut<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let u = self.0;
        let mut m = s.serialize_map(None)?;
        m.serialize_entry("id", u.id.as_str())?;
        m.serialize_entry("name", u.name.as_str())?;
        m.serialize_entry("kind", u.kind().code())?;
        if let Some(p) = &u.parent {
            m.serialize_entry("parent", p.as_str())?;
        }
        if let Some(c) = u.counterpart() {
            m.serialize_entry("counterpart", c.as_str())?;
        }
        if let Some(level) = u.school_level() {
            m.serialize_entry("school_level", level.code())?;
        }
        if let Some(staff) = u.staff_count() {
            m.serialize_entry("staff_count", &staff.get())?;
        }
        m.end()
    }
}

/// One plan as registry@1 writes it (also in a `kehoach/diff@1` document).
pub(crate) struct PlanOut<'a>(pub(crate) &'a Plan);

impl Serialize for PlanOut<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let p = self.0;
        let mut m = s.serialize_map(None)?;
        m.serialize_entry("id", p.id.as_str())?;
        if let Some(n) = &p.number {
            m.serialize_entry("number", n.as_str())?;
        }
        m.serialize_entry("title", p.title.as_str())?;
        m.serialize_entry("school_year", &p.school_year.to_string())?;
        m.serialize_entry("status", p.status.code())?;
        if let Some(d) = p.issued_on {
            m.serialize_entry("issued_on", &date(d))?;
        }
        m.serialize_entry("issuers", &strs(&p.issuers))?;
        if !p.implements.is_empty() {
            m.serialize_entry("implements", &strs(&p.implements))?;
        }
        if !p.content_areas.is_empty() {
            m.serialize_entry("content_areas", &Seq(p.content_areas.iter().map(AreaOut)))?;
        }
        if !p.approvals.is_empty() {
            m.serialize_entry("approvals", &Seq(p.approvals.iter().map(ApprovalOut)))?;
        }
        if !p.reviews.is_empty() {
            m.serialize_entry("reviews", &Seq(p.reviews.iter().map(ReviewOut)))?;
        }
        m.end()
    }
}

/// `YYYY-MM-DD`; the registry only holds years 0001–9999.
fn date(d: chrono::NaiveDate) -> String {
    crate::model::date::write_iso_date(d)
}

struct AreaOut<'a>(&'a ContentArea);

impl Serialize for AreaOut<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let a = self.0;
        let mut m = s.serialize_map(None)?;
        m.serialize_entry("code", a.code.as_str())?;
        m.serialize_entry("title", a.title.as_str())?;
        if !a.addresses.is_empty() {
            m.serialize_entry("addresses", &strs(&a.addresses))?;
        }
        m.end()
    }
}

struct ApprovalOut<'a>(&'a Approval);

impl Serialize for ApprovalOut<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(None)?;
        match self.0 {
            Approval::StaffConference(c) => {
                m.serialize_entry("kind", "staff_conference")?;
                m.serialize_entry("held_on", &date(c.held_on))?;
                m.serialize_entry("staff_total", &c.staff_total.get())?;
                m.serialize_entry("attendees", &c.attendees.get())?;
                m.serialize_entry("votes_for", &c.votes_for.get())?;
                if let Some(v) = c.votes_against {
                    m.serialize_entry("votes_against", &v.get())?;
                }
            }
            Approval::Signing { held_on } => {
                m.serialize_entry("kind", "signing")?;
                m.serialize_entry("held_on", &date(*held_on))?;
            }
        }
        m.end()
    }
}

struct ReviewOut<'a>(&'a Review);

impl Serialize for ReviewOut<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(2))?;
        m.serialize_entry("kind", self.0.kind.code())?;
        m.serialize_entry("held_on", &date(self.0.held_on))?;
        m.end()
    }
}
