//! Which units sit on a cycle of `parent` and which plans on a cycle of `implements`, found once per check
//! without recursion (a chain of a million plans must not overflow the stack).

use petgraph::algo::kosaraju_scc;
use petgraph::stable_graph::NodeIndex;
use petgraph::visit::EdgeFiltered;

use crate::registry::{Link, Registry};

/// The size of the cycle each node is on (0: on none), indexed by node index.
pub(crate) struct Cycles {
    size: Vec<u32>,
    /// For a node on a plan cycle, a few other members, to name in the message.
    members: Vec<Vec<NodeIndex>>,
    member_of: Vec<u32>,
}

impl Cycles {
    pub(crate) fn find(reg: &Registry) -> Cycles {
        let bound = reg.node_bound();
        let mut c = Cycles {
            size: vec![0; bound],
            members: Vec::new(),
            member_of: vec![u32::MAX; bound],
        };
        c.find_unit_cycles(reg);
        c.find_plan_cycles(reg);
        c
    }

    /// Size of the cycle node `n` is on, 0 when none.
    pub(crate) fn size(&self, n: NodeIndex) -> u32 {
        self.size.get(n.index()).copied().unwrap_or(0)
    }

    /// The members of the cycle node `n` is on (in node order), empty when none.
    pub(crate) fn members(&self, n: NodeIndex) -> &[NodeIndex] {
        self.member_of
            .get(n.index())
            .and_then(|&i| self.members.get(i as usize))
            .map_or(&[], Vec::as_slice)
    }

    fn mark(&mut self, nodes: &[NodeIndex]) {
        let group = u32::try_from(self.members.len()).unwrap_or(u32::MAX);
        let size = u32::try_from(nodes.len()).unwrap_or(u32::MAX);
        let mut sorted = nodes.to_vec();
        sorted.sort_unstable();
        for &m in nodes {
            if let Some(s) = self.size.get_mut(m.index()) {
                *s = size;
            }
            if let Some(s) = self.member_of.get_mut(m.index()) {
                *s = group;
            }
        }
        self.members.push(sorted);
    }

    /// Each unit has at most one resolved parent, so the parent graph is a functional graph: walk each
    /// path once, colouring nodes, and a walk that meets its own path has found a cycle.
    fn find_unit_cycles(&mut self, reg: &Registry) {
        const NEW: u8 = 0;
        const ON_PATH: u8 = 1;
        const DONE: u8 = 2;
        let mut state = vec![NEW; self.size.len()];
        let mut path: Vec<NodeIndex> = Vec::new();
        for start in reg.unit_nodes() {
            if state.get(start.index()) != Some(&NEW) {
                continue;
            }
            path.clear();
            let mut cur = Some(start);
            while let Some(n) = cur {
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
                            let cycle: Vec<NodeIndex> = path.get(at..).unwrap_or(&[]).to_vec();
                            self.mark(&cycle);
                        }
                        cur = None;
                    }
                    _ => cur = None,
                }
            }
            for &n in &path {
                if let Some(s) = state.get_mut(n.index()) {
                    *s = DONE;
                }
            }
        }
    }

    /// Strongly connected components of the `implements` edges (petgraph's Kosaraju, which walks with an
    /// explicit stack): a component of two or more plans is a cycle, and so is a plan implementing itself.
    fn find_plan_cycles(&mut self, reg: &Registry) {
        let implements = EdgeFiltered::from_fn(
            reg.graph(),
            |e: petgraph::stable_graph::EdgeReference<'_, Link>| {
                matches!(e.weight(), Link::Implements { .. })
            },
        );
        for component in kosaraju_scc(&implements) {
            match component.as_slice() {
                [] => {}
                [n] => {
                    if reg.plan_at(*n).is_some() && reg.parent_nodes(*n).contains(n) {
                        self.mark(&component);
                    }
                }
                _ => self.mark(&component),
            }
        }
    }
}
