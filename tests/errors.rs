//! Every kind of bad input: a clear message on stderr naming file, row and value, a
//! non-zero exit, and nothing on stdout. Messages are checked word for word.

mod common;

use common::{Workdir, SMALL_YAML};

fn workdir() -> Workdir {
    let wd = Workdir::new();
    wd.write("m.yaml", SMALL_YAML);
    wd.write("ok.csv", "id,q1,q2,q3\n1,Very satisfied,,5\n");
    wd
}

fn score_error(wd: &Workdir, file: &str, extra: &[&str]) -> String {
    wd.fails(&[&["score", file, "-m", "m.yaml"], extra].concat(), 1)
}

#[test]
fn missing_file() {
    let wd = workdir();
    let err = score_error(&wd, "nope.csv", &[]);
    assert!(err.starts_with("luindex: error: cannot open nope.csv: "), "{err}");
}

#[test]
fn empty_and_header_only_files() {
    let wd = workdir();
    wd.write("empty.csv", "");
    assert_eq!(
        score_error(&wd, "empty.csv", &[]),
        "luindex: error: empty.csv: the file is empty (expected a header row of column names)\n"
    );
    wd.write("header.csv", "id,q1,q2,q3\n");
    assert_eq!(
        score_error(&wd, "header.csv", &[]),
        "luindex: error: header.csv: the file has a header but no data rows\n"
    );
}

#[test]
fn ragged_rows() {
    let wd = workdir();
    wd.write("r.csv", "id,q1,q2,q3\n1,Neither,,5\n2,Neither,5\n");
    assert_eq!(score_error(&wd, "r.csv", &[]), "luindex: error: r.csv: row 2 has 3 fields but the header has 4\n");
}

#[test]
fn invalid_utf8() {
    let wd = workdir();
    wd.write_bytes("r.csv", b"id,q1,q2,q3\n1,Neither\xff,,5\n");
    assert_eq!(
        score_error(&wd, "r.csv", &[]),
        "luindex: error: r.csv: 1 bad value found:\n  column `q1`: values are not valid UTF-8 (1 row):\n    `Neither\\xff`: row 1\n"
    );
    wd.write_bytes("h.csv", b"id,q1\xfe,q2,q3\n1,Neither,,5\n");
    assert_eq!(
        score_error(&wd, "h.csv", &[]),
        "luindex: error: h.csv: line 1, column 2: the header is not valid UTF-8 (q1\\xfe)\n"
    );
}

#[test]
fn duplicate_and_absent_columns_are_all_listed() {
    let wd = workdir();
    wd.write("r.csv", "id,q1,q1,q4\n1,Neither,,5\n");
    assert_eq!(
        score_error(&wd, "r.csv", &[]),
        "luindex: error: 3 problems with the columns the definitions (m.yaml) name:
  r.csv: column `q1` (mission `alpha`) appears more than once in the header (columns 2 and 3), so it is ambiguous
  r.csv: no column `q2` (mission `alpha`) (did you mean `q1`?)
  r.csv: no column `q3` (mission `beta`) (did you mean `q1`?)
"
    );
}

#[test]
fn every_distinct_unmapped_answer_with_counts_and_rows() {
    let wd = workdir();
    wd.write(
        "r.csv",
        "id,q1,q2,q3\n1,very satisfied,,5\n2,Very satisifed,Bad,11\n3,Very satisifed,,-1\n4,Very satisifed,,x\n5,Very satisifed,,\n",
    );
    assert_eq!(
        score_error(&wd, "r.csv", &[]),
        "luindex: error: r.csv: 9 bad values found:
  column `q1`: answers not on scale `sat` (5 rows):
    `very satisfied`: row 1 (did you mean `Very satisfied`?)
    `Very satisifed`: 4 rows, first 2, 3, 4 (did you mean `Very satisfied`?)
  column `q2`: answers not on scale `sat` (1 row):
    `Bad`: row 2
  column `q3`: answers not on scale `ten` (1 row):
    `x`: row 4
  column `q3`: numbers outside [0, 10] of scale `ten` (2 rows):
    `11`: row 2
    `-1`: row 3
"
    );
}

#[test]
fn bad_weights() {
    let wd = workdir();
    wd.write("r.csv", "id,w,q1,q2,q3\n1,,Neither,,5\n2,abc,Neither,,5\n3,-1,Neither,,5\n4,NaN,Neither,,5\n5,inf,Neither,,5\n6,0,Neither,,5\n");
    assert_eq!(
        score_error(&wd, "r.csv", &["-w", "w"]),
        "luindex: error: r.csv: 5 bad values found:
  column `w`: weights must be numbers >= 0 (5 rows):
    (blank): row 1
    `abc`: row 2
    `-1`: row 3
    `NaN`: row 4
    `inf`: row 5
"
    );
}

#[test]
fn missing_by_and_weight_columns_are_usage_errors() {
    let wd = workdir();
    assert_eq!(
        wd.fails(&["score", "ok.csv", "-m", "m.yaml", "--by", "region"], 2),
        "luindex: error: ok.csv: no column `region` (--by)\n"
    );
    assert_eq!(
        wd.fails(&["score", "ok.csv", "-m", "m.yaml", "--weight", "q"], 2),
        "luindex: error: ok.csv: no column `q` (--weight) (did you mean `q1`?)\n"
    );
    assert_eq!(
        wd.fails(&["score", "ok.csv", "-m", "m.yaml", "--where", "nation=Wales"], 2),
        "luindex: error: ok.csv: no column `nation` (--where)\n"
    );
}

#[test]
fn malformed_where() {
    let wd = workdir();
    let err = wd.fails(&["score", "ok.csv", "-m", "m.yaml", "--where", "region"], 2);
    assert!(
        err.contains("invalid value 'region' for '--where <COL=VALUE>': expected COLUMN=VALUE or COLUMN!=VALUE"),
        "{err}"
    );
    let err = wd.fails(&["score", "ok.csv", "-m", "m.yaml", "--where", "=x"], 2);
    assert!(err.contains("the column name is missing in `=x`"), "{err}");
}

#[test]
fn bad_definitions_are_reported_with_line_and_column() {
    let wd = workdir();
    wd.write("bad.yaml", "scales:\n  sat:\n    labels: {Good: 250}\nmissions:\n  - id: a\n    questions:\n      - {column: q1, scale: sat, weight: -1}\n");
    assert_eq!(
        wd.fails(&["score", "ok.csv", "-m", "bad.yaml"], 1),
        "luindex: error: 2 problems in definitions bad.yaml:
  bad.yaml:3:20: scale `sat`, label `Good`: points must lie in [-200, 200], found 250
  bad.yaml:7:42: mission `a`, question `q1`: weight must be a finite number > 0, found -1
"
    );
    wd.write("typo.yaml", "scales:\n  sat:\n    lables: {Good: 100}\nmissions: []\n");
    let err = wd.fails(&["check", "-m", "typo.yaml"], 1);
    assert!(
        err.starts_with("luindex: error: 1 problem in definitions typo.yaml:\n  typo.yaml:3:5: unknown field `lables`"),
        "{err}"
    );
    assert!(err.contains("lables: {Good: 100}"), "the excerpt shows the line: {err}");
}

#[test]
fn no_backtrace_even_when_asked_for() {
    let wd = workdir();
    let output = wd.command(&["score", "nope.csv", "-m", "m.yaml"]).env("RUST_BACKTRACE", "1").output().unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(!stderr.contains("backtrace") && !stderr.contains("Stack"), "{stderr}");
    assert_eq!(output.status.code(), Some(1));
}

#[test]
fn inputs_are_never_modified() {
    let wd = workdir();
    wd.write("r.csv", "id,q1,q2,q3\n1,Bad,,5\n");
    let before = std::fs::read(wd.path().join("r.csv")).unwrap();
    score_error(&wd, "r.csv", &[]);
    wd.fails(&["check", "r.csv", "-m", "m.yaml"], 1);
    wd.fails(&["respondents", "r.csv", "-m", "m.yaml"], 1);
    assert_eq!(std::fs::read(wd.path().join("r.csv")).unwrap(), before);
}
