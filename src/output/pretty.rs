//! The aligned terminal table, laid out like the report's tables.

use std::io::{self, Write};

use comfy_table::{presets, CellAlignment, ContentArrangement, Table};

use super::{Cell, Format, Grid, NumberStyle};

pub fn write(grid: &Grid, style: NumberStyle, out: &mut impl Write) -> io::Result<()> {
    let mut table = Table::new();
    table
        .load_style(presets::UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Disabled)
        .set_header(&grid.headers);
    for row in &grid.rows {
        table.add_row(row.iter().map(|c| style.cell(c, Format::Table)));
    }
    for (index, numeric) in numeric_columns(grid).into_iter().enumerate() {
        if let Some(column) = table.column_mut(index) {
            column.set_cell_alignment(if numeric { CellAlignment::Right } else { CellAlignment::Left });
        }
    }
    writeln!(out, "{table}")?;
    for note in &grid.notes {
        writeln!(out, "{note}")?;
    }
    Ok(())
}

/// Whether each column holds numbers (judged by its first row that has a cell).
pub fn numeric_columns(grid: &Grid) -> Vec<bool> {
    (0..grid.headers.len())
        .map(|i| grid.rows.iter().filter_map(|r| r.get(i)).any(|c| !matches!(c, Cell::Text(_))))
        .collect()
}
