//! A large document read on two threads at once.
//!
//! A registry document is mostly its plans array, and a plan reads the same wherever it stands. So a large
//! document is cut where plans begin: a first part, from the start of the document to the first cut (`format`,
//! `profile`, `rules`, the units, the first plans), and pieces of plans from each cut to the next. This thread
//! reads the first part while a second thread reads pieces; then this thread adds the pieces' plans to the
//! registry in document order, each piece as soon as it is read (the helper shelves the ones it reads), and
//! reads a piece itself whenever the next one to add is not ready. So the two finish within about a piece of
//! each other even when the machine slows one of them, and most of the adding is done while the helper still
//! reads. The graph is then connected, on two threads as well (`Registry::connect_all_on_two_threads`). Two
//! cores load a national school year in about 0.6–0.7 of the time of one, in process (docs/PERFORMANCE.md,
//! *Two cores*).
//!
//! A cut is a guess, found by looking at a few bytes: a `{` after `}` and `,` (whitespace aside) whose first
//! key is a plan's field, and which parses as a plan. In valid JSON such a `{` can only begin an element of an
//! array (a `"` right after `{` opens a key, so none of those bytes is inside a string). A wrong guess costs only
//! time, because the split is kept only when the parts prove every cut right:
//!
//! - the first part, read as the start of a document, ends exactly between two elements of the top-level
//!   `plans` array, after `format` and `units` (`Loader::between_plans` says where its reader stood);
//! - each piece is plans separated by commas and ends with a comma, so that the next cut is exactly where the
//!   next element begins; the last piece ends with `]`, `}` and the end of the document.
//!
//! Then, cut by cut, the parts read exactly the tokens one reader reads, in the same order, and the registry is
//! the same: the same units and plans in the same order, the same deferred error with the same path.
//! Otherwise (another layout, a document with an error the parser finds, more plans than
//! `Limits::max_plans`) the document is read again on one thread, which also names the error.

use std::cell::Cell;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Condvar, Mutex};

use serde::de::{DeserializeSeed, IgnoredAny};

use super::load::{DocumentSeed, Interner, Loader, PLAN_FIELDS, ParsedPlan, PlanSeed};
use super::{Limits, LoadError};
use crate::registry::{Adopter, NewSequences, Prepared, Preparer, Registry};

/// Documents shorter than this are read on one thread: below about a megabyte (some 10 ms of parsing) the
/// second thread's start and the hand-over would eat most of what it saves.
const MIN_BYTES: usize = 1 << 20;

/// How far past where it is looked for a cut may be. A plan is a few hundred bytes; a document with no plan
/// boundary this close is not laid out as this reader expects (units last, say).
const WINDOW: usize = 1 << 20;

/// Where the first part ends, in per cent of the document: this thread reads the top level and the units
/// (a sixth to a fifth of a national year's bytes, and dearer per byte than plans) before it joins the second
/// in reading pieces. Too late a cut leaves the second thread idle once the pieces run out (at 45 %, up to
/// 60 ms on a pretty-printed national year); too early a cut only leaves more plans to add after the join,
/// where each costs a little more than while it is read.
const HEAD: usize = 33;

/// How many pieces the rest of the plans is cut into: enough that the thread that finishes first waits at most
/// about one piece's time for the other (a shared machine can take a core away for tens of milliseconds).
const PIECES: usize = 24;

/// The registry in `bytes` (a document without its byte-order mark), read on two threads; or `None` when the
/// document is small, the machine has one core, or the document cannot be read in parts (see the module
/// docs), and the caller reads it on one thread.
pub(super) fn load(bytes: &[u8], limits: &Limits) -> Option<Result<Registry, LoadError>> {
    if bytes.len() < MIN_BYTES || !has_two_cores() {
        return None;
    }
    load_at(bytes, limits, &cuts(bytes, limits)?)
}

/// Where the parts begin: the first cut ends the first part; each later one ends a piece of plans. Later cuts
/// that cannot be found only make the pieces fewer.
fn cuts(bytes: &[u8], limits: &Limits) -> Option<Vec<usize>> {
    let first = find_cut(bytes, bytes.len() / 100 * HEAD, limits)?;
    let step = ((bytes.len() - first) / PIECES).max(1);
    let mut cuts = vec![first];
    while let Some(&last) = cuts.last() {
        match find_cut(bytes, last.saturating_add(step), limits) {
            Some(cut) if cut < bytes.len() => cuts.push(cut),
            _ => break,
        }
    }
    Some(cuts)
}

/// Whether this process may run two threads at once (asked once: it reads cgroup files on Linux).
fn has_two_cores() -> bool {
    static TWO: OnceLock<bool> = OnceLock::new();
    *TWO.get_or_init(|| std::thread::available_parallelism().is_ok_and(|n| n.get() >= 2))
}

/// The first place at or after `from` (and within [`WINDOW`]) where a plan seems to begin: a `{` after `}`
/// and `,`, whose first key is a plan's field, and which reads as a plan (not a unit).
fn find_cut(bytes: &[u8], from: usize, limits: &Limits) -> Option<usize> {
    let end = bytes.len().min(from.saturating_add(WINDOW));
    (from..end).find(|&i| {
        bytes[i] == b'{'
            && after_element(&bytes[..i])
            && opens_plan_key(&bytes[i + 1..])
            && starts_with_plan(&bytes[i..], limits)
    })
}

/// Whether `before` ends with `}` and `,`, whitespace aside.
fn after_element(before: &[u8]) -> bool {
    match before.trim_ascii_end().split_last() {
        Some((b',', rest)) => rest.trim_ascii_end().last() == Some(&b'}'),
        _ => false,
    }
}

/// Whether `after` (what follows a `{`) starts with a plan's field name as a key, whitespace aside.
fn opens_plan_key(after: &[u8]) -> bool {
    let Some(key) = after.trim_ascii_start().strip_prefix(b"\"") else { return false };
    PLAN_FIELDS.iter().any(|f| key.strip_prefix(f.as_bytes()).is_some_and(|rest| rest.first() == Some(&b'"')))
}

/// Reads `bytes` in parts: the first ends at `cuts[0]`, and each piece of plans runs from a cut to the next
/// (the last to the end). `None` when the parts do not prove the cuts right.
pub(super) fn load_at(bytes: &[u8], limits: &Limits, cuts: &[usize]) -> Option<Result<Registry, LoadError>> {
    let (&first, _) = cuts.split_first()?;
    let head = bytes.get(..first)?;
    let mut pieces = Vec::with_capacity(cuts.len());
    for (i, &start) in cuts.iter().enumerate() {
        let end = cuts.get(i + 1).copied().unwrap_or(bytes.len());
        let piece = bytes.get(start..end)?;
        // A cut anywhere but before a plan is refused before any thread starts.
        if !starts_with_plan(piece, limits) {
            return None;
        }
        pieces.push(piece);
    }
    let work = Work {
        pieces: &pieces,
        next: AtomicUsize::new(0),
        stop: AtomicBool::new(false),
        shelf: Shelf { state: Mutex::new(Shelved::new(pieces.len())), changed: Condvar::new() },
        limits: *limits,
    };
    let loader = std::thread::scope(|s| {
        let helper = std::thread::Builder::new().name("kehoach-load".into()).spawn_scoped(s, || {
            // Whatever way the helper ends, this thread stops waiting for its pieces.
            let _gone = Gone(&work.shelf);
            work.read_pieces();
        });
        // A process out of threads reads the document on one.
        let Ok(helper) = helper else { return None };
        let loader = read_first(head, limits, bytes.len()).and_then(|loader| work.read_and_add(loader));
        if loader.is_none() {
            work.stop.store(true, Ordering::Relaxed);
        }
        helper.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        loader
    })?;
    Some(loader.finish(true))
}

/// A plan read on its own, with its summary and sequences, taken while it was in the cache.
type PreparedPlan<'a> = (ParsedPlan<'a>, Option<Prepared>);

/// The pieces of plans, which both threads take in turn, and the shelf where the read ones wait to be added.
struct Work<'w, 'a> {
    pieces: &'w [&'a [u8]],
    /// The next piece nobody has taken.
    next: AtomicUsize,
    /// Set when a part fails, so that the other thread stops early: a document whose plans come before its
    /// units (keys in alphabetical order) is found at the start of its plans, and read on one thread.
    stop: AtomicBool,
    shelf: Shelf<'a>,
    limits: Limits,
}

/// A piece read: its plans, the sequences its thread's preparer interned while reading it, and which thread
/// that was.
struct Piece<'a> {
    plans: Vec<PreparedPlan<'a>>,
    sequences: NewSequences,
    by_helper: bool,
}

/// The pieces read and not yet added, by number.
struct Shelf<'a> {
    state: Mutex<Shelved<'a>>,
    changed: Condvar,
}

struct Shelved<'a> {
    pieces: Vec<Option<Piece<'a>>>,
    /// The helper thread has ended: a piece it has not shelved will not come.
    helper_gone: bool,
}

impl<'a> Shelved<'a> {
    fn new(pieces: usize) -> Shelved<'a> {
        Shelved { pieces: std::iter::repeat_with(|| None).take(pieces).collect(), helper_gone: false }
    }
}

impl<'a> Shelf<'a> {
    fn lock(&self) -> std::sync::MutexGuard<'_, Shelved<'a>> {
        // A thread that panicked while holding the lock left the shelf as it was: no half-made change.
        self.state.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    fn put(&self, i: usize, piece: Piece<'a>) {
        if let Some(slot) = self.lock().pieces.get_mut(i) {
            *slot = Some(piece);
        }
        self.changed.notify_all();
    }

    /// Piece `i`, if it has been read.
    fn take(&self, i: usize) -> Option<Piece<'a>> {
        self.lock().pieces.get_mut(i).and_then(Option::take)
    }

    /// Piece `i`, which the helper has taken, once it is read; `None` when the helper ends without it.
    fn wait_for(&self, i: usize) -> Option<Piece<'a>> {
        let mut state = self.lock();
        loop {
            if let Some(piece) = state.pieces.get_mut(i).and_then(Option::take) {
                return Some(piece);
            }
            if state.helper_gone {
                return None;
            }
            state = self.changed.wait(state).unwrap_or_else(std::sync::PoisonError::into_inner);
        }
    }
}

/// Marks the helper gone when dropped, even by a panic.
struct Gone<'s, 'a>(&'s Shelf<'a>);

impl Drop for Gone<'_, '_> {
    fn drop(&mut self) {
        self.0.lock().helper_gone = true;
        self.0.changed.notify_all();
    }
}

impl<'a> Work<'_, 'a> {
    /// The next piece nobody has taken, taken.
    fn take_piece(&self) -> Option<(usize, &'a [u8])> {
        let i = self.next.fetch_add(1, Ordering::Relaxed);
        self.pieces.get(i).map(|&piece| (i, piece))
    }

    /// The helper thread: reads pieces until none is left, and shelves them; stops at the first that is not
    /// what it should be, or when `stop` is set.
    fn read_pieces(&self) {
        let mut strings = Interner::default();
        let mut preparer = Preparer::default();
        let mut count = 0;
        while let Some((i, piece)) = self.take_piece() {
            let Some(plans) = self.read_piece(i, piece, &mut strings, &mut preparer, &mut count) else {
                self.stop.store(true, Ordering::Relaxed);
                return;
            };
            self.shelf.put(i, Piece { plans, sequences: preparer.new_sequences(), by_helper: true });
        }
    }

    /// This thread, after the first part: adds the pieces to `loader` in order as they are read, reading
    /// pieces itself while any is left, so that most of the adding is done while the helper still reads.
    fn read_and_add(&self, mut loader: Loader) -> Option<Loader> {
        let mut preparer = Preparer::default();
        let (mut ours, mut helpers) = (Adopter::default(), Adopter::default());
        let mut count = 0;
        for added in 0..self.pieces.len() {
            let piece = loop {
                if let Some(piece) = self.shelf.take(added) {
                    break piece;
                }
                match self.take_piece() {
                    Some((i, piece)) => {
                        let plans = self.read_piece(i, piece, &mut loader.strings, &mut preparer, &mut count)?;
                        let piece = Piece { plans, sequences: preparer.new_sequences(), by_helper: false };
                        if i == added {
                            break piece;
                        }
                        self.shelf.put(i, piece);
                    }
                    None => break self.shelf.wait_for(added)?,
                }
            };
            let adopter = if piece.by_helper { &mut helpers } else { &mut ours };
            adopter.receive(piece.sequences);
            for ((written, parsed), prepared) in piece.plans {
                loader.add_plan(&written, parsed, prepared.map(|p| (p, &mut *adopter)));
            }
            if loader.plans_read() > self.limits.max_plans {
                return None;
            }
        }
        Some(loader)
    }

    /// The plans of piece `i`, `bytes`: plans separated by commas, then, for the last piece, the end of the
    /// array and of the document, and for any other, a comma that ends it. `None` when it is anything else, or
    /// when `stop` is set; `count` is how many plans this thread has read in all.
    fn read_piece(
        &self,
        i: usize,
        bytes: &'a [u8],
        strings: &mut Interner,
        preparer: &mut Preparer,
        count: &mut usize,
    ) -> Option<Vec<PreparedPlan<'a>>> {
        let last = i + 1 == self.pieces.len();
        let text = std::str::from_utf8(bytes).ok()?;
        // Reserved, not touched: a plan is rarely written in fewer than 400 bytes.
        let mut plans = Vec::with_capacity(text.len() / 400);
        let started = Cell::new(false);
        let mut at = 0;
        loop {
            // One parser per plan, because the commas between plans are read here: `byte_offset` says where
            // the plan ended.
            let mut de = serde_json::Deserializer::from_str(text.get(at..)?);
            let (written, parsed) = PlanSeed(strings, self.limits, &started).deserialize(&mut de).ok()?;
            let prepared = parsed.as_ref().ok().map(|plan| preparer.prepare(plan));
            plans.push(((written, parsed), prepared));
            *count += 1;
            if *count > self.limits.max_plans || self.stop.load(Ordering::Relaxed) {
                return None;
            }
            at += de.into_iter::<IgnoredAny>().byte_offset();
            at = skip_whitespace(bytes, at);
            match bytes.get(at) {
                Some(b',') => at = skip_whitespace(bytes, at + 1),
                Some(b']') if last => break,
                _ => return None,
            }
            if at == bytes.len() {
                // A comma ends the piece: the next begins at the next plan.
                return (!last).then_some(plans);
            }
        }
        at = skip_whitespace(bytes, at + 1);
        (bytes.get(at) == Some(&b'}') && skip_whitespace(bytes, at + 1) == bytes.len()).then_some(plans)
    }
}

/// Whether `tail` starts with one JSON object that reads as a plan (within its first 64 KiB).
fn starts_with_plan(tail: &[u8], limits: &Limits) -> bool {
    let window = &tail[..tail.len().min(64 << 10)];
    // The window may end inside a character; what comes before is enough. (Reading a `str`, as the two
    // parts do, rather than bytes keeps the plan reader one function: a second copy for bytes cost the
    // one-thread load 2 % more instructions, by changing what the compiler inlines.)
    let text = match std::str::from_utf8(window) {
        Ok(text) => text,
        Err(e) => std::str::from_utf8(&window[..e.valid_up_to()]).unwrap_or_default(),
    };
    let mut de = serde_json::Deserializer::from_str(text);
    PlanSeed(&mut Interner::default(), *limits, &Cell::new(false)).deserialize(&mut de).is_ok()
}

/// The first part, read as the start of a document; `None` unless it ends between two plans of the
/// top-level plans array, after `format` and `units`.
fn read_first(head: &[u8], limits: &Limits, len: usize) -> Option<Loader> {
    let text = std::str::from_utf8(head).ok()?;
    let mut loader = Loader::for_document(*limits, len);
    loader.first_of_two = true;
    let mut de = serde_json::Deserializer::from_str(text);
    match DocumentSeed(&mut loader).deserialize(&mut de) {
        Err(e) if e.is_eof() && loader.between_plans.get() && loader.has_read_format_and_units() => Some(loader),
        _ => None,
    }
}

/// The first byte at or after `at` that is not JSON whitespace.
fn skip_whitespace(bytes: &[u8], mut at: usize) -> usize {
    while let Some(b' ' | b'\n' | b'\r' | b'\t') = bytes.get(at) {
        at += 1;
    }
    at
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::format::load::load_one_thread;
    use crate::format::{save, save_compact};
    use crate::synthetic::{Config, Strings, national};

    /// The registry, or the error, a document loads to on one thread, as text that compares whole: the
    /// registry's `Debug` shows its graph, its indexes, its dense facts and its waiting references.
    fn one_thread(bytes: &[u8]) -> Result<String, LoadError> {
        load_one_thread(bytes, &Limits::default()).map(|r| format!("{r:?}"))
    }

    fn at(bytes: &[u8], cut: usize) -> Option<Result<String, LoadError>> {
        load_at(bytes, &Limits::default(), &[cut]).map(|r| r.map(|r| format!("{r:?}")))
    }

    fn pieces(bytes: &[u8], cuts: &[usize]) -> Option<Result<String, LoadError>> {
        load_at(bytes, &Limits::default(), cuts).map(|r| r.map(|r| format!("{r:?}")))
    }

    /// Every place where a plan begins in `bytes`.
    fn plan_starts(bytes: &[u8]) -> Vec<usize> {
        let mut starts = Vec::new();
        let mut from = 0;
        while let Some(cut) = find_cut(bytes, from, &Limits::default()) {
            starts.push(cut);
            from = cut + 1;
        }
        starts
    }

    fn small(strings: Strings, years: u16) -> Registry {
        let config = Config { scale: 0.01, strings, years, ..Config::default() };
        national(&config).unwrap_or_else(|e| panic!("{e}")).registry
    }

    #[test]
    fn every_cut_between_plans_loads_the_same_registry() {
        for registry in [small(Strings::Realistic, 1), small(Strings::Short, 1)] {
            for doc in [save(&registry), save_compact(&registry)] {
                let bytes = doc.as_bytes();
                let expected = one_thread(bytes);
                assert!(expected.is_ok());
                let starts = plan_starts(bytes);
                assert_eq!(starts.len() + 1, registry.plan_count(), "a cut before every plan but the first");
                // Every 7th cut, and the last: a cut reads the whole document.
                let last = starts.len() - 1;
                for &cut in starts.iter().step_by(7).chain(std::iter::once(&starts[last])) {
                    assert_eq!(at(bytes, cut), Some(expected.clone()), "cut at byte {cut}");
                }
                // Many pieces at once, taken by both threads in turn: every 5th plan, every 9th from the 4th.
                for cuts in [starts.iter().step_by(5), starts[3..].iter().step_by(9)] {
                    let cuts: Vec<usize> = cuts.copied().collect();
                    assert_eq!(pieces(bytes, &cuts), Some(expected.clone()), "cuts at bytes {cuts:?}");
                }
            }
        }
    }

    #[test]
    fn a_large_document_loads_the_same_on_two_threads() {
        let registry = small(Strings::Realistic, 2);
        let doc = save(&registry);
        assert!(doc.len() >= MIN_BYTES, "the document must be large enough to be split: {} bytes", doc.len());
        let cuts = cuts(doc.as_bytes(), &Limits::default()).expect("a plan begins past the first part");
        assert!(cuts.len() > PIECES / 2, "the plans are cut into pieces: {cuts:?}");
        assert!(pieces(doc.as_bytes(), &cuts).is_some(), "the split is taken");
        assert_eq!(crate::format::load(doc.as_bytes()).map(|r| format!("{r:?}")), one_thread(doc.as_bytes()));
    }

    /// A small document with plans `a`, `b`, `c`, `d`, the last three written as `rest`.
    fn plans_doc(rest: &str) -> String {
        format!(
            r#"{{"format":"kehoach/registry@1","units":[{{"id":"u","name":"U","kind":"education_office"}}],
"plans":[{{"id":"a","title":"KH","school_year":"2020-2021","status":"draft","issuers":["u"]}},
{rest}]}}"#
        )
    }

    const PLAN: &str = r#"{"id":"ID","title":"KH","school_year":"2020-2021","status":"draft","issuers":["u"]}"#;

    #[test]
    fn an_error_in_the_second_part_has_its_path_in_the_whole_document() {
        // The same id in both parts, and a plan in the second part with two areas of one code.
        let twice = plans_doc(&[PLAN.replace("ID", "b"), PLAN.replace("ID", "a")].join(","));
        let areas = r#""content_areas":[{"code":"x","title":"X"},{"code":"x","title":"Y"}]"#;
        let areas = plans_doc(
            &[
                PLAN.replace("ID", "b"),
                PLAN.replace("ID", "c").replace(r#""issuers""#, &format!("{areas},\"issuers\"")),
            ]
            .join(","),
        );
        for doc in [twice, areas] {
            let starts = plan_starts(doc.as_bytes());
            assert_eq!(starts.len(), 2);
            let expected = one_thread(doc.as_bytes());
            let err = expected.clone().expect_err("the document has an error");
            assert!(err.path().is_some_and(|p| p.starts_with("plans[2].")), "{err:?}");
            for cut in &starts {
                assert_eq!(at(doc.as_bytes(), *cut), Some(expected.clone()), "cut at byte {cut}");
            }
            assert_eq!(pieces(doc.as_bytes(), &starts), Some(expected.clone()), "in three parts");
        }
    }

    #[test]
    fn a_cut_the_parts_do_not_prove_is_refused() {
        let doc = plans_doc(&[PLAN.replace("ID", "b"), PLAN.replace("ID", "c")].join(",\n "));
        let bytes = doc.as_bytes();
        let starts = plan_starts(bytes);
        assert_eq!(starts.len(), 2);
        // Not where a plan begins: inside a plan, inside the units, at the document's start.
        for cut in [starts[0] + 1, starts[0] - 2, doc.find(r#"{"id":"u""#).unwrap(), 0, bytes.len()] {
            assert_eq!(at(bytes, cut), None, "cut at byte {cut}");
            // A later cut is proved by the piece before it.
            assert_eq!(pieces(bytes, &[starts[0], cut.max(starts[0])]), None, "second cut at byte {cut}");
        }
        assert_eq!(pieces(bytes, &[starts[1], starts[0]]), None, "cuts out of order");
        assert!(pieces(bytes, &starts).is_some_and(|r| r.is_ok()));
        // Where a plan begins, but the document goes on after the plans, or has a syntax error after the cut,
        // or holds more plans than the limits allow: read on one thread, which names the error.
        let more = format!(r#"{}],"profile":"three-tier-2020"}}"#, &doc[..doc.rfind("]}").unwrap()]);
        let broken = doc.replacen(r#""c","title""#, r#""c" "title""#, 1);
        // The plans before the units, as a writer that sorts keys puts them.
        let units = r#""units":[{"id":"u","name":"U","kind":"education_office"}],"#;
        let sorted = format!(
            "{}{}",
            doc.replacen(units, "", 1).trim_end().trim_end_matches('}'),
            &format!(",{}}}", units.trim_end_matches(','))
        );
        assert!(one_thread(sorted.as_bytes()).is_ok(), "{sorted}");
        for doc in [more, broken, sorted] {
            let cut = plan_starts(doc.as_bytes())[0];
            assert_eq!(at(doc.as_bytes(), cut), None);
        }
        let few = Limits { max_plans: 2, ..Limits::default() };
        assert!(load_at(bytes, &few, &[starts[0]]).is_none());
        assert!(load_at(bytes, &Limits::default(), &[starts[0]]).is_some_and(|r| r.is_ok()));
    }

    #[test]
    fn a_plan_looking_string_is_not_a_cut() {
        // `},{"title":` inside a string is written with escaped quotes, so it is never a candidate: the one
        // cut is where plan `b` begins.
        let doc = plans_doc(&PLAN.replace("ID", "b").replace(r#""title":"KH""#, r#""title":"},{\"title\":1""#));
        assert_eq!(plan_starts(doc.as_bytes()), [doc.find(r#"{"id":"b""#).unwrap()]);
        assert!(one_thread(doc.as_bytes()).is_ok());
    }
}
