//! `luindex check`: validate definitions and, given one, a response file against them.

use std::path::PathBuf;

use crate::commands::common::{response_source, DefinitionsArgs, ThreadArgs};
use crate::engine::{self, Plan, Request};
use crate::exit::Exit;
use crate::input::Responses;
use crate::output;
use crate::text::count;

const EXAMPLES: &str = "\
Examples:
  luindex check --missions my-missions.yaml            # the definitions alone
  luindex check responses.csv --weight weight          # a file against the built-in definitions

Reports every problem at once: columns the definitions name that the file lacks, every
distinct answer a scale does not list (with its count and first rows), numbers outside
a numeric scale, bad weights. Exit 0 only when clean; nothing is scored. The file is
checked against the missions' columns; `luindex tab` checks a crosstab question's
columns and answers as it reads them.";

/// Validate definitions and a response file without scoring.
#[derive(Debug, clap::Args)]
#[command(after_help = EXAMPLES)]
pub struct Args {
    /// Response CSV file to check, or `-` for standard input (definitions only when absent)
    #[arg(value_name = "FILE")]
    pub file: Option<PathBuf>,
    #[command(flatten)]
    pub definitions: DefinitionsArgs,
    /// Also check this weight column (numbers >= 0).
    #[arg(long, short = 'w', value_name = "COL")]
    pub weight: Option<String>,
    #[command(flatten)]
    pub threads: ThreadArgs,
}

pub fn run(args: Args) -> anyhow::Result<Exit> {
    let definitions = args.definitions.load()?;
    let questions: usize = definitions.missions.iter().map(|m| m.questions.len()).sum();
    let crosstab = match definitions.questions.len() {
        0 => String::new(),
        n => format!(", {}", count(n, "crosstab question", "crosstab questions")),
    };
    let mut report = format!(
        "{}: ok ({}, {}{crosstab}, {})\n",
        definitions.source,
        count(definitions.missions.len(), "mission", "missions"),
        count(questions, "question", "questions"),
        count(definitions.scales.len(), "scale", "scales"),
    );
    if let Some(file) = &args.file {
        let source = response_source(Some(file))?;
        let responses = Responses::open(&source)?;
        let request = Request { weight: args.weight.clone(), ..Request::default() };
        let plan = Plan::new(definitions, responses.header.clone(), &request)?;
        let pass = engine::run(responses, &plan, args.threads.options())?;
        report.push_str(&format!(
            "{}: ok ({}, {} read)\n",
            plan.header.source,
            count(pass.rows as usize, "row", "rows"),
            count(plan.definitions.columns().len(), "question column", "question columns"),
        ));
    }
    output::print(report.as_bytes())?;
    Ok(Exit::Success)
}
