//! The loader: one strict, fast pass straight into the registry, and, only when that pass fails, a slower
//! pass that finds where.
//!
//! The fast pass deserializes with hand-written visitors into the model (strings borrowed from the input
//! where the JSON has no escape, every field checked as it is read, unknown and repeated keys refused) and
//! adds each unit and plan to the registry as it arrives, so no intermediate document is ever built. What
//! can only be judged from several fields (a `staff_count` on a unit that is not a school, two content areas
//! with one code, an id used twice) is recorded with its JSON path, the first in document order, and the
//! parse goes on; it is reported once the document has parsed.
//!
//! When the fast pass fails, the error must name its place, and the spec fixes an order: JSON syntax and
//! UTF-8 first, then `format`, then the rest. So the slow pass checks syntax on its own (decoding every
//! string, which catches lone surrogates), then reads `format` alone, then repeats the typed pass under
//! `serde_path_to_error` to learn the path. The fast pass pays nothing for any of this.
//!
//! A large document is read by this fast pass in two parts at once, on two threads (`split`); the pieces of
//! the loader that both parts share (`Loader::add_plan`, `Loader::finish`, `PlanSeed`) are here.

use std::borrow::Cow;
use std::cell::Cell;
use std::fmt;

use serde::de::{self, Deserialize, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};

use super::fields::{ApprovalKind, Date, Enum, JsonCount, Str, StrSeed, Year, preview};
use super::{Limits, LoadError};
use crate::catalogue::Rule;
use crate::model::{
    AdministrationKind, Approval, AreaCode, ContentArea, ContentAreas, Count, DocumentNumber, Level, Plan, PlanId,
    PlanStatus, Profile, Review, ReviewKind, Role, SchoolLevel, StaffConference, Text, UnionKind, Unit, UnitId,
    UnitKind,
};
use crate::registry::{Adopter, Prepared, Registry};

/// The value of `format` this reader understands.
pub const FORMAT: &str = "kehoach/registry@1";

/// Loads a registry from the bytes of a registry@1 document.
pub(super) fn load(bytes: &[u8], limits: &Limits) -> Result<Registry, LoadError> {
    if bytes.len() > limits.max_bytes {
        return Err(LoadError::TooLarge { bytes: bytes.len(), limit: limits.max_bytes });
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if let Some(loaded) = super::split::load(bytes, limits) {
        return loaded;
    }
    load_one_thread(bytes, limits)
}

/// Loads a registry from the bytes of a registry@1 document (its byte-order mark removed), on this thread.
pub(super) fn load_one_thread(bytes: &[u8], limits: &Limits) -> Result<Registry, LoadError> {
    let mut loader = Loader::for_document(*limits, bytes.len());
    // Checking the UTF-8 once, up front, lets the parser skip checking each string: `from_str` trusts its
    // input. A document that is not UTF-8 goes straight to the slow pass, which says where.
    let Ok(text) = std::str::from_utf8(bytes) else {
        return Err(locate(bytes, &de::Error::custom("the document is not valid UTF-8"), limits));
    };
    let mut de = serde_json::Deserializer::from_str(text);
    match DocumentSeed(&mut loader).deserialize(&mut de).and_then(|()| de.end()) {
        Ok(()) => loader.finish(false),
        Err(fast) => Err(locate(bytes, &fast, limits)),
    }
}

/// The slow pass: finds the error the spec's order says to report, with its place.
pub(super) fn locate(bytes: &[u8], fast: &serde_json::Error, limits: &Limits) -> LoadError {
    // 1. JSON syntax, UTF-8 and escapes, and nesting depth.
    let mut de = serde_json::Deserializer::from_slice(bytes);
    if let Err(e) = (SyntaxCheck { depth: 0, max: limits.max_depth }).deserialize(&mut de).and_then(|()| de.end()) {
        return LoadError::Syntax { line: e.line(), column: e.column(), detail: detail(&e) };
    }
    // 2. The document is an object whose `format` is the one this reader understands.
    if let Some(err) = check_format(bytes) {
        return err;
    }
    // 3. The typed pass again, tracking the path.
    let mut loader = Loader::new(*limits);
    let mut track = serde_path_to_error::Track::new();
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let result = DocumentSeed(&mut loader).deserialize(serde_path_to_error::Deserializer::new(&mut de, &mut track));
    let (e, path) = match result {
        Err(e) => (e, track.path().to_string()),
        Ok(()) => (clone_error(fast), String::from(".")),
    };
    let mut message = detail(&e);
    let mut path = if path == "." { String::new() } else { path };
    // A missing field is named by its would-be path (`plans[1].title`).
    if let Some(field) = message.strip_prefix("missing field `").and_then(|r| r.strip_suffix('`')) {
        if !path.is_empty() {
            path.push('.');
        }
        path.push_str(field);
        message = "this required field is missing".to_owned();
    }
    LoadError::Invalid {
        path,
        detail: message,
        line: Some(e.line()).filter(|&l| l > 0),
        column: Some(e.column()).filter(|&c| c > 0),
    }
}

fn clone_error(e: &serde_json::Error) -> serde_json::Error {
    de::Error::custom(detail(e))
}

/// A serde_json error's message without the " at line L column C" serde_json appends.
fn detail(e: &serde_json::Error) -> String {
    let s = e.to_string();
    match s.rsplit_once(" at line ") {
        Some((message, _)) => message.to_owned(),
        None => s,
    }
}

fn check_format(bytes: &[u8]) -> Option<LoadError> {
    #[derive(serde::Deserialize)]
    struct Probe {
        format: Option<serde_json::Value>,
    }
    let first = bytes.iter().find(|b| !b" \t\r\n".contains(b)).copied();
    if first != Some(b'{') {
        return Some(LoadError::Format { found: None, detail: "the document is not a JSON object".into() });
    }
    match serde_json::from_slice::<Probe>(bytes) {
        Err(_) => Some(LoadError::Invalid {
            path: "format".into(),
            detail: "the key \"format\" is given twice".into(),
            line: None,
            column: None,
        }),
        Ok(Probe { format: None }) => Some(LoadError::Format {
            found: None,
            detail: format!("the document has no \"format\"; a registry says \"format\": \"{FORMAT}\""),
        }),
        Ok(Probe { format: Some(serde_json::Value::String(s)) }) if s == FORMAT => None,
        Ok(Probe { format: Some(v) }) => {
            let found = match &v {
                serde_json::Value::String(s) => s.clone(),
                other => other.to_string(),
            };
            Some(LoadError::Format {
                detail: format!("\"format\" is {v}; this reader understands only \"{FORMAT}\""),
                found: Some(found),
            })
        }
    }
}

/// Walks any JSON value, decoding every string (so that a lone surrogate or invalid UTF-8 is found) and
/// counting the nesting, without keeping anything.
#[derive(Clone, Copy)]
struct SyntaxCheck {
    depth: usize,
    max: usize,
}

impl SyntaxCheck {
    /// The check one level down, or an error beyond [`Limits::max_depth`].
    fn deeper<E: de::Error>(self) -> Result<SyntaxCheck, E> {
        if self.depth >= self.max {
            return Err(E::custom(format!(
                "arrays and objects are nested more than {} deep (Limits::max_depth)",
                self.max
            )));
        }
        Ok(SyntaxCheck { depth: self.depth + 1, max: self.max })
    }
}

impl<'de> DeserializeSeed<'de> for SyntaxCheck {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for SyntaxCheck {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_bool<E>(self, _: bool) -> Result<(), E> {
        Ok(())
    }
    fn visit_i64<E>(self, _: i64) -> Result<(), E> {
        Ok(())
    }
    fn visit_u64<E>(self, _: u64) -> Result<(), E> {
        Ok(())
    }
    fn visit_f64<E>(self, _: f64) -> Result<(), E> {
        Ok(())
    }
    fn visit_str<E>(self, _: &str) -> Result<(), E> {
        Ok(())
    }
    fn visit_unit<E>(self) -> Result<(), E> {
        Ok(())
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let inner = self.deeper()?;
        while seq.next_element_seed(inner)?.is_some() {}
        Ok(())
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let inner = self.deeper()?;
        while map.next_key_seed(inner)?.is_some() {
            map.next_value_seed(inner)?;
        }
        Ok(())
    }
}

// ---- the typed pass ---------------------------------------------------------------------------------

#[derive(Default)]
pub(super) struct Loader {
    limits: Limits,
    reg: Registry,
    pub(super) strings: Interner,
    /// The first error that several fields together show, with its path, in document order.
    pending: Option<LoadError>,
    /// The node index of `units[0]` / `plans[0]`, to name the earlier holder of a duplicate id.
    units_base: usize,
    plans_base: usize,
    /// The index of the unit whose field error is `pending`, if one is.
    unit_failed_at: Option<usize>,
    /// Ids of units, with their index, written otherwise than they are held (not in NFC), until a unit fails.
    unit_ids_written: Vec<(usize, String)>,
    /// What the document's top level has said so far: read as it comes, applied by [`Loader::finish`], so that
    /// a document read in two parts (`split`) keeps what its first part said.
    format_read: bool,
    units_read: bool,
    profile: Option<Enum<Profile>>,
    rules: Option<Vec<(Rule, Level)>>,
    /// How many plans have been read.
    plans_read: usize,
    /// Whether the reader stands between two elements of the plans array: the place where a document read in
    /// two parts may end its first part (see `split`).
    pub(super) between_plans: Cell<bool>,
    /// Whether this loader reads the first of two parts, which must give `format` and `units` before `plans`.
    pub(super) first_of_two: bool,
}

impl Loader {
    fn new(limits: Limits) -> Loader {
        Loader { limits, reg: Registry::with_limits(crate::model::Profile::default(), limits), ..Loader::default() }
    }

    /// A loader for a document of `len` bytes, its tables sized for it.
    pub(super) fn for_document(limits: Limits, len: usize) -> Loader {
        let mut loader = Loader::new(limits);
        // A registry@1 document spends a few hundred bytes per unit or plan: reserving for one node per 300
        // bytes spares the node array several doublings (reserved but untouched memory costs nothing).
        //
        // The maps of ids are another matter, as how units and plans divide is not known: one school year has
        // two units per plan, ten years one unit per five plans.
        // - The plan map gets room for half the nodes. A map that outgrows its room rehashes every key it holds,
        //   each key's text a cache miss once the plans outnumber what the caches hold (1.4 % of loading ten
        //   national years).
        // - The unit map is sized when the units array ends, for the units it holds (`index_units`). Every plan
        //   looks its issuers up in it, at random, so its size is what counts: room for two thirds of the nodes
        //   (until 2026-12-04) spread the 97,000 units of ten years over 24 MB, and two thirds of the time of
        //   connecting the graph went to missing them (docs/PERFORMANCE.md, *Room for the units*).
        let nodes = len / 300;
        loader.reg.reserve(nodes, 0, nodes / 2);
        loader.strings.reserve(len / 4000);
        loader
    }

    /// Whether the document's top level has given `format` and `units` (`plans` is being read).
    pub(super) fn has_read_format_and_units(&self) -> bool {
        self.format_read && self.units_read
    }

    /// How many plans have been read.
    pub(super) fn plans_read(&self) -> usize {
        self.plans_read
    }

    /// Adds the next plan of the document, or notes what is wrong with it.
    /// `prepared` is what a `Preparer` took of it, if one did, with the adopter of that preparer's sequences.
    pub(super) fn add_plan(
        &mut self,
        written: &str,
        parsed: Result<Box<Plan>, FieldError>,
        prepared: Option<(Prepared, &mut Adopter)>,
    ) {
        let i = self.plans_read;
        self.plans_read += 1;
        match parsed {
            Ok(plan) => {
                if let Err(earlier) = self.reg.insert_unconnected_plan(plan, prepared) {
                    let at = earlier.index().saturating_sub(self.plans_base);
                    self.defer(format!("plans[{i}].id"), format!("\"{written}\" already used by plans[{at}]"));
                }
            }
            Err((field, detail)) => self.defer(format!("plans[{i}].{field}"), detail),
        }
    }

    /// Adds the units of `batch`, the first of them `units[i]`, in order; returns the index of the next. Their
    /// ids are entered in the map of ids when the array ends ([`Loader::index_units`]).
    fn add_units(&mut self, batch: &mut Vec<(Cow<'_, str>, Result<Unit, FieldError>)>, mut i: usize) -> usize {
        for (written, unit) in batch.drain(..) {
            match unit {
                Ok(unit) => {
                    // Until a unit fails, `units[i]` is the i-th unit node: keep an id written otherwise than
                    // it is held (not in NFC) for the error that would name it.
                    if self.unit_failed_at.is_none() && written != unit.id.as_str() {
                        self.unit_ids_written.push((i, written.into_owned()));
                    }
                    self.reg.insert_unindexed_unit(unit);
                }
                Err((field, detail)) => {
                    if self.pending.is_none() {
                        self.unit_failed_at = Some(i);
                    }
                    self.defer(format!("units[{i}].{field}"), detail);
                }
            }
            i += 1;
        }
        i
    }

    /// Enters the ids of the units read in the map of ids, after the units array. A taken id is an error at
    /// the later unit, which comes before the pending error if that is of a later unit.
    fn index_units(&mut self) {
        let mut duplicate = None;
        self.reg.index_units(self.units_base, |k, unit, earlier| {
            if duplicate.is_none() {
                duplicate = Some((k, unit.id.to_string(), earlier.index()));
            }
        });
        let (failed_at, written) = (self.unit_failed_at.take(), std::mem::take(&mut self.unit_ids_written));
        let Some((k, id, earlier)) = duplicate else { return };
        // Before the first failed unit, offset `k` is `units[k]`.
        let first = match failed_at {
            Some(f) => k < f,
            None => self.pending.is_none(),
        };
        if first {
            let written = written.into_iter().find(|(i, _)| *i == k).map_or(id, |(_, w)| w);
            let at = earlier.saturating_sub(self.units_base);
            self.pending = None;
            self.defer(format!("units[{k}].id"), format!("\"{written}\" already used by units[{at}]"));
        }
    }

    /// Adds the plans of `batch`, in order.
    fn add_plans(&mut self, batch: &mut Vec<ParsedPlan<'_>>) {
        for (written, parsed) in batch.drain(..) {
            self.add_plan(&written, parsed, None);
        }
    }

    /// The registry the document describes, or the first error that several fields together show.
    pub(super) fn finish(self, two_threads: bool) -> Result<Registry, LoadError> {
        if let Some(err) = self.pending {
            return Err(err);
        }
        let mut reg = self.reg;
        if let Some(Enum(p)) = self.profile {
            reg.set_profile(p);
        }
        for (rule, level) in self.rules.unwrap_or_default() {
            reg.set_override(rule, Some(level));
        }
        if two_threads {
            reg.connect_all_on_two_threads();
        } else {
            reg.connect_all();
        }
        Ok(reg)
    }

    fn defer(&mut self, path: String, detail: String) {
        if self.pending.is_none() {
            self.pending = Some(LoadError::Invalid { path, detail, line: None, column: None });
        }
    }
}

/// How many units or plans are read before they are added to the registry. Reading one and adding it straight
/// away runs the parser's code and the registry's in turn for every entity, and once the registry's tables
/// outgrow the caches, adding one evicts the parser's code from them. In batches each stays resident for a
/// while, and the entities read meanwhile (some tens of kilobytes) stay in the data caches: ten national years
/// load 3–6 % faster on one core, one year as fast (docs/PERFORMANCE.md). The order of adding, and so every
/// error, is the same.
const BATCH: usize = 64;

/// A key of a JSON object, borrowed when it has no escape.
struct Key<'a>(Cow<'a, str>);

impl<'de> Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Key<'de>, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Cow<'de, str>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a key")
            }
            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
                Ok(Cow::Borrowed(v))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                Ok(Cow::Owned(v.to_owned()))
            }
        }
        d.deserialize_str(V).map(Key)
    }
}

/// Refuses the value of the key just read, so that the error's path ends in that key (`units[2].colour`).
struct Reject(String);

impl<'de> DeserializeSeed<'de> for Reject {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, _: D) -> Result<(), D::Error> {
        Err(de::Error::custom(self.0))
    }
}

#[cold]
#[inline(never)]
fn unknown_key<'de, A: MapAccess<'de>>(map: &mut A, key: &str, expected: &[&str]) -> Result<(), A::Error> {
    map.next_value_seed(Reject(format!(
        "unknown field \"{}\"; the fields here are {}",
        preview(key),
        expected.join(", ")
    )))
}

/// Reads the value of `key` into `slot`, refusing a key given twice.
fn take<'de, A: MapAccess<'de>, T: Deserialize<'de>>(
    map: &mut A,
    slot: &mut Option<T>,
    key: &str,
) -> Result<(), A::Error> {
    if slot.is_some() {
        return given_twice(map, key);
    }
    *slot = Some(map.next_value()?);
    Ok(())
}

/// Refuses a key given a second time. Out of line and cold: every field of every entry checks for it, and
/// keeping its message-building out of the readers keeps the loader's hot code small (fewer instruction-cache
/// misses per entry, which is where short-string documents spend their time: docs/PERFORMANCE.md).
#[cold]
#[inline(never)]
fn given_twice<'de, A: MapAccess<'de>>(map: &mut A, key: &str) -> Result<(), A::Error> {
    map.next_value_seed(Reject(format!("the key \"{key}\" is given twice")))
}

fn required<T, E: de::Error>(slot: Option<T>, key: &'static str) -> Result<T, E> {
    match slot {
        Some(v) => Ok(v),
        None => Err(missing(key)),
    }
}

/// The error of a missing field, out of line (see [`given_twice`]).
#[cold]
#[inline(never)]
fn missing<E: de::Error>(key: &'static str) -> E {
    E::missing_field(key)
}

/// Shares equal strings: a national registry repeats the same plan titles, content-area codes, titles and
/// addresses, and names the same few managing units and parent plans in `parent` and `implements`, so most
/// of its strings are copies of a few. Each distinct one is normalised and allocated once and its copies
/// share it, which saves most of the loader's allocations and memory (and lets equal texts compare by
/// pointer). Strings that are nearly all distinct (ids, names, counterparts, issuers) are not looked up: a
/// look-up that always misses would only cost time.
#[derive(Default)]
pub(super) struct Interner {
    set: rustc_hash::FxHashSet<Text>,
    /// The short texts last asked for, by their bytes, in front of `set` (empty until the first is asked).
    /// Most of the strings a plan shares are short (content-area codes and addresses, ids of parent plans and
    /// units): finding them here rather than in the set takes half the instructions and no call to
    /// `memcmp`; short strings load about 4 % faster, the others as fast (docs/PERFORMANCE.md, *Short texts
    /// shared*).
    recent: Vec<Option<(Short, Text)>>,
}

/// How many short texts [`Interner`] keeps in front of its set: 128 make 5 KB, which stay in the L1 cache.
const RECENT: usize = 128;
const _: () = assert!(RECENT.is_power_of_two());

/// A string of 1 to 16 bytes, as two words and its length, which together give every byte: a string this
/// short is compared as integers, without a call to `memcmp`, and placed without hashing it byte by byte.
#[derive(Clone, Copy, PartialEq, Eq)]
struct Short {
    head: u64,
    tail: u64,
    len: usize,
}

impl Short {
    /// `s` as a `Short`, if it has 1 to 16 bytes.
    fn of(s: &str) -> Option<Short> {
        let b = s.as_bytes();
        let len = b.len();
        let word = |at: usize| b.get(at..at + 8).and_then(|w| w.try_into().ok()).map_or(0, u64::from_le_bytes);
        let half = |at: usize| b.get(at..at + 4).and_then(|w| w.try_into().ok()).map_or(0, u32::from_le_bytes);
        // Two reads that overlap cover the string: 8 bytes at each end, or 4, or three single bytes.
        let (head, tail) = match len {
            0 => return None,
            1..=3 => {
                let byte = |at: usize| b.get(at).map_or(0, |&x| u64::from(x));
                (byte(0) | byte(len / 2) << 8 | byte(len - 1) << 16, 0)
            }
            4..=7 => (u64::from(half(0)), u64::from(half(len - 4))),
            8..=16 => (word(0), word(len - 8)),
            _ => return None,
        };
        Some(Short { head, tail, len })
    }

    /// Its place in `Interner::recent`.
    fn slot(self) -> usize {
        let mixed = (self.head ^ self.tail.rotate_left(29) ^ self.len as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        (mixed >> (64 - RECENT.trailing_zeros())) as usize
    }
}

impl Interner {
    /// Makes room for `n` distinct texts.
    pub(super) fn reserve(&mut self, n: usize) {
        self.set.reserve(n);
    }

    /// The shared text equal to `s` after NFC (`s` is never empty: it comes from a `Str`).
    fn text(&mut self, s: &str) -> Text {
        let Some(short) = Short::of(s) else {
            return self.in_set(s);
        };
        if self.recent.is_empty() {
            self.recent.resize(RECENT, None);
        }
        let slot = short.slot();
        if let Some(Some((seen, t))) = self.recent.get(slot) {
            if *seen == short {
                return t.clone();
            }
        }
        let t = self.in_set(s);
        if let Some(place) = self.recent.get_mut(slot) {
            *place = Some((short, t.clone()));
        }
        t
    }

    /// [`Interner::text`], from the set.
    fn in_set(&mut self, s: &str) -> Text {
        if let Some(t) = self.set.get(s) {
            return t.clone();
        }
        let t = Text::from_non_empty(s);
        if let Some(existing) = self.set.get(t.as_str()) {
            // `s` was not in NFC, and its NFC form was seen before.
            return existing.clone();
        }
        self.set.insert(t.clone());
        t
    }
}

pub(super) struct DocumentSeed<'l>(pub(super) &'l mut Loader);

const DOCUMENT_FIELDS: &[&str] = &["format", "profile", "rules", "units", "plans"];

impl<'de> DeserializeSeed<'de> for DocumentSeed<'_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for DocumentSeed<'_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a registry document (a JSON object)")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let loader = self.0;
        let (mut format, mut plans) = (None, None);
        while let Some(Key(key)) = map.next_key::<Key<'de>>()? {
            match key.as_ref() {
                "format" => {
                    take_with(&mut map, &mut format, "format", StrSeed(loader.limits.max_string_bytes))?;
                    if let Some(Str(f)) = &format {
                        if f != FORMAT {
                            return Err(de::Error::custom(format!(
                                "\"format\" is \"{}\"; this reader understands only \"{FORMAT}\"",
                                preview(f)
                            )));
                        }
                    }
                    loader.format_read = true;
                }
                "profile" => take::<_, Enum<Profile>>(&mut map, &mut loader.profile, "profile")?,
                "rules" => {
                    if loader.rules.is_some() {
                        given_twice(&mut map, "rules")?;
                    }
                    loader.rules = Some(map.next_value_seed(RulesSeed)?);
                }
                "units" => {
                    if loader.units_read {
                        given_twice(&mut map, "units")?;
                    }
                    loader.units_base = loader.reg.node_bound();
                    map.next_value_seed(UnitsSeed(loader))?;
                    loader.units_read = true;
                }
                "plans" => {
                    if plans.is_some() {
                        given_twice(&mut map, "plans")?;
                    }
                    if loader.first_of_two && !loader.has_read_format_and_units() {
                        return Err(de::Error::custom("the plans come before the units: read on one thread"));
                    }
                    loader.plans_base = loader.reg.node_bound();
                    map.next_value_seed(PlansSeed(loader))?;
                    plans = Some(());
                }
                other => unknown_key(&mut map, other, DOCUMENT_FIELDS)?,
            }
        }
        required::<_, A::Error>(format, "format")?;
        required::<_, A::Error>(loader.units_read.then_some(()), "units")?;
        required::<_, A::Error>(plans, "plans")?;
        Ok(())
    }
}

struct RulesSeed;

impl<'de> DeserializeSeed<'de> for RulesSeed {
    type Value = Vec<(Rule, Level)>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for RulesSeed {
    type Value = Vec<(Rule, Level)>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object of rule codes and severities")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut out: Vec<(Rule, Level)> = Vec::new();
        while let Some(Key(key)) = map.next_key::<Key<'de>>()? {
            let Some(rule) = Rule::from_code(&key) else {
                map.next_value_seed(Reject(format!(
                    "\"{}\" is not a rule code (see the rule catalogue)",
                    preview(&key)
                )))?;
                continue;
            };
            if out.iter().any(|(r, _)| *r == rule) {
                given_twice(&mut map, &key)?;
            }
            let Enum(level) = map.next_value::<Enum<Level>>()?;
            out.push((rule, level));
        }
        Ok(out)
    }
}

struct UnitsSeed<'l>(&'l mut Loader);

impl<'de> DeserializeSeed<'de> for UnitsSeed<'_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for UnitsSeed<'_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an array of units")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let loader = self.0;
        let limits = loader.limits;
        let mut batch = Vec::with_capacity(BATCH);
        let mut i = 0usize;
        loop {
            let raw = match seq.next_element_seed(UnitSeed(limits.max_string_bytes)) {
                Ok(Some(raw)) => raw,
                Ok(None) => break,
                Err(e) => {
                    loader.add_units(&mut batch, i);
                    return Err(e);
                }
            };
            if i + batch.len() >= limits.max_units {
                loader.add_units(&mut batch, i);
                return Err(de::Error::custom(format!("more than {} units (Limits::max_units)", limits.max_units)));
            }
            // Errors quote strings as written, before NFC (registry-format.md); borrowed, this costs nothing.
            let written = raw.id.0.clone();
            batch.push((written, raw.into_unit(&mut loader.strings)));
            if batch.len() == BATCH {
                i = loader.add_units(&mut batch, i);
            }
        }
        loader.add_units(&mut batch, i);
        loader.index_units();
        Ok(())
    }
}

struct PlansSeed<'l>(&'l mut Loader);

impl<'de> DeserializeSeed<'de> for PlansSeed<'_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for PlansSeed<'_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an array of plans")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let loader = self.0;
        let limits = loader.limits;
        let mut batch = Vec::with_capacity(BATCH);
        loop {
            // Cleared by `PlanSeed` as soon as an element begins: see `split`.
            loader.between_plans.set(true);
            let seed = PlanSeed(&mut loader.strings, limits, &loader.between_plans);
            let parsed = match seq.next_element_seed(seed) {
                Ok(Some(parsed)) => parsed,
                Ok(None) => break,
                Err(e) => {
                    loader.add_plans(&mut batch);
                    return Err(e);
                }
            };
            if loader.plans_read + batch.len() >= limits.max_plans {
                loader.add_plans(&mut batch);
                return Err(de::Error::custom(format!("more than {} plans (Limits::max_plans)", limits.max_plans)));
            }
            batch.push(parsed);
            if batch.len() == BATCH {
                loader.add_plans(&mut batch);
            }
        }
        loader.add_plans(&mut batch);
        loader.between_plans.set(false);
        Ok(())
    }
}

/// A field path inside one unit or plan, and what is wrong there.
pub(super) type FieldError = (String, String);

// ---- units --------------------------------------------------------------------------------------------

struct RawUnit<'a> {
    id: Str<'a>,
    name: Str<'a>,
    kind: UnitKind,
    parent: Option<Str<'a>>,
    counterpart: Option<Str<'a>>,
    school_level: Option<SchoolLevel>,
    staff_count: Option<Count>,
}

/// The fields of a unit, in the order the format writes them.
pub(crate) const UNIT_FIELDS: &[&str] = &["id", "name", "kind", "parent", "counterpart", "school_level", "staff_count"];

/// One unit, its strings no longer than `.0` bytes.
struct UnitSeed(usize);

impl<'de> DeserializeSeed<'de> for UnitSeed {
    type Value = RawUnit<'de>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<RawUnit<'de>, D::Error> {
        struct V(usize);
        impl<'de> Visitor<'de> for V {
            type Value = RawUnit<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a unit (a JSON object)")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RawUnit<'de>, A::Error> {
                let (mut id, mut name, mut kind, mut parent, mut counterpart, mut level, mut staff) =
                    (None, None, None, None, None, None, None);
                while let Some(Key(key)) = map.next_key::<Key<'de>>()? {
                    match key.as_ref() {
                        "id" => take_with(&mut map, &mut id, "id", StrSeed(self.0))?,
                        "name" => take_with(&mut map, &mut name, "name", StrSeed(self.0))?,
                        "kind" => take::<_, Enum<UnitKind>>(&mut map, &mut kind, "kind")?,
                        "parent" => take_with(&mut map, &mut parent, "parent", StrSeed(self.0))?,
                        "counterpart" => take_with(&mut map, &mut counterpart, "counterpart", StrSeed(self.0))?,
                        "school_level" => take::<_, Enum<SchoolLevel>>(&mut map, &mut level, "school_level")?,
                        "staff_count" => take::<_, JsonCount>(&mut map, &mut staff, "staff_count")?,
                        other => unknown_key(&mut map, other, UNIT_FIELDS)?,
                    }
                }
                Ok(RawUnit {
                    id: required(id, "id")?,
                    name: required(name, "name")?,
                    kind: required(kind, "kind")?.0,
                    parent,
                    counterpart,
                    school_level: level.map(|l| l.0),
                    staff_count: staff.map(|s| s.0),
                })
            }
        }
        d.deserialize_map(V(self.0))
    }
}

impl RawUnit<'_> {
    /// The unit, or the misplaced field: `school_level` is required on a school and refused elsewhere,
    /// `staff_count` refused on a unit that is not a school, `counterpart` refused on a union unit.
    fn into_unit(self, strings: &mut Interner) -> Result<Unit, FieldError> {
        let kind = self.kind;
        let counterpart = self.counterpart.as_ref().map(|c| UnitId::from(Text::from_non_empty(&c.0)));
        let role = match kind {
            UnitKind::School => {
                let Some(level) = self.school_level else {
                    return Err(("school_level".into(), "a school needs \"school_level\"".into()));
                };
                Role::Administration {
                    kind: AdministrationKind::School { level, staff_count: self.staff_count },
                    counterpart,
                }
            }
            other => {
                if let Some(level) = self.school_level {
                    return Err((
                        "school_level".into(),
                        format!(
                            "\"{}\" is given on a unit of kind {other}; only a school has a school level",
                            level.code()
                        ),
                    ));
                }
                if let Some(staff) = self.staff_count {
                    return Err((
                        "staff_count".into(),
                        format!("{staff} is given on a unit of kind {other}; only a school has a staff count"),
                    ));
                }
                match other {
                    UnitKind::EducationDepartment => {
                        Role::Administration { kind: AdministrationKind::EducationDepartment, counterpart }
                    }
                    UnitKind::EducationOffice => {
                        Role::Administration { kind: AdministrationKind::EducationOffice, counterpart }
                    }
                    UnitKind::CommuneCommittee => {
                        Role::Administration { kind: AdministrationKind::CommuneCommittee, counterpart }
                    }
                    union => {
                        if let Some(Str(c)) = self.counterpart {
                            return Err((
                                "counterpart".into(),
                                format!("\"{c}\" is given on a unit of kind {union}; a union unit has no counterpart"),
                            ));
                        }
                        let kind = match union {
                            UnitKind::SectorUnion => UnionKind::SectorUnion,
                            UnitKind::LabourFederation => UnionKind::LabourFederation,
                            _ => UnionKind::GrassrootsUnion,
                        };
                        Role::Union { kind }
                    }
                }
            }
        };
        Ok(Unit {
            id: UnitId::from(Text::from_non_empty(&self.id.0)),
            // Names are nearly all distinct: interning them would only cost a look-up each.
            name: Text::from_non_empty(&self.name.0),
            parent: self.parent.map(|p| UnitId::from(strings.text(&p.0))),
            role,
        })
    }
}

// ---- plans --------------------------------------------------------------------------------------------
//
// Plans are read with seeds that carry the interner, so that lists (issuers, implements, content areas and
// their addresses, approvals) go straight into the model's vectors: no intermediate vector per list.

/// The fields of a plan, in the order the format writes them.
pub(crate) const PLAN_FIELDS: &[&str] = &[
    "id",
    "number",
    "title",
    "school_year",
    "status",
    "issued_on",
    "issuers",
    "implements",
    "content_areas",
    "approvals",
    "reviews",
];

/// Reads the value of `key` with `seed` into `slot`, refusing a key given twice.
fn take_with<'de, A: MapAccess<'de>, S: DeserializeSeed<'de>>(
    map: &mut A,
    slot: &mut Option<S::Value>,
    key: &str,
    seed: S,
) -> Result<(), A::Error> {
    if slot.is_some() {
        return given_twice(map, key);
    }
    *slot = Some(map.next_value_seed(seed)?);
    Ok(())
}

/// One plan: the plan, or the first field that several fields together show to be wrong. The id comes back
/// as written, for the duplicate-id message. The plan comes boxed, as the registry keeps it (so that, when a
/// second thread reads it, the allocation falls on that thread). The cell is cleared as the plan begins
/// (`Loader::between_plans`).
pub(super) struct PlanSeed<'s>(pub(super) &'s mut Interner, pub(super) Limits, pub(super) &'s Cell<bool>);

pub(super) type ParsedPlan<'de> = (Cow<'de, str>, Result<Box<Plan>, FieldError>);

impl<'de> DeserializeSeed<'de> for PlanSeed<'_> {
    type Value = ParsedPlan<'de>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        self.2.set(false);
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for PlanSeed<'_> {
    type Value = ParsedPlan<'de>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a plan (a JSON object)")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let (strings, limits) = (self.0, self.1);
        let text = StrSeed(limits.max_string_bytes);
        let list = limits.max_list_items;
        let (mut id, mut number, mut title, mut year, mut status, mut issued_on) =
            (None::<Str<'de>>, None::<Str<'de>>, None::<Str<'de>>, None, None, None);
        let (mut issuers, mut implements, mut areas, mut approvals, mut reviews) = (None, None, None, None, None);
        while let Some(Key(key)) = map.next_key::<Key<'de>>()? {
            match key.as_ref() {
                "id" => take_with(&mut map, &mut id, "id", text)?,
                "number" => take_with(&mut map, &mut number, "number", text)?,
                "title" => take_with(&mut map, &mut title, "title", text)?,
                "school_year" => take::<_, Year>(&mut map, &mut year, "school_year")?,
                "status" => take::<_, Enum<PlanStatus>>(&mut map, &mut status, "status")?,
                "issued_on" => take::<_, Date>(&mut map, &mut issued_on, "issued_on")?,
                "issuers" => take_with(&mut map, &mut issuers, "issuers", Ids::<UnitId>::distinct(strings, limits))?,
                "implements" => {
                    take_with(&mut map, &mut implements, "implements", Ids::<PlanId>::new(strings, limits))?
                }
                "content_areas" => take_with(&mut map, &mut areas, "content_areas", AreasSeed(strings, limits))?,
                "approvals" => take_with(&mut map, &mut approvals, "approvals", ApprovalsSeed(list))?,
                "reviews" => take_with(&mut map, &mut reviews, "reviews", ReviewsSeed(list))?,
                other => unknown_key(&mut map, other, PLAN_FIELDS)?,
            }
        }
        let written = required::<_, A::Error>(id, "id")?.0;
        let title = required::<_, A::Error>(title, "title")?;
        let school_year = required::<_, A::Error>(year, "school_year")?.0;
        let status = required::<_, A::Error>(status, "status")?.0;
        let issuers = required::<_, A::Error>(issuers, "issuers")?;
        let plan = (|| {
            let content_areas = match areas {
                Some(a) => ContentAreas::new(a?).map_err(|e| ("content_areas".to_owned(), e.to_string()))?,
                None => ContentAreas::default(),
            };
            let number = match number {
                Some(n) => Some(DocumentNumber::new(&n.0).map_err(|e| ("number".to_owned(), e.to_string()))?),
                None => None,
            };
            Ok(Box::new(Plan {
                id: PlanId::from(Text::from_non_empty(&written)),
                number,
                title: strings.text(&title.0),
                school_year,
                status,
                issued_on: issued_on.map(|d| d.0),
                issuers,
                implements: implements.unwrap_or_default(),
                content_areas,
                approvals: approvals.transpose()?.unwrap_or_default(),
                reviews: reviews.unwrap_or_default(),
            }))
        })();
        Ok((written, plan))
    }
}

/// Refuses one more item when a list already holds `max`.
fn too_many<E: de::Error>(len: usize, max: usize) -> Result<(), E> {
    if len >= max {
        return Err(over_list_limit(max));
    }
    Ok(())
}

/// The error of a list over `Limits::max_list_items`, out of line (see [`given_twice`]).
#[cold]
#[inline(never)]
fn over_list_limit<E: de::Error>(max: usize) -> E {
    E::custom(format!("more than {max} items (Limits::max_list_items)"))
}

/// Whether `area`'s code is already used by one of `areas`: a scan for the usual handful; past it, a hash set
/// of the codes so far (`seen`), built once and then kept up to date with each area asked about, so that a
/// plan with ten thousand areas costs linear time. Ask about every area before pushing it.
fn is_repeated(areas: &[ContentArea], seen: &mut Option<rustc_hash::FxHashSet<AreaCode>>, area: &ContentArea) -> bool {
    if areas.len() < 32 {
        return areas.iter().any(|a| a.code == area.code);
    }
    let seen = seen.get_or_insert_with(|| areas.iter().map(|a| a.code.clone()).collect());
    !seen.insert(area.code.clone())
}

/// The reviews of a plan, at most `.0` of them.
struct ReviewsSeed(usize);

impl<'de> DeserializeSeed<'de> for ReviewsSeed {
    type Value = Vec<Review>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Vec<Review>, D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for ReviewsSeed {
    type Value = Vec<Review>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an array of reviews")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<Review>, A::Error> {
        let mut v = Vec::new();
        while let Some(RawReview(r)) = seq.next_element::<RawReview>()? {
            too_many::<A::Error>(v.len(), self.0)?;
            v.push(r);
        }
        Ok(v)
    }
}

/// A list of ids (or codes), interned as they are read.
struct Ids<'s, T> {
    strings: &'s mut Interner,
    limits: Limits,
    /// Whether the items repeat across the document (intern them) or are mostly distinct (allocate each).
    shared: bool,
    item: std::marker::PhantomData<T>,
}

impl<'s, T> Ids<'s, T> {
    /// Items that repeat: `implements` (a few parent plans), content-area addresses.
    fn new(strings: &'s mut Interner, limits: Limits) -> Ids<'s, T> {
        Ids { strings, limits, shared: true, item: std::marker::PhantomData }
    }

    /// Items that are mostly distinct within one school year: `issuers` (each school and its union).
    fn distinct(strings: &'s mut Interner, limits: Limits) -> Ids<'s, T> {
        Ids { strings, limits, shared: false, item: std::marker::PhantomData }
    }
}

impl<'de, T: From<Text>> DeserializeSeed<'de> for Ids<'_, T> {
    type Value = Vec<T>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Vec<T>, D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de, T: From<Text>> Visitor<'de> for Ids<'_, T> {
    type Value = Vec<T>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an array of non-empty strings")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<T>, A::Error> {
        let mut v = Vec::with_capacity(seq.size_hint().unwrap_or(2).min(64));
        while let Some(Str(s)) = seq.next_element_seed(StrSeed(self.limits.max_string_bytes))? {
            too_many::<A::Error>(v.len(), self.limits.max_list_items)?;
            v.push(T::from(if self.shared { self.strings.text(&s) } else { Text::from_non_empty(&s) }));
        }
        Ok(v)
    }
}

/// The content areas of a plan, or the first area whose code an earlier one has (quoted as written).
struct AreasSeed<'s>(&'s mut Interner, Limits);

impl<'de> DeserializeSeed<'de> for AreasSeed<'_> {
    type Value = Result<Vec<ContentArea>, FieldError>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for AreasSeed<'_> {
    type Value = Result<Vec<ContentArea>, FieldError>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an array of content areas")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let (strings, limits) = (self.0, self.1);
        let mut areas: Vec<ContentArea> = Vec::with_capacity(seq.size_hint().unwrap_or(4).min(64));
        let mut duplicate: Option<FieldError> = None;
        let mut seen = None;
        while let Some((written, area)) = seq.next_element_seed(AreaSeed(&mut *strings, limits))? {
            too_many::<A::Error>(areas.len(), limits.max_list_items)?;
            if duplicate.is_none() && is_repeated(&areas, &mut seen, &area) {
                duplicate = Some((
                    format!("content_areas[{}].code", areas.len()),
                    format!(
                        "\"{written}\" is the code of an earlier content area of this plan; codes are unique within a plan"
                    ),
                ));
            }
            areas.push(area);
        }
        Ok(match duplicate {
            Some(e) => Err(e),
            None => Ok(areas),
        })
    }
}

/// One content area, with its code as written.
struct AreaSeed<'s>(&'s mut Interner, Limits);

impl<'de> DeserializeSeed<'de> for AreaSeed<'_> {
    type Value = (Cow<'de, str>, ContentArea);
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for AreaSeed<'_> {
    type Value = (Cow<'de, str>, ContentArea);
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a content area (a JSON object)")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let (strings, limits) = (self.0, self.1);
        let text = StrSeed(limits.max_string_bytes);
        let (mut code, mut title, mut addresses) = (None::<Str<'de>>, None::<Str<'de>>, None);
        while let Some(Key(key)) = map.next_key::<Key<'de>>()? {
            match key.as_ref() {
                "code" => take_with(&mut map, &mut code, "code", text)?,
                "title" => take_with(&mut map, &mut title, "title", text)?,
                "addresses" => take_with(&mut map, &mut addresses, "addresses", Ids::<AreaCode>::new(strings, limits))?,
                other => unknown_key(&mut map, other, &["code", "title", "addresses"])?,
            }
        }
        let written = required::<_, A::Error>(code, "code")?.0;
        let title = required::<_, A::Error>(title, "title")?;
        let area = ContentArea {
            code: AreaCode::from(strings.text(&written)),
            title: strings.text(&title.0),
            addresses: addresses.unwrap_or_default(),
        };
        Ok((written, area))
    }
}

/// The approvals of a plan, or the first misplaced or missing count (its path inside the plan).
struct ApprovalsSeed(usize);

impl<'de> DeserializeSeed<'de> for ApprovalsSeed {
    type Value = Result<Vec<Approval>, FieldError>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for ApprovalsSeed {
    type Value = Result<Vec<Approval>, FieldError>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an array of approvals")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut approvals = Vec::with_capacity(seq.size_hint().unwrap_or(1).min(64));
        let mut first_error: Option<FieldError> = None;
        let mut seen = 0usize;
        while let Some(raw) = seq.next_element::<RawApproval>()? {
            too_many::<A::Error>(seen, self.0)?;
            seen += 1;
            match raw.into_approval() {
                Ok(a) => approvals.push(a),
                Err((f, d)) => {
                    if first_error.is_none() {
                        first_error = Some((format!("approvals[{}].{f}", approvals.len()), d));
                    }
                }
            }
        }
        Ok(match first_error {
            Some(e) => Err(e),
            None => Ok(approvals),
        })
    }
}

struct RawApproval {
    kind: ApprovalKind,
    held_on: chrono::NaiveDate,
    staff_total: Option<Count>,
    attendees: Option<Count>,
    votes_for: Option<Count>,
    votes_against: Option<Count>,
}

const APPROVAL_FIELDS: &[&str] = &["kind", "held_on", "staff_total", "attendees", "votes_for", "votes_against"];

impl<'de> Deserialize<'de> for RawApproval {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<RawApproval, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = RawApproval;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an approval (a JSON object)")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RawApproval, A::Error> {
                let (mut kind, mut held_on, mut total, mut attendees, mut vfor, mut against) =
                    (None, None, None, None, None, None);
                while let Some(Key(key)) = map.next_key::<Key<'de>>()? {
                    match key.as_ref() {
                        "kind" => take::<_, Enum<ApprovalKind>>(&mut map, &mut kind, "kind")?,
                        "held_on" => take::<_, Date>(&mut map, &mut held_on, "held_on")?,
                        "staff_total" => take::<_, JsonCount>(&mut map, &mut total, "staff_total")?,
                        "attendees" => take::<_, JsonCount>(&mut map, &mut attendees, "attendees")?,
                        "votes_for" => take::<_, JsonCount>(&mut map, &mut vfor, "votes_for")?,
                        "votes_against" => take::<_, JsonCount>(&mut map, &mut against, "votes_against")?,
                        other => unknown_key(&mut map, other, APPROVAL_FIELDS)?,
                    }
                }
                let kind = required(kind, "kind")?.0;
                let held_on = required(held_on, "held_on")?.0;
                if kind == ApprovalKind::StaffConference {
                    required::<_, A::Error>(total.as_ref(), "staff_total")?;
                    required::<_, A::Error>(attendees.as_ref(), "attendees")?;
                    required::<_, A::Error>(vfor.as_ref(), "votes_for")?;
                }
                Ok(RawApproval {
                    kind,
                    held_on,
                    staff_total: total.map(|c| c.0),
                    attendees: attendees.map(|c| c.0),
                    votes_for: vfor.map(|c| c.0),
                    votes_against: against.map(|c| c.0),
                })
            }
        }
        d.deserialize_map(V)
    }
}

impl RawApproval {
    fn into_approval(self) -> Result<Approval, FieldError> {
        match (self.kind, self.staff_total, self.attendees, self.votes_for) {
            (ApprovalKind::StaffConference, Some(staff_total), Some(attendees), Some(votes_for)) => {
                Ok(Approval::StaffConference(StaffConference {
                    held_on: self.held_on,
                    staff_total,
                    attendees,
                    votes_for,
                    votes_against: self.votes_against,
                }))
            }
            (ApprovalKind::StaffConference, ..) => Err(("kind".into(), "a staff conference needs its counts".into())),
            (ApprovalKind::Signing, ..) => {
                let misplaced = [
                    ("staff_total", self.staff_total),
                    ("attendees", self.attendees),
                    ("votes_for", self.votes_for),
                    ("votes_against", self.votes_against),
                ];
                if let Some((field, Some(v))) = misplaced.into_iter().find(|(_, v)| v.is_some()) {
                    return Err((
                        field.into(),
                        format!("{v} is given on a signing; only a staff conference has counts"),
                    ));
                }
                Ok(Approval::Signing { held_on: self.held_on })
            }
        }
    }
}

struct RawReview(Review);

impl<'de> Deserialize<'de> for RawReview {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<RawReview, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = RawReview;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a review (a JSON object)")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RawReview, A::Error> {
                let (mut kind, mut held_on) = (None, None);
                while let Some(Key(key)) = map.next_key::<Key<'de>>()? {
                    match key.as_ref() {
                        "kind" => take::<_, Enum<ReviewKind>>(&mut map, &mut kind, "kind")?,
                        "held_on" => take::<_, Date>(&mut map, &mut held_on, "held_on")?,
                        other => unknown_key(&mut map, other, &["kind", "held_on"])?,
                    }
                }
                Ok(RawReview(Review { kind: required(kind, "kind")?.0, held_on: required(held_on, "held_on")?.0 }))
            }
        }
        d.deserialize_map(V)
    }
}

#[cfg(test)]
mod tests {
    use super::{Interner, Short};

    /// Every string of `alphabet`'s letters with 1 to `max` letters.
    fn all_strings(alphabet: &[&str], max: usize) -> Vec<String> {
        let mut all = vec![String::new()];
        let mut last = vec![String::new()];
        for _ in 0..max {
            last = last.iter().flat_map(|s| alphabet.iter().map(move |a| format!("{s}{a}"))).collect();
            all.extend(last.iter().cloned());
        }
        all.remove(0);
        all
    }

    #[test]
    fn a_short_string_is_told_from_every_other() {
        // Lengths 1 to 18 bytes ("ă" is two), so every way `Short` reads a string and the step past 16 bytes.
        let mut strings = all_strings(&["a", "b", "ă"], 3);
        strings.extend(all_strings(&["x", "y"], 9).into_iter().map(|s| format!("{s}{s}")));
        let mut seen = std::collections::HashMap::new();
        for s in &strings {
            match Short::of(s) {
                Some(short) => {
                    assert!(s.len() <= 16, "{s:?}");
                    assert!(short.slot() < super::RECENT);
                    let key = (short.head, short.tail, short.len);
                    if let Some(other) = seen.insert(key, s.clone()) {
                        assert_eq!(&other, s, "two strings read as one");
                    }
                }
                None => assert!(s.len() > 16, "{s:?}"),
            }
        }
        assert_eq!(seen.len(), 39 + 510);
    }

    #[test]
    fn the_interner_shares_equal_texts_and_keeps_different_ones_apart() {
        let mut strings = Interner::default();
        let words = ["1", "2", "ND1", "ND2", "k85", "k86", "Tuyên truyền", "a text longer than sixteen bytes"];
        let first: Vec<_> = words.iter().map(|w| strings.text(w)).collect();
        for round in 0..3 {
            for (w, t) in words.iter().zip(&first) {
                let again = strings.text(w);
                assert_eq!(again.as_str(), *w, "round {round}");
                assert!(std::ptr::eq(again.as_str(), t.as_str()), "{w:?} is not shared");
            }
        }
        // A string not in NFC is the text of its NFC form.
        let nfd = strings.text("Tuye\u{302}n truye\u{302}\u{300}n");
        assert!(std::ptr::eq(nfd.as_str(), first[6].as_str()));
        assert!(std::ptr::eq(strings.text("Tuye\u{302}n truye\u{302}\u{300}n").as_str(), first[6].as_str()));
    }
}
