//! The validation report as a `kehoach/report@1` document.

use serde::ser::{Serialize, SerializeMap, SerializeSeq, Serializer};

use crate::report::{Finding, Report};

/// The value of `format` in a report document.
pub const REPORT_FORMAT: &str = "kehoach/report@1";

/// Writes `report` as a report@1 document (two-space indentation, final newline).
pub fn report_to_json(report: &Report) -> String {
    // As in `save`: serializing these types cannot fail.
    let mut out = serde_json::to_string_pretty(&ReportOut(report)).unwrap_or_default();
    out.push('\n');
    out
}

struct ReportOut<'a>(&'a Report);

impl Serialize for ReportOut<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let r = self.0;
        let counts = r.counts();
        let mut m = s.serialize_map(Some(4))?;
        m.serialize_entry("format", REPORT_FORMAT)?;
        m.serialize_entry("conforms", &r.conforms())?;
        m.serialize_entry("counts", &Counts(counts.error, counts.warning, counts.info))?;
        m.serialize_entry("findings", &Findings(r.findings()))?;
        m.end()
    }
}

struct Counts(usize, usize, usize);

impl Serialize for Counts {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(3))?;
        m.serialize_entry("error", &self.0)?;
        m.serialize_entry("warning", &self.1)?;
        m.serialize_entry("info", &self.2)?;
        m.end()
    }
}

struct Findings<'a>(&'a [Finding]);

impl Serialize for Findings<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(Some(self.0.len()))?;
        for f in self.0 {
            seq.serialize_element(&FindingOut(f))?;
        }
        seq.end()
    }
}

/// One finding as report@1 writes it (also the findings of a `kehoach/diff@1` document).
pub(crate) struct FindingOut<'a>(pub(crate) &'a Finding);

impl Serialize for FindingOut<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let f = self.0;
        let mut m = s.serialize_map(None)?;
        m.serialize_entry("rule", f.rule.code())?;
        m.serialize_entry("severity", f.severity.code())?;
        m.serialize_entry("subject", &SubjectOut(f))?;
        if let Some(field) = f.field {
            m.serialize_entry("field", field.code())?;
        }
        if let Some(year) = f.school_year {
            m.serialize_entry("school_year", &year.to_string())?;
        }
        m.serialize_entry("message", &MessageOut(f))?;
        m.serialize_entry("basis", f.basis)?;
        m.end()
    }
}

struct SubjectOut<'a>(&'a Finding);

impl Serialize for SubjectOut<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(2))?;
        m.serialize_entry("kind", self.0.subject.kind().code())?;
        m.serialize_entry("id", self.0.subject.id())?;
        m.end()
    }
}

struct MessageOut<'a>(&'a Finding);

impl Serialize for MessageOut<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(2))?;
        m.serialize_entry("vi", &self.0.message.vi)?;
        m.serialize_entry("en", &self.0.message.en)?;
        m.end()
    }
}
