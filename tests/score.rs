//! `luindex score` end to end: the method on hand-computed fixtures, grouping, formats.

mod common;

use common::{csv_rows, Workdir, SMALL_YAML};

/// Four respondents, two regions; indexes worked out by hand in the comments.
const RESPONSES: &str = "\
id,region,w,q1,q2,q3
1,North,1,Very satisfied,Fairly dissatisfied,10
2,North,3,Fairly satisfied,,5
3,South,2,Don't know,Not applicable,
4,South,0.5,,,0
";
// alpha = (2*q1 + q2) / (2 + 1) over answered questions:
//   1: (400 - 100) / 3 = 100     2: 200 / 2 = 100     3: 0 / 2 = 0     4: none
// beta = q3 mapped 0..10 -> -200..200:  1: 200   2: 0   3: none   4: -200
// Unweighted: alpha total (100 + 100 + 0) / 3 = 66.67; beta (200 + 0 - 200) / 3 = 0
// Weighted (w): alpha total (100 + 300 + 0) / 6 = 66.67; North (100 + 300) / 4 = 100; South 0
//               beta total (200 + 0 - 100) / 4.5 = 22.22; North 200 / 4 = 50; South -200

#[test]
fn unweighted_total() {
    let wd = Workdir::new();
    wd.write("m.yaml", SMALL_YAML);
    wd.write("r.csv", RESPONSES);
    let out = wd.stdout(&["score", "r.csv", "--missions", "m.yaml", "-f", "csv"]);
    assert_eq!(out, "n,alpha,beta\n4,66.66666666666667,0\n");
}

#[test]
fn weighted_by_group_with_total_first() {
    let wd = Workdir::new();
    wd.write("m.yaml", SMALL_YAML);
    wd.write("r.csv", RESPONSES);
    let out = wd.stdout(&["score", "r.csv", "-m", "m.yaml", "--by", "region", "--weight", "w", "-f", "csv"]);
    assert_eq!(
        out,
        "region,n,alpha,beta\nTotal,4,66.66666666666667,22.22222222222222\nNorth,2,100,50\nSouth,2,0,-200\n"
    );
}

#[test]
fn where_filters_rows_before_scoring() {
    let wd = Workdir::new();
    wd.write("m.yaml", SMALL_YAML);
    wd.write("r.csv", RESPONSES);
    let out = wd.stdout(&["score", "r.csv", "-m", "m.yaml", "--where", "region=South", "-f", "csv"]);
    assert_eq!(out, "n,alpha,beta\n2,0,-200\n");
    let out = wd.stdout(&["score", "r.csv", "-m", "m.yaml", "--where", "region!=South", "-f", "csv"]);
    assert_eq!(out, "n,alpha,beta\n2,100,100\n");
}

#[test]
fn crossed_groups_sort_naturally() {
    let wd = Workdir::new();
    wd.write("m.yaml", SMALL_YAML);
    wd.write(
        "r.csv",
        "g,h,q1,q2,q3\n10,b,Very satisfied,,1\n2,b,Neither,,2\n2,a,Neither,,3\n1,a,Fairly satisfied,,4\n",
    );
    let out = wd.stdout(&["score", "r.csv", "-m", "m.yaml", "--by", "g,h", "-f", "csv", "-d", "0"]);
    let rows = csv_rows(&out);
    let keys: Vec<(&str, &str)> = rows.iter().map(|r| (r[0].as_str(), r[1].as_str())).collect();
    assert_eq!(keys, [("g", "h"), ("Total", "Total"), ("1", "a"), ("2", "a"), ("2", "b"), ("10", "b")]);
}

#[test]
fn a_group_whose_weights_sum_to_zero_is_blank_not_nan() {
    let wd = Workdir::new();
    wd.write("m.yaml", SMALL_YAML);
    wd.write("r.csv", "g,w,q1,q2,q3\na,1,Very satisfied,,5\nb,0,Very satisfied,,5\n");
    let out = wd.stdout(&["score", "r.csv", "-m", "m.yaml", "--by", "g", "-w", "w", "-f", "csv"]);
    assert_eq!(out, "g,n,alpha,beta\nTotal,2,200,0\na,1,200,0\nb,1,,\n");
    let json = wd.stdout(&["score", "r.csv", "-m", "m.yaml", "--by", "g", "-w", "w", "-f", "json"]);
    let parsed: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(parsed[2]["g"], "b");
    assert!(parsed[2]["alpha"].is_null());
    assert!(!json.contains("NaN"));
}

#[test]
fn formats_agree_on_the_numbers() {
    let wd = Workdir::new();
    wd.write("m.yaml", SMALL_YAML);
    wd.write("r.csv", RESPONSES);
    let args = ["score", "r.csv", "-m", "m.yaml", "--by", "region", "-w", "w"];
    let run = |extra: &[&str]| wd.stdout(&[&args[..], extra].concat());
    assert_eq!(
        run(&["-f", "tsv", "-d", "1"]),
        "region\tn\talpha\tbeta\nTotal\t4\t66.7\t22.2\nNorth\t2\t100.0\t50.0\nSouth\t2\t0.0\t-200.0\n"
    );
    let json: serde_json::Value = serde_json::from_str(&run(&["-f", "json", "-d", "2"])).unwrap();
    assert_eq!(json[0]["alpha"], 66.67);
    assert_eq!(json[0]["n"], 4);
    assert_eq!(json[1]["region"], "North");
    let markdown = run(&["-f", "markdown"]);
    assert_eq!(
        markdown,
        "| region | n | alpha | beta |\n| :--- | ---: | ---: | ---: |\n| Total | 4 | +67 | +22 |\n| North | 2 | +100 | +50 |\n| South | 2 | 0 | -200 |\n"
    );
    let table = run(&["-f", "table"]);
    assert!(table.contains("│ Total  ┆ 4 ┆   +67 ┆  +22 │"), "{table}");
}

#[test]
fn piped_output_defaults_to_csv() {
    let wd = Workdir::new();
    wd.write("m.yaml", SMALL_YAML);
    wd.write("r.csv", RESPONSES);
    let out = wd.stdout(&["score", "r.csv", "-m", "m.yaml"]);
    assert!(out.starts_with("n,alpha,beta\n"), "{out}");
}

#[test]
fn reads_standard_input() {
    let wd = Workdir::new();
    wd.write("m.yaml", SMALL_YAML);
    let output = wd.command(&["score", "-", "-m", "m.yaml", "-f", "csv"]).write_stdin(RESPONSES).output().unwrap();
    assert!(output.status.success());
    assert_eq!(String::from_utf8(output.stdout).unwrap(), "n,alpha,beta\n4,66.66666666666667,0\n");
}

#[test]
fn bom_crlf_and_quoted_fields_just_work() {
    let wd = Workdir::new();
    wd.write("m.yaml", SMALL_YAML);
    let text = "\u{feff}region,q1,q2,q3\r\n\"North, upper\",\"Very satisfied\",,\"1\"\r\n\"South \"\"x\"\"\nline\",Neither,,9\r\n";
    wd.write("r.csv", text);
    let out = wd.stdout(&["score", "r.csv", "-m", "m.yaml", "--by", "region", "-f", "csv"]);
    assert_eq!(
        out,
        "region,n,alpha,beta\nTotal,2,100,0\n\"North, upper\",1,200,-160\n\"South \"\"x\"\"\nline\",1,0,160\n"
    );
}

#[test]
fn the_builtin_definitions_score_the_bundled_sample() {
    let wd = Workdir::new();
    let sample = common::repo().join("examples/levelling-up-2023-sample.csv");
    let out = wd.stdout(&["score", sample.to_str().unwrap(), "--by", "nation", "--weight", "weight", "-f", "csv"]);
    let rows = csv_rows(&out);
    assert_eq!(rows[0][..3], ["nation", "n", "pay"]);
    let bases: Vec<(&str, &str)> = rows[1..].iter().map(|r| (r[0].as_str(), r[1].as_str())).collect();
    assert_eq!(
        bases,
        [("Total", "6189"), ("England", "5177"), ("Northern Ireland", "243"), ("Scotland", "510"), ("Wales", "259")]
    );
}
