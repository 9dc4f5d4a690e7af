//! What a crosstab's question is, and how one row's cells become its answers.
//!
//! - A question on a scale: a blank cell or a `skip` answer is "not asked" and leaves
//!   the base; an answer in `exclude_from_base` leaves it too; any other cell must be a
//!   label (or, on a numeric scale, a number in range).
//! - Any other column of the file: every distinct non-blank value is a category.
//! - A multi-response question in one cell: blank is "not asked"; otherwise the cell is a
//!   list of options separated by the delimiter, each one of the defined options.
//! - A multi-response question with one column per option: a cell is `1` or the option's
//!   label (chosen), `0` or blank (not chosen); a respondent whose cells are all blank was
//!   not asked.

use std::collections::HashMap;

use crate::definitions::{Definitions, Scale, TabKind};
use crate::hash::FastHash;
use crate::input::Header;
use crate::problems::{Kind, Problems};
use crate::records::Row;
use crate::scoring::parse_number;
use crate::text::{count, did_you_mean, quote};
use crate::UsageError;

use super::tally::Categories;

/// A question as the definitions (or the file) describe it, by column name.
#[derive(Debug, Clone, PartialEq)]
pub struct Question {
    /// The name `--question` used.
    pub id: String,
    pub text: Option<String>,
    pub shape: Shape,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Shape {
    /// One answer on a defined scale.
    Scale { column: String, scale: Scale },
    /// One answer, whatever the column holds.
    Free { column: String },
    /// Options listed in one cell.
    MultiCell { column: String, delimiter: String, options: Vec<String> },
    /// One column per option: `(label, column)`.
    MultiColumns { options: Vec<(String, String)> },
}

impl Question {
    /// Finds `name` among the defined questions, then the missions' columns, then the
    /// file's columns.
    pub fn resolve(definitions: &Definitions, header: &Header, name: &str) -> Result<Question, UsageError> {
        if let Some(q) = definitions.questions.iter().find(|q| q.id == name) {
            let shape = match &q.kind {
                TabKind::Single { column, scale } => {
                    Shape::Scale { column: column.clone(), scale: definitions.scales[*scale].clone() }
                }
                TabKind::MultiCell { column, delimiter, options } => {
                    Shape::MultiCell { column: column.clone(), delimiter: delimiter.clone(), options: options.clone() }
                }
                TabKind::MultiColumns { options } => Shape::MultiColumns { options: options.clone() },
            };
            return Ok(Question { id: q.id.clone(), text: q.text.clone(), shape });
        }
        if let Some(q) = definitions.missions.iter().flat_map(|m| &m.questions).find(|q| q.column == name) {
            let scale = definitions.scale_of(q).clone();
            return Ok(Question {
                id: name.to_string(),
                text: q.text.clone(),
                shape: Shape::Scale { column: q.column.clone(), scale },
            });
        }
        if header.names.iter().any(|n| n == name) {
            return Ok(Question { id: name.to_string(), text: None, shape: Shape::Free { column: name.to_string() } });
        }
        let known = definitions
            .questions
            .iter()
            .map(|q| q.id.as_str())
            .chain(definitions.columns())
            .chain(header.names.iter().map(String::as_str));
        Err(UsageError(format!(
            "unknown question {}: the definitions ({}) define no such question and {} has no such column{}",
            quote(name),
            definitions.source,
            header.source,
            did_you_mean(name, known)
        )))
    }

    /// True for multi-response questions, whose percentages sum to more than 100.
    pub fn is_multi(&self) -> bool {
        matches!(self.shape, Shape::MultiCell { .. } | Shape::MultiColumns { .. })
    }

    /// The scale of a question on one, for its nets and net score.
    pub fn scale(&self) -> Option<&Scale> {
        match &self.shape {
            Shape::Scale { scale, .. } => Some(scale),
            _ => None,
        }
    }
}

/// What a scale's answer text means in a crosstab.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Slot {
    Category(usize),
    /// Blank-like: a `skip` answer.
    NotAsked,
    /// Shown nowhere, outside the base (`exclude_from_base`).
    Excluded,
}

/// A question bound to a header: column indexes and answer lookups.
#[derive(Debug, Clone)]
pub enum Coding {
    Scale { column: usize, scale: Scale, answers: HashMap<Box<[u8]>, Slot, FastHash> },
    Free { column: usize },
    MultiCell { column: usize, delimiter: Vec<u8>, options: HashMap<Box<[u8]>, usize, FastHash>, labels: Vec<String> },
    MultiColumns { columns: Vec<usize>, labels: Vec<String> },
}

impl Coding {
    /// Resolves the question's columns; every missing column is reported at once.
    pub fn bind(question: &Question, header: &Header) -> anyhow::Result<Coding> {
        let role = format!("question `{}`", question.id);
        let find = |name: &str, role: &str| header.find(name, role);
        Ok(match &question.shape {
            Shape::Scale { column, scale } => {
                let mut answers = HashMap::default();
                let mut shown = 0;
                for (i, label) in scale.labels.iter().enumerate() {
                    let slot = if scale.exclude_from_base.contains(&i) {
                        Slot::Excluded
                    } else {
                        shown += 1;
                        Slot::Category(shown - 1)
                    };
                    answers.insert(label.text.as_bytes().into(), slot);
                }
                for skip in &scale.skip {
                    answers.insert(skip.as_bytes().into(), Slot::NotAsked);
                }
                Coding::Scale {
                    column: find(column, &role).map_err(anyhow::Error::msg)?,
                    scale: scale.clone(),
                    answers,
                }
            }
            Shape::Free { column } => Coding::Free { column: find(column, &role).map_err(anyhow::Error::msg)? },
            Shape::MultiCell { column, delimiter, options } => Coding::MultiCell {
                column: find(column, &role).map_err(anyhow::Error::msg)?,
                delimiter: delimiter.as_bytes().to_vec(),
                options: options.iter().enumerate().map(|(i, o)| (o.as_bytes().into(), i)).collect(),
                labels: options.clone(),
            },
            Shape::MultiColumns { options } => {
                let mut columns = Vec::new();
                let mut missing = Vec::new();
                for (label, column) in options {
                    match find(column, &format!("option {} of {role}", quote(label))) {
                        Ok(c) => columns.push(c),
                        Err(message) => missing.push(message),
                    }
                }
                if !missing.is_empty() {
                    anyhow::bail!(
                        "{} with the columns of {role}, a multi-response question with one column per option:\n  {}",
                        count(missing.len(), "problem", "problems"),
                        missing.join("\n  ")
                    );
                }
                Coding::MultiColumns { columns, labels: options.iter().map(|(l, _)| l.clone()).collect() }
            }
        })
    }

    /// The categories known before any row: a scale's shown labels, a question's options.
    pub fn categories(&self) -> Categories {
        match self {
            Coding::Scale { scale, .. } => Categories::fixed(
                scale
                    .labels
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| !scale.exclude_from_base.contains(i))
                    .map(|(_, l)| l.text.clone()),
            ),
            Coding::Free { .. } => Categories::fixed(std::iter::empty()),
            Coding::MultiCell { labels, .. } | Coding::MultiColumns { labels, .. } => {
                Categories::fixed(labels.iter().cloned())
            }
        }
    }

    /// Reads one row's answer into `chosen` (category indexes): `Some(true)` when the
    /// respondent is in the base, `Some(false)` when not asked, `None` on a bad value
    /// (recorded in `problems`).
    pub fn read<R: Row>(
        &self,
        record: &R,
        row: u64,
        categories: &mut Categories,
        chosen: &mut Vec<usize>,
        problems: &mut Problems,
    ) -> Option<bool> {
        let cell = |column: usize| record.get(column).unwrap_or_default().trim_ascii();
        match self {
            Coding::Scale { column, scale, answers } => {
                let text = cell(*column);
                if text.is_empty() {
                    return Some(false);
                }
                match answers.get(text) {
                    Some(Slot::Category(i)) => chosen.push(*i),
                    Some(Slot::NotAsked | Slot::Excluded) => return Some(false),
                    None => match (scale.numeric, parse_number(text)) {
                        (Some(range), Some(x)) if x >= range.min && x <= range.max => {
                            chosen.push(categories.find_or_add(number_text(x).as_bytes()));
                        }
                        (Some(_), Some(_)) => {
                            problems.add(Kind::OutOfRange, *column, text, row);
                            return None;
                        }
                        _ => {
                            let kind =
                                if std::str::from_utf8(text).is_ok() { Kind::Unmapped } else { Kind::InvalidText };
                            problems.add(kind, *column, text, row);
                            return None;
                        }
                    },
                }
            }
            Coding::Free { column } => {
                let text = cell(*column);
                if text.is_empty() {
                    return Some(false);
                }
                if std::str::from_utf8(text).is_err() {
                    problems.add(Kind::InvalidText, *column, text, row);
                    return None;
                }
                chosen.push(categories.find_or_add(text));
            }
            Coding::MultiCell { column, delimiter, options, .. } => {
                let text = cell(*column);
                if text.is_empty() {
                    return Some(false);
                }
                let mut valid = true;
                for part in split(text, delimiter) {
                    let part = part.trim_ascii();
                    match options.get(part) {
                        _ if part.is_empty() => {}
                        Some(&i) if !chosen.contains(&i) => chosen.push(i),
                        Some(_) => {}
                        None => {
                            problems.add(Kind::UnknownOption, *column, part, row);
                            valid = false;
                        }
                    }
                }
                return valid.then_some(true);
            }
            Coding::MultiColumns { columns, labels } => {
                let (mut asked, mut valid) = (false, true);
                for (i, (&column, label)) in columns.iter().zip(labels).enumerate() {
                    match cell(column) {
                        b"" => {}
                        b"0" => asked = true,
                        b"1" => {
                            asked = true;
                            chosen.push(i);
                        }
                        text if text == label.as_bytes() => {
                            asked = true;
                            chosen.push(i);
                        }
                        text => {
                            problems.add(Kind::BadIndicator, column, text, row);
                            valid = false;
                        }
                    }
                }
                return valid.then_some(asked);
            }
        }
        Some(true)
    }

    /// Names a column and what it expects, for an error report.
    pub fn describe(&self, kind: Kind, column: usize, header: &Header) -> String {
        let name = quote(&header.names[column]);
        match (kind, self) {
            (Kind::Unmapped, Coding::Scale { scale, .. }) => {
                format!("column {name}: answers not on scale {}", quote(&scale.name))
            }
            (Kind::OutOfRange, Coding::Scale { scale, .. }) => match scale.numeric {
                Some(r) => {
                    format!("column {name}: numbers outside [{}, {}] of scale {}", r.min, r.max, quote(&scale.name))
                }
                None => format!("column {name}: numbers out of range"),
            },
            (Kind::UnknownOption, _) => {
                format!("column {name}: options the question does not define (the definitions list its options)")
            }
            (Kind::BadIndicator, Coding::MultiColumns { columns, labels }) => {
                let label = columns.iter().position(|&c| c == column).map_or("", |i| labels[i].as_str());
                format!("column {name} (option {}): values other than 1, 0, the option's label or blank", quote(label))
            }
            _ => format!("column {name}: bad values"),
        }
    }

    /// A "did you mean" hint for a bad answer or option.
    pub fn suggest(&self, kind: Kind, _column: usize, value: &[u8]) -> String {
        let Ok(text) = std::str::from_utf8(value) else { return String::new() };
        match (kind, self) {
            (Kind::Unmapped, Coding::Scale { scale, .. }) => did_you_mean(
                text,
                scale.labels.iter().map(|l| l.text.as_str()).chain(scale.skip.iter().map(String::as_str)),
            ),
            (Kind::UnknownOption, Coding::MultiCell { labels, .. }) => {
                did_you_mean(text, labels.iter().map(String::as_str))
            }
            _ => String::new(),
        }
    }
}

/// A number as a category name: whole numbers without a decimal point.
fn number_text(x: f64) -> String {
    if x == x.trunc() && x.abs() < 1e15 {
        format!("{}", x as i64)
    } else {
        x.to_string()
    }
}

/// The parts of `text` between occurrences of `delimiter` (non-empty).
fn split<'a>(text: &'a [u8], delimiter: &'a [u8]) -> impl Iterator<Item = &'a [u8]> + 'a {
    let mut rest = Some(text);
    std::iter::from_fn(move || {
        let current = rest?;
        match current.windows(delimiter.len()).position(|w| w == delimiter) {
            Some(at) => {
                rest = Some(&current[at + delimiter.len()..]);
                Some(&current[..at])
            }
            None => {
                rest = None;
                Some(current)
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splitting_keeps_empty_parts_and_multibyte_delimiters() {
        let parts: Vec<&[u8]> = split(b"a; b;;c", b";").collect();
        assert_eq!(parts, [&b"a"[..], b" b", b"", b"c"]);
        let parts: Vec<&[u8]> = split("x|y".as_bytes(), "|".as_bytes()).collect();
        assert_eq!(parts, [&b"x"[..], b"y"]);
        let parts: Vec<&[u8]> = split("x → y".as_bytes(), "→".as_bytes()).collect();
        assert_eq!(parts, [&b"x "[..], b" y"]);
    }

    #[test]
    fn numbers_name_categories_without_needless_decimals() {
        assert_eq!(number_text(7.0), "7");
        assert_eq!(number_text(7.5), "7.5");
    }
}
