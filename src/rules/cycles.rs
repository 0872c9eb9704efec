//! Which units sit on a cycle of `parent` and which plans on a cycle of `implements`, without recursion (a
//! chain of a million plans must not overflow the stack).
//!
//! A full check finds every cycle once ([`Cycles::global`]: petgraph's Kosaraju for plans, a colouring walk
//! for units). A re-check after an edit looks at a few subjects only, and finds their cycles from them
//! ([`Cycles::Local`]), so that it never pays for the whole graph. Both give the same members, sorted by id,
//! so that messages do not depend on how the registry was built.

use std::borrow::Cow;
use std::collections::VecDeque;

use petgraph::Direction;
use petgraph::algo::kosaraju_scc;
use petgraph::stable_graph::NodeIndex;
use petgraph::visit::{EdgeFiltered, EdgeRef, NodeFiltered};

use crate::registry::{Link, Registry};

/// Where cycle membership comes from.
pub(crate) enum Cycles {
    /// Computed once for the whole registry: for each node, the index of its cycle in `members`.
    Global { member_of: Vec<u32>, members: Vec<Vec<NodeIndex>> },
    /// Computed for each subject when asked.
    Local,
}

impl Cycles {
    /// Finds every cycle of the registry.
    pub(crate) fn global(reg: &Registry) -> Cycles {
        // Made only when there is a cycle: a registry without one (nearly all) needs no per-node table.
        let mut member_of: Vec<u32> = Vec::new();
        let mut members: Vec<Vec<NodeIndex>> = Vec::new();
        let bound = reg.node_bound();
        let mut mark = |mut cycle: Vec<NodeIndex>, by_id: &dyn Fn(NodeIndex) -> String| {
            if member_of.is_empty() {
                member_of = vec![u32::MAX; bound];
            }
            cycle.sort_by_cached_key(|&m| by_id(m));
            let group = u32::try_from(members.len()).unwrap_or(u32::MAX);
            for &m in &cycle {
                if let Some(slot) = member_of.get_mut(m.index()) {
                    *slot = group;
                }
            }
            members.push(cycle);
        };
        let unit_id = |m: NodeIndex| reg.unit_at(m).map(|u| u.id.to_string()).unwrap_or_default();
        let plan_id = |m: NodeIndex| reg.plan_at(m).map(|p| p.id.to_string()).unwrap_or_default();
        let (unit_cycles_possible, plan_cycles_possible) = reg.may_have_cycles();
        if unit_cycles_possible {
            for cycle in unit_cycles(reg) {
                mark(cycle, &unit_id);
            }
        }
        // Peel first: a plan whose resolved parents have all been peeled (or which has none) is on no cycle.
        // What remains is usually nothing, so the strongly connected components are computed on a handful of
        // plans at most, not on every node of the graph.
        let remaining = if plan_cycles_possible { unpeeled_plans(reg) } else { Vec::new() };
        if remaining.contains(&true) {
            let implements =
                EdgeFiltered::from_fn(reg.graph(), |e: petgraph::stable_graph::EdgeReference<'_, Link>| {
                    matches!(e.weight(), Link::Implements { .. })
                });
            let residual =
                NodeFiltered::from_fn(&implements, |n: NodeIndex| remaining.get(n.index()).copied().unwrap_or(false));
            for component in kosaraju_scc(&residual) {
                let on_cycle = match component.as_slice() {
                    [] => false,
                    [n] => reg.plan_at(*n).is_some() && reg.parent_nodes(*n).contains(n),
                    _ => true,
                };
                if on_cycle {
                    mark(component, &plan_id);
                }
            }
        }
        Cycles::Global { member_of, members }
    }

    /// The plans on the `implements` cycle through plan node `n`, sorted by id; empty when there is none.
    pub(crate) fn plan_cycle(&self, reg: &Registry, n: NodeIndex) -> Cow<'_, [NodeIndex]> {
        match self {
            Cycles::Global { .. } => Cow::Borrowed(self.stored(n)),
            Cycles::Local if !reg.may_have_cycles().1 => Cow::Borrowed(&[]),
            Cycles::Local => {
                let component = plan_component(reg, n, usize::MAX).unwrap_or_default();
                let on_cycle = component.len() > 1 || reg.parent_nodes(n).contains(&n);
                if !on_cycle {
                    return Cow::Owned(Vec::new());
                }
                let mut c = component;
                c.sort_by_cached_key(|&m| reg.plan_at(m).map(|p| p.id.to_string()).unwrap_or_default());
                Cow::Owned(c)
            }
        }
    }

    /// The units on the `parent` cycle through unit node `n`, sorted by id; empty when there is none.
    pub(crate) fn unit_cycle(&self, reg: &Registry, n: NodeIndex) -> Cow<'_, [NodeIndex]> {
        match self {
            Cycles::Global { .. } => Cow::Borrowed(self.stored(n)),
            Cycles::Local => {
                let mut c = unit_loop(reg, n);
                c.sort_by_cached_key(|&m| reg.unit_at(m).map(|u| u.id.to_string()).unwrap_or_default());
                Cow::Owned(c)
            }
        }
    }

    fn stored(&self, n: NodeIndex) -> &[NodeIndex] {
        match self {
            Cycles::Global { member_of, members } => {
                member_of.get(n.index()).and_then(|&i| members.get(i as usize)).map_or(&[], Vec::as_slice)
            }
            Cycles::Local => &[],
        }
    }
}

/// The plans that can reach a cycle of `implements`: repeatedly remove the plans with no remaining resolved
/// parent (Kahn's algorithm run from the roots of the implementation tree); the rest lead to a cycle.
fn unpeeled_plans(reg: &Registry) -> Vec<bool> {
    let graph = reg.graph();
    let mut parents_left = vec![0u32; reg.node_bound()];
    let mut ready: Vec<NodeIndex> = Vec::new();
    let mut remaining = vec![false; reg.node_bound()];
    for n in reg.plan_nodes() {
        let count = graph
            .edges_directed(n, Direction::Outgoing)
            .filter(|e| matches!(e.weight(), Link::Implements { .. }))
            .count();
        if let Some(slot) = parents_left.get_mut(n.index()) {
            *slot = u32::try_from(count).unwrap_or(u32::MAX);
        }
        if count == 0 {
            ready.push(n);
        } else if let Some(slot) = remaining.get_mut(n.index()) {
            *slot = true;
        }
    }
    while let Some(n) = ready.pop() {
        for e in graph.edges_directed(n, Direction::Incoming) {
            if !matches!(e.weight(), Link::Implements { .. }) {
                continue;
            }
            let child = e.source();
            if let Some(left) = parents_left.get_mut(child.index()) {
                *left = left.saturating_sub(1);
                if *left == 0 {
                    if let Some(slot) = remaining.get_mut(child.index()) {
                        *slot = false;
                    }
                    ready.push(child);
                }
            }
        }
    }
    remaining
}

/// Each unit has at most one resolved parent, so the parent graph is a functional graph: walk each path
/// once, colouring nodes; a walk that meets its own path has found a cycle.
fn unit_cycles(reg: &Registry) -> Vec<Vec<NodeIndex>> {
    const NEW: u8 = 0;
    const ON_PATH: u8 = 1;
    const DONE: u8 = 2;
    let mut state = vec![NEW; reg.node_bound()];
    let mut path: Vec<NodeIndex> = Vec::new();
    let mut cycles = Vec::new();
    for start in reg.unit_nodes() {
        if state.get(start.index()) != Some(&NEW) {
            continue;
        }
        path.clear();
        let mut cur = Some(start);
        while let Some(n) = cur {
            cur = None;
            match state.get(n.index()).copied() {
                Some(NEW) => {
                    if let Some(s) = state.get_mut(n.index()) {
                        *s = ON_PATH;
                    }
                    path.push(n);
                    cur = reg.parent_unit_node(n);
                }
                Some(ON_PATH) => {
                    if let Some(at) = path.iter().position(|&m| m == n) {
                        cycles.push(path.get(at..).unwrap_or(&[]).to_vec());
                    }
                }
                _ => {}
            }
        }
        for &n in &path {
            if let Some(s) = state.get_mut(n.index()) {
                *s = DONE;
            }
        }
    }
    cycles
}

/// The units on the parent cycle through `n` (empty when following `parent` from `n` never returns to it).
fn unit_loop(reg: &Registry, n: NodeIndex) -> Vec<NodeIndex> {
    if !reg.may_have_cycles().0 {
        return Vec::new(); // every `parent` edge points back in insertion order: no loop to follow
    }
    let mut path = vec![n];
    let mut seen = rustc_hash::FxHashSet::default();
    seen.insert(n);
    let mut cur = reg.parent_unit_node(n);
    while let Some(m) = cur {
        if m == n {
            return path;
        }
        if !seen.insert(m) {
            return Vec::new();
        }
        path.push(m);
        cur = reg.parent_unit_node(m);
    }
    Vec::new()
}

/// The strongly connected component of plan node `n` in the `implements` graph: the plans reachable from `n`
/// that also reach it, `n` included. `None` when either search visits more than `limit` plans.
pub(crate) fn plan_component(reg: &Registry, n: NodeIndex, limit: usize) -> Option<Vec<NodeIndex>> {
    if !reg.may_have_cycles().1 {
        return Some(vec![n]); // every `implements` edge points back in insertion order: no cycle
    }
    let forward = reach(n, limit, |m| reg.parent_nodes(m))?;
    if !forward.contains(&n) {
        return Some(vec![n]);
    }
    let backward = reach(n, limit, |m| reg.child_nodes(m))?;
    let mut component: Vec<NodeIndex> = forward.intersection(&backward).copied().collect();
    if !component.contains(&n) {
        component.push(n);
    }
    Some(component)
}

/// The nodes reachable from `n` in one or more steps along `next` (breadth first, no recursion); `None`
/// beyond `limit` nodes.
fn reach(
    n: NodeIndex,
    limit: usize,
    next: impl Fn(NodeIndex) -> Vec<NodeIndex>,
) -> Option<rustc_hash::FxHashSet<NodeIndex>> {
    let mut seen = rustc_hash::FxHashSet::default();
    let mut queue = VecDeque::from([n]);
    while let Some(m) = queue.pop_front() {
        for k in next(m) {
            if seen.insert(k) {
                if seen.len() > limit {
                    return None;
                }
                queue.push_back(k);
            }
        }
    }
    Some(seen)
}
