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

use crate::aggregate::Groups;
use crate::definitions::Definitions;
use crate::engine::{bind_request, group_key, group_values, row_weight, DataError, Request};
use crate::filter::Filter;
use crate::input::{Header, Responses};
use crate::problems::{Explain, Kind, Problems};
use crate::records::Row;
use crate::scan::{scan, ScanOptions, Worker};
use crate::text::quote;

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
        let (by, weight, filter) = bind_request(&header, request)?;
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

/// More distinct answers than this in a column of the file is not a question (an id, a
/// free-text answer): the table would be unreadable and its tallies large.
pub const MAX_CATEGORIES: usize = 10_000;

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
        let weight = row_weight(plan.weight, record, row, problems);
        let valid = group_key(&plan.by, record, row, &mut state.key, problems) && weight.is_some();
        state.chosen.clear();
        let asked = plan.coding.read(record, row, &mut state.categories, &mut state.chosen, problems);
        if !valid || asked != Some(true) {
            return;
        }
        let weight = weight.unwrap_or_default();
        state.groups.total.add(weight, &state.chosen);
        if !plan.by.is_empty() {
            state.groups.group_mut(&state.key, || group_values(&plan.by, record)).add(weight, &state.chosen);
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
        if categories.labels.len() > MAX_CATEGORIES {
            anyhow::bail!(
                "{}: column {} has more than {MAX_CATEGORIES} distinct answers: crosstab a question, not an id or free text",
                plan.header.source,
                crate::text::quote(&plan.question.id)
            );
        }
        groups.merge_with(&chunk.state.groups, |ours, theirs| ours.merge(theirs, &renumber));
        problems.merge(&chunk.problems);
        Ok(())
    })?;
    if !problems.is_empty() {
        return Err(DataError(problems.render(&plan.header.source, plan)).into());
    }
    Ok(TabPass { categories, groups })
}
