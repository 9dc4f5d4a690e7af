//! A fast reader for the records of a well-formed chunk, without copying field bytes.
//!
//! [`crate::scan`] only cuts chunks where CSV quoting is regular (quotes open fields and
//! close them before a delimiter or line end); in such a chunk a field is either quoted
//! or free of quotes, and fields can be sliced straight out of the chunk. Quoted fields
//! with escaped quotes (`""`) are unescaped into a small scratch buffer. Records and
//! fields come out exactly as the `csv` crate reads them (line ends `\n`, `\r\n` or `\r`,
//! empty lines skipped); a property test checks it.

/// A record's fields by index, from either reader.
pub trait Row {
    fn len(&self) -> usize;
    fn get(&self, index: usize) -> Option<&[u8]>;
    fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

impl Row for csv::ByteRecord {
    fn len(&self) -> usize {
        csv::ByteRecord::len(self)
    }

    fn get(&self, index: usize) -> Option<&[u8]> {
        csv::ByteRecord::get(self, index)
    }
}

/// Where a field's bytes are: in the chunk, or (unescaped) in the scratch buffer.
#[derive(Debug, Clone, Copy)]
struct Span {
    start: u32,
    end: u32,
    in_scratch: bool,
}

/// Records of one chunk, read one at a time into reused buffers.
pub struct Records<'a> {
    data: &'a [u8],
    pos: usize,
    spans: Vec<Span>,
    scratch: Vec<u8>,
}

/// The current record of [`Records`].
pub struct Fields<'r> {
    data: &'r [u8],
    spans: &'r [Span],
    scratch: &'r [u8],
}

impl Row for Fields<'_> {
    fn len(&self) -> usize {
        self.spans.len()
    }

    fn get(&self, index: usize) -> Option<&[u8]> {
        let span = self.spans.get(index)?;
        let source = if span.in_scratch { self.scratch } else { self.data };
        Some(&source[span.start as usize..span.end as usize])
    }
}

impl<'a> Records<'a> {
    /// `data` must be at most 4 GiB (chunks are far smaller).
    pub fn new(data: &'a [u8]) -> Records<'a> {
        debug_assert!(data.len() < u32::MAX as usize);
        Records { data, pos: 0, spans: Vec::with_capacity(128), scratch: Vec::new() }
    }

    /// The next record, or `None` at the end of the chunk.
    pub fn next_record(&mut self) -> Option<Fields<'_>> {
        let data = self.data;
        // Empty lines are no records.
        while self.pos < data.len() && matches!(data[self.pos], b'\n' | b'\r') {
            self.pos += 1;
        }
        if self.pos >= data.len() {
            return None;
        }
        self.spans.clear();
        self.scratch.clear();
        loop {
            let (span, after) = if data[self.pos] == b'"' { self.quoted(self.pos) } else { self.unquoted(self.pos) };
            self.spans.push(span);
            match data.get(after) {
                Some(b',') => self.pos = after + 1,
                Some(b'\r') if data.get(after + 1) == Some(&b'\n') => {
                    self.pos = after + 2;
                    break;
                }
                Some(_) => {
                    self.pos = after + 1;
                    break;
                }
                None => {
                    self.pos = after;
                    break;
                }
            }
        }
        Some(Fields { data, spans: &self.spans, scratch: &self.scratch })
    }

    /// An unquoted field from `start`: up to the next delimiter or line end.
    fn unquoted(&self, start: usize) -> (Span, usize) {
        let end = find_delimiter(self.data, start);
        (Span { start: start as u32, end: end as u32, in_scratch: false }, end)
    }

    /// A quoted field whose opening quote is at `open`: returns its content and the
    /// position after the closing quote.
    fn quoted(&mut self, open: usize) -> (Span, usize) {
        let data = self.data;
        let mut search = open + 1;
        let mut escaped = false;
        let close = loop {
            match memchr::memchr(b'"', &data[search..]) {
                Some(i) if data.get(search + i + 1) == Some(&b'"') => {
                    escaped = true;
                    search += i + 2;
                }
                Some(i) => break search + i,
                None => break data.len(),
            }
        };
        let after = (close + 1).min(data.len());
        if !escaped {
            return (Span { start: (open + 1) as u32, end: close as u32, in_scratch: false }, after);
        }
        let start = self.scratch.len();
        let mut content = &data[open + 1..close];
        while let Some(i) = memchr::memchr(b'"', content) {
            self.scratch.extend_from_slice(&content[..=i]);
            content = &content[i + 2..];
        }
        self.scratch.extend_from_slice(content);
        (Span { start: start as u32, end: self.scratch.len() as u32, in_scratch: true }, after)
    }
}

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGHS: u64 = 0x8080_8080_8080_8080;

/// The first comma, CR or LF at or after `start` (or the end), eight bytes at a time.
/// Fields are short, so this beats a vectorised search that pays a setup per call.
#[inline]
fn find_delimiter(data: &[u8], start: usize) -> usize {
    let mut i = start;
    while let Some(bytes) = data.get(i..i + 8) {
        let word = u64::from_le_bytes(bytes.try_into().expect("eight bytes"));
        let found = zero_bytes(word ^ (ONES * u64::from(b',')))
            | zero_bytes(word ^ (ONES * u64::from(b'\n')))
            | zero_bytes(word ^ (ONES * u64::from(b'\r')));
        if found != 0 {
            return i + (found.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    data[i..].iter().position(|b| matches!(b, b',' | b'\n' | b'\r')).map_or(data.len(), |p| i + p)
}

/// High bit set in each byte of `x` that is zero; exact for the lowest such byte, which
/// is all `find_delimiter` uses.
#[inline]
fn zero_bytes(x: u64) -> u64 {
    x.wrapping_sub(ONES) & !x & HIGHS
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_all(data: &[u8]) -> Vec<Vec<Vec<u8>>> {
        let mut records = Records::new(data);
        let mut out = Vec::new();
        while let Some(fields) = records.next_record() {
            out.push((0..fields.len()).map(|i| fields.get(i).unwrap().to_vec()).collect());
        }
        out
    }

    #[test]
    fn delimiters_are_found_at_any_offset() {
        let text = b"abcdefghij,klmnopqrstuvwx\r\nyz";
        for start in 0..text.len() {
            let expected =
                text[start..].iter().position(|b| matches!(b, b',' | b'\n' | b'\r')).map_or(text.len(), |p| start + p);
            assert_eq!(find_delimiter(text, start), expected, "from {start}");
        }
    }

    fn with_csv_crate(data: &[u8]) -> Vec<Vec<Vec<u8>>> {
        let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(data);
        reader.byte_records().map(|r| r.unwrap().iter().map(<[u8]>::to_vec).collect()).collect()
    }

    #[test]
    fn reads_like_the_csv_crate() {
        let cases: [&[u8]; 8] = [
            b"a,b,c\n1,2,3\n",
            b"a,b\r\n\"x, y\",\"say \"\"hi\"\"\"\r\n",
            b"a,\"multi\nline\",c\n\n\nd,,\n",
            b"a,b\rc,d\r\ne,f",
            b",\n,,\n\"\"\n",
            b"\"\"\"\",\"a\"\"b\"\"c\"\n",
            b"last,line,no,newline",
            b"\r\n\r\nx\r\n",
        ];
        for case in cases {
            assert_eq!(read_all(case), with_csv_crate(case), "{}", String::from_utf8_lossy(case));
        }
    }

    proptest::proptest! {
        #[test]
        fn random_regular_csv_reads_like_the_csv_crate(
            rows in proptest::collection::vec(proptest::collection::vec("[a-c ,\"\n\r]{0,6}", 1..5), 0..20),
            crlf in proptest::bool::ANY,
        ) {
            let mut writer = csv::WriterBuilder::new()
                .flexible(true)
                .terminator(if crlf { csv::Terminator::CRLF } else { csv::Terminator::Any(b'\n') })
                .from_writer(Vec::new());
            for row in &rows {
                writer.write_record(row).unwrap();
            }
            let data = writer.into_inner().unwrap();
            proptest::prop_assert_eq!(read_all(&data), with_csv_crate(&data));
        }
    }
}
