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
respondent answered none of the mission's questions). Memory stays constant, and a bad
value never leaves half a table: written into a file (`> out.csv`), rows go straight in
and the file is cut back if a bad value turns up; into a pipe or a terminal, rows are
held (memory, then a temporary file) until the whole file has scored cleanly. With
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

    let mut sink = Sink::new(args.stream)?;
    let mut header = csv::Writer::from_writer(Vec::new());
    let names = keep.iter().map(|&c| plan.header.names[c].as_str());
    header.write_record(names.chain(plan.definitions.mission_ids()))?;
    sink.write_all(&header.into_inner().map_err(|e| e.into_error())?)?;

    let mut problems = Problems::default();
    let scanned = scan(responses, &worker, args.threads.options(), |chunk| {
        // A chunk's rows stop at its first bad value; after one, nothing more is written.
        if problems.is_empty() {
            sink.write_all(&chunk.state.1)?;
        }
        problems.merge(&chunk.problems);
        Ok(())
    });
    if let Err(err) = scanned.and_then(|_| plan.reject(&problems)) {
        sink.abort();
        return Err(err);
    }
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
    /// The row scorer, the chunk's CSV text, and recently written numbers.
    type State = (RowScorer<'a>, Vec<u8>, NumberCache);

    fn start(&self) -> Self::State {
        (RowScorer::new(self.plan), Vec::with_capacity(1 << 20), NumberCache::new())
    }

    fn row<R: Row>(&self, (scorer, out, cache): &mut Self::State, record: &R, row: u64, problems: &mut Problems) {
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
                cache.append(*x, self.style, out);
            }
        }
        out.push(b'\n');
    }
}

/// Numbers already written, by their bits: indexes come from a few answers each, so the
/// same values recur all through a file, and copying their text beats formatting it.
struct NumberCache {
    /// Direct-mapped: (bits, text length, text); bits `u64::MAX` (a NaN) marks a free slot.
    slots: Vec<(u64, u8, [u8; 32])>,
}

impl NumberCache {
    const SLOTS: usize = 1 << 14;

    fn new() -> NumberCache {
        NumberCache { slots: vec![(u64::MAX, 0, [0; 32]); Self::SLOTS] }
    }

    /// Appends `x` as `style` writes it in CSV.
    fn append(&mut self, x: f64, style: NumberStyle, out: &mut Vec<u8>) {
        let bits = x.to_bits();
        let slot = &mut self.slots[((bits ^ (bits >> 29)).wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 50) as usize];
        if slot.0 == bits {
            out.extend_from_slice(&slot.2[..slot.1 as usize]);
            return;
        }
        let start = out.len();
        style.append_number(x, Format::Csv, false, out);
        let text = &out[start..];
        if text.len() <= 32 {
            slot.0 = bits;
            slot.1 = text.len() as u8;
            slot.2[..text.len()].copy_from_slice(text);
        }
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

/// Where rows go: straight to stdout, or held until the whole file has scored cleanly.
enum Sink {
    /// `--stream`: rows as they come.
    Stdout(io::StdoutLock<'static>),
    /// Stdout is a file (or a device such as /dev/null): rows go straight in, and on a bad
    /// value the file is cut back to what it held before, so no half table remains.
    File { file: File, rollback_to: Option<u64> },
    /// A pipe or a terminal: rows are held in memory...
    Memory(Vec<u8>),
    /// ...then, past `SPOOL_MEMORY`, in a temporary file.
    Spilled(File),
}

impl Sink {
    fn new(stream: bool) -> io::Result<Sink> {
        if stream {
            return Ok(Sink::Stdout(io::stdout().lock()));
        }
        Ok(direct_stdout()?.unwrap_or(Sink::Memory(Vec::new())))
    }

    /// Sends whatever was held to stdout.
    fn finish(self) -> io::Result<()> {
        let mut stdout = io::stdout().lock();
        match self {
            Sink::Stdout(mut out) => out.flush(),
            Sink::File { mut file, .. } => file.flush(),
            Sink::Memory(held) => stdout.write_all(&held).and_then(|()| stdout.flush()),
            Sink::Spilled(mut file) => {
                file.rewind()?;
                io::copy(&mut file, &mut stdout)?;
                stdout.flush()
            }
        }
    }

    /// Takes back what was written, where it can be (a file stdout is cut back).
    fn abort(self) {
        if let Sink::File { file, rollback_to: Some(length) } = self {
            let _ = file.set_len(length);
        }
    }
}

/// Stdout as a file to write into directly, when it is a regular file (which can be cut
/// back) or a device that is not a terminal; `None` for pipes and terminals.
#[cfg(unix)]
fn direct_stdout() -> io::Result<Option<Sink>> {
    use std::io::IsTerminal;
    use std::os::fd::AsFd;
    use std::os::unix::fs::FileTypeExt;

    let stdout = io::stdout();
    if stdout.is_terminal() {
        return Ok(None);
    }
    let file = File::from(stdout.as_fd().try_clone_to_owned()?);
    let kind = file.metadata()?.file_type();
    Ok(if kind.is_file() {
        let rollback_to = Some(file.metadata()?.len());
        Some(Sink::File { file, rollback_to })
    } else if kind.is_char_device() {
        Some(Sink::File { file, rollback_to: None })
    } else {
        None
    })
}

#[cfg(not(unix))]
fn direct_stdout() -> io::Result<Option<Sink>> {
    Ok(None)
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
            Sink::File { file, .. } | Sink::Spilled(file) => file.write(buf),
            Sink::Memory(held) => held.write(buf),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match self {
            Sink::Stdout(out) => out.flush(),
            Sink::File { file, .. } | Sink::Spilled(file) => file.flush(),
            Sink::Memory(_) => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cached_numbers_read_exactly_as_formatted_ones() {
        let mut cache = NumberCache::new();
        for style in [NumberStyle { decimals: None }, NumberStyle { decimals: Some(2) }] {
            let mut cache_style = NumberCache::new();
            // Many values, each several times, so slots fill, collide and get reused.
            for round in 0..3 {
                for i in 0..40_000u32 {
                    let x = f64::from(i) / 7.0 - 2000.0 + f64::from(round % 2) * 1e-9;
                    let (mut a, mut b) = (Vec::new(), Vec::new());
                    cache_style.append(x, style, &mut a);
                    style.append_number(x, Format::Csv, false, &mut b);
                    assert_eq!(a, b, "{x}");
                }
            }
        }
        let mut out = Vec::new();
        cache.append(-0.0, NumberStyle::default(), &mut out);
        cache.append(0.0, NumberStyle::default(), &mut out);
        assert_eq!(out, b"00");
    }
}
