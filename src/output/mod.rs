//! Output formats. Every table luindex prints is first built as a [`Grid`] (headers and
//! typed cells); each format renders a grid, so every command gets every format.

mod delimited;
mod json;
mod markdown;
mod pretty;

use std::io::{self, Write};

/// The formats of `--format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Aligned table for reading (the default on a terminal).
    Table,
    /// Comma-separated values (the default on a pipe).
    Csv,
    /// Tab-separated values.
    Tsv,
    /// A JSON array of objects, one per row.
    Json,
    /// A Markdown (GitHub) table, for reports.
    Markdown,
}

impl Format {
    /// `table` on a terminal, `csv` anywhere else (pipes, files).
    pub fn default_for_stdout() -> Format {
        if io::IsTerminal::is_terminal(&io::stdout()) {
            Format::Table
        } else {
            Format::Csv
        }
    }

    /// Human formats round to whole points and sign scores by default.
    fn is_human(self) -> bool {
        matches!(self, Format::Table | Format::Markdown)
    }
}

/// One cell of a grid.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    Count(u64),
    /// An index score (signed in human formats); `None` prints blank (JSON `null`).
    Score(Option<f64>),
    /// Any other number (a weight sum, a standard error); `None` prints blank.
    Number(Option<f64>),
    /// A number already written out with its markers ("+31▲"): aligned as a number.
    Figure(String),
}

/// A table to print: column headers, rows of cells, notes printed under human formats.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Grid {
    pub headers: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
    pub notes: Vec<String>,
}

/// How numbers print.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct NumberStyle {
    /// Fixed decimals; `None` means whole numbers in human formats, full precision otherwise.
    pub decimals: Option<usize>,
}

impl NumberStyle {
    /// A number as text for `format`: rounded as asked, shortest exact form otherwise.
    pub fn number(&self, x: f64, format: Format, signed: bool) -> String {
        let mut out = Vec::with_capacity(24);
        self.append_number(x, format, signed, &mut out);
        String::from_utf8(out).expect("numbers are ASCII")
    }

    /// Appends `x` as [`NumberStyle::number`] writes it, without allocating (hot in
    /// `respondents`).
    pub fn append_number(&self, x: f64, format: Format, signed: bool, out: &mut Vec<u8>) {
        use std::io::Write as _;
        let start = out.len();
        match self.decimals.or(format.is_human().then_some(0)) {
            Some(d) => {
                let _ = write!(out, "{x:.d$}");
                // Rounding small negatives gives "-0": a reader sees no sign on zero.
                if out[start] == b'-' && out[start + 1..].iter().all(|&b| b == b'0' || b == b'.') {
                    out.remove(start);
                }
            }
            None if x == x.trunc() && x.abs() < 1e15 => {
                let _ = write!(out, "{}", x as i64);
            }
            None => out.extend_from_slice(ryu::Buffer::new().format(x).as_bytes()),
        }
        if signed && format.is_human() && x.is_sign_positive() && out[start..].iter().any(|b| (b'1'..=b'9').contains(b))
        {
            out.insert(start, b'+');
        }
    }

    /// A cell as text for `format` (blank for missing values).
    pub fn cell(&self, cell: &Cell, format: Format) -> String {
        match cell {
            Cell::Text(t) | Cell::Figure(t) => t.clone(),
            Cell::Count(n) => n.to_string(),
            Cell::Score(Some(x)) => self.number(*x, format, true),
            Cell::Number(Some(x)) => self.number(*x, format, false),
            Cell::Score(None) | Cell::Number(None) => String::new(),
        }
    }
}

/// Renders a grid completely into memory, so that nothing is printed if anything fails.
pub fn render(grid: &Grid, format: Format, style: NumberStyle) -> Vec<u8> {
    let mut out = Vec::new();
    match format {
        Format::Table => pretty::write(grid, style, &mut out),
        Format::Csv => delimited::write(grid, style, b',', &mut out),
        Format::Tsv => delimited::write(grid, style, b'\t', &mut out),
        Format::Json => json::write(grid, style, &mut out),
        Format::Markdown => markdown::write(grid, style, &mut out),
    }
    .expect("writing into memory cannot fail");
    out
}

/// Writes rendered output to stdout in one go.
pub fn print(bytes: &[u8]) -> io::Result<()> {
    let mut stdout = io::stdout().lock();
    stdout.write_all(bytes)?;
    stdout.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn human_formats_sign_and_round_scores() {
        let s = NumberStyle::default();
        assert_eq!(s.number(9.4, Format::Table, true), "+9");
        assert_eq!(s.number(-44.5001, Format::Table, true), "-45");
        assert_eq!(s.number(-0.3, Format::Table, true), "0");
        assert_eq!(s.number(0.0, Format::Markdown, true), "0");
        assert_eq!(s.number(12.25, Format::Csv, true), "12.25");
        assert_eq!(s.number(-3.0, Format::Json, true), "-3");
        assert_eq!(s.number(0.1 + 0.2, Format::Csv, true), "0.30000000000000004");
        let two = NumberStyle { decimals: Some(2) };
        assert_eq!(two.number(9.456, Format::Table, true), "+9.46");
        assert_eq!(two.number(-0.001, Format::Csv, true), "0.00");
        assert_eq!(two.number(9.456, Format::Csv, true), "9.46");
    }
}
