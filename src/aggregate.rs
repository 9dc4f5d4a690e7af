//! Weighted group means, as small accumulators that merge.
//!
//! Group index = `sum(W_i I_i) / sum(W_i)` over the group's respondents who have an index
//! (the technical note's "average of all participants within that group", with the
//! survey's weights). Accumulators of disjoint parts of a file merge into exactly what
//! one pass over the whole gives, when merged in file order.

use std::collections::HashMap;

use crate::hash::FastHash;
use crate::text::natural_cmp;

/// Running sums for one weighted mean.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct MeanAccumulator {
    /// Respondents with a value.
    pub n: u64,
    /// Sum of their weights.
    pub sum_w: f64,
    /// Sum of weight x value.
    pub sum_wy: f64,
}

impl MeanAccumulator {
    pub fn add(&mut self, weight: f64, value: f64) {
        self.n += 1;
        self.sum_w += weight;
        self.sum_wy += weight * value;
    }

    pub fn merge(&mut self, other: &MeanAccumulator) {
        self.n += other.n;
        self.sum_w += other.sum_w;
        self.sum_wy += other.sum_wy;
    }

    /// The weighted mean; `None` when no weight is present (an empty group, or all weights 0).
    pub fn mean(&self) -> Option<f64> {
        (self.sum_w > 0.0).then(|| self.sum_wy / self.sum_w)
    }
}

/// Everything kept for one group: its size and one accumulator per mission.
#[derive(Debug, Clone, PartialEq)]
pub struct GroupAccumulator {
    /// Respondents in the group (whether or not they have an index).
    pub respondents: u64,
    pub missions: Vec<MeanAccumulator>,
}

impl GroupAccumulator {
    pub fn new(missions: usize) -> GroupAccumulator {
        GroupAccumulator { respondents: 0, missions: vec![MeanAccumulator::default(); missions] }
    }

    /// Adds one respondent's mission indexes (`None` where they have none).
    pub fn add(&mut self, weight: f64, indexes: &[Option<f64>]) {
        self.respondents += 1;
        for (acc, index) in self.missions.iter_mut().zip(indexes) {
            if let Some(index) = index {
                acc.add(weight, *index);
            }
        }
    }

    pub fn merge(&mut self, other: &GroupAccumulator) {
        self.respondents += other.respondents;
        for (ours, theirs) in self.missions.iter_mut().zip(&other.missions) {
            ours.merge(theirs);
        }
    }
}

/// An accumulator made fresh for each group: one slot per mission.
pub trait PerMission {
    fn for_missions(missions: usize) -> Self;
}

impl PerMission for GroupAccumulator {
    fn for_missions(missions: usize) -> Self {
        GroupAccumulator::new(missions)
    }
}

/// Accumulators for the total and for every group met so far, keyed by the raw group
/// values (`A` is what each group keeps: plain means, or the sums of the statistics).
#[derive(Debug, Clone)]
pub struct Groups<A = GroupAccumulator> {
    missions: usize,
    pub total: A,
    index: HashMap<Box<[u8]>, usize, FastHash>,
    /// The group values of each group, in order of first appearance.
    pub keys: Vec<Vec<String>>,
    pub groups: Vec<A>,
}

impl<A: PerMission> Groups<A> {
    pub fn new(missions: usize) -> Groups<A> {
        Groups {
            missions,
            total: A::for_missions(missions),
            index: HashMap::default(),
            keys: Vec::new(),
            groups: Vec::new(),
        }
    }

    /// The accumulator of the group whose encoded key is `key` (see [`encode_key`]);
    /// `values` decodes it, and is only called for a group not met before.
    pub fn group_mut(&mut self, key: &[u8], values: impl FnOnce() -> Vec<String>) -> &mut A {
        let slot = match self.index.get(key) {
            Some(&slot) => slot,
            None => {
                self.index.insert(key.into(), self.groups.len());
                self.keys.push(values());
                self.groups.push(A::for_missions(self.missions));
                self.groups.len() - 1
            }
        };
        &mut self.groups[slot]
    }

    /// Adds another part's accumulators after these ones, each with `merge`.
    pub fn merge_with(&mut self, other: &Groups<A>, mut merge: impl FnMut(&mut A, &A)) {
        merge(&mut self.total, &other.total);
        let mut key = Vec::new();
        for (values, acc) in other.keys.iter().zip(&other.groups) {
            key.clear();
            encode_key(values.iter().map(String::as_bytes), &mut key);
            merge(self.group_mut(&key, || values.clone()), acc);
        }
    }

    /// Group indexes in natural order of their values, column by column.
    pub fn sorted(&self) -> Vec<usize> {
        let mut order: Vec<usize> = (0..self.groups.len()).collect();
        order.sort_by(|&a, &b| {
            self.keys[a]
                .iter()
                .zip(&self.keys[b])
                .map(|(x, y)| natural_cmp(x, y))
                .find(|o| o.is_ne())
                .unwrap_or(std::cmp::Ordering::Equal)
        });
        order
    }
}

impl Groups {
    /// Adds another part's accumulators after these ones.
    pub fn merge(&mut self, other: &Groups) {
        self.merge_with(other, GroupAccumulator::merge);
    }
}

/// Encodes group values unambiguously (length-prefixed) into `out`.
pub fn encode_key<'a>(values: impl IntoIterator<Item = &'a [u8]>, out: &mut Vec<u8>) {
    for value in values {
        out.extend_from_slice(&(value.len() as u32).to_le_bytes());
        out.extend_from_slice(value);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weighted_mean_by_hand() {
        // (2 * 100 + 1 * -50 + 1 * 0) / 4 = 37.5
        let mut acc = MeanAccumulator::default();
        acc.add(2.0, 100.0);
        acc.add(1.0, -50.0);
        acc.add(1.0, 0.0);
        assert_eq!(acc.mean(), Some(37.5));
        assert_eq!(acc.n, 3);
    }

    #[test]
    fn empty_or_zero_weight_groups_have_no_mean() {
        assert_eq!(MeanAccumulator::default().mean(), None);
        let mut acc = MeanAccumulator::default();
        acc.add(0.0, 100.0);
        assert_eq!(acc.mean(), None);
    }

    #[test]
    fn respondents_without_an_index_count_in_the_group_but_not_the_mean() {
        let mut g = GroupAccumulator::new(2);
        g.add(1.0, &[Some(100.0), None]);
        g.add(3.0, &[Some(-100.0), Some(50.0)]);
        assert_eq!(g.respondents, 2);
        assert_eq!(g.missions[0].mean(), Some(-50.0));
        assert_eq!(g.missions[1].n, 1);
        assert_eq!(g.missions[1].mean(), Some(50.0));
    }

    #[test]
    fn keys_are_unambiguous() {
        let (mut a, mut b) = (Vec::new(), Vec::new());
        encode_key([&b"ab"[..], b"c"], &mut a);
        encode_key([&b"a"[..], b"bc"], &mut b);
        assert_ne!(a, b);
    }
}
