//! One file per subcommand: its arguments and its `run`.

pub mod check;
pub mod common;
pub mod completions;
pub mod missions;
pub mod respondents;
pub mod score;
pub mod simulate;
pub mod sql;
pub mod tab;
