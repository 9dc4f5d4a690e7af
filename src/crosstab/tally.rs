//! Mergeable tallies: per group, the respondents in the base and the weight behind each
//! answer. Everything a crosstab prints (percentages, nets, effective bases, tests) is a
//! function of these sums, so chunks of a file tally apart and merge exactly.

use std::collections::HashMap;

use crate::aggregate::PerMission;
use crate::hash::FastHash;

/// Respondents and their summed weight.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Count {
    pub n: u64,
    pub w: f64,
}

impl Count {
    fn add(&mut self, weight: f64) {
        self.n += 1;
        self.w += weight;
    }

    fn merge(&mut self, other: &Count) {
        self.n += other.n;
        self.w += other.w;
    }
}

/// One group's tally.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Tally {
    /// Respondents asked (the base), and their weight.
    pub base: Count,
    /// Sum of squared weights of the base: the effective base is `w^2 / w2`.
    pub w2: f64,
    /// Per category (see [`Categories`]): respondents who gave it.
    pub answers: Vec<Count>,
}

impl PerMission for Tally {
    fn for_missions(_: usize) -> Tally {
        Tally::default()
    }
}

impl Tally {
    /// One respondent in the base, with the categories they chose (none, one or several).
    pub fn add(&mut self, weight: f64, chosen: &[usize]) {
        self.base.add(weight);
        self.w2 += weight * weight;
        for &category in chosen {
            if category >= self.answers.len() {
                self.answers.resize(category + 1, Count::default());
            }
            self.answers[category].add(weight);
        }
    }

    /// Adds another tally whose category `i` is our category `renumber[i]`.
    pub fn merge(&mut self, other: &Tally, renumber: &[usize]) {
        self.base.merge(&other.base);
        self.w2 += other.w2;
        for (i, count) in other.answers.iter().enumerate() {
            let ours = renumber[i];
            if ours >= self.answers.len() {
                self.answers.resize(ours + 1, Count::default());
            }
            self.answers[ours].merge(count);
        }
    }

    /// The count of category `i` (zero when nobody gave it).
    pub fn answer(&self, i: usize) -> Count {
        self.answers.get(i).copied().unwrap_or_default()
    }

    /// Kish's effective base `(sum w)^2 / sum w^2`; `None` without weight.
    pub fn effective_base(&self) -> Option<f64> {
        (self.w2 > 0.0).then(|| self.base.w * self.base.w / self.w2)
    }
}

/// The categories a tally counts, numbered in the order they were met (known ones
/// first: a scale's labels, a question's options).
#[derive(Debug, Clone, Default)]
pub struct Categories {
    pub labels: Vec<String>,
    /// How many were known before any row.
    pub known: usize,
    index: HashMap<Box<[u8]>, usize, FastHash>,
}

impl Categories {
    pub fn fixed(labels: impl IntoIterator<Item = String>) -> Categories {
        let mut categories = Categories::default();
        for label in labels {
            categories.find_or_add(label.as_bytes());
        }
        categories.known = categories.labels.len();
        categories
    }

    /// The number of category `text` (valid UTF-8), added if new.
    pub fn find_or_add(&mut self, text: &[u8]) -> usize {
        if let Some(&i) = self.index.get(text) {
            return i;
        }
        let i = self.labels.len();
        self.index.insert(text.into(), i);
        self.labels.push(String::from_utf8_lossy(text).into_owned());
        i
    }

    /// Adds another part's categories after ours; returns, for each of theirs, its
    /// number here.
    pub fn absorb(&mut self, other: &Categories) -> Vec<usize> {
        other.labels.iter().map(|label| self.find_or_add(label.as_bytes())).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tallies_by_hand() {
        let mut t = Tally::default();
        t.add(2.0, &[0]);
        t.add(1.0, &[1]);
        t.add(1.0, &[]);
        assert_eq!(t.base, Count { n: 3, w: 4.0 });
        assert_eq!(t.w2, 6.0);
        assert_eq!(t.answer(0), Count { n: 1, w: 2.0 });
        assert_eq!(t.answer(5), Count::default());
        // (4)^2 / 6
        assert_eq!(t.effective_base(), Some(16.0 / 6.0));
    }

    #[test]
    fn merging_renumbers_categories_met_in_another_order() {
        let mut whole = Categories::fixed(["a".to_string()]);
        let (b, c) = (whole.find_or_add(b"b"), whole.find_or_add(b"c"));
        let mut one = Tally::default();
        one.add(1.0, &[b]);
        one.add(3.0, &[c]);

        let mut part = Categories::fixed(["a".to_string()]);
        let mut tally = Tally::default();
        tally.add(3.0, &[part.find_or_add(b"c")]);
        tally.add(1.0, &[part.find_or_add(b"b")]);
        let mut merged_categories = Categories::fixed(["a".to_string()]);
        merged_categories.find_or_add(b"b");
        let renumber = merged_categories.absorb(&part);
        let mut merged = Tally::default();
        merged.merge(&tally, &renumber);
        assert_eq!(merged.answer(b), one.answer(b));
        assert_eq!(merged.answer(c), one.answer(c));
        assert_eq!(merged.base, one.base);
    }
}
