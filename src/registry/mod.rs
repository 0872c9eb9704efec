//! The registry: units and plans as the nodes of one graph, their references as typed edges, and the indexes
//! the rules and queries read.
//!
//! A reference that names nothing is kept as data (the unit or plan still says `"parent": "x"`), has no edge,
//! and waits under the id it names: when a unit or plan with that id arrives, the edge appears. So the graph is
//! always exactly what the data says, whatever order units and plans are added in, and a dangling reference is
//! a finding, not an error.
//!
//! Every edit checks everything before it changes anything: an edit that fails leaves the registry as it was.

mod edit;
pub(crate) mod facts;
mod index;
mod sequences;
pub(crate) mod small;

use petgraph::Direction;
use petgraph::stable_graph::{NodeIndex, StableDiGraph};
use petgraph::visit::EdgeRef;
use rustc_hash::{FxHashMap, FxHashSet};

use crate::catalogue::Rule;
use crate::model::{Level, Limits, Plan, PlanId, Profile, Severity, Side, Unit, UnitId, nfc};

pub use edit::EditError;
pub(crate) use index::{Adopter, NewSequences, PlanIndexes, Prepared, Preparer};

/// A node of the registry graph.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Node {
    /// A unit.
    Unit(Unit),
    /// A plan, boxed: units outnumber plans two to one, and a plan is three times a unit's size, so boxing it
    /// keeps the node array small and a full check's walk over it cache-friendly.
    Plan(Box<Plan>),
}

/// An edge of the registry graph: a reference that resolves.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum Link {
    /// Unit → the unit above it on the same side (`parent`).
    Parent,
    /// Administration unit → the union unit at its level (`counterpart`).
    Counterpart,
    /// Plan → one of its issuers; `position` is the index in `issuers` (0: the administration issuer).
    Issuer {
        /// The index in `issuers`.
        position: usize,
    },
    /// Plan → a plan it carries out; `position` is the index in `implements`.
    Implements {
        /// The index in `implements`.
        position: usize,
    },
}

#[derive(Clone, Debug)]
pub(crate) struct Entry {
    /// Insertion order: the registry keeps the order units and plans were given in.
    seq: u64,
    node: Node,
}

/// Units, plans and the graph between them, with the profile and severity overrides they are judged by.
///
/// ```
/// use kehoach::{AdministrationKind, Plan, PlanStatus, Registry, UnionKind, Unit};
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// let mut registry = Registry::default();
/// registry.add_unit(Unit::administration("hn-sgd", "Sở GD&ĐT Hà Nội", AdministrationKind::EducationDepartment)?
///     .with_counterpart("hn-cdn")?)?;
/// registry.add_unit(Unit::union("hn-cdn", "Công đoàn ngành Giáo dục Hà Nội", UnionKind::SectorUnion)?)?;
/// let plan = Plan::new("hn-2020", "Kế hoạch phối hợp năm học 2020-2021", "2020-2021".parse()?, PlanStatus::Draft)?
///     .with_issuers(&["hn-sgd", "hn-cdn"])?;
/// registry.add_plan(plan.clone())?;
/// assert!(registry.add_plan(plan).is_err()); // the id is taken; nothing changed
/// assert_eq!(registry.plan_count(), 1);
/// # Ok(()) }
/// ```
#[derive(Clone, Debug, Default)]
pub struct Registry {
    profile: Profile,
    /// What it may hold: the limits it was loaded or built with, obeyed by every edit.
    limits: Limits,
    overrides: Vec<(Rule, Level)>,
    graph: StableDiGraph<Entry, Link>,
    units: FxHashMap<UnitId, NodeIndex>,
    plans: FxHashMap<PlanId, NodeIndex>,
    /// Nodes whose references name a unit id that is not (yet) in the registry.
    waiting_units: FxHashMap<UnitId, Vec<NodeIndex>>,
    /// Nodes whose `implements` name a plan id that is not (yet) in the registry.
    waiting_plans: FxHashMap<PlanId, Vec<NodeIndex>>,
    indexes: PlanIndexes,
    /// Each node's kind and resolved parent/counterpart or first/second issuer, dense (see `facts`).
    facts: facts::Facts,
    next_seq: u64,
    /// How many `implements` and `parent` edges point to a node added at the same time or later: while both
    /// are zero, no cycle is possible and a full check skips looking for one.
    forward_implements: usize,
    forward_parents: usize,
}

impl Registry {
    /// An empty registry under `profile`.
    pub fn new(profile: Profile) -> Registry {
        Registry { profile, ..Registry::default() }
    }

    /// An empty registry under `profile` that will hold at most what `limits` allow: every edit is refused
    /// that would make it hold what `format::load_with(…, &limits)` would refuse.
    pub fn with_limits(profile: Profile, limits: Limits) -> Registry {
        Registry { profile, limits, ..Registry::default() }
    }

    /// The limits every edit obeys: those it was loaded or built with ([`Limits::default`] unless chosen).
    pub fn limits(&self) -> &Limits {
        &self.limits
    }

    /// The profile the registry is judged by.
    pub fn profile(&self) -> Profile {
        self.profile
    }

    /// Judges the registry by `profile` from now on.
    pub fn set_profile(&mut self, profile: Profile) {
        self.profile = profile;
    }

    /// The severity overrides, in the order they were set.
    pub fn overrides(&self) -> &[(Rule, Level)] {
        &self.overrides
    }

    /// Sets `rule` to `level` (a severity, or off); `None` goes back to the profile's default.
    pub fn set_override(&mut self, rule: Rule, level: Option<Level>) {
        match level {
            Some(l) => match self.overrides.iter_mut().find(|(r, _)| *r == rule) {
                Some(slot) => slot.1 = l,
                None => self.overrides.push((rule, l)),
            },
            None => self.overrides.retain(|(r, _)| *r != rule),
        }
    }

    /// The severity `rule` reports with here, or `None` when it is off.
    pub fn severity(&self, rule: Rule) -> Option<Severity> {
        match self.overrides.iter().find(|(r, _)| *r == rule) {
            Some((_, Level::On(s))) => Some(*s),
            Some((_, Level::Off)) => None,
            None => Some(rule.default_severity(self.profile)),
        }
    }

    /// The unit with `id`. Like every look-up by an id given from outside, it compares `id` in NFC, the form the
    /// registry keeps ids in, so an id typed in decomposed form (as iOS often hands text over) finds what it names.
    pub fn unit(&self, id: &str) -> Option<&Unit> {
        self.unit_node(&nfc(id)).and_then(|n| self.unit_at(n))
    }

    /// The plan with `id` (compared in NFC).
    pub fn plan(&self, id: &str) -> Option<&Plan> {
        self.plan_node(&nfc(id)).and_then(|n| self.plan_at(n))
    }

    /// How many units there are.
    pub fn unit_count(&self) -> usize {
        self.units.len()
    }

    /// How many plans there are.
    pub fn plan_count(&self) -> usize {
        self.plans.len()
    }

    /// The units, in the order they were added (for a loaded registry: document order).
    pub fn units(&self) -> impl Iterator<Item = &Unit> + Clone {
        self.in_order(self.units.values()).into_iter().filter_map(|n| self.unit_at(n))
    }

    /// The plans, in the order they were added (for a loaded registry: document order).
    pub fn plans(&self) -> impl Iterator<Item = &Plan> + Clone {
        self.in_order(self.plans.values()).into_iter().filter_map(|n| self.plan_at(n))
    }

    /// The plans `id` names in `implements` that exist, in the order listed (each once).
    pub fn parents(&self, id: &str) -> Vec<&Plan> {
        let Some(n) = self.plan_node(&nfc(id)) else {
            return Vec::new();
        };
        let mut out: Vec<(usize, NodeIndex)> = self
            .graph
            .edges_directed(n, Direction::Outgoing)
            .filter_map(|e| match e.weight() {
                Link::Implements { position } => Some((*position, e.target())),
                _ => None,
            })
            .collect();
        out.sort_unstable();
        // A plan may list one parent several times; keep its first place. A set, not a scan of what was kept:
        // a list may hold 10,000 parents.
        let mut seen = FxHashSet::default();
        out.into_iter().filter(|&(_, t)| seen.insert(t)).filter_map(|(_, t)| self.plan_at(t)).collect()
    }

    /// The plans that name `id` in `implements` (its children), in the order they were added.
    pub fn children(&self, id: &str) -> Vec<&Plan> {
        let Some(n) = self.plan_node(&nfc(id)) else {
            return Vec::new();
        };
        self.in_order(self.child_nodes(n).iter()).into_iter().filter_map(|c| self.plan_at(c)).collect()
    }

    /// The plan nodes whose `implements` name `id`, which is not (yet) a plan.
    pub(crate) fn waiting_for_plan(&self, id: &str) -> &[NodeIndex] {
        self.waiting_plans.get(id).map_or(&[], Vec::as_slice)
    }

    // ---- crate-internal access for rules and queries -------------------------------------------------

    pub(crate) fn unit_at(&self, n: NodeIndex) -> Option<&Unit> {
        match self.graph.node_weight(n).map(|e| &e.node) {
            Some(Node::Unit(u)) => Some(u),
            _ => None,
        }
    }

    pub(crate) fn plan_at(&self, n: NodeIndex) -> Option<&Plan> {
        match self.graph.node_weight(n).map(|e| &e.node) {
            Some(Node::Plan(p)) => Some(p),
            _ => None,
        }
    }

    /// The node of the unit with `id`, as given: an id from the registry's own data is NFC already; an id from
    /// outside goes through [`nfc`] first (the public look-ups do it).
    pub(crate) fn unit_node(&self, id: &str) -> Option<NodeIndex> {
        self.units.get(id).copied()
    }

    /// The node of the plan with `id`, as given (see [`Registry::unit_node`]).
    pub(crate) fn plan_node(&self, id: &str) -> Option<NodeIndex> {
        self.plans.get(id).copied()
    }

    /// Every node, in node order, with its kind, read from the dense facts (not from the nodes).
    pub(crate) fn node_kinds(&self) -> impl Iterator<Item = (NodeIndex, facts::Kind)> + '_ {
        self.facts.kinds().filter(|(_, k)| *k != facts::Kind::Vacant)
    }

    /// The unit nodes, in node order: walking the graph's node array in order keeps a full check's memory
    /// accesses sequential (hash-map order would make each one a cache miss).
    pub(crate) fn unit_nodes(&self) -> impl Iterator<Item = NodeIndex> + '_ {
        self.graph.node_indices().filter(|&n| matches!(self.graph.node_weight(n).map(|e| &e.node), Some(Node::Unit(_))))
    }

    /// The plan nodes, in node order.
    pub(crate) fn plan_nodes(&self) -> impl Iterator<Item = NodeIndex> + '_ {
        self.facts.kinds().filter(|&(_, kind)| kind == facts::Kind::Plan).map(|(n, _)| n)
    }

    /// One past the largest node index: the size of a per-node table.
    pub(crate) fn node_bound(&self) -> usize {
        self.graph.node_indices().next_back().map_or(0, |n| n.index() + 1)
    }

    /// The plan's administration issuer: its first issuer, when that resolves to an administration unit.
    pub(crate) fn administration_issuer(&self, plan: &Plan) -> Option<&Unit> {
        let first = plan.issuers.first()?;
        self.unit(first.as_str()).filter(|u| u.side() == Side::Administration)
    }

    /// The unit that manages `unit`: its parent, when that resolves to an administration unit.
    pub(crate) fn manager_of(&self, unit: &Unit) -> Option<&Unit> {
        let parent = unit.parent.as_ref()?;
        self.unit(parent.as_str()).filter(|u| u.side() == Side::Administration)
    }

    /// The manager of unit node `n`: its resolved parent, when that is an administration unit; read from the
    /// dense facts ([`Registry::manager_of`] from the unit's data).
    pub(crate) fn manager_node(&self, n: NodeIndex) -> Option<NodeIndex> {
        self.fact(n).parent().filter(|&m| self.fact(m).kind.is_administration())
    }

    /// The administration issuer of plan node `n`: its resolved first issuer, when that is an administration
    /// unit; read from the dense facts ([`Registry::administration_issuer`] from the plan's data). With
    /// [`Registry::manager_node`], the one statement of "administration issuer" and "managing unit" the rules
    /// and queries read.
    pub(crate) fn administration_issuer_node(&self, n: NodeIndex) -> Option<NodeIndex> {
        self.fact(n).first_issuer().filter(|&m| self.fact(m).kind.is_administration())
    }

    /// The plan's managing unit: the manager of its administration issuer.
    pub(crate) fn managing_unit(&self, plan: &Plan) -> Option<&Unit> {
        self.manager_of(self.administration_issuer(plan)?)
    }

    /// The plans implementing plan node `n` (each once).
    pub(crate) fn child_nodes(&self, n: NodeIndex) -> Vec<NodeIndex> {
        let mut out: Vec<NodeIndex> = self
            .graph
            .edges_directed(n, Direction::Incoming)
            .filter(|e| matches!(e.weight(), Link::Implements { .. }))
            .map(|e| e.source())
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }

    /// The plan nodes plan node `n` implements, through resolved references (each once).
    pub(crate) fn parent_nodes(&self, n: NodeIndex) -> Vec<NodeIndex> {
        let mut out: Vec<NodeIndex> = self
            .graph
            .edges_directed(n, Direction::Outgoing)
            .filter(|e| matches!(e.weight(), Link::Implements { .. }))
            .map(|e| e.target())
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }

    /// The units whose `parent` is unit node `n`.
    pub(crate) fn subordinate_nodes(&self, n: NodeIndex) -> Vec<NodeIndex> {
        let mut out: Vec<NodeIndex> = self
            .graph
            .edges_directed(n, Direction::Incoming)
            .filter(|e| matches!(e.weight(), Link::Parent))
            .map(|e| e.source())
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }

    /// The dense facts of node `n`: its kind and two resolved references.
    pub(crate) fn fact(&self, n: NodeIndex) -> facts::Fact {
        self.facts.get(n)
    }

    /// The references of plan node `n` that resolve, read from its outgoing edges in one pass.
    pub(crate) fn references(&self, n: NodeIndex) -> References {
        let mut r = References::default();
        for e in self.graph.edges_directed(n, Direction::Outgoing) {
            match *e.weight() {
                Link::Issuer { position } => {
                    r.issuer_edges += 1;
                    match position {
                        0 => r.first_issuer = Some(e.target()),
                        1 => r.second_issuer = Some(e.target()),
                        _ => {}
                    }
                }
                Link::Implements { position } => r.implements.push((position, e.target())),
                Link::Parent | Link::Counterpart => {}
            }
        }
        r
    }

    /// Whether some `implements` edge (plans) or `parent` edge (units) could close a cycle: false when every
    /// such edge points to an earlier-added node, which a registry loaded in the usual order (parents first)
    /// satisfies.
    pub(crate) fn may_have_cycles(&self) -> (bool, bool) {
        (self.forward_parents > 0, self.forward_implements > 0)
    }

    /// The plan nodes whose first issuer is unit node `n` (each once).
    pub(crate) fn plans_issued_by(&self, n: NodeIndex) -> impl Iterator<Item = NodeIndex> + '_ {
        self.graph
            .edges_directed(n, Direction::Incoming)
            .filter(|e| matches!(e.weight(), Link::Issuer { position: 0 }))
            .map(|e| e.source())
    }

    /// Whether the unit `unit` is the administration issuer of an issued plan for `year`.
    pub(crate) fn has_issued_plan(&self, unit: &str, year: crate::model::SchoolYear) -> bool {
        let Some(n) =
            self.unit_node(unit).filter(|&n| self.unit_at(n).is_some_and(|u| u.side() == Side::Administration))
        else {
            return false;
        };
        self.plans_issued_by(n)
            .filter_map(|p| self.plan_at(p))
            .any(|p| p.status == crate::model::PlanStatus::Issued && p.school_year == year)
    }

    /// The parent node of unit node `n`, when its `parent` resolves.
    pub(crate) fn parent_unit_node(&self, n: NodeIndex) -> Option<NodeIndex> {
        self.graph
            .edges_directed(n, Direction::Outgoing)
            .find(|e| matches!(e.weight(), Link::Parent))
            .map(|e| e.target())
    }

    pub(crate) fn indexes(&self) -> &PlanIndexes {
        &self.indexes
    }

    pub(crate) fn graph(&self) -> &StableDiGraph<Entry, Link> {
        &self.graph
    }

    /// The unit nodes and the plan nodes, each in insertion order (the order saving follows), read from the
    /// node array in index order, which is insertion order unless removals freed slots that later nodes
    /// took: only then are they sorted. For comparing two registries entry by entry.
    pub(crate) fn nodes_in_order(&self) -> (Vec<NodeIndex>, Vec<NodeIndex>) {
        let mut units: Vec<(u64, NodeIndex)> = Vec::with_capacity(self.units.len());
        let mut plans: Vec<(u64, NodeIndex)> = Vec::with_capacity(self.plans.len());
        for n in self.graph.node_indices() {
            if let Some(e) = self.graph.node_weight(n) {
                match e.node {
                    Node::Unit(_) => units.push((e.seq, n)),
                    Node::Plan(_) => plans.push((e.seq, n)),
                }
            }
        }
        for list in [&mut units, &mut plans] {
            if !list.is_sorted_by_key(|&(seq, _)| seq) {
                list.sort_unstable_by_key(|&(seq, _)| seq);
            }
        }
        (units.into_iter().map(|(_, n)| n).collect(), plans.into_iter().map(|(_, n)| n).collect())
    }

    /// `nodes` sorted by insertion order.
    pub(crate) fn in_order<'a>(&self, nodes: impl Iterator<Item = &'a NodeIndex>) -> Vec<NodeIndex> {
        let mut v: Vec<(u64, NodeIndex)> =
            nodes.filter_map(|&n| self.graph.node_weight(n).map(|e| (e.seq, n))).collect();
        v.sort_unstable_by_key(|&(seq, _)| seq);
        v.into_iter().map(|(_, n)| n).collect()
    }
}

/// The resolved references of one plan (see [`Registry::references`]).
#[derive(Default)]
pub(crate) struct References {
    /// The unit `issuers[0]` names.
    pub(crate) first_issuer: Option<NodeIndex>,
    /// The unit `issuers[1]` names.
    pub(crate) second_issuer: Option<NodeIndex>,
    /// How many `issuers` entries resolve.
    pub(crate) issuer_edges: usize,
    /// (position in `implements`, plan) for each entry that resolves.
    implements: Few<(usize, NodeIndex)>,
}

impl References {
    /// The plan `implements[position]` names, when it resolves.
    pub(crate) fn parent_at(&self, position: usize) -> Option<NodeIndex> {
        self.implements.iter().find(|(p, _)| *p == position).map(|(_, n)| *n)
    }
}

/// A list that keeps its first four items inline: a plan implements one or two plans, and the check of a
/// national registry should not allocate once per plan to say so.
pub(crate) struct Few<T: Copy> {
    inline: [Option<T>; 4],
    spill: Vec<T>,
}

impl<T: Copy> Default for Few<T> {
    fn default() -> Few<T> {
        Few { inline: [None; 4], spill: Vec::new() }
    }
}

impl<T: Copy> Few<T> {
    fn push(&mut self, item: T) {
        match self.inline.iter_mut().find(|slot| slot.is_none()) {
            Some(slot) => *slot = Some(item),
            None => self.spill.push(item),
        }
    }

    fn iter(&self) -> impl Iterator<Item = &T> {
        self.inline.iter().map_while(Option::as_ref).chain(self.spill.iter())
    }
}
