//! Bad values found while reading responses, collected so that all are reported at once.
//!
//! Each kind of problem is keyed by (column, offending value) and keeps a count and the
//! first few row numbers: enough to find and fix every distinct mistake, in bounded
//! memory however large the file. Collections from chunks merge into the same result
//! as one pass.

use std::collections::HashMap;
use std::fmt::Write as _;

use crate::input::lossy;
use crate::text::{count, quote};

/// Row numbers kept per distinct problem.
const FIRST_ROWS: usize = 3;
/// Distinct values kept per column and kind; more are counted, not listed.
const DISTINCT_PER_COLUMN: usize = 50;

/// What is wrong with a value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    /// An answer the column's scale does not list.
    Unmapped,
    /// A number outside a numeric scale's range.
    OutOfRange,
    /// A respondent weight that is blank, not a number, negative or not finite.
    BadWeight,
    /// A grouping value that is not valid UTF-8.
    InvalidText,
    /// An option a multi-response cell lists that its question does not define.
    UnknownOption,
    /// A multi-response option column holding something other than 1, 0, its label or blank.
    BadIndicator,
}

#[derive(Debug, Clone, Default)]
struct Occurrences {
    count: u64,
    first_rows: Vec<u64>,
}

impl Occurrences {
    fn add(&mut self, row: u64) {
        self.count += 1;
        if self.first_rows.len() < FIRST_ROWS {
            self.first_rows.push(row);
        }
    }

    fn shifted(&self, offset: u64) -> Occurrences {
        Occurrences { count: self.count, first_rows: self.first_rows.iter().map(|r| r + offset).collect() }
    }

    fn merge(&mut self, other: &Occurrences) {
        self.count += other.count;
        self.first_rows.extend_from_slice(&other.first_rows);
        self.first_rows.sort_unstable();
        self.first_rows.truncate(FIRST_ROWS);
    }
}

/// All problems of one pass (or one chunk of it).
#[derive(Debug, Clone, Default)]
pub struct Problems {
    /// (kind, column) -> value -> occurrences.
    by_column: HashMap<(Kind, usize), ColumnProblems>,
}

#[derive(Debug, Clone, Default)]
struct ColumnProblems {
    values: HashMap<Vec<u8>, Occurrences>,
    /// Occurrences of values beyond `DISTINCT_PER_COLUMN`.
    unlisted: Occurrences,
}

impl Problems {
    pub fn is_empty(&self) -> bool {
        self.by_column.is_empty()
    }

    /// Records one bad value at a data row (1-based).
    pub fn add(&mut self, kind: Kind, column: usize, value: &[u8], row: u64) {
        let column = self.by_column.entry((kind, column)).or_default();
        if let Some(occurrences) = column.values.get_mut(value) {
            occurrences.add(row);
        } else if column.values.len() < DISTINCT_PER_COLUMN {
            column.values.entry(value.to_vec()).or_default().add(row);
        } else {
            column.unlisted.add(row);
        }
    }

    /// Adds another collection's problems, as if its rows had been read after these.
    pub fn merge(&mut self, other: &Problems) {
        self.merge_shifted(other, 0);
    }

    /// Like [`Problems::merge`], with `offset` added to the other's row numbers (a
    /// chunk's rows are numbered from its own start).
    pub fn merge_shifted(&mut self, other: &Problems, offset: u64) {
        for (key, theirs) in &other.by_column {
            let ours = self.by_column.entry(*key).or_default();
            for (value, occurrences) in &theirs.values {
                let occurrences = occurrences.shifted(offset);
                if let Some(existing) = ours.values.get_mut(value) {
                    existing.merge(&occurrences);
                } else if ours.values.len() < DISTINCT_PER_COLUMN {
                    ours.values.insert(value.clone(), occurrences);
                } else {
                    ours.unlisted.merge(&occurrences);
                }
            }
            ours.unlisted.merge(&theirs.unlisted.shifted(offset));
        }
    }

    /// Total number of bad cells.
    pub fn cells(&self) -> u64 {
        self.by_column.values().map(|c| c.unlisted.count + c.values.values().map(|o| o.count).sum::<u64>()).sum()
    }

    /// A readable report: one paragraph per column and kind, values by first row.
    pub fn render(&self, source: &str, context: &impl Explain) -> String {
        let mut keys: Vec<&(Kind, usize)> = self.by_column.keys().collect();
        keys.sort();
        let mut out = format!("{source}: {} found:", count(self.cells() as usize, "bad value", "bad values"));
        for key in keys {
            let problems = &self.by_column[key];
            let total: u64 = problems.values.values().map(|o| o.count).sum::<u64>() + problems.unlisted.count;
            let _ = write!(out, "\n  {} ({}):", context.describe(key.0, key.1), count(total as usize, "row", "rows"));
            let mut values: Vec<(&Vec<u8>, &Occurrences)> = problems.values.iter().collect();
            values.sort_by_key(|(_, o)| o.first_rows.first().copied());
            for (value, occurrences) in values {
                let shown = if value.is_empty() { "(blank)".to_string() } else { quote(&lossy(value)) };
                let hint = context.suggest(key.0, key.1, value);
                let _ = write!(out, "\n    {shown}: {}{hint}", rows_summary(occurrences));
            }
            if problems.unlisted.count > 0 {
                let _ = write!(out, "\n    ...and more distinct values: {}", rows_summary(&problems.unlisted));
            }
        }
        out
    }
}

/// What a report needs to know about the columns it speaks of.
pub trait Explain {
    /// Names a column and says what it expects, for a kind of problem.
    fn describe(&self, kind: Kind, column: usize) -> String;
    /// A hint for one bad value (" (did you mean `x`?)"), or "".
    fn suggest(&self, _kind: Kind, _column: usize, _value: &[u8]) -> String {
        String::new()
    }
}

/// "1 row: 4" or "12 rows, first 4, 18, 230".
fn rows_summary(o: &Occurrences) -> String {
    let rows: Vec<String> = o.first_rows.iter().map(u64::to_string).collect();
    if o.count == 1 {
        format!("row {}", rows.join(", "))
    } else if o.count as usize <= FIRST_ROWS {
        format!("rows {}", rows.join(", "))
    } else {
        format!("{} rows, first {}", o.count, rows.join(", "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Plain;

    impl Explain for Plain {
        fn describe(&self, kind: Kind, column: usize) -> String {
            format!("{kind:?} in column {column}")
        }
    }

    #[test]
    fn counts_and_first_rows_per_distinct_value() {
        let mut p = Problems::default();
        for row in [4, 18, 230, 400] {
            p.add(Kind::Unmapped, 2, b"Very satisifed", row);
        }
        p.add(Kind::Unmapped, 2, b"", 9);
        p.add(Kind::BadWeight, 0, b"-1", 7);
        assert_eq!(p.cells(), 6);
        assert_eq!(
            p.render("r.csv", &Plain),
            "r.csv: 6 bad values found:
  Unmapped in column 2 (5 rows):
    `Very satisifed`: 4 rows, first 4, 18, 230
    (blank): row 9
  BadWeight in column 0 (1 row):
    `-1`: row 7"
        );
    }

    #[test]
    fn merging_chunks_equals_one_pass() {
        let cells: Vec<(usize, &[u8], u64)> =
            (1..=200).map(|r| ((r % 3) as usize, if r % 2 == 0 { &b"x"[..] } else { &b"y"[..] }, r)).collect();
        let mut one = Problems::default();
        for (c, v, r) in &cells {
            one.add(Kind::Unmapped, *c, v, *r);
        }
        let (mut first, mut second) = (Problems::default(), Problems::default());
        for (c, v, r) in &cells[..77] {
            first.add(Kind::Unmapped, *c, v, *r);
        }
        for (c, v, r) in &cells[77..] {
            second.add(Kind::Unmapped, *c, v, *r);
        }
        first.merge(&second);
        assert_eq!(first.render("f", &Plain), one.render("f", &Plain));
    }
}
