//! The method of the technical note: answers to points, points to a respondent's index.
//!
//! - A cell is trimmed; blank, or an answer in the scale's `skip` list, means "not asked".
//! - A listed label scores its points. On a numeric scale any other answer must be a
//!   number in `[min, max]` and scores `-200 + 400 (x - min) / (max - min)` (reversed:
//!   `200 - 400 (x - min) / (max - min)`).
//! - A respondent's index on a mission is `sum(w_q s_q) / sum(w_q)` over the questions
//!   they answered, and undefined when they answered none.

use crate::definitions::{NumericRange, Scale};

/// What one cell means on one scale.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Answer {
    Points(f64),
    /// Blank or a `skip` answer: the question is left out for this respondent.
    NotAsked,
    /// Text that is neither a label, a skip answer nor (on a numeric scale) a number.
    Unmapped,
    /// A number outside a numeric scale's range.
    OutOfRange(f64),
}

impl Scale {
    /// Scores one raw cell.
    pub fn score(&self, cell: &[u8]) -> Answer {
        let cell = cell.trim_ascii();
        if cell.is_empty() {
            return Answer::NotAsked;
        }
        if let Some(label) = self.labels.iter().find(|l| l.text.as_bytes() == cell) {
            return Answer::Points(label.points);
        }
        if self.skip.iter().any(|s| s.as_bytes() == cell) {
            return Answer::NotAsked;
        }
        match self.numeric {
            Some(range) => match parse_number(cell) {
                Some(x) if x >= range.min && x <= range.max => Answer::Points(range.points(x)),
                Some(x) => Answer::OutOfRange(x),
                None => Answer::Unmapped,
            },
            None => Answer::Unmapped,
        }
    }
}

impl NumericRange {
    /// Linear map of `x` in `[min, max]` onto -200..+200, or +200..-200 when reversed.
    pub fn points(&self, x: f64) -> f64 {
        let share = (x - self.min) / (self.max - self.min);
        if self.reverse {
            200.0 - 400.0 * share
        } else {
            -200.0 + 400.0 * share
        }
    }

    /// The answer value that scores `points`: the inverse of [`NumericRange::points`].
    pub fn value_for(&self, points: f64) -> f64 {
        let share = if self.reverse { (200.0 - points) / 400.0 } else { (points + 200.0) / 400.0 };
        self.min + share * (self.max - self.min)
    }
}

/// A finite decimal number, or `None` (so "NaN" and "inf" are not numbers here).
pub fn parse_number(bytes: &[u8]) -> Option<f64> {
    let text = std::str::from_utf8(bytes).ok()?;
    let x: f64 = text.parse().ok()?;
    x.is_finite().then_some(x)
}

/// Weighted mean of the answered questions' points, `None` when none was answered.
pub fn weighted_index(answers: impl IntoIterator<Item = (f64, Option<f64>)>) -> Option<f64> {
    let (mut sum_w, mut sum_ws) = (0.0, 0.0);
    for (weight, points) in answers {
        if let Some(points) = points {
            sum_w += weight;
            sum_ws += weight * points;
        }
    }
    (sum_w > 0.0).then(|| sum_ws / sum_w)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::definitions::Label;

    fn satisfaction() -> Scale {
        let labels = [
            ("Very satisfied", 200.0),
            ("Fairly satisfied", 100.0),
            ("Don't know", 0.0),
            ("Fairly dissatisfied", -100.0),
        ];
        Scale {
            name: "sat".into(),
            description: None,
            labels: labels.iter().map(|(t, p)| Label { text: t.to_string(), points: *p }).collect(),
            numeric: None,
            skip: vec!["Not applicable".into()],
        }
    }

    fn zero_to_ten(reverse: bool) -> Scale {
        Scale {
            name: "n".into(),
            description: None,
            labels: vec![Label { text: "Don't know".into(), points: 0.0 }],
            numeric: Some(NumericRange { min: 0.0, max: 10.0, reverse }),
            skip: vec!["Prefer not to say".into()],
        }
    }

    #[test]
    fn labels_match_the_trimmed_cell_exactly() {
        let s = satisfaction();
        assert_eq!(s.score(b"Very satisfied"), Answer::Points(200.0));
        assert_eq!(s.score(b"  Fairly dissatisfied \t"), Answer::Points(-100.0));
        assert_eq!(s.score(b"very satisfied"), Answer::Unmapped);
        assert_eq!(s.score(b""), Answer::NotAsked);
        assert_eq!(s.score(b"   "), Answer::NotAsked);
        assert_eq!(s.score(b"Not applicable"), Answer::NotAsked);
        assert_eq!(s.score(b"7"), Answer::Unmapped);
    }

    #[test]
    fn numeric_scales_map_linearly() {
        let s = zero_to_ten(false);
        assert_eq!(s.score(b"0"), Answer::Points(-200.0));
        assert_eq!(s.score(b"10"), Answer::Points(200.0));
        assert_eq!(s.score(b"7"), Answer::Points(80.0));
        assert_eq!(s.score(b"2.5"), Answer::Points(-100.0));
        assert_eq!(s.score(b"Don't know"), Answer::Points(0.0));
        assert_eq!(s.score(b"Prefer not to say"), Answer::NotAsked);
        assert_eq!(s.score(b"11"), Answer::OutOfRange(11.0));
        assert_eq!(s.score(b"-1"), Answer::OutOfRange(-1.0));
        assert_eq!(s.score(b"NaN"), Answer::Unmapped);
        assert_eq!(s.score(b"seven"), Answer::Unmapped);
        let r = zero_to_ten(true);
        assert_eq!(r.score(b"0"), Answer::Points(200.0));
        assert_eq!(r.score(b"7"), Answer::Points(-80.0));
        assert_eq!(r.numeric.unwrap().value_for(-80.0), 7.0);
    }

    #[test]
    fn respondent_index_is_the_weighted_mean_of_answered_questions() {
        // (2 * 200 + 1 * -100) / 3 = 100; the unanswered question is left out.
        assert_eq!(weighted_index([(2.0, Some(200.0)), (1.0, Some(-100.0)), (5.0, None)]), Some(100.0));
        assert_eq!(weighted_index([(1.0, None), (1.0, None)]), None);
        // One "very satisfied" cancels two "fairly dissatisfied".
        assert_eq!(weighted_index([(1.0, Some(200.0)), (1.0, Some(-100.0)), (1.0, Some(-100.0))]), Some(0.0));
    }
}
