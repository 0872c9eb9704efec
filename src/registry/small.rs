//! `Small`: a non-empty list that holds one item without allocating. Nearly every group of the plan indexes
//! (a school's plans for a year, the plans sharing a number) holds exactly one plan, and a national registry
//! has tens of thousands of them: one allocation each would be a fifth of the cost of connecting the graph.

/// A non-empty list; one item is kept inline.
#[derive(Clone, Debug)]
pub(crate) enum Small<T> {
    One(T),
    Many(Vec<T>),
}

impl<T: Copy + PartialEq> Small<T> {
    pub(crate) fn as_slice(&self) -> &[T] {
        match self {
            Small::One(x) => std::slice::from_ref(x),
            Small::Many(v) => v,
        }
    }

    /// Inserts `x` at `i` (clamped to the length).
    pub(crate) fn insert(&mut self, i: usize, x: T) {
        match self {
            Small::One(a) => {
                let a = *a;
                *self = Small::Many(if i == 0 { vec![x, a] } else { vec![a, x] });
            }
            Small::Many(v) => v.insert(i.min(v.len()), x),
        }
    }

    /// Appends `x`.
    pub(crate) fn push(&mut self, x: T) {
        let len = self.as_slice().len();
        self.insert(len, x);
    }

    /// Removes the items equal to `x`; returns true when nothing is left (the caller drops the list).
    pub(crate) fn remove_all(&mut self, x: T) -> bool {
        match self {
            Small::One(a) => *a == x,
            Small::Many(v) => {
                v.retain(|y| *y != x);
                if let [only] = v.as_slice() {
                    *self = Small::One(*only);
                }
                matches!(self, Small::Many(v) if v.is_empty())
            }
        }
    }
}

/// A possibly empty list, as the indexes keep one per group or key: `None` when empty.
pub(crate) type List<T> = Option<Small<T>>;

/// The first item of `list` that `matches`.
pub(crate) fn find<T: Copy + PartialEq>(list: &List<T>, matches: impl Fn(&T) -> bool) -> Option<T> {
    list.as_ref().and_then(|l| l.as_slice().iter().copied().find(matches))
}

/// Appends `x` to `list`.
pub(crate) fn push<T: Copy + PartialEq>(list: &mut List<T>, x: T) {
    match list {
        Some(l) => l.push(x),
        None => *list = Some(Small::One(x)),
    }
}

/// Removes the items equal to `x` from `list`; returns true, leaving `None`, when that empties it.
pub(crate) fn remove<T: Copy + PartialEq>(list: &mut List<T>, x: T) -> bool {
    let emptied = list.as_mut().is_some_and(|l| l.remove_all(x));
    if emptied {
        *list = None;
    }
    emptied
}

#[cfg(test)]
mod tests {
    use super::Small;

    #[test]
    fn grows_and_shrinks() {
        let mut s = Small::One(1);
        s.push(3);
        s.insert(1, 2);
        assert_eq!(s.as_slice(), &[1, 2, 3]);
        assert!(!s.remove_all(2));
        assert!(!s.remove_all(1));
        assert!(matches!(s, Small::One(3)));
        assert!(s.remove_all(3));
        let mut one = Small::One(7);
        assert!(!one.remove_all(8));
    }
}
