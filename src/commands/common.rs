//! Arguments several subcommands share, and turning them into library types.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use crate::definitions::Definitions;
use crate::engine::{Plan, Request};
use crate::filter::Condition;
use crate::input::Responses;
use crate::input::Source;
use crate::output::{Format, NumberStyle};
use crate::scan::ScanOptions;
use crate::UsageError;

/// `--missions`.
#[derive(Debug, Clone, clap::Args)]
pub struct DefinitionsArgs {
    /// Mission definitions (YAML); the built-in Levelling Up 2023 definitions when absent.
    #[arg(long, short = 'm', value_name = "YAML")]
    pub missions: Option<PathBuf>,
}

impl DefinitionsArgs {
    pub fn load(&self) -> anyhow::Result<Definitions> {
        Definitions::load(self.missions.as_deref())
    }
}

/// `--by`, `--weight`, `--where`.
#[derive(Debug, Clone, clap::Args)]
pub struct RequestArgs {
    /// Group by these columns (crossed when several): one row per combination.
    #[arg(long, short = 'b', value_name = "COL[,COL...]", value_delimiter = ',')]
    pub by: Vec<String>,
    /// Respondent weights from this column (numbers >= 0); every respondent weighs 1 without it.
    #[arg(long, short = 'w', value_name = "COL")]
    pub weight: Option<String>,
    /// Keep only rows where COL equals VALUE (or, with !=, differs). Repeat to combine:
    /// values of one column are alternatives, different columns must all match.
    #[arg(long = "where", value_name = "COL=VALUE")]
    pub conditions: Vec<Condition>,
}

impl RequestArgs {
    pub fn request(&self) -> Request {
        Request {
            by: self.by.iter().map(|b| b.trim().to_string()).filter(|b| !b.is_empty()).collect(),
            weight: self.weight.clone(),
            conditions: self.conditions.clone(),
        }
    }
}

/// `--format`, `--decimals`.
#[derive(Debug, Clone, clap::Args)]
pub struct OutputArgs {
    /// Output format [default: table on a terminal, csv otherwise]
    #[arg(long, short = 'f', value_enum, value_name = "FORMAT")]
    pub format: Option<Format>,
    /// Round numbers to N decimals in every format [default: whole points in table and
    /// markdown, full precision in csv, tsv and json]
    #[arg(long, short = 'd', value_name = "N", value_parser = clap::value_parser!(u8).range(0..=15))]
    pub decimals: Option<u8>,
}

impl OutputArgs {
    pub fn format(&self) -> Format {
        self.format.unwrap_or_else(Format::default_for_stdout)
    }

    pub fn style(&self) -> NumberStyle {
        NumberStyle { decimals: self.decimals.map(usize::from) }
    }
}

/// Loads the definitions, opens the responses (header read) and binds them: the start
/// of every command that reads a response file.
pub fn open_plan(
    definitions: &DefinitionsArgs,
    file: Option<&Path>,
    request: &Request,
) -> anyhow::Result<(Plan, Responses)> {
    let definitions = definitions.load()?;
    let responses = Responses::open(&response_source(file)?)?;
    let plan = Plan::new(definitions, responses.header.clone(), request)?;
    Ok((plan, responses))
}

/// The response source of a `[FILE|-]` argument; refuses to wait on a terminal.
pub fn response_source(file: Option<&std::path::Path>) -> anyhow::Result<Source> {
    let source = Source::from_arg(file);
    if source == Source::Stdin && std::io::stdin().is_terminal() {
        return Err(UsageError(
            "no response file: give a CSV file, or pipe one in (`... | luindex score -`)".to_string(),
        )
        .into());
    }
    Ok(source)
}

/// `--threads` (and a hidden chunk size, for tests of the parallel path).
#[derive(Debug, Clone, clap::Args)]
pub struct ThreadArgs {
    /// Worker threads [default: one per core]. Results are identical for any number.
    #[arg(long, short = 'j', value_name = "N")]
    pub threads: Option<std::num::NonZeroUsize>,
    /// Bytes per chunk of parallel work.
    #[arg(long, hide = true, value_name = "BYTES")]
    pub chunk_bytes: Option<std::num::NonZeroUsize>,
}

impl ThreadArgs {
    pub fn options(&self) -> ScanOptions {
        let defaults = ScanOptions::default();
        ScanOptions {
            threads: self.threads.map_or(defaults.threads, std::num::NonZeroUsize::get),
            chunk_bytes: self.chunk_bytes.map_or(defaults.chunk_bytes, std::num::NonZeroUsize::get),
        }
    }
}

/// `--stats` and its design and test settings (shared by the tables that report them).
#[derive(Debug, Clone, clap::Args)]
#[command(next_help_heading = "Statistics")]
pub struct StatsArgs {
    /// Add standard errors, confidence intervals, effective bases and a test of each group
    /// against the rest of the sample (long form in csv/tsv/json: one row per group x mission).
    #[arg(long)]
    pub stats: bool,
    /// Stratum column of the sampling design.
    #[arg(long, value_name = "COL")]
    pub strata: Option<String>,
    /// Primary sampling unit (cluster) column; respondents are the PSUs without it.
    #[arg(long, value_name = "COL")]
    pub psu: Option<String>,
    /// What a stratum with a single PSU contributes (as R's survey.lonely.psu).
    #[arg(long, value_enum, default_value = "fail", value_name = "HOW")]
    pub lonely_psu: crate::stats::estimate::LonelyPsu,
    /// Confidence level of ci_low and ci_high.
    #[arg(long, default_value_t = 0.95, value_name = "LEVEL")]
    pub level: f64,
    /// Significance level of the tests.
    #[arg(long, default_value_t = 0.05, value_name = "ALPHA")]
    pub alpha: f64,
    /// Adjustment of the table's p-values for multiple comparisons.
    #[arg(long, value_enum, default_value = "none", value_name = "METHOD")]
    pub adjust: crate::stats::Adjust,
    /// Groups with fewer respondents are flagged low_base and never marked significant.
    #[arg(long, default_value_t = 50, value_name = "N")]
    pub min_base: u64,
    /// Compare with an earlier wave's file (same definitions and options): change in points.
    #[arg(long, value_name = "PREVIOUS")]
    pub compare: Option<std::path::PathBuf>,
    /// How the earlier wave is named in the legend.
    #[arg(long, default_value = "the previous wave", value_name = "TEXT")]
    pub compare_label: String,
}

impl StatsArgs {
    /// Whether any statistics were asked for.
    pub fn wanted(&self) -> bool {
        self.stats || self.compare.is_some() || self.strata.is_some() || self.psu.is_some()
    }

    pub fn options(&self) -> Result<crate::stats::StatsOptions, UsageError> {
        strictly_between_0_and_1("--level", self.level)?;
        strictly_between_0_and_1("--alpha", self.alpha)?;
        Ok(crate::stats::StatsOptions {
            strata: self.strata.clone(),
            psu: self.psu.clone(),
            lonely: self.lonely_psu,
            level: self.level,
            alpha: self.alpha,
            adjust: self.adjust,
            min_base: self.min_base,
        })
    }
}

/// A confidence level or significance level: strictly between 0 and 1.
pub fn strictly_between_0_and_1(name: &str, value: f64) -> Result<(), UsageError> {
    if value > 0.0 && value < 1.0 {
        Ok(())
    } else {
        Err(UsageError(format!("{name} must lie strictly between 0 and 1, found {value}")))
    }
}
