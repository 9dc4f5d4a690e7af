//! The command line: the top-level parser and the dispatch to one file per subcommand.

use std::io::Write;

use anstyle::{AnsiColor, Style};
use clap::{Parser, Subcommand};

use crate::commands;
use crate::exit::Exit;

const AFTER_HELP: &str = "\
Examples:
  luindex score examples/levelling-up-2023-sample.csv --by ons_supergroup --weight weight
  luindex score responses.csv --by nation,region --format csv | sort -t, -k3
  luindex tab responses.csv --question spend_area --by region --weight weight
  luindex respondents responses.csv --keep id > indexes.csv
  luindex check responses.csv --missions my-missions.yaml
  luindex missions

Exit codes: 0 success, 1 bad input (data, definitions, or problems `check` found),
2 bad command line.";

/// Score survey responses against mission definitions (Levelling Up style indexes).
///
/// Every answer scores between -200 and +200; a respondent's index on a mission is the
/// weighted mean of their answered questions; a group's index is the weighted mean of
/// its respondents' indexes. Without --missions, the built-in Ipsos Levelling Up Index
/// (February 2023) definitions are used.
#[derive(Debug, Parser)]
#[command(name = "luindex", version, after_help = AFTER_HELP, max_term_width = 100)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    Score(commands::score::Args),
    Tab(commands::tab::Args),
    Respondents(commands::respondents::Args),
    Check(commands::check::Args),
    Missions(commands::missions::Args),
    Simulate(commands::simulate::Args),
    Sql(commands::sql::Args),
    Completions(commands::completions::CompletionsArgs),
    Man(commands::completions::ManArgs),
}

/// Parses the command line and runs the subcommand.
pub fn run() -> anyhow::Result<Exit> {
    let cli = Cli::parse();
    match cli.command {
        Command::Score(args) => commands::score::run(args),
        Command::Tab(args) => commands::tab::run(args),
        Command::Respondents(args) => commands::respondents::run(args),
        Command::Check(args) => commands::check::run(args),
        Command::Missions(args) => commands::missions::run(args),
        Command::Simulate(args) => commands::simulate::run(args),
        Command::Sql(args) => commands::sql::run(args),
        Command::Completions(args) => commands::completions::completions(args),
        Command::Man(args) => commands::completions::man(args),
    }
}

/// Prints an error on stderr as `luindex: error: ...`, in colour where stderr shows it.
pub fn report_error(err: &anyhow::Error) {
    let style = Style::new().bold().fg_color(Some(AnsiColor::Red.into()));
    let mut stderr = anstream::stderr().lock();
    let _ = writeln!(stderr, "luindex: {style}error{style:#}: {err:#}");
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_command_line_definition_is_consistent() {
        Cli::command().debug_assert();
    }
}
