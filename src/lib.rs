//! luindex: score survey responses against mission definitions.
//!
//! The pipeline is: [`definitions`] (YAML, validated) -> [`layout`] (bound to a file's
//! header) -> [`engine`] (one pass: [`filter`], [`scoring`], [`aggregate`]) -> [`output`].
//! The `commands` module holds one file per subcommand; `main.rs` only calls [`cli::run`].

pub mod aggregate;
pub mod cli;
pub mod commands;
pub mod crosstab;
pub mod definitions;
pub mod engine;
pub mod exit;
pub mod filter;
pub mod hash;
pub mod input;
pub mod layout;
pub mod output;
pub mod problems;
pub mod progress;
pub mod records;
pub mod scan;
pub mod scoring;
pub mod simulate;
pub mod sql;
pub mod stats;
pub mod text;

/// A mistake in how luindex was called (exit code 2), as opposed to bad data (1).
#[derive(Debug)]
pub struct UsageError(pub String);

impl std::fmt::Display for UsageError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for UsageError {}
