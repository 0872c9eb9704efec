//! Small helpers that build the wording of messages in both languages.

use std::borrow::Borrow;

use chrono::{Datelike, NaiveDate};

/// How many other members of a cycle or a group a message names before it says "and N more". The offending
/// elements of a subject (its dangling parents, its missing codes) are always all named, as `rules.md` asks;
/// the other members of a cycle or group are context, and a registry with a cycle of a million plans must not
/// give a million messages of a million names.
const MEMBERS_NAMED: usize = 8;

/// `"a", "b", "c"`: every item, the same in both languages (the offending elements are all named, so no
/// "and N more" is ever needed).
pub(super) fn list<S: Borrow<str>>(items: &[S]) -> String {
    items.join(", ")
}

/// `"a", "b" and 3 more`: members of a cycle or group, capped.
pub(super) fn members_en<S: Borrow<str>>(items: &[S], total: usize) -> String {
    members(items, total, "and", "more")
}

/// `"a", "b" và 3 mục khác`: members of a cycle or group, capped.
pub(super) fn members_vi<S: Borrow<str>>(items: &[S], total: usize) -> String {
    members(items, total, "và", "mục khác")
}

/// Names the first [`MEMBERS_NAMED`] of `items` and says how many of `total` are left.
fn members<S: Borrow<str>>(items: &[S], total: usize, and: &str, more: &str) -> String {
    let shown = items.get(..MEMBERS_NAMED).unwrap_or(items);
    let mut s = list(shown);
    let rest = total.saturating_sub(shown.len());
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
    fn offending_elements_are_all_named_and_members_capped() {
        let items: Vec<String> = (0..10).map(|i| q(&i.to_string())).collect();
        assert_eq!(list(&items[..2]), "\"0\", \"1\"");
        assert_eq!(list(&items[..1]), "\"0\"");
        assert!(list(&items).ends_with("\"8\", \"9\""));
        assert!(members_en(&items, 10).ends_with("\"7\" and 2 more"));
        assert!(members_vi(&items[..8], 1000).ends_with("\"7\" và 992 mục khác"));
    }

    #[test]
    fn dates() {
        let d = NaiveDate::from_ymd_opt(2020, 9, 4).unwrap();
        assert_eq!(date_vi(d), "04/9/2020");
        assert_eq!(date_en(d), "2020-09-04");
    }
}
