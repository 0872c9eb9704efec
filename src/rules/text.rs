//! Small helpers that build the wording of messages in both languages.

use chrono::{Datelike, NaiveDate};

/// How many items a message lists before it says "and N more".
const LISTED: usize = 8;

/// `"a", "b" and 3 more`.
pub(super) fn list_en<S: AsRef<str>>(items: &[S]) -> String {
    list(items, "and", "more")
}

/// `"a", "b" và 3 mục khác`.
pub(super) fn list_vi<S: AsRef<str>>(items: &[S]) -> String {
    list(items, "và", "mục khác")
}

fn list<S: AsRef<str>>(items: &[S], and: &str, more: &str) -> String {
    let shown: Vec<&str> = items.iter().take(LISTED).map(AsRef::as_ref).collect();
    let rest = items.len().saturating_sub(LISTED);
    let mut s = shown.join(", ");
    if rest > 0 {
        s.push_str(&format!(" {and} {rest} {more}"));
    }
    s
}

/// Quotes an id: `"cg-2020"`.
pub(super) fn q(s: &str) -> String {
    format!("\"{s}\"")
}

/// A date as Vietnamese documents write it: `04/9/2020`.
pub(super) fn date_vi(d: NaiveDate) -> String {
    format!("{:02}/{}/{}", d.day(), d.month(), d.year())
}

/// A date in ISO form: `2020-09-04`.
pub(super) fn date_en(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_are_capped() {
        let items: Vec<String> = (0..10).map(|i| q(&i.to_string())).collect();
        assert_eq!(list_en(&items[..2]), "\"0\", \"1\"");
        assert!(list_en(&items).ends_with("\"7\" and 2 more"));
        assert!(list_vi(&items).ends_with("\"7\" và 2 mục khác"));
    }

    #[test]
    fn dates() {
        let d = NaiveDate::from_ymd_opt(2020, 9, 4).unwrap();
        assert_eq!(date_vi(d), "04/9/2020");
        assert_eq!(date_en(d), "2020-09-04");
    }
}
