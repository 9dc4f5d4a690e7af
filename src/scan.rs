//! Reading every data row on all cores, with results that do not depend on how many.
//!
//! The input (a file or standard input, read once, in order) is cut into chunks: each
//! chunk ends at the first record boundary at or after [`CHUNK_BYTES`] from its start.
//! Boundaries are found by tracking CSV quotes, so a newline inside a quoted field never
//! cuts a record. The cut depends only on the bytes, never on the thread count; workers
//! turn chunks into partial results, and the caller receives them in file order. So one
//! thread and many add up the same partial sums in the same order: bit-for-bit the same
//! output.
//!
//! Quotes that CSV parsers read leniently (a quote inside an unquoted field, text after a
//! closing quote) make the quote state ambiguous; from the first such chunk on, the rest
//! of the input is read as one stream instead of being cut.

use std::collections::BTreeMap;
use std::io::{self, Cursor, Read};
use std::sync::mpsc::{self, Receiver, SyncSender};
use std::sync::Mutex;

use anyhow::{bail, Context};
use csv::{ByteRecord, ReaderBuilder};

use crate::input::Responses;
use crate::problems::Problems;
use crate::records::{Records, Row};

/// The target size of a chunk: the unit of parallel work and of summation order.
pub const CHUNK_BYTES: usize = 4 << 20;
/// A chunk this large without a record boundary is not cut: the rest is read as a stream.
const MAX_CHUNK_BYTES: usize = 64 << 20;
/// Read size while looking for a boundary past the target size.
const READ_MORE: usize = 256 << 10;

/// What to do with each row; one `State` per chunk, built on the worker thread.
pub trait Worker: Sync {
    type State: Send;
    fn start(&self) -> Self::State;
    /// One data row; `row` is its 1-based number within the chunk.
    fn row<R: Row>(&self, state: &mut Self::State, record: &R, row: u64, problems: &mut Problems);
}

/// A chunk's result, handed to the caller in file order.
pub struct Chunk<S> {
    pub state: S,
    /// Bad values, with row numbers already counted from the start of the file.
    pub problems: Problems,
    /// Data rows before this chunk.
    pub rows_before: u64,
    pub rows: u64,
}

/// How a scan runs: neither changes its result.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ScanOptions {
    /// Worker threads.
    pub threads: usize,
    /// Target chunk size in bytes (tests use tiny ones to put boundaries everywhere).
    pub chunk_bytes: usize,
}

impl Default for ScanOptions {
    fn default() -> ScanOptions {
        let threads = std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get);
        ScanOptions { threads, chunk_bytes: CHUNK_BYTES }
    }
}

/// A row with the wrong number of fields, which stops the scan.
#[derive(Debug, Clone, Copy)]
struct Ragged {
    row: u64,
    fields: usize,
}

struct Partial<S> {
    state: S,
    problems: Problems,
    rows: u64,
    ragged: Option<Ragged>,
}

/// Finds record boundaries by following CSV quoting, incrementally over a growing buffer.
#[derive(Debug, Default)]
pub struct Splitter {
    /// Bytes before this position have been examined.
    pos: usize,
    in_quotes: bool,
    /// A quote was found where CSV does not put one: the quote state is not reliable.
    pub irregular: bool,
}

impl Splitter {
    /// The end (exclusive) of the first record ending at or after `from`, i.e. one past
    /// the first newline at or after `from - 1` outside quotes; `None` if `buf` does not
    /// hold it yet (with `eof`, the end of `buf` ends the last record, and is returned).
    pub fn boundary(&mut self, buf: &[u8], from: usize, eof: bool) -> Option<usize> {
        let search_from = from.saturating_sub(1);
        while self.pos < buf.len() {
            // Before `from - 1` only quotes matter; from there on, the first free newline.
            let quotes_only_until = search_from.min(buf.len());
            let rest = &buf[self.pos..];
            let next = if self.pos < quotes_only_until {
                memchr::memchr(b'"', &rest[..quotes_only_until - self.pos]).map(|i| (i, b'"'))
            } else {
                memchr::memchr2(b'"', b'\n', rest).map(|i| (i, rest[i]))
            };
            let Some((offset, byte)) = next else {
                self.pos = if self.pos < quotes_only_until { quotes_only_until } else { buf.len() };
                continue;
            };
            let at = self.pos + offset;
            if byte == b'\n' {
                self.pos = at + 1;
                if !self.in_quotes {
                    return Some(at + 1);
                }
                continue;
            }
            // A quote: it needs the byte after it (escaped quote or end of field).
            if at + 1 >= buf.len() && !eof {
                self.pos = at;
                return None;
            }
            let after = buf.get(at + 1).copied();
            if self.in_quotes {
                if after == Some(b'"') {
                    self.pos = at + 2;
                    continue;
                }
                self.in_quotes = false;
                if !matches!(after, None | Some(b',' | b'\n' | b'\r')) {
                    self.irregular = true;
                }
            } else {
                let before = if at == 0 { None } else { Some(buf[at - 1]) };
                if !matches!(before, None | Some(b',' | b'\n' | b'\r')) {
                    self.irregular = true;
                }
                self.in_quotes = true;
            }
            self.pos = at + 1;
        }
        (eof && !buf.is_empty()).then_some(buf.len())
    }
}

/// What the reader thread sends: a chunk to parse, or the rest of the input as a stream.
enum Piece {
    Chunk(usize, Vec<u8>),
    Stream(usize, Box<dyn Read + Send>),
}

/// Reads every data row of `responses` with `options.threads` workers; calls `combine`
/// on each chunk's result in file order. Returns the number of data rows.
pub fn scan<W: Worker>(
    responses: Responses,
    worker: &W,
    options: ScanOptions,
    mut combine: impl FnMut(Chunk<W::State>) -> anyhow::Result<()>,
) -> anyhow::Result<u64> {
    let Responses { header, input, pending, size } = responses;
    let progress = crate::progress::for_input(size);
    let width = header.names.len();
    let threads = options.threads.max(1);
    let chunk_bytes = options.chunk_bytes.max(1);
    // Chunks in flight are bounded: the reader waits for a ticket before reading more.
    let in_flight = threads + 2;
    let (piece_tx, piece_rx) = mpsc::sync_channel::<Piece>(in_flight);
    let (ticket_tx, ticket_rx) = mpsc::sync_channel::<()>(in_flight);
    for _ in 0..in_flight {
        ticket_tx.send(()).expect("tickets fit the channel");
    }
    // Dropped to stop the reader early (after an error).
    let mut ticket_tx = Some(ticket_tx);
    let (done_tx, done_rx) = mpsc::channel::<(usize, Partial<W::State>)>();
    let pieces = Mutex::new(piece_rx);

    std::thread::scope(|scope| -> anyhow::Result<u64> {
        let bar = progress.clone();
        let reader = scope.spawn(move || read_pieces(input, pending, chunk_bytes, &piece_tx, &ticket_rx, &bar));
        for _ in 0..threads {
            let done_tx = done_tx.clone();
            let pieces = &pieces;
            scope.spawn(move || loop {
                let piece = pieces.lock().expect("no worker panics holding the lock").recv();
                let Ok(piece) = piece else { return };
                let (index, partial) = match piece {
                    Piece::Chunk(index, bytes) => (index, parse_chunk(worker, &bytes, width)),
                    Piece::Stream(index, stream) => (index, parse_stream(worker, stream, width)),
                };
                if done_tx.send((index, partial)).is_err() {
                    return;
                }
            });
        }
        drop(done_tx);

        let mut waiting: BTreeMap<usize, Partial<W::State>> = BTreeMap::new();
        let (mut next, mut rows) = (0usize, 0u64);
        let mut outcome: anyhow::Result<()> = Ok(());
        for (index, partial) in done_rx.iter() {
            waiting.insert(index, partial);
            while let Some(partial) = waiting.remove(&next) {
                next += 1;
                if let Some(tickets) = &ticket_tx {
                    let _ = tickets.try_send(());
                }
                if outcome.is_err() {
                    continue;
                }
                if let Some(ragged) = partial.ragged {
                    outcome = Err(anyhow::anyhow!(
                        "{}: row {} has {} fields but the header has {width}",
                        header.source,
                        rows + ragged.row,
                        ragged.fields
                    ));
                    continue;
                }
                let mut problems = Problems::default();
                problems.merge_shifted(&partial.problems, rows);
                let chunk = Chunk { state: partial.state, problems, rows_before: rows, rows: partial.rows };
                rows += partial.rows;
                outcome = combine(chunk);
            }
            if outcome.is_err() {
                // Stop reading; workers finish what they hold, and everything winds down.
                ticket_tx = None;
            }
        }
        reader
            .join()
            .expect("the reader thread does not panic")
            .with_context(|| format!("cannot read {}", header.source))?;
        outcome?;
        if rows == 0 {
            bail!("{}: the file has a header but no data rows", header.source);
        }
        Ok(rows)
    })
}

/// The reader thread: cuts the input into chunks at record boundaries.
fn read_pieces(
    mut input: Box<dyn Read + Send>,
    mut carry: Vec<u8>,
    chunk_bytes: usize,
    pieces: &SyncSender<Piece>,
    tickets: &Receiver<()>,
    progress: &indicatif::ProgressBar,
) -> io::Result<()> {
    for index in 0.. {
        if tickets.recv().is_err() {
            return Ok(());
        }
        let mut buf = std::mem::take(&mut carry);
        buf.reserve(chunk_bytes + READ_MORE);
        let mut eof = fill(&mut input, &mut buf, chunk_bytes)?;
        if buf.is_empty() {
            return Ok(());
        }
        let mut splitter = Splitter::default();
        let end = loop {
            if let Some(end) = splitter.boundary(&buf, chunk_bytes, eof) {
                break Some(end);
            }
            if eof || buf.len() > MAX_CHUNK_BYTES.max(4 * chunk_bytes) {
                break None;
            }
            let target = buf.len() + READ_MORE.min(chunk_bytes);
            eof = fill(&mut input, &mut buf, target)?;
        };
        match end {
            Some(end) if !splitter.irregular => {
                progress.inc(end as u64);
                carry = buf.split_off(end);
                if pieces.send(Piece::Chunk(index, buf)).is_err() {
                    return Ok(());
                }
                if eof && carry.is_empty() {
                    return Ok(());
                }
            }
            _ => {
                let stream: Box<dyn Read + Send> = Box::new(Cursor::new(buf).chain(input));
                let _ = pieces.send(Piece::Stream(index, stream));
                return Ok(());
            }
        }
    }
    Ok(())
}

/// Reads until `buf` holds `target` bytes or the input ends; returns whether it ended.
fn fill(input: &mut Box<dyn Read + Send>, buf: &mut Vec<u8>, target: usize) -> io::Result<bool> {
    while buf.len() < target {
        let want = (target - buf.len()) as u64;
        if input.by_ref().take(want).read_to_end(buf)? == 0 {
            return Ok(true);
        }
    }
    Ok(false)
}

/// Parses one chunk with the worker, fields sliced straight from the chunk.
fn parse_chunk<W: Worker>(worker: &W, bytes: &[u8], width: usize) -> Partial<W::State> {
    let mut partial = Partial { state: worker.start(), problems: Problems::default(), rows: 0, ragged: None };
    let mut records = Records::new(bytes);
    while let Some(fields) = records.next_record() {
        if !partial.add(worker, &fields, width) {
            break;
        }
    }
    partial
}

/// Parses the rest of the input as one stream, with the `csv` crate.
fn parse_stream<W: Worker>(worker: &W, bytes: Box<dyn Read + Send + '_>, width: usize) -> Partial<W::State> {
    let mut reader = ReaderBuilder::new().has_headers(false).flexible(true).buffer_capacity(1 << 20).from_reader(bytes);
    let mut partial = Partial { state: worker.start(), problems: Problems::default(), rows: 0, ragged: None };
    let mut record = ByteRecord::new();
    // A failing stream ends the scan; the reader thread reports the read error.
    while reader.read_byte_record(&mut record).unwrap_or(false) {
        if !partial.add(worker, &record, width) {
            break;
        }
    }
    partial
}

impl<S> Partial<S> {
    /// Hands one record to the worker; `false` when it is ragged (which stops the scan).
    fn add<W: Worker<State = S>, R: Row>(&mut self, worker: &W, record: &R, width: usize) -> bool {
        self.rows += 1;
        if record.len() != width {
            self.ragged = Some(Ragged { row: self.rows, fields: record.len() });
            return false;
        }
        worker.row(&mut self.state, record, self.rows, &mut self.problems);
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cuts(data: &[u8], every: usize) -> Vec<usize> {
        let mut out = Vec::new();
        let mut start = 0;
        while start < data.len() {
            let mut splitter = Splitter::default();
            let end = splitter.boundary(&data[start..], every, true).unwrap();
            out.push(start + end);
            start += end;
        }
        out
    }

    #[test]
    fn boundaries_skip_newlines_inside_quotes() {
        let data = b"a,\"x\ny\"\nb,\"\"\"q\"\"\n\"\nc,d\n";
        assert_eq!(cuts(data, 1), [8, 19, 23]);
        assert_eq!(cuts(data, 9), [19, 23]);
        assert_eq!(cuts(data, 100), [23]);
    }

    #[test]
    fn crlf_and_a_missing_final_newline() {
        let data = b"a,b\r\nc,d\r\ne,f";
        assert_eq!(cuts(data, 1), [5, 10, 13]);
    }

    #[test]
    fn lenient_quotes_are_flagged() {
        let mut s = Splitter::default();
        s.boundary(b"ab\"c,d\ne,f\n", 1, true);
        assert!(s.irregular);
        let mut s = Splitter::default();
        s.boundary(b"\"ab\"c,d\ne,f\n", 1, true);
        assert!(s.irregular);
        let mut s = Splitter::default();
        s.boundary(b"\"a,b\",\"\"\n", 1, true);
        assert!(!s.irregular);
    }

    #[test]
    fn a_quote_at_the_end_of_the_buffer_waits_for_more() {
        let mut s = Splitter::default();
        assert_eq!(s.boundary(b"\"ab\"", 1, false), None);
        assert_eq!(s.boundary(b"\"ab\"\"\ncd\"\n", 1, true), Some(10));
    }
}
