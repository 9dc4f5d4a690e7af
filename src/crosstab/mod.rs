//! Crosstabs: the weighted distribution of one question's answers, overall and by group.
//!
//! [`TabPlan`] resolves the question (a defined one, a mission's column, or any column
//! of the file) and the request against a header; [`run`] reads the file once in
//! parallel and tallies, per group, the respondents asked and the weight behind each
//! answer ([`tally`]); [`table`] turns the tallies into column percentages, nets, net
//! scores and tests against the rest of the sample; [`grid`] lays them out.

pub mod coding;
pub mod grid;
pub mod table;
pub mod tally;

use crate::aggregate::{encode_key, Groups};
use crate::definitions::Definitions;
use crate::engine::{DataError, Request};
use crate::filter::Filter;
use crate::input::{Header, Responses};
use crate::problems::{Explain, Kind, Problems};
use crate::records::Row;
use crate::scan::{scan, ScanOptions, Worker};
use crate::scoring::parse_number;
use crate::text::quote;
use crate::UsageError;

pub use coding::{Coding, Question};
use tally::{Categories, Tally};

/// A crosstab request resolved against one file's header.
#[derive(Debug, Clone)]
pub struct TabPlan {
    pub header: Header,
    pub question: Question,
    pub coding: Coding,
    pub by: Vec<usize>,
    pub weight: Option<usize>,
    pub filter: Filter,
}

impl TabPlan {
    /// Binds question `name` and the request to `header`.
    pub fn new(definitions: &Definitions, header: Header, name: &str, request: &Request) -> anyhow::Result<TabPlan> {
        let question = Question::resolve(definitions, &header, name)?;
        let coding = Coding::bind(&question, &header)?;
        let by = request
            .by
            .iter()
            .map(|name| header.find(name, "--by").map_err(UsageError))
            .collect::<Result<Vec<_>, _>>()?;
        let weight = match &request.weight {
            Some(name) => Some(header.find(name, "--weight").map_err(UsageError)?),
            None => None,
        };
        let filter = Filter::bind(&request.conditions, &header)?;
        Ok(TabPlan { header, question, coding, by, weight, filter })
    }
}

impl Explain for TabPlan {
    fn describe(&self, kind: Kind, column: usize) -> String {
        let name = quote(&self.header.names[column]);
        match kind {
            Kind::BadWeight => format!("column {name}: weights must be numbers >= 0"),
            Kind::InvalidText => format!("column {name}: values are not valid UTF-8"),
            _ => self.coding.describe(kind, column, &self.header),
        }
    }

    fn suggest(&self, kind: Kind, column: usize, value: &[u8]) -> String {
        self.coding.suggest(kind, column, value)
    }
}

/// Tallies of one pass: the categories met, and per group the weight behind each.
#[derive(Debug)]
pub struct TabPass {
    pub categories: Categories,
    pub groups: Groups<Tally>,
}

/// Tallies one chunk of rows.
struct TabWorker<'a> {
    plan: &'a TabPlan,
}

/// A chunk's tallies, with the buffers its rows reuse.
struct ChunkState {
    categories: Categories,
    groups: Groups<Tally>,
    chosen: Vec<usize>,
    key: Vec<u8>,
}

impl Worker for TabWorker<'_> {
    type State = ChunkState;

    fn start(&self) -> ChunkState {
        ChunkState {
            categories: self.plan.coding.categories(),
            groups: Groups::new(0),
            chosen: Vec::new(),
            key: Vec::new(),
        }
    }

    fn row<R: Row>(&self, state: &mut ChunkState, record: &R, row: u64, problems: &mut Problems) {
        let plan = self.plan;
        if !plan.filter.accepts(record) {
            return;
        }
        let mut valid = true;
        let weight = match plan.weight {
            None => 1.0,
            Some(column) => {
                let cell = record.get(column).unwrap_or_default().trim_ascii();
                match parse_number(cell) {
                    Some(w) if w >= 0.0 => w,
                    _ => {
                        problems.add(Kind::BadWeight, column, cell, row);
                        valid = false;
                        0.0
                    }
                }
            }
        };
        state.key.clear();
        for &column in &plan.by {
            let cell = record.get(column).unwrap_or_default().trim_ascii();
            if std::str::from_utf8(cell).is_err() {
                problems.add(Kind::InvalidText, column, cell, row);
                valid = false;
            }
            encode_key([cell], &mut state.key);
        }
        state.chosen.clear();
        let asked = plan.coding.read(record, row, &mut state.categories, &mut state.chosen, problems);
        if !valid || asked != Some(true) {
            return;
        }
        state.groups.total.add(weight, &state.chosen);
        if !plan.by.is_empty() {
            let values = || {
                plan.by
                    .iter()
                    .map(|&c| String::from_utf8_lossy(record.get(c).unwrap_or_default().trim_ascii()).into_owned())
                    .collect()
            };
            state.groups.group_mut(&state.key, values).add(weight, &state.chosen);
        }
    }
}

/// Reads every row of `responses` and tallies the plan's question; fails with every bad
/// value. The result does not depend on the number of threads.
pub fn run(responses: Responses, plan: &TabPlan, options: ScanOptions) -> anyhow::Result<TabPass> {
    let mut categories = plan.coding.categories();
    let mut groups: Groups<Tally> = Groups::new(0);
    let mut problems = Problems::default();
    scan(responses, &TabWorker { plan }, options, |chunk| {
        // A chunk numbers the categories it met in its own order: renumber them.
        let renumber = categories.absorb(&chunk.state.categories);
        groups.merge_with(&chunk.state.groups, |ours, theirs| ours.merge(theirs, &renumber));
        problems.merge(&chunk.problems);
        Ok(())
    })?;
    if !problems.is_empty() {
        return Err(DataError(problems.render(&plan.header.source, plan)).into());
    }
    Ok(TabPass { categories, groups })
}
