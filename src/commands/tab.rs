//! `luindex tab`: the weighted distribution of one question's answers, by group.

use std::num::NonZeroUsize;
use std::path::PathBuf;

use crate::commands::common::{
    response_source, strictly_between_0_and_1, DefinitionsArgs, OutputArgs, RequestArgs, ThreadArgs,
};
use crate::crosstab::grid::{long_grid, report_grid, wide_grid, Context};
use crate::crosstab::table::{self, Table, TableOptions};
use crate::crosstab::{self, TabPlan};
use crate::definitions::Definitions;
use crate::engine::Request;
use crate::exit::Exit;
use crate::input::{Responses, Source};
use crate::output::{self, Format};
use crate::scan::ScanOptions;
use crate::UsageError;

const EXAMPLES: &str = "\
Examples:
  # Does Westminster spend more or less on your area, by nation (bundled sample):
  luindex tab examples/levelling-up-2023-sample.csv -q q_spend_area --by nation -w weight

  # The main priorities (several answers allowed), top five, by region within England:
  luindex tab examples/levelling-up-2023-sample.csv -q priorities --by region \\
      --where nation=England -w weight --top 5

  # One row per group x answer, for a pipeline:
  luindex tab responses.csv -q q_support_mayor --by nation -w weight --long -f csv

Rows: the answers in the scale's order (a question the definitions know) or in order
of first appearance (any other column), then nets and the net score; options of a
multi-response question by the total's share. Cells: weighted percentages of the
respondents asked (blank cells are not asked). ▲/▼ (a `sig` column in csv, tsv and json)
mark groups significantly above/below the rest of the sample. Cost: one streaming pass
over the file on all cores; memory grows with groups x answers, not rows.";

/// Crosstab one question: weighted percentages of each answer, overall and by group.
#[derive(Debug, clap::Args)]
#[command(after_help = EXAMPLES)]
pub struct Args {
    /// Response CSV file, or `-` for standard input
    #[arg(value_name = "FILE")]
    pub file: Option<PathBuf>,
    /// The question: an id from the definitions' `questions`, a mission's column, or
    /// any column of the file.
    #[arg(long, short = 'q', value_name = "QUESTION")]
    pub question: String,
    #[command(flatten)]
    pub definitions: DefinitionsArgs,
    #[command(flatten)]
    pub request: RequestArgs,
    /// Keep the K most chosen options of a multi-response question.
    #[arg(long, value_name = "K")]
    pub top: Option<NonZeroUsize>,
    /// One row per group x answer with counts, bases, percent and test (for pipelines).
    #[arg(long)]
    pub long: bool,
    #[command(flatten)]
    pub output: OutputArgs,
    #[command(flatten)]
    pub threads: ThreadArgs,
    #[command(flatten)]
    pub tests: TestArgs,
}

/// The test against the rest of the sample, and the comparison with an earlier wave.
#[derive(Debug, Clone, clap::Args)]
#[command(next_help_heading = "Statistics")]
pub struct TestArgs {
    /// Significance level of the test of each group against the rest of the sample.
    #[arg(long, default_value_t = 0.05, value_name = "ALPHA")]
    pub alpha: f64,
    /// Groups with fewer respondents in the base are not tested (base marked *).
    #[arg(long, default_value_t = 50, value_name = "N")]
    pub min_base: u64,
    /// The same table from an earlier wave's file: adds the change in points per cell.
    #[arg(long, value_name = "PREVIOUS")]
    pub compare: Option<PathBuf>,
    /// How the earlier wave is named in the notes.
    #[arg(long, default_value = "the previous wave", value_name = "TEXT")]
    pub compare_label: String,
}

pub fn run(args: Args) -> anyhow::Result<Exit> {
    strictly_between_0_and_1("--alpha", args.tests.alpha)?;
    let definitions = args.definitions.load()?;
    let request = args.request.request();
    let responses = Responses::open(&response_source(args.file.as_deref())?)?;
    let plan = TabPlan::new(&definitions, responses.header.clone(), &args.question, &request)?;
    if args.top.is_some() && !plan.question.is_multi() {
        return Err(UsageError(format!(
            "--top applies to multi-response questions; {} has one answer per respondent",
            crate::text::quote(&plan.question.id)
        ))
        .into());
    }
    let options =
        TableOptions { alpha: args.tests.alpha, min_base: args.tests.min_base, top: args.top.map(NonZeroUsize::get) };
    let mut table = tabulate(responses, &plan, &options, args.threads.options())?;
    if let Some(path) = &args.tests.compare {
        let before = previous_wave(&definitions, path, &args.question, &request, &options, args.threads.options())?;
        table::compare(&mut table, &before);
    }
    let by: Vec<String> = plan.by.iter().map(|&c| plan.header.names[c].clone()).collect();
    let context = Context {
        question: &plan.question.id,
        text: plan.question.text.as_deref(),
        by: &by,
        weight: request.weight.as_deref(),
        options: &options,
        compare_label: args.tests.compare.as_ref().map(|_| args.tests.compare_label.as_str()),
    };
    let format = args.output.format();
    let grid = if args.long {
        long_grid(&table, &context)
    } else if matches!(format, Format::Table | Format::Markdown) {
        report_grid(&table, &context, args.output.style(), format)
    } else {
        wide_grid(&table, &context)
    };
    output::print(&output::render(&grid, format, args.output.style()))?;
    Ok(Exit::Success)
}

fn tabulate(responses: Responses, plan: &TabPlan, options: &TableOptions, scan: ScanOptions) -> anyhow::Result<Table> {
    let pass = crosstab::run(responses, plan, scan)?;
    Ok(table::build(&pass, &plan.question, plan.by.len(), options))
}

/// The earlier wave's table: same question and request, every option kept.
fn previous_wave(
    definitions: &Definitions,
    path: &std::path::Path,
    question: &str,
    request: &Request,
    options: &TableOptions,
    scan: ScanOptions,
) -> anyhow::Result<Table> {
    let responses = Responses::open(&Source::File(path.to_path_buf()))?;
    let plan = TabPlan::new(definitions, responses.header.clone(), question, request)?;
    tabulate(responses, &plan, &TableOptions { top: None, ..*options }, scan)
}
