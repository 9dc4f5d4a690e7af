//! The parse floor: how long the `csv` crate takes merely to iterate a file's records on
//! one thread (byte records, reused, nothing else). `luindex score` aims to be no slower.
//!
//!     cargo build --release --example parse_floor
//!     target/release/examples/parse_floor data.csv

use std::io::Read;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args().nth(1).ok_or("usage: parse_floor FILE")?;
    let input: Box<dyn Read> =
        if path == "-" { Box::new(std::io::stdin()) } else { Box::new(std::fs::File::open(&path)?) };
    let mut reader = csv::ReaderBuilder::new().buffer_capacity(1 << 20).from_reader(input);
    let mut record = csv::ByteRecord::new();
    let (mut rows, mut fields) = (0u64, 0u64);
    while reader.read_byte_record(&mut record)? {
        rows += 1;
        fields += record.len() as u64;
    }
    println!("{rows} records, {fields} fields");
    Ok(())
}
