//! Micro benchmarks of the hot path, on the bundled sample (6,189 rows, 8 MB).
//!
//!     cargo bench --bench hot_path

use std::io::Cursor;

use divan::{black_box, Bencher};
use luindex::definitions::Definitions;
use luindex::engine::{self, Plan, Request};
use luindex::input::Responses;
use luindex::scan::{ScanOptions, Splitter};

fn main() {
    divan::main();
}

fn sample() -> Vec<u8> {
    std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/examples/levelling-up-2023-sample.csv")).expect("sample")
}

fn score(bytes: &[u8], threads: usize) -> u64 {
    let responses = Responses::from_reader("sample", Box::new(Cursor::new(bytes.to_vec()))).unwrap();
    let request = Request { by: vec!["region".into()], weight: Some("weight".into()), conditions: vec![] };
    let plan = Plan::new(Definitions::builtin(), responses.header.clone(), &request).unwrap();
    engine::run(responses, &plan, ScanOptions { threads, chunk_bytes: 1 << 20 }).unwrap().rows
}

/// The whole pass (header, chunks, scoring, grouping) over the sample in memory.
#[divan::bench(args = [1, 2])]
fn score_sample(bencher: Bencher, threads: usize) {
    let bytes = sample();
    bencher.counter(divan::counter::BytesCount::new(bytes.len())).bench(|| score(black_box(&bytes), threads));
}

/// Finding record boundaries (the reader thread's work).
#[divan::bench]
fn split_sample(bencher: Bencher) {
    let bytes = sample();
    bencher.counter(divan::counter::BytesCount::new(bytes.len())).bench(|| {
        let (mut start, mut chunks) = (0, 0);
        while start < bytes.len() {
            let mut splitter = Splitter::default();
            start += splitter.boundary(black_box(&bytes[start..]), 1 << 16, true).unwrap();
            chunks += 1;
        }
        chunks
    });
}

/// Scoring single cells: a label near the end of its scale, a number, a blank.
#[divan::bench]
fn score_cells(bencher: Bencher) {
    let definitions = Definitions::builtin();
    let satisfaction = definitions.scales.iter().find(|s| s.name == "satisfaction").unwrap();
    let wellbeing = definitions.scales.iter().find(|s| s.name == "wellbeing").unwrap();
    bencher.bench(|| {
        (
            satisfaction.score(black_box(b"Very dissatisfied")),
            wellbeing.score(black_box(b"7")),
            satisfaction.score(black_box(b"")),
        )
    });
}
