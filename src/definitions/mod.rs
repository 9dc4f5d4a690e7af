//! Mission definitions: what each mission asks and how each answer scores.
//!
//! A definitions file is read once (`file.rs`), checked as a whole (`validate.rs`) and
//! becomes a [`Definitions`]: plain data with every name resolved, which scoring,
//! statistics and every output consume. Nothing downstream sees YAML.

mod file;
mod validate;

use std::fmt;
use std::path::Path;

use anyhow::Context;

pub use file::OrderedMap;
pub use validate::{Problem, DEFAULT_DELIMITER};

/// The Levelling Up definitions compiled into the binary, the default of every command.
pub const BUILTIN_YAML: &str = include_str!("../../missions/levelling-up-2023.yaml");
/// How the built-in definitions are named in messages.
pub const BUILTIN_NAME: &str = "missions/levelling-up-2023.yaml (built in)";

/// Validated mission definitions.
#[derive(Debug, Clone)]
pub struct Definitions {
    /// Where they came from, for messages: a path or [`BUILTIN_NAME`].
    pub source: String,
    pub title: String,
    pub description: Option<String>,
    pub scales: Vec<Scale>,
    pub missions: Vec<Mission>,
    /// Questions only tabulated (`luindex tab`), in file order.
    pub questions: Vec<TabQuestion>,
}

/// How the answers to a question turn into points.
#[derive(Debug, Clone, PartialEq)]
pub struct Scale {
    pub name: String,
    pub description: Option<String>,
    /// Answer texts and their points, in the order the file lists them.
    pub labels: Vec<Label>,
    /// Present for numeric scales: answers that are numbers map linearly onto -200..+200.
    pub numeric: Option<NumericRange>,
    /// Answers treated as "not asked", like a blank cell.
    pub skip: Vec<String>,
    /// False when the labels were listed without points: such a scale only tabulates.
    pub scored: bool,
    /// Groups of labels that crosstabs add after the answers, in file order.
    pub nets: Vec<Net>,
    pub net_score: Option<NetScore>,
    /// Indexes of labels that crosstabs leave out, with their respondents, of the base.
    pub exclude_from_base: Vec<usize>,
}

impl Scale {
    /// An empty scored scale named `name`, to be filled in.
    pub fn scored(name: &str) -> Scale {
        Scale {
            name: name.to_string(),
            description: None,
            labels: Vec::new(),
            numeric: None,
            skip: Vec::new(),
            scored: true,
            nets: Vec::new(),
            net_score: None,
            exclude_from_base: Vec::new(),
        }
    }
}

/// A named group of a scale's labels ("Satisfied": very or fairly satisfied).
#[derive(Debug, Clone, PartialEq)]
pub struct Net {
    pub name: String,
    /// Indexes into [`Scale::labels`].
    pub labels: Vec<usize>,
}

/// % positive minus % negative, each side a set of labels.
#[derive(Debug, Clone, PartialEq)]
pub struct NetScore {
    pub name: String,
    pub positive: Vec<usize>,
    pub negative: Vec<usize>,
}

/// A question that crosstabs can show and no mission scores.
#[derive(Debug, Clone, PartialEq)]
pub struct TabQuestion {
    /// What `--question` names.
    pub id: String,
    pub text: Option<String>,
    pub kind: TabKind,
}

/// Where a tabulated question's answers are and what they can be.
#[derive(Debug, Clone, PartialEq)]
pub enum TabKind {
    /// One answer per respondent, on a scale (index into [`Definitions::scales`]).
    Single { column: String, scale: usize },
    /// Any number of options, listed in one cell.
    MultiCell { column: String, delimiter: String, options: Vec<String> },
    /// Any number of options, one column each: `(label, column)`.
    MultiColumns { options: Vec<(String, String)> },
}

#[derive(Debug, Clone, PartialEq)]
pub struct Label {
    pub text: String,
    pub points: f64,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct NumericRange {
    pub min: f64,
    pub max: f64,
    /// When true, `min` scores +200 and `max` -200.
    pub reverse: bool,
}

#[derive(Debug, Clone)]
pub struct Mission {
    /// The column name in every output.
    pub id: String,
    pub name: String,
    pub description: Option<String>,
    pub questions: Vec<Question>,
}

#[derive(Debug, Clone)]
pub struct Question {
    /// The response file's column that holds the answers.
    pub column: String,
    /// Index into [`Definitions::scales`].
    pub scale: usize,
    /// Relative importance within the mission, finite and > 0.
    pub weight: f64,
    pub text: Option<String>,
}

/// Every problem found in a definitions file, each with its line and column.
#[derive(Debug)]
pub struct DefinitionsError {
    pub source: String,
    pub problems: Vec<Problem>,
}

impl fmt::Display for DefinitionsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let count = self.problems.len();
        write!(f, "{} in definitions {}:", crate::text::count(count, "problem", "problems"), self.source)?;
        for problem in &self.problems {
            write!(f, "\n  {}", problem.render(&self.source))?;
        }
        Ok(())
    }
}

impl std::error::Error for DefinitionsError {}

impl Definitions {
    /// Parses and validates definitions from YAML text; `source` names it in messages.
    pub fn from_yaml(yaml: &str, source: &str) -> Result<Definitions, DefinitionsError> {
        validate::parse_and_validate(yaml, source)
    }

    /// The built-in Levelling Up 2023 definitions.
    pub fn builtin() -> Definitions {
        Definitions::from_yaml(BUILTIN_YAML, BUILTIN_NAME)
            .expect("the built-in definitions are valid (checked by a unit test)")
    }

    /// Reads definitions from `path`, `-` for standard input, or the built-in ones when `None`.
    pub fn load(path: Option<&Path>) -> anyhow::Result<Definitions> {
        let Some(path) = path else {
            return Ok(Definitions::builtin());
        };
        let (text, source) = if path == Path::new("-") {
            let mut text = String::new();
            std::io::Read::read_to_string(&mut std::io::stdin(), &mut text)
                .context("cannot read definitions from standard input")?;
            (text, "<stdin>".to_string())
        } else {
            let text = std::fs::read_to_string(path)
                .with_context(|| format!("cannot read definitions file {}", path.display()))?;
            (text, path.display().to_string())
        };
        Ok(Definitions::from_yaml(&text, &source)?)
    }

    /// The scale a question uses.
    pub fn scale_of(&self, question: &Question) -> &Scale {
        &self.scales[question.scale]
    }

    /// Mission ids in definition order: the score columns of every table.
    pub fn mission_ids(&self) -> impl Iterator<Item = &str> {
        self.missions.iter().map(|m| m.id.as_str())
    }

    /// Every distinct response column the definitions read, in first-use order.
    pub fn columns(&self) -> Vec<&str> {
        let mut seen = Vec::new();
        for question in self.missions.iter().flat_map(|m| &m.questions) {
            if !seen.contains(&question.column.as_str()) {
                seen.push(question.column.as_str());
            }
        }
        seen
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_definitions_are_valid_and_complete() {
        let defs = Definitions::from_yaml(BUILTIN_YAML, BUILTIN_NAME).unwrap_or_else(|e| panic!("{e}"));
        let ids: Vec<&str> = defs.mission_ids().collect();
        assert_eq!(
            ids,
            [
                "pay",
                "rd",
                "transport",
                "internet",
                "schools",
                "skills",
                "life_expectancy",
                "wellbeing",
                "pride",
                "homes",
                "crime",
                "devolution"
            ]
        );
        assert!(defs.missions.iter().all(|m| !m.questions.is_empty()));
    }
}
