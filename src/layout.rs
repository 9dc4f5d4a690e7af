//! Binds definitions to one file's header: every name becomes a column index, once.
//!
//! A column may serve several missions (and even several scales); each distinct
//! (column, scale) pair is an [`Item`] scored once per row, then shared by the missions.

use anyhow::bail;

use crate::definitions::Definitions;
use crate::input::Header;

/// One (column, scale) pair that some mission reads.
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    /// Index of the column in the file.
    pub column: usize,
    /// Index into `Definitions::scales`.
    pub scale: usize,
}

/// The definitions resolved against a header.
#[derive(Debug, Clone)]
pub struct Layout {
    pub items: Vec<Item>,
    /// Per mission, in definition order: `(item index, question weight)`.
    pub missions: Vec<Vec<(usize, f64)>>,
}

impl Layout {
    /// Resolves every question's column, reporting all absent or ambiguous ones at once.
    pub fn bind(definitions: &Definitions, header: &Header) -> anyhow::Result<Layout> {
        let mut items: Vec<Item> = Vec::new();
        let mut missions = Vec::with_capacity(definitions.missions.len());
        let mut missing: Vec<String> = Vec::new();
        let mut missing_names: Vec<&str> = Vec::new();
        for mission in &definitions.missions {
            let mut questions = Vec::with_capacity(mission.questions.len());
            for question in &mission.questions {
                let role = format!("mission `{}`", mission.id);
                match header.find(&question.column, &role) {
                    Ok(column) => {
                        let item = Item { column, scale: question.scale };
                        let index = items.iter().position(|i| *i == item).unwrap_or_else(|| {
                            items.push(item);
                            items.len() - 1
                        });
                        questions.push((index, question.weight));
                    }
                    Err(message) => {
                        if !missing_names.contains(&question.column.as_str()) {
                            missing_names.push(&question.column);
                            missing.push(message);
                        }
                    }
                }
            }
            missions.push(questions);
        }
        if !missing.is_empty() {
            bail!(
                "{} with the columns the definitions ({}) name:\n  {}",
                crate::text::count(missing.len(), "problem", "problems"),
                definitions.source,
                missing.join("\n  ")
            );
        }
        Ok(Layout { items, missions })
    }
}
