//! `luindex score`: the index table, a total row then one row per group.

use std::path::PathBuf;

use crate::aggregate::{GroupAccumulator, Groups};
use crate::commands::common::{open_plan, DefinitionsArgs, OutputArgs, RequestArgs, StatsArgs, ThreadArgs};
use crate::engine::{self, Plan};
use crate::exit::Exit;
use crate::input::{Responses, Source};
use crate::output::{self, Cell, Format, Grid};
use crate::stats::{
    self,
    report::{long_grid, report_grid, Comparison},
};

const EXAMPLES: &str = "\
Examples:
  # The report's table by ONS area classification, from the bundled synthetic sample:
  luindex score examples/levelling-up-2023-sample.csv --by ons_supergroup --weight weight

  # Regions within England, as CSV for a spreadsheet:
  luindex score responses.csv --by region --weight weight --where nation=England -f csv > regions.csv

  # Crossed groups, one decimal, sorted by the pay column in a pipeline:
  luindex score responses.csv --by nation,urban_rural -d 1 -f csv | sort -t, -k4 -n

Output columns: the --by columns, n (respondents in the group), then one column per
mission id in definition order. The first row is the total (group cells `Total`).
A group whose weights sum to zero has blank scores. Cost: one streaming pass over the
file on all cores; memory grows with the number of groups, not rows.";

/// Weighted index scores per mission, overall and by group.
#[derive(Debug, clap::Args)]
#[command(after_help = EXAMPLES)]
pub struct Args {
    /// Response CSV file, or `-` for standard input
    #[arg(value_name = "FILE")]
    pub file: Option<PathBuf>,
    #[command(flatten)]
    pub definitions: DefinitionsArgs,
    #[command(flatten)]
    pub request: RequestArgs,
    #[command(flatten)]
    pub output: OutputArgs,
    #[command(flatten)]
    pub threads: ThreadArgs,
    #[command(flatten)]
    pub stats: StatsArgs,
}

pub fn run(args: Args) -> anyhow::Result<Exit> {
    let (plan, responses) = open_plan(&args.definitions, args.file.as_deref(), &args.request.request())?;
    let grid = if args.stats.wanted() {
        stats_grid(&args, responses, &plan)?
    } else {
        let pass = engine::run(responses, &plan, args.threads.options())?;
        score_grid(&plan, &pass.groups)
    };
    output::print(&output::render(&grid, args.output.format(), args.output.style()))?;
    Ok(Exit::Success)
}

/// `--stats` / `--compare`: the long form for machines, the report's layout for people.
fn stats_grid(args: &Args, responses: Responses, plan: &Plan) -> anyhow::Result<Grid> {
    let options = args.stats.options()?;
    let rows = stats::table(&stats::run(responses, plan, &options, args.threads.options())?, plan.by.len(), &options)?;
    let previous = match &args.stats.compare {
        Some(path) => {
            let responses = Responses::open(&Source::File(path.clone()))?;
            let before = Plan::new(plan.definitions.clone(), responses.header.clone(), &args.request.request())?;
            Some(stats::table(
                &stats::run(responses, &before, &options, args.threads.options())?,
                plan.by.len(),
                &options,
            )?)
        }
        None => None,
    };
    let comparison = previous.as_deref().map(|rows| Comparison { label: args.stats.compare_label.clone(), rows });
    let by: Vec<String> = plan.by.iter().map(|&c| plan.header.names[c].clone()).collect();
    let missions: Vec<&str> = plan.definitions.mission_ids().collect();
    let format = args.output.format();
    Ok(if matches!(format, Format::Table | Format::Markdown) {
        report_grid(&by, &missions, &rows, &options, comparison.as_ref(), args.output.style(), format)
    } else {
        long_grid(&by, &missions, &rows, &options, comparison.as_ref())
    })
}

/// The score table: group columns, `n`, one score column per mission; total row first,
/// then groups in natural order of their values.
pub fn score_grid(plan: &Plan, groups: &Groups) -> Grid {
    let by_names = plan.by.iter().map(|&c| plan.header.names[c].clone());
    let mut headers: Vec<String> = by_names.collect();
    headers.push("n".to_string());
    headers.extend(plan.definitions.mission_ids().map(str::to_string));

    let total_labels = vec!["Total".to_string(); plan.by.len()];
    let mut rows = vec![score_row(&total_labels, &groups.total)];
    rows.extend(groups.sorted().into_iter().map(|g| score_row(&groups.keys[g], &groups.groups[g])));
    Grid { headers, rows, notes: Vec::new() }
}

fn score_row(labels: &[String], group: &GroupAccumulator) -> Vec<Cell> {
    let mut row: Vec<Cell> = labels.iter().cloned().map(Cell::Text).collect();
    row.push(Cell::Count(group.respondents));
    row.extend(group.missions.iter().map(|m| Cell::Score(m.mean())));
    row
}
