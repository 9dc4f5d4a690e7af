//! Crosstab layouts: the report's wide table (answers down, Total and groups across),
//! with markers for people and flag columns for machines, and the long form for
//! pipelines (one row per group x answer).

use super::table::{Column, Estimate, RowKind, Table, TableOptions};
use crate::output::{Cell, Format, Grid, NumberStyle};

/// What the grids say about the table beyond its numbers.
#[derive(Debug, Clone)]
pub struct Context<'a> {
    pub question: &'a str,
    pub text: Option<&'a str>,
    /// The `--by` column names.
    pub by: &'a [String],
    pub weight: Option<&'a str>,
    pub options: &'a TableOptions,
    /// How the earlier wave is named, with `--compare`.
    pub compare_label: Option<&'a str>,
}

/// Above or below the rest of the sample, for a significant cell.
fn direction(cell: &Estimate) -> Option<&'static str> {
    crate::stats::report::direction(cell.significant, cell.test?.z)
}

fn column_label(column: &Column) -> String {
    if column.is_total {
        "Total".to_string()
    } else {
        column.values.join(" / ")
    }
}

/// The wide table for people (`table`, `markdown`): figures with ▲/▼ and (change).
pub fn report_grid(table: &Table, context: &Context, style: NumberStyle, format: Format) -> Grid {
    let mut headers = vec![context.question.to_string()];
    headers.extend(table.columns.iter().map(column_label));
    let mut rows: Vec<Vec<Cell>> = Vec::new();
    for row in &table.rows {
        let mut cells = vec![Cell::Text(row.label.clone())];
        for cell in &row.cells {
            let Some(percent) = cell.percent else {
                cells.push(Cell::Figure(String::new()));
                continue;
            };
            let mut text = style.number(percent, format, row.kind == RowKind::NetScore);
            match direction(cell) {
                Some("above") => text.push('▲'),
                Some(_) => text.push('▼'),
                None => {}
            }
            if let Some(change) = cell.change {
                text.push_str(&format!(" ({})", style.number(change, format, true)));
            }
            cells.push(Cell::Figure(text));
        }
        rows.push(cells);
    }
    let mut base = vec![Cell::Text("Base (respondents)".to_string())];
    base.extend(
        table.columns.iter().map(|c| Cell::Figure(format!("{}{}", c.tally.base.n, if c.low_base { "*" } else { "" }))),
    );
    rows.push(base);
    let mut weighted = vec![Cell::Text("Base (weighted)".to_string())];
    weighted.extend(table.columns.iter().map(|c| Cell::Number(Some(c.tally.base.w))));
    rows.push(weighted);
    Grid { headers, rows, notes: notes(table, context) }
}

fn notes(table: &Table, context: &Context) -> Vec<String> {
    let mut notes = Vec::new();
    if let Some(text) = context.text {
        notes.push(format!("{}: {text}", context.question));
    }
    let weighted = match context.weight {
        Some(w) => format!(", weighted by `{w}`"),
        None => ", unweighted".to_string(),
    };
    notes.push(format!("Column percentages of the respondents asked{weighted}."));
    if table.multi {
        notes.push("Several answers allowed: a column adds up to more than 100.".to_string());
    }
    if table.columns.len() > 1 {
        notes.push(format!(
            "▲/▼ significantly above/below the rest of the sample: two-sided z test on effective bases, alpha {}.",
            context.options.alpha
        ));
    }
    if table.columns.iter().any(|c| c.low_base) {
        notes.push(format!(
            "Bases marked * have fewer than {} respondents: their cells are not tested.",
            context.options.min_base
        ));
    }
    if let Some(label) = context.compare_label {
        notes.push(format!("(change) since {label}, in points."));
    }
    notes
}

/// The wide table for machines (`csv`, `tsv`, `json`): a `kind` column, then per column
/// its percentages, for groups a `sig` column, and with `--compare` a `change` column.
pub fn wide_grid(table: &Table, context: &Context) -> Grid {
    let compare = context.compare_label.is_some();
    let mut headers = vec!["answer".to_string(), "kind".to_string()];
    for column in &table.columns {
        let label = column_label(column);
        headers.push(label.clone());
        if !column.is_total {
            headers.push(format!("{label} sig"));
        }
        if compare {
            headers.push(format!("{label} change"));
        }
    }
    let mut rows: Vec<Vec<Cell>> = Vec::new();
    for row in &table.rows {
        let mut cells = vec![Cell::Text(row.label.clone()), Cell::Text(row.kind.name().to_string())];
        for (cell, column) in row.cells.iter().zip(&table.columns) {
            cells.push(Cell::Number(cell.percent));
            if !column.is_total {
                cells.push(Cell::Text(direction(cell).unwrap_or("").to_string()));
            }
            if compare {
                cells.push(Cell::Number(cell.change));
            }
        }
        rows.push(cells);
    }
    for (label, value) in [("base", false), ("weighted base", true)] {
        let mut cells = vec![Cell::Text(label.to_string()), Cell::Text("base".to_string())];
        for column in &table.columns {
            cells.push(if value { Cell::Number(Some(column.tally.base.w)) } else { Cell::Count(column.tally.base.n) });
            if !column.is_total {
                cells.push(Cell::Text(if column.low_base { "low base" } else { "" }.to_string()));
            }
            if compare {
                cells.push(Cell::Number(None));
            }
        }
        rows.push(cells);
    }
    Grid { headers, rows, notes: Vec::new() }
}

/// The long form: one row per column x row of the table.
pub fn long_grid(table: &Table, context: &Context) -> Grid {
    let compare = context.compare_label.is_some();
    let mut headers: Vec<String> = context.by.to_vec();
    for h in [
        "answer",
        "kind",
        "n",
        "weighted_n",
        "base_n",
        "base_weighted_n",
        "effective_base",
        "percent",
        "z",
        "p_value",
        "sig",
        "low_base",
    ] {
        headers.push(h.to_string());
    }
    if compare {
        headers.extend(["previous".to_string(), "change".to_string()]);
    }
    let mut rows = Vec::new();
    for (c, column) in table.columns.iter().enumerate() {
        for row in &table.rows {
            let cell = &row.cells[c];
            let mut cells: Vec<Cell> = column.values.iter().take(context.by.len()).cloned().map(Cell::Text).collect();
            cells.push(Cell::Text(row.label.clone()));
            cells.push(Cell::Text(row.kind.name().to_string()));
            match cell.count {
                Some(count) => cells.extend([Cell::Count(count.n), Cell::Number(Some(count.w))]),
                None => cells.extend([Cell::Number(None), Cell::Number(None)]),
            }
            cells.push(Cell::Count(column.tally.base.n));
            cells.push(Cell::Number(Some(column.tally.base.w)));
            cells.push(Cell::Number(column.tally.effective_base()));
            cells.push(Cell::Number(cell.percent));
            cells.push(Cell::Number(cell.test.map(|t| t.z)));
            cells.push(Cell::Number(cell.test.map(|t| t.p_value)));
            cells.push(Cell::Text(direction(cell).unwrap_or("").to_string()));
            cells.push(Cell::Text(if column.low_base { "true" } else { "false" }.to_string()));
            if compare {
                cells.extend([Cell::Number(cell.previous), Cell::Number(cell.change)]);
            }
            rows.push(cells);
        }
    }
    Grid { headers, rows, notes: Vec::new() }
}
