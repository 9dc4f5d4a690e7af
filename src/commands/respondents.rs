//! `luindex respondents`: every respondent's index per mission, as CSV.

use std::fs::File;
use std::io::{self, Seek, Write};
use std::path::PathBuf;

use crate::commands::common::{open_plan, DefinitionsArgs, ThreadArgs};
use crate::engine::{Outcome, Plan, Request, RowScorer};
use crate::exit::Exit;
use crate::filter::Condition;
use crate::output::{Format, NumberStyle};
use crate::problems::Problems;
use crate::records::Row;
use crate::scan::{scan, Worker};
use crate::UsageError;

/// Output held in memory before it moves to a temporary file.
const SPOOL_MEMORY: usize = 8 << 20;

const EXAMPLES: &str = "\
Examples:
  luindex respondents examples/levelling-up-2023-sample.csv --keep id,region > indexes.csv
  luindex respondents responses.csv --keep id --stream | head

Output columns: the --keep columns, then one column per mission id (blank where the
respondent answered none of the mission's questions). Memory stays constant: rows are
written through a spool (memory, then a temporary file) and reach stdout only once the
whole file has scored cleanly, so a bad value never leaves half a table behind. With
--stream, rows go out as they are scored (first rows sooner; on a bad value the rows
before it have already been written and luindex exits 1).";

/// Per-respondent indexes, one row per respondent, streamed.
#[derive(Debug, clap::Args)]
#[command(after_help = EXAMPLES)]
pub struct Args {
    /// Response CSV file, or `-` for standard input
    #[arg(value_name = "FILE")]
    pub file: Option<PathBuf>,
    #[command(flatten)]
    pub definitions: DefinitionsArgs,
    /// Copy these columns (an id, a group) in front of the indexes.
    #[arg(long, short = 'k', value_name = "COL[,COL...]", value_delimiter = ',')]
    pub keep: Vec<String>,
    /// Keep only rows where COL equals VALUE (or, with !=, differs); see `score --help`.
    #[arg(long = "where", value_name = "COL=VALUE")]
    pub conditions: Vec<Condition>,
    /// Round indexes to N decimals [default: full precision]
    #[arg(long, short = 'd', value_name = "N", value_parser = clap::value_parser!(u8).range(0..=15))]
    pub decimals: Option<u8>,
    /// Write rows as soon as they are scored, instead of once the whole file is clean.
    #[arg(long)]
    pub stream: bool,
    #[command(flatten)]
    pub threads: ThreadArgs,
}

pub fn run(args: Args) -> anyhow::Result<Exit> {
    let request = Request { conditions: args.conditions.clone(), ..Request::default() };
    let (plan, responses) = open_plan(&args.definitions, args.file.as_deref(), &request)?;
    let keep = args
        .keep
        .iter()
        .map(|name| plan.header.find(name.trim(), "--keep").map_err(UsageError))
        .collect::<Result<Vec<usize>, _>>()?;
    let worker =
        RespondentWorker { plan: &plan, keep: &keep, style: NumberStyle { decimals: args.decimals.map(usize::from) } };

    let mut sink = if args.stream { Sink::Stdout(io::stdout().lock()) } else { Sink::Memory(Vec::new()) };
    let mut header = csv::Writer::from_writer(Vec::new());
    let names = keep.iter().map(|&c| plan.header.names[c].as_str());
    header.write_record(names.chain(plan.definitions.mission_ids()))?;
    sink.write_all(&header.into_inner().map_err(|e| e.into_error())?)?;

    let mut problems = Problems::default();
    scan(responses, &worker, args.threads.options(), |chunk| {
        // A chunk's rows stop at its first bad value; after one, nothing more is written.
        if problems.is_empty() {
            sink.write_all(&chunk.state.1)?;
        }
        problems.merge(&chunk.problems);
        Ok(())
    })?;
    plan.reject(&problems)?;
    sink.finish()?;
    Ok(Exit::Success)
}

/// Scores the rows of one chunk into CSV text.
struct RespondentWorker<'a> {
    plan: &'a Plan,
    keep: &'a [usize],
    style: NumberStyle,
}

impl<'a> Worker for RespondentWorker<'a> {
    /// The row scorer and the chunk's CSV text.
    type State = (RowScorer<'a>, Vec<u8>);

    fn start(&self) -> Self::State {
        (RowScorer::new(self.plan), Vec::with_capacity(1 << 20))
    }

    fn row<R: Row>(&self, (scorer, out): &mut Self::State, record: &R, row: u64, problems: &mut Problems) {
        let outcome = scorer.score(record, row, problems);
        if outcome == Outcome::Excluded || !problems.is_empty() {
            return;
        }
        // Written by hand: numbers never need quoting, and this is the hot loop.
        for (i, &column) in self.keep.iter().enumerate() {
            if i > 0 {
                out.push(b',');
            }
            write_csv_field(out, record.get(column).unwrap_or_default());
        }
        for (i, index) in scorer.indexes.iter().enumerate() {
            if i > 0 || !self.keep.is_empty() {
                out.push(b',');
            }
            if let Some(x) = index {
                self.style.append_number(*x, Format::Csv, false, out);
            }
        }
        out.push(b'\n');
    }
}

/// A CSV field, quoted (quotes doubled) when it holds a delimiter, quote or line end.
fn write_csv_field(out: &mut Vec<u8>, field: &[u8]) {
    if field.iter().any(|b| matches!(b, b',' | b'"' | b'\n' | b'\r')) {
        out.push(b'"');
        for &b in field {
            if b == b'"' {
                out.push(b'"');
            }
            out.push(b);
        }
        out.push(b'"');
    } else {
        out.extend_from_slice(field);
    }
}

/// Where rows go: straight to stdout, or held (memory, then a temporary file) until the end.
enum Sink {
    Stdout(io::StdoutLock<'static>),
    Memory(Vec<u8>),
    Spilled(File),
}

impl Write for Sink {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if let Sink::Memory(held) = self {
            if held.len() + buf.len() > SPOOL_MEMORY {
                let mut file = tempfile::tempfile()?;
                file.write_all(held)?;
                *self = Sink::Spilled(file);
            }
        }
        match self {
            Sink::Stdout(out) => out.write(buf),
            Sink::Memory(held) => held.write(buf),
            Sink::Spilled(file) => file.write(buf),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match self {
            Sink::Stdout(out) => out.flush(),
            Sink::Memory(_) => Ok(()),
            Sink::Spilled(file) => file.flush(),
        }
    }
}

impl Sink {
    /// Sends whatever was held to stdout.
    fn finish(self) -> io::Result<()> {
        let mut stdout = io::stdout().lock();
        match self {
            Sink::Stdout(mut out) => out.flush(),
            Sink::Memory(held) => stdout.write_all(&held).and_then(|()| stdout.flush()),
            Sink::Spilled(mut file) => {
                file.rewind()?;
                io::copy(&mut file, &mut stdout)?;
                stdout.flush()
            }
        }
    }
}
