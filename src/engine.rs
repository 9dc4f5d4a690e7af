//! One pass over a response file: filter, score, weigh and group every row.
//!
//! [`Plan`] is everything resolved before the first row (columns, scales, filter);
//! [`RowScorer`] scores one row with reused buffers; [`run`] drives the pass and
//! collects every bad value so that all are reported together.

use crate::aggregate::{encode_key, Groups};
use crate::definitions::Definitions;
use crate::filter::{Condition, Filter};
use crate::input::{Header, Responses};
use crate::layout::Layout;
use crate::problems::{Explain, Kind, Problems};
use crate::records::Row;
use crate::scan::{scan, ScanOptions, Worker};
use crate::scoring::{parse_number, Answer, Matcher};
use crate::text::{did_you_mean, quote};
use crate::UsageError;

/// What the user asked for, by column name.
#[derive(Debug, Clone, Default)]
pub struct Request {
    pub by: Vec<String>,
    pub weight: Option<String>,
    pub conditions: Vec<Condition>,
}

/// The request and definitions resolved against one file's header.
#[derive(Debug, Clone)]
pub struct Plan {
    pub definitions: Definitions,
    pub header: Header,
    pub layout: Layout,
    pub by: Vec<usize>,
    pub weight: Option<usize>,
    pub filter: Filter,
    /// One compiled matcher per layout item.
    pub matchers: Vec<Matcher>,
}

impl Plan {
    pub fn new(definitions: Definitions, header: Header, request: &Request) -> anyhow::Result<Plan> {
        let (by, weight, filter) = bind_request(&header, request)?;
        let layout = Layout::bind(&definitions, &header)?;
        let matchers = layout.items.iter().map(|item| Matcher::new(&definitions.scales[item.scale])).collect();
        Ok(Plan { definitions, header, layout, by, weight, filter, matchers })
    }

    pub fn missions(&self) -> usize {
        self.layout.missions.len()
    }

    /// Fails with every bad value found, rendered for people; `Ok` when there were none.
    pub fn reject(&self, problems: &Problems) -> anyhow::Result<()> {
        if problems.is_empty() {
            Ok(())
        } else {
            Err(DataError(problems.render(&self.header.source, self)).into())
        }
    }

    fn scale_of_column(&self, column: usize) -> Option<&crate::definitions::Scale> {
        self.layout.items.iter().find(|i| i.column == column).map(|i| &self.definitions.scales[i.scale])
    }
}

impl Explain for Plan {
    fn suggest(&self, kind: Kind, column: usize, value: &[u8]) -> String {
        match (kind, self.scale_of_column(column), std::str::from_utf8(value)) {
            (Kind::Unmapped, Some(scale), Ok(text)) => did_you_mean(
                text,
                scale.labels.iter().map(|l| l.text.as_str()).chain(scale.skip.iter().map(String::as_str)),
            ),
            _ => String::new(),
        }
    }

    fn describe(&self, kind: Kind, column: usize) -> String {
        let name = quote(&self.header.names[column]);
        let scale = || self.layout.items.iter().find(|i| i.column == column).map(|i| &self.definitions.scales[i.scale]);
        match kind {
            Kind::Unmapped => match scale() {
                Some(s) => format!("column {name}: answers not on scale {}", quote(&s.name)),
                None => format!("column {name}: answers not on its scale"),
            },
            Kind::OutOfRange => match scale().and_then(|s| s.numeric.map(|r| (s, r))) {
                Some((s, r)) => {
                    format!("column {name}: numbers outside [{}, {}] of scale {}", r.min, r.max, quote(&s.name))
                }
                None => format!("column {name}: numbers out of range"),
            },
            Kind::BadWeight => format!("column {name}: weights must be numbers >= 0"),
            Kind::InvalidText => format!("column {name}: values are not valid UTF-8"),
            Kind::UnknownOption | Kind::BadIndicator => format!("column {name}: bad values"),
        }
    }
}

/// Scores rows one at a time, reusing its buffers.
pub struct RowScorer<'a> {
    plan: &'a Plan,
    points: Vec<Option<f64>>,
    /// The last scored row's index per mission, `None` where it has none.
    pub indexes: Vec<Option<f64>>,
    /// The last scored row's encoded group key (see `aggregate::encode_key`).
    pub key: Vec<u8>,
}

/// What became of a row.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Outcome {
    /// `--where` excluded it.
    Excluded,
    /// It holds a bad value (recorded in the problems).
    Invalid,
    /// Scored, with this respondent weight.
    Scored(f64),
}

impl<'a> RowScorer<'a> {
    pub fn new(plan: &'a Plan) -> RowScorer<'a> {
        RowScorer {
            plan,
            points: vec![None; plan.layout.items.len()],
            indexes: vec![None; plan.missions()],
            key: Vec::new(),
        }
    }

    /// Scores one data row (`row` is its 1-based number), recording bad values.
    pub fn score<R: Row>(&mut self, record: &R, row: u64, problems: &mut Problems) -> Outcome {
        let plan = self.plan;
        if !plan.filter.accepts(record) {
            return Outcome::Excluded;
        }
        let weight = row_weight(plan.weight, record, row, problems);
        let mut valid = weight.is_some();
        for ((slot, item), matcher) in self.points.iter_mut().zip(&plan.layout.items).zip(&plan.matchers) {
            let cell = record.get(item.column).unwrap_or_default();
            *slot = match matcher.score(cell) {
                Answer::Points(p) => Some(p),
                Answer::NotAsked => None,
                Answer::Unmapped => {
                    let kind = if std::str::from_utf8(cell).is_ok() { Kind::Unmapped } else { Kind::InvalidText };
                    problems.add(kind, item.column, cell.trim_ascii(), row);
                    valid = false;
                    None
                }
                Answer::OutOfRange(_) => {
                    problems.add(Kind::OutOfRange, item.column, cell.trim_ascii(), row);
                    valid = false;
                    None
                }
            };
        }
        valid &= group_key(&plan.by, record, row, &mut self.key, problems);
        if !valid {
            return Outcome::Invalid;
        }
        for (index, questions) in self.indexes.iter_mut().zip(&plan.layout.missions) {
            *index = crate::scoring::weighted_index(questions.iter().map(|&(item, w)| (w, self.points[item])));
        }
        Outcome::Scored(weight.unwrap_or_default())
    }

    /// The group values of the last scored row, decoded (they were checked to be UTF-8).
    pub fn group_values<R: Row>(&self, record: &R) -> Vec<String> {
        group_values(&self.plan.by, record)
    }
}

/// Resolves `--by`, `--weight` and `--where` against a header (usage errors name the
/// closest column).
pub fn bind_request(header: &Header, request: &Request) -> anyhow::Result<(Vec<usize>, Option<usize>, Filter)> {
    let by =
        request.by.iter().map(|name| header.find(name, "--by").map_err(UsageError)).collect::<Result<Vec<_>, _>>()?;
    let weight = match &request.weight {
        Some(name) => Some(header.find(name, "--weight").map_err(UsageError)?),
        None => None,
    };
    let filter = Filter::bind(&request.conditions, header)?;
    Ok((by, weight, filter))
}

/// A row's respondent weight (1 without a weight column); `None`, recorded in
/// `problems`, when the cell is not a number >= 0.
pub fn row_weight<R: Row>(weight: Option<usize>, record: &R, row: u64, problems: &mut Problems) -> Option<f64> {
    let Some(column) = weight else { return Some(1.0) };
    let cell = record.get(column).unwrap_or_default().trim_ascii();
    match parse_number(cell) {
        Some(w) if w >= 0.0 => Some(w),
        _ => {
            problems.add(Kind::BadWeight, column, cell, row);
            None
        }
    }
}

/// Encodes a row's group values into `key` (cleared first); false, with the bad value
/// recorded, when one is not UTF-8.
pub fn group_key<R: Row>(by: &[usize], record: &R, row: u64, key: &mut Vec<u8>, problems: &mut Problems) -> bool {
    key.clear();
    let mut valid = true;
    for &column in by {
        let cell = record.get(column).unwrap_or_default().trim_ascii();
        if std::str::from_utf8(cell).is_err() {
            problems.add(Kind::InvalidText, column, cell, row);
            valid = false;
        }
        encode_key([cell], key);
    }
    valid
}

/// A row's group values, decoded (lossily: callers have checked them with [`group_key`]).
pub fn group_values<R: Row>(by: &[usize], record: &R) -> Vec<String> {
    by.iter().map(|&c| String::from_utf8_lossy(record.get(c).unwrap_or_default().trim_ascii()).into_owned()).collect()
}

/// Everything one pass produced.
#[derive(Debug)]
pub struct PassResult {
    pub groups: Groups,
    pub rows: u64,
}

/// Scores and groups the rows of one chunk.
struct ScoreWorker<'a> {
    plan: &'a Plan,
}

impl<'a> Worker for ScoreWorker<'a> {
    type State = (RowScorer<'a>, Groups);

    fn start(&self) -> Self::State {
        (RowScorer::new(self.plan), Groups::new(self.plan.missions()))
    }

    fn row<R: Row>(&self, (scorer, groups): &mut Self::State, record: &R, row: u64, problems: &mut Problems) {
        if let Outcome::Scored(weight) = scorer.score(record, row, problems) {
            groups.total.add(weight, &scorer.indexes);
            if !self.plan.by.is_empty() {
                groups.group_mut(&scorer.key, || scorer.group_values(record)).add(weight, &scorer.indexes);
            }
        }
    }
}

/// Reads every row of `responses`, scoring and grouping them; fails with every bad
/// value. The result does not depend on the number of threads.
pub fn run(responses: Responses, plan: &Plan, options: ScanOptions) -> anyhow::Result<PassResult> {
    let mut groups = Groups::new(plan.missions());
    let mut problems = Problems::default();
    let rows = scan(responses, &ScoreWorker { plan }, options, |chunk| {
        groups.merge(&chunk.state.1);
        problems.merge(&chunk.problems);
        Ok(())
    })?;
    plan.reject(&problems)?;
    Ok(PassResult { groups, rows })
}

/// Bad values in the response data (exit code 1), already rendered for people.
#[derive(Debug)]
pub struct DataError(pub String);

impl std::fmt::Display for DataError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for DataError {}
