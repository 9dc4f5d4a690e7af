//! The parallel path: any thread count gives bit-for-bit the same output, chunk
//! boundaries may fall anywhere (inside quoted fields, between CR and LF), and errors
//! name the same rows however the file is cut.

mod common;

use common::{Workdir, SMALL_YAML};

/// A file with every awkward thing a boundary can meet: quoted groups holding commas,
/// quotes and newlines, CRLF and LF line ends, blank answers.
fn awkward_file(rows: usize) -> String {
    let groups = ["North", "\"South, far\"", "\"East \"\"quoted\"\"\"", "\"West\nside\""];
    let labels =
        ["Very satisfied", "Fairly satisfied", "Neither", "Fairly dissatisfied", "Very dissatisfied", "Don't know", ""];
    let mut out = String::from("id,region,w,q1,q2,q3\r\n");
    let mut state: u64 = 42;
    let mut next = |n: u64| {
        state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (state >> 33) % n
    };
    for i in 0..rows {
        let eol = if next(3) == 0 { "\n" } else { "\r\n" };
        let q3 = if next(5) == 0 { String::new() } else { next(11).to_string() };
        out.push_str(&format!(
            "{i},{},{}.{},{},{},{q3}{eol}",
            groups[next(4) as usize],
            next(3),
            next(1000),
            labels[next(7) as usize],
            labels[next(7) as usize]
        ));
    }
    out
}

fn run(wd: &Workdir, args: &[&str], threads: usize, chunk: usize) -> String {
    let (threads, chunk) = (threads.to_string(), chunk.to_string());
    wd.stdout(&[args, &["-j", &threads, "--chunk-bytes", &chunk]].concat())
}

const SCORE: [&str; 10] = ["score", "r.csv", "-m", "m.yaml", "--by", "region", "-w", "w", "-f", "csv"];

#[test]
fn thread_count_never_changes_a_bit() {
    let wd = Workdir::new();
    wd.write("m.yaml", SMALL_YAML);
    wd.write("r.csv", &awkward_file(3000));
    for chunk in [1, 50, 777, 1 << 22] {
        let one = run(&wd, &SCORE, 1, chunk);
        for threads in [2, 3, 8] {
            assert_eq!(one, run(&wd, &SCORE, threads, chunk), "chunk {chunk}, {threads} threads");
        }
    }
}

#[test]
fn chunk_boundaries_anywhere_give_the_same_table() {
    let wd = Workdir::new();
    wd.write("m.yaml", SMALL_YAML);
    wd.write("r.csv", &awkward_file(3000));
    let whole = common::csv_rows(&run(&wd, &SCORE, 1, 1 << 30));
    assert_eq!(whole.len(), 6, "total and four groups: {whole:?}");
    assert_eq!(whole[5][0], "West\nside");
    for chunk in [1, 2, 3, 50, 511, 4096] {
        let cut = common::csv_rows(&run(&wd, &SCORE, 2, chunk));
        assert_eq!(cut.len(), whole.len());
        for (a, b) in cut.iter().zip(&whole) {
            for (x, y) in a.iter().zip(b) {
                match (x.parse::<f64>(), y.parse::<f64>()) {
                    (Ok(x), Ok(y)) => assert!((x - y).abs() < 1e-9, "chunk {chunk}: {x} vs {y}"),
                    _ => assert_eq!(x, y, "chunk {chunk}"),
                }
            }
        }
    }
}

#[test]
fn respondents_come_out_in_file_order_whatever_the_cut() {
    let wd = Workdir::new();
    wd.write("m.yaml", SMALL_YAML);
    wd.write("r.csv", &awkward_file(1500));
    let args = ["respondents", "r.csv", "-m", "m.yaml", "--keep", "id,region"];
    let whole = run(&wd, &args, 1, 1 << 30);
    assert_eq!(common::csv_rows(&whole).len(), 1501);
    for (threads, chunk) in [(2, 1), (3, 97), (2, 4096)] {
        assert_eq!(whole, run(&wd, &args, threads, chunk), "{threads} threads, chunk {chunk}");
    }
}

#[test]
fn standard_input_is_cut_the_same_way() {
    let wd = Workdir::new();
    wd.write("m.yaml", SMALL_YAML);
    let data = awkward_file(2000);
    wd.write("r.csv", &data);
    let from_file = run(&wd, &SCORE, 2, 300);
    let mut args: Vec<&str> = SCORE.to_vec();
    args[1] = "-";
    let output =
        wd.command(&[&args[..], &["-j", "2", "--chunk-bytes", "300"]].concat()).write_stdin(data).output().unwrap();
    assert!(output.status.success());
    assert_eq!(String::from_utf8(output.stdout).unwrap(), from_file);
}

#[test]
fn files_smaller_than_a_chunk_and_lenient_quotes() {
    let wd = Workdir::new();
    wd.write("m.yaml", SMALL_YAML);
    // A quote inside an unquoted field: the rest of the file is read as one stream.
    wd.write("r.csv", "id,region,w,q1,q2,q3\n1,No\"rth,1,Neither,,5\n2,South,1,Very satisfied,,\n3,South,1,,,10\n");
    let expected = "region,n,alpha,beta\nTotal,3,100,100\n\"No\"\"rth\",1,0,0\nSouth,2,200,200\n";
    for chunk in [1, 5, 1 << 22] {
        assert_eq!(run(&wd, &SCORE, 2, chunk), expected, "chunk {chunk}");
    }
}

#[test]
fn error_rows_do_not_depend_on_the_cut() {
    let wd = Workdir::new();
    wd.write("m.yaml", SMALL_YAML);
    let mut data = awkward_file(800);
    data.push_str("800,North,1,Bad answer,,5\n801,North,1,Neither,,5,extra\n");
    wd.write("r.csv", &data);
    for (threads, chunk) in [(1, 1 << 30), (2, 10), (3, 1000)] {
        let err =
            wd.fails(&[&SCORE[..], &["-j", &threads.to_string(), "--chunk-bytes", &chunk.to_string()]].concat(), 1);
        assert_eq!(err, "luindex: error: r.csv: row 802 has 7 fields but the header has 6\n", "chunk {chunk}");
    }
    wd.write("bad.csv", &awkward_file(800).replacen("Neither", "Nether", 3));
    let mut errors = Vec::new();
    for (threads, chunk) in [(1, 1 << 30), (2, 10), (3, 1000)] {
        let args =
            ["score", "bad.csv", "-m", "m.yaml", "-j", &threads.to_string(), "--chunk-bytes", &chunk.to_string()];
        errors.push(wd.fails(&args, 1));
    }
    assert!(errors[0].contains("`Nether`: rows "), "{}", errors[0]);
    assert_eq!(errors[0], errors[1]);
    assert_eq!(errors[0], errors[2]);
}
