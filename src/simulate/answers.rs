//! Turning a respondent's latent level (in points) into an answer on a question's scale.
//!
//! Each answer is the scale point nearest the level, chosen between the two neighbouring
//! points with probabilities that keep the expected points equal to the level (stochastic
//! rounding), so group means track their targets. Every draw is made whatever the
//! outcome, so that a respondent's random stream stays in step when targets move.

use super::rng::Rng;
use crate::definitions::Scale;

/// A generated cell.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Cell {
    /// Not asked: written blank.
    Blank,
    /// The scale's label with this index.
    Label(usize),
    /// A number on a numeric scale (whole numbers when the range is whole).
    Number(f64),
    /// The scale's "prefer not to say"-style skip answer with this index.
    Skip(usize),
}

/// How one column's answers are generated.
#[derive(Debug, Clone)]
pub struct ColumnModel {
    pub column: String,
    pub scale: Scale,
    /// Missions whose levels this column's answers follow (a column can serve several).
    pub missions: Vec<usize>,
    /// Share of respondents asked.
    pub asked: f64,
    /// Distinct points of the substantive labels, ascending, each with its first label.
    steps: Vec<(f64, usize)>,
    dont_know: Option<usize>,
}

impl ColumnModel {
    pub fn new(column: &str, scale: &Scale, missions: Vec<usize>, asked: f64) -> ColumnModel {
        let dont_know = scale.labels.iter().position(|l| is_dont_know(&l.text));
        let mut steps: Vec<(f64, usize)> = Vec::new();
        for (i, label) in scale.labels.iter().enumerate() {
            if Some(i) != dont_know && !steps.iter().any(|(p, _)| *p == label.points) {
                steps.push((label.points, i));
            }
        }
        steps.sort_by(|a, b| a.0.total_cmp(&b.0));
        ColumnModel { column: column.to_string(), scale: scale.clone(), missions, asked, steps, dont_know }
    }

    /// One answer for a latent `level` (points); returns the cell and its points.
    pub fn answer(&self, level: f64, dont_know: f64, refuse: f64, rng: &mut Rng) -> (Cell, Option<f64>) {
        let (asked, dk, refused, pick) = (rng.uniform(), rng.uniform(), rng.uniform(), rng.uniform());
        if asked >= self.asked {
            return (Cell::Blank, None);
        }
        if refused < refuse && !self.scale.skip.is_empty() {
            return (Cell::Skip(0), None);
        }
        if let Some(label) = self.dont_know.filter(|_| dk < dont_know) {
            return (Cell::Label(label), Some(self.scale.labels[label].points));
        }
        if let Some(range) = self.scale.numeric {
            let value = range.value_for(level.clamp(-200.0, 200.0));
            let whole = range.min.fract() == 0.0 && range.max.fract() == 0.0;
            let value = if whole { stochastic_round(value, pick) } else { value };
            return (Cell::Number(value), Some(range.points(value)));
        }
        if self.steps.is_empty() {
            return (Cell::Blank, None);
        }
        let level = level.clamp(self.steps[0].0, self.steps[self.steps.len() - 1].0);
        let upper = self.steps.iter().position(|(p, _)| *p >= level).unwrap_or(self.steps.len() - 1);
        let chosen = if upper == 0 || self.steps[upper].0 == level {
            self.steps[upper]
        } else {
            let (low, high) = (self.steps[upper - 1], self.steps[upper]);
            if pick < (level - low.0) / (high.0 - low.0) {
                high
            } else {
                low
            }
        };
        (Cell::Label(chosen.1), Some(chosen.0))
    }
}

fn is_dont_know(label: &str) -> bool {
    let lower = label.to_lowercase().replace('’', "'");
    lower == "don't know" || lower == "dont know" || lower == "dk"
}

/// Rounds to a neighbouring whole number, up with probability equal to the fraction.
fn stochastic_round(x: f64, u: f64) -> f64 {
    let floor = x.floor();
    if u < x - floor {
        floor + 1.0
    } else {
        floor
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::definitions::Definitions;

    #[test]
    fn expected_points_follow_the_level() {
        let defs = Definitions::builtin();
        let scale = defs.scales.iter().find(|s| s.name == "satisfaction").unwrap();
        let model = ColumnModel::new("q", scale, vec![0], 1.0);
        let mut rng = Rng::new(3);
        let n = 100_000;
        let mean = (0..n).map(|_| model.answer(37.0, 0.0, 0.0, &mut rng).1.unwrap()).sum::<f64>() / n as f64;
        assert!((mean - 37.0).abs() < 1.0, "{mean}");
        let wellbeing = defs.scales.iter().find(|s| s.name == "anxiety").unwrap();
        let model = ColumnModel::new("q", wellbeing, vec![0], 1.0);
        let mean = (0..n).map(|_| model.answer(-50.0, 0.0, 0.0, &mut rng).1.unwrap()).sum::<f64>() / n as f64;
        assert!((mean + 50.0).abs() < 1.0, "{mean}");
    }
}
