//! `luindex simulate`: synthetic responses for any definitions, reproducibly.

use std::io::{self, BufWriter};
use std::path::PathBuf;

use crate::commands::common::DefinitionsArgs;
use crate::exit::Exit;
use crate::simulate::profile::Profile;
use crate::simulate::{Simulation, CALIBRATE_UP_TO};

const EXAMPLES: &str = "\
Examples:
  # The bundled sample (examples/levelling-up-2023-sample.csv) is exactly:
  luindex simulate --rows 6189 --seed 2023 > examples/levelling-up-2023-sample.csv

  # A million respondents for benchmarks, or data for your own definitions:
  luindex simulate --rows 1000000 > big.csv
  luindex simulate --missions my.yaml --rows 5000 --seed 7 > test.csv

Columns: id, nation, region, imd_quintile (1 most deprived .. 5 least), urban_rural,
ons_supergroup, stratum, psu, weight, then one column per question column of the
definitions. Answers are drawn around the profile's target scores per ONS supergroup
(by default the published February 2023 table); samples up to 200,000 rows are then
calibrated so the weighted scores land on the targets. The data are synthetic: they
resemble published figures, they are not survey responses.";

/// Generate synthetic survey responses (CSV on stdout).
#[derive(Debug, clap::Args)]
#[command(after_help = EXAMPLES)]
pub struct Args {
    #[command(flatten)]
    pub definitions: DefinitionsArgs,
    /// Number of respondents.
    #[arg(long, short = 'n', default_value_t = 6189)]
    pub rows: usize,
    /// Random seed: the same seed, rows, definitions and profile give the same file.
    #[arg(long, default_value_t = 2023)]
    pub seed: u64,
    /// Simulation profile (YAML): sample bases, target scores, routing [default: the
    /// built-in Levelling Up 2023 profile, examples/levelling-up-2023-profile.yaml]
    #[arg(long, value_name = "YAML")]
    pub profile: Option<PathBuf>,
}

pub fn run(args: Args) -> anyhow::Result<Exit> {
    let definitions = args.definitions.load()?;
    let profile = Profile::load(args.profile.as_deref())?;
    let has_targets = profile.targets.is_some();
    let mut simulation = Simulation::new(definitions, profile, args.rows, args.seed);
    if has_targets && args.rows <= CALIBRATE_UP_TO {
        simulation.calibrate(0.05, 40);
    }
    simulation.write_csv(BufWriter::with_capacity(1 << 20, io::stdout().lock()))?;
    Ok(Exit::Success)
}
