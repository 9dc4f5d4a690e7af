//! Answers to the tabulated questions (the definitions' `questions`), drawn from the
//! profile's published shares for the respondent's region, else nation, else the UK.
//!
//! They are drawn after the mission answers from each respondent's stream, so adding or
//! changing them never moves a mission answer.

use std::collections::BTreeMap;

use super::population::Region;
use super::profile::{Profile, QuestionProfile};
use super::rng::Rng;
use crate::definitions::{Definitions, TabKind};

/// Options chosen by a respondent when the profile gives no share for them.
const DEFAULT_OPTION_SHARE: f64 = 0.25;

/// How one tabulated question is generated, with its shares resolved per region.
#[derive(Debug, Clone)]
pub struct QuestionModel {
    kind: TabKind,
    /// Answer texts (a scale's labels, or a multi-response question's options).
    answers: Vec<String>,
    /// Per region: `None` when not asked there, else one share per answer (of choosing
    /// it for a multi-response option; of the whole for a single answer).
    shares: Vec<Option<Vec<f64>>>,
}

/// A generated answer to a tabulated question.
#[derive(Debug, Clone, PartialEq)]
pub enum Generated {
    NotAsked,
    /// The index of the one answer.
    One(usize),
    /// Whether each option was chosen.
    Several(Vec<bool>),
}

impl QuestionModel {
    pub fn all(definitions: &Definitions, profile: &Profile, regions: &[Region]) -> Vec<QuestionModel> {
        definitions
            .questions
            .iter()
            .map(|q| {
                let answers: Vec<String> = match &q.kind {
                    TabKind::Single { scale, .. } => {
                        definitions.scales[*scale].labels.iter().map(|l| l.text.clone()).collect()
                    }
                    TabKind::MultiCell { options, .. } => options.clone(),
                    TabKind::MultiColumns { options } => options.iter().map(|(l, _)| l.clone()).collect(),
                };
                let multi = !matches!(q.kind, TabKind::Single { .. });
                let found = profile.questions.get(&q.id);
                let shares = regions.iter().map(|r| region_shares(found, r, &answers, multi)).collect();
                QuestionModel { kind: q.kind.clone(), answers, shares }
            })
            .collect()
    }

    /// The column names this question writes.
    pub fn columns(&self) -> Vec<&str> {
        match &self.kind {
            TabKind::Single { column, .. } | TabKind::MultiCell { column, .. } => vec![column.as_str()],
            TabKind::MultiColumns { options } => options.iter().map(|(_, c)| c.as_str()).collect(),
        }
    }

    /// One respondent's answer; draws the same number of values whatever the outcome.
    pub fn generate(&self, region: usize, rng: &mut Rng) -> Generated {
        let draws: Vec<f64> = (0..self.answers.len()).map(|_| rng.uniform()).collect();
        let Some(shares) = &self.shares[region] else { return Generated::NotAsked };
        match self.kind {
            TabKind::Single { .. } => {
                let total: f64 = shares.iter().sum();
                let mut left = draws[0] * total;
                for (i, share) in shares.iter().enumerate() {
                    if left < *share {
                        return Generated::One(i);
                    }
                    left -= share;
                }
                Generated::One(shares.len() - 1)
            }
            _ => Generated::Several(draws.iter().zip(shares).map(|(u, p)| u < p).collect()),
        }
    }

    /// The cells this answer writes, in [`QuestionModel::columns`] order.
    pub fn cells(&self, answer: &Generated) -> Vec<String> {
        match (&self.kind, answer) {
            (TabKind::MultiColumns { options }, Generated::NotAsked) => vec![String::new(); options.len()],
            (TabKind::MultiColumns { .. }, Generated::Several(chosen)) => {
                chosen.iter().map(|&c| if c { "1" } else { "0" }.to_string()).collect()
            }
            (_, Generated::NotAsked) => vec![String::new()],
            (_, Generated::One(i)) => vec![self.answers[*i].clone()],
            (TabKind::MultiCell { delimiter, .. }, Generated::Several(chosen)) => {
                let picked: Vec<&str> =
                    self.answers.iter().zip(chosen).filter(|(_, &c)| c).map(|(a, _)| a.as_str()).collect();
                vec![picked.join(delimiter)]
            }
            (_, Generated::Several(_)) => vec![String::new()],
        }
    }
}

/// The shares of one region: the most specific table the profile has (region, nation,
/// `UK`), completed from the less specific ones answer by answer.
fn region_shares(
    profile: Option<&QuestionProfile>,
    region: &Region,
    answers: &[String],
    multi: bool,
) -> Option<Vec<f64>> {
    let Some(profile) = profile else {
        let even = if multi { DEFAULT_OPTION_SHARE } else { 1.0 };
        return Some(vec![even; answers.len()]);
    };
    if profile.not_asked.iter().any(|a| *a == region.name || *a == region.nation) {
        return None;
    }
    let tables: Vec<&BTreeMap<String, f64>> =
        [region.name.as_str(), region.nation.as_str(), "UK"].iter().filter_map(|a| profile.shares.get(*a)).collect();
    let share = |answer: &String| tables.iter().find_map(|t| t.get(answer)).copied();
    Some(
        answers
            .iter()
            .map(|a| {
                let percent = share(a).unwrap_or(if multi { 100.0 * DEFAULT_OPTION_SHARE } else { 0.0 });
                if multi {
                    percent / 100.0
                } else {
                    percent
                }
            })
            .collect(),
    )
}
