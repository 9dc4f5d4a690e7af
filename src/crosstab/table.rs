//! From tallies to a crosstab: column percentages, nets, net scores, tests against the
//! rest of the sample, and change since an earlier wave.
//!
//! A cell's percentage is `100 * sum(w of those giving the answer) / sum(w of the base)`,
//! the base being the column's respondents asked (blank and `skip` answers, and answers
//! in `exclude_from_base`, are outside it). For a multi-response question each option is
//! an indicator over the same base, so a column sums to more than 100.

use std::cmp::Ordering;

use super::coding::{Question, Shape};
use super::tally::{Count, Tally};
use super::TabPass;
use crate::stats::proportions::{group_vs_rest, ProportionTest, Side};
use crate::text::natural_cmp;

/// Settings of the tests and of the rows shown.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TableOptions {
    pub alpha: f64,
    /// Groups with fewer respondents in the base are not tested.
    pub min_base: u64,
    /// Keep the first K options (multi-response questions).
    pub top: Option<usize>,
}

/// What a row shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowKind {
    /// One answer (or one option of a multi-response question).
    Answer,
    /// A defined group of answers.
    Net,
    /// % positive minus % negative: points, not a percentage.
    NetScore,
}

impl RowKind {
    pub fn name(self) -> &'static str {
        match self {
            RowKind::Answer => "answer",
            RowKind::Net => "net",
            RowKind::NetScore => "net score",
        }
    }
}

/// One column: the total or a group.
#[derive(Debug, Clone)]
pub struct Column {
    /// The group's values, one per `--by` column (`Total` in each for the total).
    pub values: Vec<String>,
    pub is_total: bool,
    pub tally: Tally,
    /// Too few respondents to be tested.
    pub low_base: bool,
}

/// One cell of a row.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Estimate {
    /// Respondents giving the answer and their weight (none for a net score).
    pub count: Option<Count>,
    /// Percentage of the base (points for a net score); `None` without weight.
    pub percent: Option<f64>,
    /// Against the rest of the sample (group columns of answers and nets).
    pub test: Option<ProportionTest>,
    pub significant: bool,
    /// The earlier wave's figure and the change since, with `--compare`.
    pub previous: Option<f64>,
    pub change: Option<f64>,
}

#[derive(Debug, Clone)]
pub struct TableRow {
    pub label: String,
    pub kind: RowKind,
    pub cells: Vec<Estimate>,
}

/// A whole crosstab: the total column first, then the groups in natural order.
#[derive(Debug, Clone)]
pub struct Table {
    pub columns: Vec<Column>,
    pub rows: Vec<TableRow>,
    pub multi: bool,
}

/// Builds the crosstab of one pass.
pub fn build(pass: &TabPass, question: &Question, by: usize, options: &TableOptions) -> Table {
    let groups = &pass.groups;
    let mut columns = vec![Column {
        values: vec!["Total".to_string(); by.max(1)],
        is_total: true,
        tally: groups.total.clone(),
        low_base: false,
    }];
    for g in groups.sorted() {
        let tally = groups.groups[g].clone();
        let low_base = tally.base.n < options.min_base;
        columns.push(Column { values: groups.keys[g].clone(), is_total: false, tally, low_base });
    }
    let mut rows: Vec<TableRow> = category_order(pass, question)
        .into_iter()
        .map(|i| proportion_row(pass.categories.labels[i].clone(), RowKind::Answer, &columns, options, |t| t.answer(i)))
        .collect();
    if question.is_multi() {
        // Options by the total's share, largest first (ties in definition order).
        rows.sort_by(|a, b| {
            let share = |r: &TableRow| r.cells[0].percent.unwrap_or(f64::NEG_INFINITY);
            share(b).partial_cmp(&share(a)).unwrap_or(Ordering::Equal)
        });
        if let Some(k) = options.top {
            rows.truncate(k);
        }
    }
    if let Some(scale) = question.scale() {
        // Nets sum their labels' counts (one answer per respondent, so counts add up).
        let category_of = |label: usize| pass.categories.labels.iter().position(|c| *c == scale.labels[label].text);
        let sum = |labels: &[usize], tally: &Tally| {
            labels.iter().filter_map(|&l| category_of(l)).map(|c| tally.answer(c)).fold(Count::default(), add)
        };
        for net in &scale.nets {
            rows.push(proportion_row(net.name.clone(), RowKind::Net, &columns, options, |t| sum(&net.labels, t)));
        }
        if let Some(score) = &scale.net_score {
            let cells = columns
                .iter()
                .map(|c| {
                    let share = |labels: &[usize]| percent(sum(labels, &c.tally), &c.tally);
                    let percent = share(&score.positive).zip(share(&score.negative)).map(|(p, n)| p - n);
                    Estimate { percent, ..Estimate::default() }
                })
                .collect();
            rows.push(TableRow { label: score.name.clone(), kind: RowKind::NetScore, cells });
        }
    }
    Table { columns, rows, multi: question.is_multi() }
}

fn add(a: Count, b: Count) -> Count {
    Count { n: a.n + b.n, w: a.w + b.w }
}

fn percent(count: Count, base: &Tally) -> Option<f64> {
    (base.base.w > 0.0).then(|| 100.0 * count.w / base.base.w)
}

/// Categories to show, in order: a scale's labels, then the numbers met on a numeric
/// scale (ascending); anything else in order of first appearance.
fn category_order(pass: &TabPass, question: &Question) -> Vec<usize> {
    let categories = &pass.categories;
    let mut order: Vec<usize> = (0..categories.labels.len()).collect();
    if matches!(question.shape, Shape::Scale { .. }) {
        order[categories.known..].sort_by(|&a, &b| {
            let number = |i: usize| categories.labels[i].parse::<f64>().unwrap_or(f64::NAN);
            number(a).total_cmp(&number(b)).then_with(|| natural_cmp(&categories.labels[a], &categories.labels[b]))
        });
    }
    order
}

/// A row of percentages: `count` picks the row's count out of a column's tally.
fn proportion_row(
    label: String,
    kind: RowKind,
    columns: &[Column],
    options: &TableOptions,
    count: impl Fn(&Tally) -> Count,
) -> TableRow {
    let side = |tally: &Tally| Side { answer_w: count(tally).w, base_w: tally.base.w, base_w2: tally.w2 };
    let total = side(&columns[0].tally);
    let cells = columns
        .iter()
        .map(|column| {
            let c = count(&column.tally);
            let test = (!column.is_total && !column.low_base)
                .then(|| group_vs_rest(side(&column.tally), Side::rest(total, side(&column.tally))))
                .flatten();
            Estimate {
                count: Some(c),
                percent: percent(c, &column.tally),
                significant: test.is_some_and(|t| t.p_value < options.alpha),
                test,
                ..Estimate::default()
            }
        })
        .collect();
    TableRow { label, kind, cells }
}

/// Adds an earlier wave's figures and the change since, matching rows by label and
/// kind and columns by group values.
pub fn compare(current: &mut Table, previous: &Table) {
    for row in &mut current.rows {
        let Some(before) = previous.rows.iter().find(|r| r.label == row.label && r.kind == row.kind) else {
            continue;
        };
        for (cell, column) in row.cells.iter_mut().zip(&current.columns) {
            let Some(at) = previous.columns.iter().position(|c| c.values == column.values) else { continue };
            cell.previous = before.cells[at].percent;
            cell.change = cell.percent.zip(cell.previous).map(|(now, then)| now - then);
        }
    }
}
