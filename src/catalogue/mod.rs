//! What the rules are, apart from how they are checked: the catalogue of rules (stable codes, families,
//! default severities, titles, legal bases) and the conditions they judge a plan by from its own data.
//!
//! This layer sits between the model and the registry: the registry keeps severity overrides (document data,
//! the `rules` object of `kehoach/registry@1`) and a per-plan summary that reads the conditions, and the
//! report names rules; none of them needs the rule engine (`rules`), which sits above the registry.

pub(crate) mod conditions;
mod rule;

pub use rule::{Family, Rule};
