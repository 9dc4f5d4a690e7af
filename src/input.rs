//! Reading response files: CSV from a path or standard input, header checks, row errors.
//!
//! Everything is read as bytes (no per-cell `String`): labels are compared as bytes, and
//! only values that must be text (group names, numbers) are decoded, with a clear error
//! when they are not UTF-8.

use std::fs::File;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

use anyhow::{bail, Context};
use csv::{ByteRecord, ReaderBuilder};

use crate::text::{did_you_mean, quote};

/// How much is read at a time while looking for the end of the header.
const HEADER_READ: usize = 64 << 10;

/// Where responses come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    Stdin,
    File(PathBuf),
}

impl Source {
    /// `-` (or nothing) is standard input; anything else a path.
    pub fn from_arg(arg: Option<&Path>) -> Source {
        match arg {
            None => Source::Stdin,
            Some(p) if p == Path::new("-") => Source::Stdin,
            Some(p) => Source::File(p.to_path_buf()),
        }
    }

    /// How the source is named in messages.
    pub fn name(&self) -> String {
        match self {
            Source::Stdin => "<stdin>".to_string(),
            Source::File(p) => p.display().to_string(),
        }
    }

    fn open(&self) -> anyhow::Result<Box<dyn Read + Send>> {
        Ok(match self {
            Source::Stdin => Box::new(io::stdin()),
            Source::File(path) => {
                let file = File::open(path).with_context(|| format!("cannot open {}", path.display()))?;
                if file.metadata().is_ok_and(|m| m.is_dir()) {
                    bail!("{} is a directory, not a CSV file", path.display());
                }
                Box::new(file)
            }
        })
    }
}

/// The header row: column names in file order.
#[derive(Debug, Clone)]
pub struct Header {
    /// The file's name, for messages.
    pub source: String,
    pub names: Vec<String>,
}

impl Header {
    /// The index of a column, or an error naming the file and the closest match.
    pub fn find(&self, name: &str, role: &str) -> Result<usize, String> {
        let mut positions = self.names.iter().enumerate().filter(|(_, n)| n.as_str() == name);
        match (positions.next(), positions.next()) {
            (Some((i, _)), None) => Ok(i),
            (Some((i, _)), Some((j, _))) => Err(format!(
                "{}: column {} ({role}) appears more than once in the header (columns {} and {}), so it is ambiguous",
                self.source,
                quote(name),
                i + 1,
                j + 1
            )),
            (None, _) => Err(format!(
                "{}: no column {} ({role}){}",
                self.source,
                quote(name),
                did_you_mean(name, self.names.iter().map(String::as_str))
            )),
        }
    }
}

/// An open response file: its header is read, the rest is left for [`crate::scan`].
pub struct Responses {
    pub header: Header,
    /// The unread input, after `pending`.
    pub input: Box<dyn Read + Send>,
    /// Bytes already read past the header.
    pub pending: Vec<u8>,
    /// The whole input's size, when known (a file): for the progress bar.
    pub size: Option<u64>,
}

impl Responses {
    pub fn open(source: &Source) -> anyhow::Result<Responses> {
        let mut responses = Responses::from_reader(&source.name(), source.open()?)?;
        if let Source::File(path) = source {
            responses.size = std::fs::metadata(path).ok().map(|m| m.len());
        }
        Ok(responses)
    }

    /// Reads the header from any reader; `name` names it in messages.
    pub fn from_reader(name: &str, mut input: Box<dyn Read + Send>) -> anyhow::Result<Responses> {
        let mut bytes = Vec::new();
        let mut splitter = crate::scan::Splitter::default();
        let header_end = loop {
            let before = bytes.len();
            (&mut input)
                .take(HEADER_READ as u64)
                .read_to_end(&mut bytes)
                .with_context(|| format!("cannot read {name}"))?;
            let eof = bytes.len() == before;
            if let Some(end) = splitter.boundary(&bytes, 0, eof) {
                break end;
            }
            if eof {
                break bytes.len();
            }
        };
        let pending = bytes.split_off(header_end);
        let mut reader = ReaderBuilder::new().has_headers(false).flexible(true).from_reader(bytes.as_slice());
        let mut raw = ByteRecord::new();
        let has_header = reader.read_byte_record(&mut raw).with_context(|| format!("cannot read {name}"))?;
        if !has_header || raw.is_empty() || (raw.len() == 1 && raw[0].trim_ascii().is_empty()) {
            bail!("{name}: the file is empty (expected a header row of column names)");
        }
        let names = header_names(name, &raw)?;
        Ok(Responses { header: Header { source: name.to_string(), names }, input, pending, size: None })
    }
}

/// Column names as text: trimmed, with a UTF-8 byte order mark removed.
fn header_names(source: &str, raw: &ByteRecord) -> anyhow::Result<Vec<String>> {
    raw.iter()
        .enumerate()
        .map(|(i, field)| {
            let field = if i == 0 { field.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(field) } else { field };
            std::str::from_utf8(field).map(|s| s.trim().to_string()).map_err(|_| {
                anyhow::anyhow!("{source}: line 1, column {}: the header is not valid UTF-8 ({})", i + 1, lossy(field))
            })
        })
        .collect()
}

/// Bytes shown to people: valid UTF-8 as is, anything else with escapes.
pub fn lossy(bytes: &[u8]) -> String {
    match std::str::from_utf8(bytes) {
        Ok(s) => s.to_string(),
        Err(_) => bytes.escape_ascii().to_string(),
    }
}
