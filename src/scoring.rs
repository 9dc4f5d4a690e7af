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

/// A scale compiled for the hot path: the same answers as [`Scale::score`], with the
/// labels as bytes and small whole numbers read without the general number parser.
#[derive(Debug, Clone)]
pub struct Matcher {
    /// Labels and skip answers: (text, points, or `None` for a skip answer).
    answers: Vec<(Box<[u8]>, Option<f64>)>,
    /// For each text length below [`BY_LENGTH`], the answers of that length (few: texts
    /// of one scale mostly differ in length), so a cell is compared with one or two.
    by_length: Vec<Vec<u16>>,
    numeric: Option<NumericRange>,
}

/// Answer texts up to this length are found through `Matcher::by_length`.
const BY_LENGTH: usize = 96;

impl Matcher {
    pub fn new(scale: &Scale) -> Matcher {
        let labels = scale.labels.iter().map(|l| (l.text.as_bytes().into(), Some(l.points)));
        let skips = scale.skip.iter().map(|s| (s.as_bytes().into(), None));
        let answers: Vec<(Box<[u8]>, Option<f64>)> = labels.chain(skips).collect();
        let mut by_length = vec![Vec::new(); BY_LENGTH];
        for (i, (text, _)) in answers.iter().enumerate() {
            if let Some(slot) = by_length.get_mut(text.len()) {
                slot.push(i as u16);
            }
        }
        Matcher { answers, by_length, numeric: scale.numeric }
    }

    /// The answer whose text is `cell`: `Some(Some(points))` for a label, `Some(None)`
    /// for a skip answer (labels come first, as in [`Scale::score`]).
    #[inline]
    fn lookup(&self, cell: &[u8]) -> Option<Option<f64>> {
        match self.by_length.get(cell.len()) {
            Some(candidates) => {
                candidates.iter().map(|&i| &self.answers[i as usize]).find(|(text, _)| same_bytes(text, cell))
            }
            None => self.answers.iter().find(|(text, _)| same_bytes(text, cell)),
        }
        .map(|(_, points)| *points)
    }

    /// Scores one raw cell, exactly as [`Scale::score`] does.
    #[inline]
    pub fn score(&self, cell: &[u8]) -> Answer {
        let cell = cell.trim_ascii();
        if cell.is_empty() {
            return Answer::NotAsked;
        }
        match self.lookup(cell) {
            Some(Some(points)) => return Answer::Points(points),
            Some(None) => return Answer::NotAsked,
            None => {}
        }
        match self.numeric {
            Some(range) => match small_integer(cell).or_else(|| parse_number(cell)) {
                Some(x) if x >= range.min && x <= range.max => Answer::Points(range.points(x)),
                Some(x) => Answer::OutOfRange(x),
                None => Answer::Unmapped,
            },
            None => Answer::Unmapped,
        }
    }
}

/// Slice equality without a library call: labels are short, and a call per cell costs
/// more than comparing eight bytes at a time inline (the last word may overlap).
#[inline]
fn same_bytes(a: &[u8], b: &[u8]) -> bool {
    let len = a.len();
    if len != b.len() {
        return false;
    }
    let word = |s: &[u8], at: usize| u64::from_le_bytes(s[at..at + 8].try_into().expect("eight bytes"));
    if len < 8 {
        return a == b;
    }
    let mut at = 0;
    while at + 8 < len {
        if word(a, at) != word(b, at) {
            return false;
        }
        at += 8;
    }
    word(a, len - 8) == word(b, len - 8)
}

/// One to three ASCII digits (the usual 0-10 answer), without the general parser.
fn small_integer(cell: &[u8]) -> Option<f64> {
    if cell.len() > 3 || !cell.iter().all(u8::is_ascii_digit) {
        return None;
    }
    Some(cell.iter().fold(0u32, |n, d| n * 10 + u32::from(d - b'0')) as f64)
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
            ..Scale::scored("sat")
        }
    }

    fn zero_to_ten(reverse: bool) -> Scale {
        Scale {
            name: "n".into(),
            description: None,
            labels: vec![Label { text: "Don't know".into(), points: 0.0 }],
            numeric: Some(NumericRange { min: 0.0, max: 10.0, reverse }),
            skip: vec!["Prefer not to say".into()],
            ..Scale::scored("n")
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
    fn the_matcher_scores_exactly_like_the_scale() {
        let long = Scale {
            name: "long".into(),
            description: None,
            labels: vec![
                Label { text: "Neither satisfied nor dissatisfied".into(), points: 0.0 },
                Label { text: "Neither satisfied nor dissatisfies".into(), points: 1.0 },
                Label { text: "Neither xatisfied nor dissatisfied".into(), points: 2.0 },
                Label { text: "12345678abcdefgh".into(), points: 3.0 },
                Label { text: "12345678abcdefgi".into(), points: 4.0 },
            ],
            numeric: Some(NumericRange { min: 0.0, max: 100.0, reverse: false }),
            skip: vec!["Prefer not to say".into()],
            ..Scale::scored("long")
        };
        let cells: [&[u8]; 16] = [
            b"Neither satisfied nor dissatisfied",
            b"Neither satisfied nor dissatisfies",
            b"Neither xatisfied nor dissatisfied",
            b"Neither satisfied n0r dissatisfied",
            b"12345678abcdefgh",
            b"12345678abcdefgi",
            b" 7 ",
            b"007",
            b"100",
            b"101",
            b"2.5e1",
            b"Prefer not to say",
            b"",
            b"x",
            b"\xff\xfe",
            b"1000",
        ];
        for scale in [satisfaction(), zero_to_ten(true), long] {
            let matcher = Matcher::new(&scale);
            for cell in cells {
                assert_eq!(matcher.score(cell), scale.score(cell), "{}", String::from_utf8_lossy(cell));
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn the_matcher_agrees_on_any_cell(cell in "[ a-zA-Z0-9.'-]{0,40}") {
            for scale in [satisfaction(), zero_to_ten(false)] {
                proptest::prop_assert_eq!(Matcher::new(&scale).score(cell.as_bytes()), scale.score(cell.as_bytes()));
            }
        }
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
