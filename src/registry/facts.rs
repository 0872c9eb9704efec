//! A dense table of what the rules read about every node, by node index: its kind, and the references a rule
//! follows (a unit's parent and counterpart; a plan's first and second issuer and its first parent plan),
//! resolved.
//!
//! The same facts are in the graph, but reaching them there means reading a unit's whole entry and walking
//! its list of edges: for a national registry that is a few cache misses per plan, which is most of a full
//! check's cost once the data no longer fits in the cache. Sixteen bytes per node (2.3 MB for a national
//! school year) do fit, so a full check reads them instead. The table is kept by the registry's two places
//! where edges come and go ([`super::Registry`]'s `link` and `unlink`) and where nodes come and go.

use petgraph::stable_graph::NodeIndex;

use super::Link;
use crate::model::{Side, UnitKind};

/// No node.
const NONE: u32 = u32::MAX;

/// What a node is, as far as the rules need to know without reading it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub(crate) enum Kind {
    /// No node at this index.
    #[default]
    Vacant,
    /// An administration unit that is not a school.
    Administration,
    /// A school.
    School,
    /// A union unit.
    Union,
    /// A plan.
    Plan,
}

impl Kind {
    pub(crate) fn of_unit(kind: UnitKind) -> Kind {
        match (kind, kind.side()) {
            (UnitKind::School, _) => Kind::School,
            (_, Side::Administration) => Kind::Administration,
            (_, Side::Union) => Kind::Union,
        }
    }

    /// Whether the node is an administration unit (a school included).
    pub(crate) fn is_administration(self) -> bool {
        matches!(self, Kind::Administration | Kind::School)
    }
}

/// The facts of one node.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Fact {
    pub(crate) kind: Kind,
    /// A unit's `parent` is given (resolved or not).
    pub(crate) names_parent: bool,
    /// A unit's `counterpart` is given (resolved or not).
    pub(crate) names_counterpart: bool,
    /// Two meanings in one slot, to keep a fact 16 bytes: a unit's resolved parent, or a plan's resolved first
    /// (administration) issuer. Read it through [`Fact::parent`] or [`Fact::first_issuer`].
    up: u32,
    /// A unit's resolved counterpart, or a plan's resolved second (union) issuer: [`Fact::counterpart`],
    /// [`Fact::second_issuer`].
    across: u32,
    /// A plan's resolved first `implements` entry: [`Fact::first_parent_plan`].
    parent_plan: u32,
}

impl Default for Fact {
    fn default() -> Fact {
        Fact {
            kind: Kind::Vacant,
            names_parent: false,
            names_counterpart: false,
            up: NONE,
            across: NONE,
            parent_plan: NONE,
        }
    }
}

fn node(i: u32) -> Option<NodeIndex> {
    (i != NONE).then(|| NodeIndex::new(i as usize))
}

impl Fact {
    /// A unit's resolved parent (`None` for a plan).
    pub(crate) fn parent(&self) -> Option<NodeIndex> {
        if self.kind == Kind::Plan { None } else { node(self.up) }
    }

    /// A unit's resolved counterpart (`None` for a plan).
    pub(crate) fn counterpart(&self) -> Option<NodeIndex> {
        if self.kind == Kind::Plan { None } else { node(self.across) }
    }

    /// A plan's resolved first issuer, the administration side when the data is right (`None` for a unit).
    pub(crate) fn first_issuer(&self) -> Option<NodeIndex> {
        if self.kind == Kind::Plan { node(self.up) } else { None }
    }

    /// A plan's resolved second issuer, the union side when the data is right (`None` for a unit).
    pub(crate) fn second_issuer(&self) -> Option<NodeIndex> {
        if self.kind == Kind::Plan { node(self.across) } else { None }
    }

    /// A plan's resolved first parent plan (`implements[0]`).
    pub(crate) fn first_parent_plan(&self) -> Option<NodeIndex> {
        node(self.parent_plan)
    }
}

#[derive(Clone, Debug, Default)]
pub(crate) struct Facts(Vec<Fact>);

impl Facts {
    pub(crate) fn get(&self, n: NodeIndex) -> Fact {
        self.0.get(n.index()).copied().unwrap_or_default()
    }

    /// The node at `n` is now `node` (its resolved references are added with [`Facts::link`]).
    pub(crate) fn set_node(&mut self, n: NodeIndex, node: &super::Node) {
        if self.0.len() <= n.index() {
            self.0.resize(n.index() + 1, Fact::default());
        }
        if let Some(f) = self.0.get_mut(n.index()) {
            match node {
                super::Node::Unit(u) => {
                    f.kind = Kind::of_unit(u.kind());
                    f.names_parent = u.parent.is_some();
                    f.names_counterpart = u.counterpart().is_some();
                }
                super::Node::Plan(_) => {
                    f.kind = Kind::Plan;
                    f.names_parent = false;
                    f.names_counterpart = false;
                }
            }
        }
    }

    /// Every node's index and kind, in node order (vacant indexes included).
    pub(crate) fn kinds(&self) -> impl Iterator<Item = (NodeIndex, Kind)> + '_ {
        self.0.iter().enumerate().map(|(i, f)| (NodeIndex::new(i), f.kind))
    }

    /// Node `n` is gone.
    pub(crate) fn clear(&mut self, n: NodeIndex) {
        if let Some(f) = self.0.get_mut(n.index()) {
            *f = Fact::default();
        }
    }

    pub(crate) fn reserve(&mut self, nodes: usize) {
        self.0.reserve(nodes);
    }

    /// The edge `source → target` was added.
    pub(crate) fn link(&mut self, source: NodeIndex, target: NodeIndex, link: Link) {
        let Some(f) = self.0.get_mut(source.index()) else { return };
        // The graph's indices are u32 and petgraph keeps u32::MAX (our NONE) as its own end marker, so every
        // node index fits and none is NONE.
        let t = u32::try_from(target.index()).unwrap_or(NONE);
        debug_assert_ne!(t, NONE);
        match link {
            Link::Parent | Link::Issuer { position: 0 } => f.up = t,
            Link::Counterpart | Link::Issuer { position: 1 } => f.across = t,
            Link::Implements { position: 0 } => f.parent_plan = t,
            Link::Issuer { .. } | Link::Implements { .. } => {}
        }
    }

    /// The edge `source → target` was removed.
    pub(crate) fn unlink(&mut self, source: NodeIndex, link: Link) {
        let Some(f) = self.0.get_mut(source.index()) else { return };
        match link {
            Link::Parent | Link::Issuer { position: 0 } => f.up = NONE,
            Link::Counterpart | Link::Issuer { position: 1 } => f.across = NONE,
            Link::Implements { position: 0 } => f.parent_plan = NONE,
            Link::Issuer { .. } | Link::Implements { .. } => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use petgraph::Direction;
    use petgraph::visit::EdgeRef;

    use super::Kind;
    use crate::model::{AdministrationKind, Plan, PlanStatus, UnionKind, Unit};
    use crate::registry::{Link, Node, Registry};

    /// Every node's facts are what its entry and its outgoing edges say.
    fn agree(reg: &Registry) {
        for n in reg.graph.node_indices() {
            let fact = reg.fact(n);
            let (mut a, mut b, mut c) = (None, None, None);
            for e in reg.graph.edges_directed(n, Direction::Outgoing) {
                match e.weight() {
                    Link::Parent | Link::Issuer { position: 0 } => a = Some(e.target()),
                    Link::Counterpart | Link::Issuer { position: 1 } => b = Some(e.target()),
                    Link::Implements { position: 0 } => c = Some(e.target()),
                    _ => {}
                }
            }
            let (up, across) = if fact.kind == Kind::Plan {
                (fact.first_issuer(), fact.second_issuer())
            } else {
                (fact.parent(), fact.counterpart())
            };
            assert_eq!((up, across, fact.first_parent_plan()), (a, b, c), "node {n:?}");
            // The plan indexes' dense group sizes agree with their member lists.
            let idx = reg.indexes();
            assert_eq!(idx.group_sizes(n), (idx.active_group(n).len(), idx.number_group(n).len()), "node {n:?}");
            let (kind, parent, counterpart) = match reg.graph.node_weight(n).map(|e| &e.node) {
                Some(Node::Unit(u)) => (Kind::of_unit(u.kind()), u.parent.is_some(), u.counterpart().is_some()),
                Some(Node::Plan(_)) => (Kind::Plan, false, false),
                None => (Kind::Vacant, false, false),
            };
            assert_eq!(
                (fact.kind, fact.names_parent, fact.names_counterpart),
                (kind, parent, counterpart),
                "node {n:?}"
            );
        }
    }

    fn office(id: &str, parent: &str) -> Unit {
        let u = Unit::administration(id, "Phòng", AdministrationKind::EducationOffice).unwrap();
        u.with_parent(parent).unwrap().with_counterpart(&format!("{id}-cd")).unwrap()
    }

    fn plan(id: &str, issuers: &[&str]) -> Plan {
        Plan::new(id, "KH", "2020-2021".parse().unwrap(), PlanStatus::Draft).unwrap().with_issuers(issuers).unwrap()
    }

    fn implementing(id: &str, parents: &[&str]) -> Plan {
        let mut p = plan(id, &["o1"]);
        p.implements = parents.iter().map(|x| crate::model::PlanId::new(x).unwrap()).collect();
        p
    }

    #[test]
    fn facts_follow_every_edit() {
        let mut reg = Registry::default();
        reg.add_plan(plan("p", &["o1", "o1-cd"])).unwrap();
        agree(&reg);
        reg.add_unit(office("o1", "s")).unwrap();
        agree(&reg);
        reg.add_unit(Unit::union("o1-cd", "LĐLĐ", UnionKind::LabourFederation).unwrap()).unwrap();
        reg.add_unit(Unit::administration("s", "Sở", AdministrationKind::EducationDepartment).unwrap()).unwrap();
        agree(&reg);
        reg.replace_unit(Unit::union("o1-cd", "Trường", UnionKind::GrassrootsUnion).unwrap()).unwrap();
        reg.replace_plan(plan("p", &["o1-cd", "o1"])).unwrap();
        agree(&reg);
        reg.remove_unit("o1").unwrap();
        agree(&reg);
        reg.add_plan(plan("q", &["s"])).unwrap();
        reg.add_unit(office("o1", "o1")).unwrap();
        agree(&reg);
        // A plan's first parent: waiting, resolved, replaced, gone.
        reg.add_plan(implementing("r", &["t", "q"])).unwrap();
        agree(&reg);
        reg.add_plan(plan("t", &["s"])).unwrap();
        agree(&reg);
        reg.replace_plan(implementing("r", &["q"])).unwrap();
        agree(&reg);
        reg.remove_plan("q").unwrap();
        agree(&reg);
        // Two issued plans sharing a number, then one leaves and one is renumbered.
        let numbered = |id: &str, number: &str| {
            let mut p = plan(id, &["o1"]).with_number(number).unwrap();
            p.status = PlanStatus::Issued;
            p.issued_on = chrono::NaiveDate::from_ymd_opt(2020, 9, 4);
            p
        };
        reg.add_plan(numbered("n1", "17/KHPH-GD&ĐT-LĐLĐ")).unwrap();
        reg.add_plan(numbered("n2", "17/KHPH-GD&ĐT-LĐLĐ")).unwrap();
        reg.add_plan(numbered("n3", "17/KHPH-GD&ĐT-LĐLĐ")).unwrap();
        agree(&reg);
        assert_eq!(reg.indexes().group_sizes(reg.plan_node("n1").unwrap()).1, 3);
        reg.remove_plan("n2").unwrap();
        reg.replace_plan(numbered("n3", "18/KHPH-GD&ĐT-LĐLĐ")).unwrap();
        agree(&reg);
        assert_eq!(reg.indexes().group_sizes(reg.plan_node("n1").unwrap()).1, 1);
        reg.remove_plan("p").unwrap();
        reg.remove_unit("s").unwrap();
        reg.add_unit(Unit::union("s", "Công đoàn", UnionKind::SectorUnion).unwrap()).unwrap();
        agree(&reg);
    }
}
