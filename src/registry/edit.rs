//! Adding, replacing and removing units and plans. Each operation checks first and changes second, so that
//! an edit that fails leaves the registry exactly as it was.

use chrono::{Datelike, NaiveDate};
use petgraph::Direction;
use petgraph::stable_graph::NodeIndex;
use petgraph::visit::EdgeRef;

use super::{Adopter, Entry, Link, Node, Prepared, Registry};
use crate::model::{Limits, ModelError, Plan, PlanId, Unit, UnitId};

/// Why an edit was refused. The registry is unchanged.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum EditError {
    /// A unit with this id already exists.
    #[error("unit \"{id}\" already exists; replace it or remove it first")]
    DuplicateUnit {
        /// The id.
        id: String,
    },
    /// A plan with this id already exists.
    #[error("plan \"{id}\" already exists; replace it or remove it first")]
    DuplicatePlan {
        /// The id.
        id: String,
    },
    /// No unit has this id.
    #[error("there is no unit \"{id}\"")]
    UnknownUnit {
        /// The id.
        id: String,
    },
    /// No plan has this id.
    #[error("there is no plan \"{id}\"")]
    UnknownPlan {
        /// The id.
        id: String,
    },
    /// The registry holds [`Limits::max_units`] units already.
    #[error("the registry holds {limit} units, its limit (Limits::max_units); remove one first")]
    TooManyUnits {
        /// The limit.
        limit: usize,
    },
    /// The registry holds [`Limits::max_plans`] plans already.
    #[error("the registry holds {limit} plans, its limit (Limits::max_plans); remove one first")]
    TooManyPlans {
        /// The limit.
        limit: usize,
    },
    /// A field holds a value the registry cannot keep: one the format cannot write, or one beyond the
    /// registry's [`Limits`] that a load would refuse.
    // Not named `source`: the reason is part of this sentence, and a chain printer would show it twice.
    #[error("{subject}, field {field}: {problem}")]
    Invalid {
        /// `unit "x"` or `plan "x"`.
        subject: String,
        /// The field, as the registry format names it (`approvals[1].held_on`).
        field: String,
        /// What is wrong with it.
        problem: ModelError,
    },
}

/// A field an edit may not store, with what is wrong with it.
type Refusal = (String, ModelError);

/// What the registry format cannot write, or what a load under `limits` would refuse, in `unit`.
fn unit_refusal(unit: &Unit, limits: &Limits) -> Result<(), Refusal> {
    let text = |s: &str, field: &str| string(limits, s, || field.to_owned());
    text(unit.id.as_str(), "id")?;
    text(unit.name.as_str(), "name")?;
    if let Some(parent) = &unit.parent {
        text(parent.as_str(), "parent")?;
    }
    if let Some(counterpart) = unit.counterpart() {
        text(counterpart.as_str(), "counterpart")?;
    }
    Ok(())
}

/// What the registry format cannot write (dates outside the years 0001–9999), or what a load under `limits`
/// would refuse, in `plan`: the first such field in the order the format writes them.
fn plan_refusal(plan: &Plan, limits: &Limits) -> Result<(), Refusal> {
    let text = |s: &str, field: &dyn Fn() -> String| string(limits, s, field);
    text(plan.id.as_str(), &|| "id".into())?;
    if let Some(number) = &plan.number {
        text(number.as_str(), &|| "number".into())?;
    }
    text(plan.title.as_str(), &|| "title".into())?;
    if let Some(d) = plan.issued_on {
        date(d, || "issued_on".into())?;
    }
    list(limits, plan.issuers.len(), || "issuers".into())?;
    for (i, id) in plan.issuers.iter().enumerate() {
        text(id.as_str(), &|| format!("issuers[{i}]"))?;
    }
    list(limits, plan.implements.len(), || "implements".into())?;
    for (i, id) in plan.implements.iter().enumerate() {
        text(id.as_str(), &|| format!("implements[{i}]"))?;
    }
    let areas = plan.content_areas.as_slice();
    list(limits, areas.len(), || "content_areas".into())?;
    for (i, area) in areas.iter().enumerate() {
        text(area.code.as_str(), &|| format!("content_areas[{i}].code"))?;
        text(area.title.as_str(), &|| format!("content_areas[{i}].title"))?;
        list(limits, area.addresses.len(), || format!("content_areas[{i}].addresses"))?;
        for (j, code) in area.addresses.iter().enumerate() {
            text(code.as_str(), &|| format!("content_areas[{i}].addresses[{j}]"))?;
        }
    }
    list(limits, plan.approvals.len(), || "approvals".into())?;
    for (i, a) in plan.approvals.iter().enumerate() {
        date(a.held_on(), || format!("approvals[{i}].held_on"))?;
    }
    list(limits, plan.reviews.len(), || "reviews".into())?;
    for (i, r) in plan.reviews.iter().enumerate() {
        date(r.held_on, || format!("reviews[{i}].held_on"))?;
    }
    Ok(())
}

fn string(limits: &Limits, s: &str, field: impl FnOnce() -> String) -> Result<(), Refusal> {
    if s.len() > limits.max_string_bytes {
        return Err((field(), ModelError::TooLong { bytes: s.len(), limit: limits.max_string_bytes }));
    }
    Ok(())
}

fn list(limits: &Limits, items: usize, field: impl FnOnce() -> String) -> Result<(), Refusal> {
    if items > limits.max_list_items {
        return Err((field(), ModelError::TooManyItems { items, limit: limits.max_list_items }));
    }
    Ok(())
}

fn date(date: NaiveDate, field: impl FnOnce() -> String) -> Result<(), Refusal> {
    if (1..=9999).contains(&date.year()) { Ok(()) } else { Err((field(), ModelError::DateOutOfRange { date })) }
}

impl Registry {
    fn check_unit(&self, unit: &Unit) -> Result<(), EditError> {
        unit_refusal(unit, &self.limits).map_err(|(field, problem)| EditError::Invalid {
            subject: format!("unit \"{}\"", unit.id),
            field,
            problem,
        })
    }

    fn check_plan(&self, plan: &Plan) -> Result<(), EditError> {
        plan_refusal(plan, &self.limits).map_err(|(field, problem)| EditError::Invalid {
            subject: format!("plan \"{}\"", plan.id),
            field,
            problem,
        })
    }
}

impl Registry {
    /// Adds `unit`; refuses an id already used by a unit. References to the new id, from units and plans
    /// already here, resolve from now on.
    pub fn add_unit(&mut self, unit: Unit) -> Result<(), EditError> {
        self.add_unit_at(unit, None)
    }

    /// [`Registry::add_unit`], at insertion place `seq` when given (a place [`Registry::place_of_unit`]
    /// gave for a unit since removed: undoing the removal puts it back where it was in saving order).
    pub(crate) fn add_unit_at(&mut self, unit: Unit, seq: Option<u64>) -> Result<(), EditError> {
        if self.units.contains_key(unit.id.as_str()) {
            return Err(EditError::DuplicateUnit { id: unit.id.to_string() });
        }
        if self.units.len() >= self.limits.max_units {
            return Err(EditError::TooManyUnits { limit: self.limits.max_units });
        }
        self.check_unit(&unit)?;
        let id = unit.id.clone();
        let n = self.insert_node_at(Node::Unit(unit), seq);
        self.units.insert(id.clone(), n);
        self.connect(n);
        if let Some(waiting) = self.waiting_units.remove(id.as_str()) {
            for r in dedup(waiting) {
                self.connect_to_unit(r, &id, n);
            }
        }
        Ok(())
    }

    /// Replaces the unit with `unit.id` by `unit`, returning the old one; refuses an unknown id, or a field
    /// beyond the registry's [`Limits`].
    pub fn replace_unit(&mut self, unit: Unit) -> Result<Unit, EditError> {
        let Some(&n) = self.units.get(unit.id.as_str()) else {
            return Err(EditError::UnknownUnit { id: unit.id.to_string() });
        };
        self.check_unit(&unit)?;
        if !matches!(self.graph.node_weight(n), Some(Entry { node: Node::Unit(_), .. })) {
            return Err(EditError::UnknownUnit { id: unit.id.to_string() });
        }
        self.disconnect(n);
        let mut old = unit;
        if let Some(Entry { node: Node::Unit(slot), .. }) = self.graph.node_weight_mut(n) {
            std::mem::swap(slot, &mut old);
        }
        if let Some(entry) = self.graph.node_weight(n) {
            self.facts.set_node(n, &entry.node);
        }
        self.connect(n);
        Ok(old)
    }

    /// The insertion place of the unit with `id` (in NFC): where it comes in saving order.
    pub(crate) fn place_of_unit(&self, id: &str) -> Option<u64> {
        self.unit_node(id).and_then(|n| self.graph.node_weight(n)).map(|e| e.seq)
    }

    /// The insertion place of the plan with `id` (in NFC).
    pub(crate) fn place_of_plan(&self, id: &str) -> Option<u64> {
        self.plan_node(id).and_then(|n| self.graph.node_weight(n)).map(|e| e.seq)
    }

    /// Puts back overrides as a snapshot of [`Registry::overrides`] had them, in that order.
    pub(crate) fn restore_overrides(&mut self, overrides: Vec<(crate::catalogue::Rule, crate::model::Level)>) {
        self.overrides = overrides;
    }

    /// Removes the unit with `id`, returning it. References to it stay in the data of the units and plans
    /// that make them, and are reported (`unit-unknown-reference`) until a unit with that id is added again.
    pub fn remove_unit(&mut self, id: &str) -> Result<Unit, EditError> {
        let Some(n) = self.unit_node(&crate::model::nfc(id)) else {
            return Err(EditError::UnknownUnit { id: id.to_owned() });
        };
        let Some(Node::Unit(unit)) = self.remove_node(n) else {
            return Err(EditError::UnknownUnit { id: id.to_owned() });
        };
        self.units.remove(unit.id.as_str());
        Ok(unit)
    }

    /// Adds `plan`; refuses an id already used by a plan, or a date outside the years 0001–9999.
    pub fn add_plan(&mut self, plan: Plan) -> Result<(), EditError> {
        self.add_plan_at(plan, None)
    }

    /// [`Registry::add_plan`], at insertion place `seq` when given (see [`Registry::add_unit_at`]).
    pub(crate) fn add_plan_at(&mut self, plan: Plan, seq: Option<u64>) -> Result<(), EditError> {
        if self.plans.contains_key(plan.id.as_str()) {
            return Err(EditError::DuplicatePlan { id: plan.id.to_string() });
        }
        if self.plans.len() >= self.limits.max_plans {
            return Err(EditError::TooManyPlans { limit: self.limits.max_plans });
        }
        self.check_plan(&plan)?;
        let id = plan.id.clone();
        let n = self.insert_node_at(Node::Plan(Box::new(plan)), seq);
        self.plans.insert(id.clone(), n);
        self.connect(n);
        if let Some(waiting) = self.waiting_plans.remove(id.as_str()) {
            for r in dedup(waiting) {
                self.connect_to_plan(r, &id, n);
            }
        }
        Ok(())
    }

    /// Replaces the plan with `plan.id` by `plan`, returning the old one; refuses an unknown id, a date
    /// outside the years 0001–9999, or a field beyond the registry's [`Limits`].
    pub fn replace_plan(&mut self, plan: Plan) -> Result<Plan, EditError> {
        let Some(&n) = self.plans.get(plan.id.as_str()) else {
            return Err(EditError::UnknownPlan { id: plan.id.to_string() });
        };
        self.check_plan(&plan)?;
        if !matches!(self.graph.node_weight(n), Some(Entry { node: Node::Plan(_), .. })) {
            return Err(EditError::UnknownPlan { id: plan.id.to_string() });
        }
        self.disconnect(n);
        let mut old = plan;
        if let Some(Entry { node: Node::Plan(slot), .. }) = self.graph.node_weight_mut(n) {
            std::mem::swap(&mut **slot, &mut old);
        }
        self.connect(n);
        Ok(old)
    }

    /// Removes the plan with `id`, returning it. Plans that implement it keep the reference, which is
    /// reported (`parent-plan-unknown`) until a plan with that id is added again.
    pub fn remove_plan(&mut self, id: &str) -> Result<Plan, EditError> {
        let Some(n) = self.plan_node(&crate::model::nfc(id)) else {
            return Err(EditError::UnknownPlan { id: id.to_owned() });
        };
        let Some(Node::Plan(plan)) = self.remove_node(n) else {
            return Err(EditError::UnknownPlan { id: id.to_owned() });
        };
        self.plans.remove(plan.id.as_str());
        Ok(*plan)
    }

    // ---- bulk loading -------------------------------------------------------------------------------

    /// Makes room for about `nodes` units and plans, and in the maps of ids for `units` units and `plans` plans.
    pub(crate) fn reserve(&mut self, nodes: usize, units: usize, plans: usize) {
        self.graph.reserve_nodes(nodes);
        self.facts.reserve(nodes);
        self.units.reserve(units);
        self.plans.reserve(plans);
        self.indexes.reserve_slots(nodes);
    }

    /// Adds `unit` without resolving its references (the loader resolves them all at the end, with
    /// [`Registry::connect_all`]) and without entering its id in the map of unit ids:
    /// [`Registry::index_units`] enters the ids of all the units added so, at once.
    pub(crate) fn insert_unindexed_unit(&mut self, unit: Unit) {
        self.insert_node(Node::Unit(unit));
    }

    /// Enters in the map of unit ids, in node order, the ids of the units added with
    /// [`Registry::insert_unindexed_unit`] at node `first` and after. A unit whose id is taken is removed
    /// again, after `taken` is given its offset from `first`, the unit and the node that holds the id.
    ///
    /// Entering them all at once, rather than one by one as they are read, sizes the map once for all of them
    /// and, in a loop that does nothing else, lets the processor wait for several of the map's buckets at a
    /// time (docs/PERFORMANCE.md, *Units entered at once*).
    pub(crate) fn index_units(&mut self, first: usize, mut taken: impl FnMut(usize, &Unit, NodeIndex)) {
        let bound = self.node_bound();
        self.units.reserve(bound.saturating_sub(first));
        let mut refused = Vec::new();
        for k in first..bound {
            let n = NodeIndex::new(k);
            let Some(Entry { node: Node::Unit(unit), .. }) = self.graph.node_weight(n) else { continue };
            match self.units.entry(unit.id.clone()) {
                std::collections::hash_map::Entry::Vacant(v) => {
                    v.insert(n);
                }
                std::collections::hash_map::Entry::Occupied(o) => {
                    taken(k - first, unit, *o.get());
                    refused.push(n);
                }
            }
        }
        for n in refused {
            self.facts.clear(n);
            self.graph.remove_node(n);
        }
    }

    /// Adds `plan` without resolving its references, with what `prepared` holds of it if given (else its
    /// summary and sequences are taken now, while the plan is in the cache).
    pub(crate) fn insert_unconnected_plan(
        &mut self,
        plan: Box<Plan>,
        prepared: Option<(Prepared, &mut Adopter)>,
    ) -> Result<(), NodeIndex> {
        if let Some(&n) = self.plans.get(plan.id.as_str()) {
            return Err(n);
        }
        let id = plan.id.clone();
        let n = self.insert_node(Node::Plan(plan));
        match prepared {
            Some((prepared, adopter)) => self.indexes.adopt(n, prepared, adopter),
            None => {
                if let Some(Entry { node: Node::Plan(plan), .. }) = self.graph.node_weight(n) {
                    self.indexes.prepare(n, plan);
                }
            }
        }
        self.plans.insert(id, n);
        Ok(())
    }

    /// A registry made anew from this one's units, plans, profile and overrides, each in the order they were
    /// added: the graph, the plan indexes and the dense facts are rebuilt from the data, which is their
    /// authority. For a holder that recovers after a panic interrupted an edit (the bindings' lock does): no
    /// half-made change in the derived structures survives. `format::save` of both is the same text.
    pub fn rebuilt(&self) -> Registry {
        let mut new = Registry::with_limits(self.profile, self.limits);
        new.overrides.clone_from(&self.overrides);
        new.reserve(self.units.len() + self.plans.len(), self.units.len(), self.plans.len());
        // Ids are unique among this registry's units and plans, so no insertion can be refused.
        for unit in self.units() {
            new.insert_unindexed_unit(unit.clone());
        }
        new.index_units(0, |_, unit, _| debug_assert!(false, "unit id {} taken", unit.id));
        for plan in self.plans() {
            let inserted = new.insert_unconnected_plan(Box::new(plan.clone()), None);
            debug_assert!(inserted.is_ok());
        }
        new.connect_all();
        new
    }

    /// Resolves the references of every node added with the `insert_unconnected_*` methods.
    pub(crate) fn connect_all(&mut self) {
        self.reserve_to_connect();
        let nodes: Vec<NodeIndex> = self.graph.node_indices().collect();
        for n in nodes {
            self.connect(n);
        }
    }

    /// [`Registry::connect_all`], on two threads: a second thread files the plans in the plan indexes and looks
    /// up the references of the last nodes, while this one looks up the references of the others; then this
    /// one adds the edges, in node order, so that the registry is the one `connect_all` makes. Looking up only
    /// reads the graph and the maps of ids, and after a load it mostly waits for memory: the two threads wait
    /// at once.
    pub(crate) fn connect_all_on_two_threads(&mut self) {
        self.reserve_to_connect();
        let mut indexes = std::mem::take(&mut self.indexes);
        let nodes: Vec<NodeIndex> = self.graph.node_indices().collect();
        let (mine, theirs) = nodes.split_at(nodes.len() * SHARE / 100);
        let this = &*self;
        let (first, second) = std::thread::scope(|s| {
            let other = std::thread::Builder::new().name("kehoach-connect".into()).spawn_scoped(s, || {
                index_plans(&this.graph, &mut indexes);
                this.resolve(theirs)
            });
            let first = this.resolve(mine);
            // A process out of threads does it all on this one.
            let second = other.ok().map(|h| h.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)));
            (first, second)
        });
        let second = second.unwrap_or_else(|| {
            index_plans(&self.graph, &mut indexes);
            self.resolve(theirs)
        });
        self.indexes = indexes;
        self.add_resolved(first);
        self.add_resolved(second);
    }

    /// The references of `nodes`, looked up, in order.
    fn resolve(&self, nodes: &[NodeIndex]) -> Resolved {
        let mut r = Resolved { edges: Vec::with_capacity(3 * nodes.len()), ..Resolved::default() };
        for &n in nodes {
            self.look_up(
                n,
                |t, link| r.edges.push((n, t, link)),
                |id| r.unit_waits.push((id.clone(), n)),
                |id| r.plan_waits.push((id.clone(), n)),
            );
        }
        r
    }

    /// Adds the edges and waits of [`Registry::resolve`].
    fn add_resolved(&mut self, r: Resolved) {
        for (n, t, link) in r.edges {
            self.link(n, t, link);
        }
        for (id, n) in r.unit_waits {
            self.wait_for_unit(id, n);
        }
        for (id, n) in r.plan_waits {
            self.wait_for_plan(id, n);
        }
    }

    fn reserve_to_connect(&mut self) {
        // About two references per unit and four per plan: reserve once rather than grow many times.
        self.graph.reserve_edges(2 * self.units.len() + 4 * self.plans.len());
        // The first issuers are units: ten school years of plans have one year's issuers.
        self.indexes.reserve(self.plans.len(), self.units.len(), self.node_bound());
    }

    // ---- graph maintenance ------------------------------------------------------------------------

    fn insert_node(&mut self, node: Node) -> NodeIndex {
        self.insert_node_at(node, None)
    }

    /// Inserts `node` at insertion place `seq`, or after every node when `None`.
    fn insert_node_at(&mut self, node: Node, seq: Option<u64>) -> NodeIndex {
        let seq = match seq {
            Some(seq) => seq,
            None => {
                self.next_seq += 1;
                self.next_seq - 1
            }
        };
        // A reused index starts afresh: its resolved references are added as its edges are.
        let n = self.graph.add_node(Entry { seq, node });
        self.facts.clear(n);
        if let Some(entry) = self.graph.node_weight(n) {
            self.facts.set_node(n, &entry.node);
        }
        n
    }

    /// Removes node `n`: whoever referred to it now waits for its id again.
    fn remove_node(&mut self, n: NodeIndex) -> Option<Node> {
        self.disconnect(n);
        let referrers: Vec<NodeIndex> =
            self.graph.edges_directed(n, Direction::Incoming).map(|e| e.source()).filter(|&s| s != n).collect();
        match self.graph.node_weight(n).map(|e| &e.node) {
            Some(Node::Unit(u)) => {
                let id = u.id.clone();
                if !referrers.is_empty() {
                    self.waiting_units.entry(id).or_default().extend(dedup(referrers));
                }
            }
            Some(Node::Plan(p)) => {
                let id = p.id.clone();
                if !referrers.is_empty() {
                    self.waiting_plans.entry(id).or_default().extend(dedup(referrers));
                }
            }
            None => return None,
        }
        let incoming: Vec<_> = self.graph.edges_directed(n, Direction::Incoming).map(|e| e.id()).collect();
        for e in incoming {
            self.unlink(e);
        }
        self.facts.clear(n);
        self.graph.remove_node(n).map(|e| e.node)
    }

    /// Adds the edge `source → target`, counting it when it points forward in insertion order (see
    /// [`Registry::may_have_cycles`]).
    fn link(&mut self, source: NodeIndex, target: NodeIndex, link: Link) {
        if self.points_forward(source, target) {
            match link {
                Link::Implements { .. } => self.forward_implements += 1,
                Link::Parent => self.forward_parents += 1,
                Link::Counterpart | Link::Issuer { .. } => {}
            }
        }
        self.facts.link(source, target, link);
        self.graph.add_edge(source, target, link);
    }

    /// Removes an edge added by [`Registry::link`].
    fn unlink(&mut self, e: petgraph::stable_graph::EdgeIndex) {
        let Some((source, target)) = self.graph.edge_endpoints(e) else { return };
        if self.points_forward(source, target) {
            match self.graph.edge_weight(e) {
                Some(Link::Implements { .. }) => self.forward_implements -= 1,
                Some(Link::Parent) => self.forward_parents -= 1,
                _ => {}
            }
        }
        if let Some(&link) = self.graph.edge_weight(e) {
            self.facts.unlink(source, link);
        }
        self.graph.remove_edge(e);
    }

    /// Whether an edge `source → target` points to a node added at the same time or later. When every
    /// `implements` (or `parent`) edge points to an earlier node, insertion order is a topological order of
    /// those edges and they can form no cycle.
    fn points_forward(&self, source: NodeIndex, target: NodeIndex) -> bool {
        let seq = |n: NodeIndex| self.graph.node_weight(n).map_or(0, |e| e.seq);
        seq(target) >= seq(source)
    }

    /// Adds the outgoing edges of node `n` for every reference that resolves; the others wait. Updates the
    /// plan indexes.
    fn connect(&mut self, n: NodeIndex) {
        let mut edges: super::Few<(NodeIndex, Link)> = super::Few::default();
        let mut wait_units = Vec::new();
        let mut wait_plans = Vec::new();
        self.look_up(
            n,
            |t, link| edges.push((t, link)),
            |id| wait_units.push(id.clone()),
            |id| wait_plans.push(id.clone()),
        );
        if let Some(Entry { node: Node::Plan(p), .. }) = self.graph.node_weight(n) {
            self.indexes.insert(n, p, first_issuer_key(&self.units, p));
        }
        for &(t, link) in edges.iter() {
            self.link(n, t, link);
        }
        for id in wait_units {
            self.wait_for_unit(id, n);
        }
        for id in wait_plans {
            self.wait_for_plan(id, n);
        }
    }

    /// Looks node `n`'s references up, in the order the node lists them: `edge` is given the node and link of
    /// each that resolves, `unit_waits` and `plan_waits` each id that names nothing (yet). Changes nothing.
    fn look_up(
        &self,
        n: NodeIndex,
        mut edge: impl FnMut(NodeIndex, Link),
        mut unit_waits: impl FnMut(&UnitId),
        mut plan_waits: impl FnMut(&PlanId),
    ) {
        match self.graph.node_weight(n).map(|e| &e.node) {
            Some(Node::Unit(u)) => {
                for (id, link) in [(u.parent.as_ref(), Link::Parent), (u.counterpart(), Link::Counterpart)] {
                    let Some(id) = id else { continue };
                    match self.units.get(id.as_str()) {
                        Some(&t) => edge(t, link),
                        None => unit_waits(id),
                    }
                }
            }
            Some(Node::Plan(p)) => {
                for (position, id) in p.issuers.iter().enumerate() {
                    match self.units.get(id.as_str()) {
                        Some(&t) => edge(t, Link::Issuer { position }),
                        None => unit_waits(id),
                    }
                }
                for (position, id) in p.implements.iter().enumerate() {
                    match self.plans.get(id.as_str()) {
                        Some(&t) => edge(t, Link::Implements { position }),
                        None => plan_waits(id),
                    }
                }
            }
            None => {}
        }
    }

    /// Node `n` names unit `id`, which is not in the registry: it waits for it.
    fn wait_for_unit(&mut self, id: UnitId, n: NodeIndex) {
        let list = self.waiting_units.entry(id).or_default();
        if list.last() != Some(&n) {
            list.push(n);
        }
    }

    /// Node `n` implements plan `id`, which is not in the registry: it waits for it.
    fn wait_for_plan(&mut self, id: PlanId, n: NodeIndex) {
        let list = self.waiting_plans.entry(id).or_default();
        if list.last() != Some(&n) {
            list.push(n);
        }
    }

    /// Undoes [`Registry::connect`]: removes node `n`'s outgoing edges, its waiting entries and its index
    /// entries. Incoming edges stay: the id does not change.
    fn disconnect(&mut self, n: NodeIndex) {
        let out: Vec<_> = self.graph.edges_directed(n, Direction::Outgoing).map(|e| e.id()).collect();
        for e in out {
            self.unlink(e);
        }
        let Some(entry) = self.graph.node_weight(n) else {
            return;
        };
        match &entry.node {
            Node::Unit(u) => {
                let ids: Vec<_> = [u.parent.as_ref(), u.counterpart()].into_iter().flatten().cloned().collect();
                for id in ids {
                    unwait(&mut self.waiting_units, id.as_str(), n);
                }
            }
            Node::Plan(p) => {
                self.indexes.remove(n, p);
                let units: Vec<_> = p.issuers.clone();
                let plans: Vec<_> = p.implements.clone();
                for id in units {
                    unwait(&mut self.waiting_units, id.as_str(), n);
                }
                for id in plans {
                    unwait(&mut self.waiting_plans, id.as_str(), n);
                }
            }
        }
    }

    /// Adds the edges from node `r` to unit node `t` for each of `r`'s references that name `id`.
    fn connect_to_unit(&mut self, r: NodeIndex, id: &crate::model::UnitId, t: NodeIndex) {
        let Some(entry) = self.graph.node_weight(r) else {
            return;
        };
        let links: Vec<Link> = match &entry.node {
            Node::Unit(u) => [(u.parent.as_ref(), Link::Parent), (u.counterpart(), Link::Counterpart)]
                .into_iter()
                .filter(|(x, _)| *x == Some(id))
                .map(|(_, l)| l)
                .collect(),
            Node::Plan(p) => p
                .issuers
                .iter()
                .enumerate()
                .filter(|(_, x)| *x == id)
                .map(|(position, _)| Link::Issuer { position })
                .collect(),
        };
        for l in links {
            self.link(r, t, l);
        }
    }

    /// Adds the edges from plan node `r` to plan node `t` for each `implements` entry naming `id`.
    fn connect_to_plan(&mut self, r: NodeIndex, id: &crate::model::PlanId, t: NodeIndex) {
        let Some(Entry { node: Node::Plan(p), .. }) = self.graph.node_weight(r) else {
            return;
        };
        let links: Vec<Link> = p
            .implements
            .iter()
            .enumerate()
            .filter(|(_, x)| *x == id)
            .map(|(position, _)| Link::Implements { position })
            .collect();
        for l in links {
            self.link(r, t, l);
        }
    }
}

fn dedup(mut v: Vec<NodeIndex>) -> Vec<NodeIndex> {
    v.sort_unstable();
    v.dedup();
    v
}

fn unwait<K: std::borrow::Borrow<str> + std::hash::Hash + Eq>(
    map: &mut rustc_hash::FxHashMap<K, Vec<NodeIndex>>,
    id: &str,
    n: NodeIndex,
) {
    if let Some(list) = map.get_mut(id) {
        list.retain(|&x| x != n);
        if list.is_empty() {
            map.remove(id);
        }
    }
}

/// What share of the nodes (per cent) [`Registry::connect_all_on_two_threads`] looks up on the calling
/// thread. Filing the plans takes the other thread about as long as looking up the units' references and most
/// of the plans' takes this one (measured on a national school year: units come first, and a unit's two
/// look-ups cost a fraction of a plan's three).
const SHARE: usize = 90;

/// References looked up, to be added.
#[derive(Default)]
struct Resolved {
    edges: Vec<(NodeIndex, NodeIndex, Link)>,
    unit_waits: Vec<(UnitId, NodeIndex)>,
    plan_waits: Vec<(PlanId, NodeIndex)>,
}

/// Adds every plan of `graph` to `indexes`, in node order.
///
/// The groups are keyed by the plans' own ids: here no look-up has just brought the unit map's key into the cache,
/// and a cold probe to find it would cost what it saves.
fn index_plans(graph: &petgraph::stable_graph::StableDiGraph<Entry, Link>, indexes: &mut super::PlanIndexes) {
    for n in graph.node_indices() {
        if let Some(Entry { node: Node::Plan(p), .. }) = graph.node_weight(n) {
            indexes.insert(n, p, None);
        }
    }
}

/// The unit map's own copy of `plan`'s first issuer id, when that id names a unit (see `PlanIndexes::insert`).
/// Just after the issuers were looked up, the probe finds the map's bucket in the cache.
fn first_issuer_key<'m>(units: &'m rustc_hash::FxHashMap<UnitId, NodeIndex>, plan: &Plan) -> Option<&'m UnitId> {
    plan.issuers.first().and_then(|id| units.get_key_value(id.as_str())).map(|(key, _)| key)
}

#[cfg(test)]
mod tests {
    use super::Registry;
    use crate::synthetic::{Config, national};

    /// `registry`'s units and plans inserted unconnected in the given order (plans first if `plans_first`),
    /// then connected on one thread and on two: both registries, as text that compares whole (graph, plan
    /// indexes, dense facts, waiting references).
    fn connected_both_ways(registry: &Registry, plans_first: bool) -> (String, String) {
        let build = |two_threads: bool| {
            let mut new = Registry::with_limits(registry.profile(), *registry.limits());
            let add_units = |new: &mut Registry| {
                let first = new.node_bound();
                for unit in registry.units() {
                    new.insert_unindexed_unit(unit.clone());
                }
                new.index_units(first, |_, unit, _| panic!("unit id {} taken", unit.id));
            };
            if !plans_first {
                add_units(&mut new);
            }
            for plan in registry.plans() {
                assert!(new.insert_unconnected_plan(Box::new(plan.clone()), None).is_ok());
            }
            if plans_first {
                add_units(&mut new);
            }
            if two_threads {
                new.connect_all_on_two_threads()
            } else {
                new.connect_all()
            }
            format!("{new:?}")
        };
        (build(false), build(true))
    }

    #[test]
    fn connecting_on_two_threads_makes_the_registry_one_thread_makes() {
        // The synthetic registry has references that name nothing (its faults), which wait.
        let config = Config { scale: 0.01, years: 2, ..Config::default() };
        let mut registry = national(&config).unwrap_or_else(|e| panic!("{e}")).registry;
        for plans_first in [false, true] {
            let (one, two) = connected_both_ways(&registry, plans_first);
            assert_eq!(one, two, "plans first: {plans_first}");
        }
        // After edits: a plan and a unit removed, so that some references wait and node order has gaps
        // where the graph reuses indexes.
        let plan = registry.plans().nth(3).map(|p| p.id.clone()).unwrap_or_else(|| panic!("no plans"));
        let unit = registry.units().nth(1).map(|u| u.id.clone()).unwrap_or_else(|| panic!("no units"));
        registry.remove_plan(plan.as_str()).unwrap_or_else(|e| panic!("{e}"));
        registry.remove_unit(unit.as_str()).unwrap_or_else(|e| panic!("{e}"));
        let (one, two) = connected_both_ways(&registry, false);
        assert_eq!(one, two);
        assert!(!one.contains("waiting_units: {}"), "the removed unit is waited for");
    }
}
