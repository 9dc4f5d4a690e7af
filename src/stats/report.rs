//! Statistics tables as grids: long form for pipelines (one row per group x mission),
//! and the report's layout (groups x missions, markers and a legend) for people.

use super::{change, Change, GroupStats, StatsOptions};
use crate::output::{Cell, Grid, NumberStyle};

/// A previous wave to compare with: its rows, matched by group labels.
pub struct Comparison<'a> {
    pub label: String,
    pub rows: &'a [GroupStats],
}

/// One cell's significance, after the adjustment.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Verdict {
    p_adjusted: Option<f64>,
    sig: Option<&'static str>,
    low_base: bool,
    change: Option<Change>,
    change_sig: Option<&'static str>,
}

/// `above` or `below` the rest of the sample for a significant difference, else nothing.
pub fn direction(significant: bool, difference: f64) -> Option<&'static str> {
    significant.then_some(if difference > 0.0 { "above" } else { "below" })
}

/// The verdicts of every row x mission, with p-values adjusted across the whole table.
fn verdicts(rows: &[GroupStats], options: &StatsOptions, comparison: Option<&Comparison>) -> Vec<Vec<Verdict>> {
    let p: Vec<Option<f64>> = rows.iter().flat_map(|r| r.estimates.iter().map(|e| e.p_value)).collect();
    let adjusted = options.adjust.apply(&p);
    let mut adjusted = adjusted.into_iter();
    rows.iter()
        .map(|row| {
            let before = comparison.and_then(|c| c.rows.iter().find(|r| r.labels == row.labels));
            row.estimates
                .iter()
                .enumerate()
                .map(|(m, e)| {
                    let p_adjusted = adjusted.next().flatten();
                    let change = before.and_then(|b| change(e, &b.estimates[m]));
                    let change_sig = change.and_then(|c| {
                        direction(c.p_value.is_some_and(|p| p < options.alpha), c.change).map(|d| {
                            if d == "above" {
                                "up"
                            } else {
                                "down"
                            }
                        })
                    });
                    Verdict {
                        p_adjusted,
                        sig: direction(p_adjusted.is_some_and(|p| p < options.alpha), e.diff_vs_rest.unwrap_or(0.0)),
                        low_base: e.n < options.min_base,
                        change,
                        change_sig,
                    }
                })
                .collect()
        })
        .collect()
}

/// One row per group x mission, every figure in its own column.
pub fn long_grid(
    by: &[String],
    missions: &[&str],
    rows: &[GroupStats],
    options: &StatsOptions,
    comparison: Option<&Comparison>,
) -> Grid {
    let mut headers: Vec<String> = by.to_vec();
    headers.push("mission".into());
    for h in [
        "index",
        "n",
        "weighted_n",
        "n_eff",
        "deff_kish",
        "se",
        "ci_low",
        "ci_high",
        "diff_vs_rest",
        "diff_vs_rest_se",
        "df",
        "p_value",
        "p_adjusted",
        "adjustment",
        "sig",
        "low_base",
    ] {
        headers.push(h.into());
    }
    if comparison.is_some() {
        for h in ["previous", "change", "change_se", "change_p", "change_sig"] {
            headers.push(h.into());
        }
    }
    let verdicts = verdicts(rows, options, comparison);
    let mut out = Vec::new();
    for (row, row_verdicts) in rows.iter().zip(&verdicts) {
        for ((m, e), v) in row.estimates.iter().enumerate().zip(row_verdicts) {
            let mut cells: Vec<Cell> = row.labels.iter().cloned().map(Cell::Text).collect();
            cells.push(Cell::Text(missions[m].to_string()));
            cells.extend([
                Cell::Number(e.index),
                Cell::Count(e.n),
                Cell::Number(Some(e.weighted_n)),
                Cell::Number(e.n_eff),
                Cell::Number(e.deff_kish),
                Cell::Number(e.se),
                Cell::Number(e.ci_low),
                Cell::Number(e.ci_high),
                Cell::Number(e.diff_vs_rest),
                Cell::Number(e.diff_vs_rest_se),
                Cell::Number(e.df),
                Cell::Number(e.p_value),
                Cell::Number(v.p_adjusted),
                Cell::Text(options.adjust.name().into()),
                Cell::Text(v.sig.unwrap_or("").into()),
                Cell::Text(if v.low_base { "true" } else { "false" }.into()),
            ]);
            if comparison.is_some() {
                let c = v.change;
                cells.extend([
                    Cell::Number(c.map(|c| c.previous)),
                    Cell::Number(c.map(|c| c.change)),
                    Cell::Number(c.map(|c| c.se)),
                    Cell::Number(c.and_then(|c| c.p_value)),
                    Cell::Text(v.change_sig.unwrap_or("").into()),
                ]);
            }
            out.push(cells);
        }
    }
    Grid { headers, rows: out, notes: Vec::new() }
}

/// The report's layout: groups x missions, each cell the index with markers, and a legend.
pub fn report_grid(
    by: &[String],
    missions: &[&str],
    rows: &[GroupStats],
    options: &StatsOptions,
    comparison: Option<&Comparison>,
    style: NumberStyle,
    human: crate::output::Format,
) -> Grid {
    let mut headers: Vec<String> = by.to_vec();
    headers.push("n".into());
    headers.extend(missions.iter().map(|m| m.to_string()));
    let verdicts = verdicts(rows, options, comparison);
    let grid_rows = rows
        .iter()
        .zip(&verdicts)
        .map(|(row, row_verdicts)| {
            let mut cells: Vec<Cell> = row.labels.iter().cloned().map(Cell::Text).collect();
            cells.push(Cell::Count(row.respondents));
            for (e, v) in row.estimates.iter().zip(row_verdicts) {
                let Some(index) = e.index else {
                    cells.push(Cell::Figure(String::new()));
                    continue;
                };
                let mut text = style.number(index, human, true);
                if v.low_base {
                    text.push('*');
                } else if let Some(sig) = v.sig {
                    text.push(if sig == "above" { '▲' } else { '▼' });
                }
                if let Some(c) = v.change {
                    let arrow = match v.change_sig {
                        Some("up") => "↑",
                        Some(_) => "↓",
                        None => "",
                    };
                    text.push_str(&format!(" ({}{arrow})", style.number(c.change, human, true)));
                }
                cells.push(Cell::Figure(text));
            }
            cells
        })
        .collect();
    let mut notes = vec![format!(
        "▲/▼ significantly above/below the rest of the sample: design-based t test ({}; Taylor linearisation), two-sided, alpha {}, adjustment: {}.",
        options.design(),
        options.alpha,
        options.adjust.name()
    )];
    notes.push(format!(
        "Cells marked * have fewer than {} respondents and are never marked significant.",
        options.min_base
    ));
    if let Some(c) = comparison {
        notes.push(format!(
            "(change) since {}, in points; ↑/↓ significant at alpha {} (z test, independent samples).",
            c.label, options.alpha
        ));
    }
    Grid { headers, rows: grid_rows, notes }
}
