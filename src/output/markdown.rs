//! Markdown tables: text left-aligned, numbers right-aligned, notes as a list below.

use std::io::{self, Write};

use super::{Format, Grid, NumberStyle};

pub fn write(grid: &Grid, style: NumberStyle, out: &mut impl Write) -> io::Result<()> {
    let numeric = super::pretty::numeric_columns(grid);
    writeln!(out, "| {} |", grid.headers.iter().map(|h| escape(h)).collect::<Vec<_>>().join(" | "))?;
    let rule: Vec<&str> = numeric.iter().map(|&n| if n { "---:" } else { ":---" }).collect();
    writeln!(out, "| {} |", rule.join(" | "))?;
    for row in &grid.rows {
        let cells: Vec<String> = row.iter().map(|c| escape(&style.cell(c, Format::Markdown))).collect();
        writeln!(out, "| {} |", cells.join(" | "))?;
    }
    if !grid.notes.is_empty() {
        writeln!(out)?;
        for note in &grid.notes {
            writeln!(out, "- {}", escape(note))?;
        }
    }
    Ok(())
}

/// Pipes would end a cell early.
fn escape(text: &str) -> String {
    text.replace('|', "\\|")
}
