//! `luindex tab`: weighted column percentages, nets, multi-response questions, tests
//! against the rest of the sample and comparisons, checked against hand-computed values.

mod common;

use common::{csv_rows, Workdir};

const TAB_YAML: &str = r#"
scales:
  support:
    labels: {Support: 100, Neither: 0, Oppose: -100, "Don't know": 0}
    skip: [Refused]
    nets:
      Any view: [Support, Oppose]
    net_score: {positive: Support, negative: Oppose}
  opinion:
    labels: ["Yes", "No", "Don't know"]
    exclude_from_base: ["Don't know"]
missions:
  - id: m
    questions: [{column: q1, scale: support}]
questions:
  - {column: q2, scale: opinion, text: "Is it?"}
  - id: pri_cell
    column: pri
    delimiter: "|"
    options: [Crime, Jobs, Transport]
  - id: pri_cols
    options: {Crime: p_crime, Jobs: p_jobs, Transport: p_transport}
"#;

const TAB_CSV: &str = "\
id,g,w,q1,q2,pri,p_crime,p_jobs,p_transport
1,A,2,Support,Yes,Crime|Jobs,1,1,0
2,A,1,Oppose,No,Jobs,0,1,0
3,A,1,Don't know,Don't know,,,,
4,B,3,Support,Yes,Transport,0,0,Transport
5,B,1,,No,Crime| Jobs |Transport,Crime,Jobs,1
6,B,2,Refused,,Crime,1,0,0
";

fn setup() -> Workdir {
    let wd = Workdir::new();
    wd.write("tab.yaml", TAB_YAML);
    wd.write("tab.csv", TAB_CSV);
    wd
}

/// `(group, answer) -> (percent, base_n)` from `--long -f csv` output.
fn long(wd: &Workdir, extra: &[&str]) -> Vec<(String, String, f64, u64)> {
    let mut args = vec!["tab", "tab.csv", "-m", "tab.yaml", "--by", "g", "-w", "w", "--long", "-f", "csv"];
    args.extend_from_slice(extra);
    let rows = csv_rows(&wd.stdout(&args));
    let header = &rows[0];
    let at = |name: &str| header.iter().position(|h| h == name).unwrap();
    rows[1..]
        .iter()
        .map(|r| {
            (r[0].clone(), r[at("answer")].clone(), r[at("percent")].parse().unwrap(), r[at("base_n")].parse().unwrap())
        })
        .collect()
}

fn assert_cells(got: &[(String, String, f64, u64)], expected: &[(&str, &str, f64, u64)]) {
    assert_eq!(got.len(), expected.len(), "{got:?}");
    for ((g, a, p, n), (eg, ea, ep, en)) in got.iter().zip(expected) {
        assert_eq!((g.as_str(), a.as_str(), *n), (*eg, *ea, *en), "{got:?}");
        assert!((p - ep).abs() < 1e-9, "{g} {a}: {p} vs {ep}");
    }
}

#[test]
fn single_answers_nets_and_net_score_by_hand() {
    // Base: rows 1-4 (row 5 blank, row 6 `Refused` are not asked); weights 2, 1, 1, 3.
    // Total: Support (2 + 3) / 7, Oppose 1 / 7, Don't know 1 / 7 (it stays in the base).
    let wd = setup();
    let got = long(&wd, &["-q", "q1"]);
    let t = 100.0 / 7.0;
    assert_cells(
        &got,
        &[
            ("Total", "Support", 5.0 * t, 4),
            ("Total", "Neither", 0.0, 4),
            ("Total", "Oppose", t, 4),
            ("Total", "Don't know", t, 4),
            ("Total", "Any view", 6.0 * t, 4),
            ("Total", "Net: Support minus Oppose", 4.0 * t, 4),
            ("A", "Support", 50.0, 3),
            ("A", "Neither", 0.0, 3),
            ("A", "Oppose", 25.0, 3),
            ("A", "Don't know", 25.0, 3),
            ("A", "Any view", 75.0, 3),
            ("A", "Net: Support minus Oppose", 25.0, 3),
            ("B", "Support", 100.0, 1),
            ("B", "Neither", 0.0, 1),
            ("B", "Oppose", 0.0, 1),
            ("B", "Don't know", 0.0, 1),
            ("B", "Any view", 100.0, 1),
            ("B", "Net: Support minus Oppose", 100.0, 1),
        ],
    );
}

#[test]
fn answers_excluded_from_the_base_leave_it() {
    // Row 3's "Don't know" and row 6's blank are outside the base: rows 1, 2, 4, 5.
    let wd = setup();
    let got = long(&wd, &["-q", "q2"]);
    assert_cells(
        &got,
        &[
            ("Total", "Yes", 500.0 / 7.0, 4),
            ("Total", "No", 200.0 / 7.0, 4),
            ("A", "Yes", 200.0 / 3.0, 2),
            ("A", "No", 100.0 / 3.0, 2),
            ("B", "Yes", 75.0, 2),
            ("B", "No", 25.0, 2),
        ],
    );
}

#[test]
fn multi_response_in_one_cell_or_one_column_per_option_agree() {
    // Base: everyone but row 3 (weights 2, 1, 3, 1, 2 = 9). Crime 2 + 1 + 2, Jobs 2 + 1 + 1,
    // Transport 3 + 1; sorted by the total's share, ties in definition order.
    let wd = setup();
    let expected = [
        ("Total", "Crime", 500.0 / 9.0, 5),
        ("Total", "Jobs", 400.0 / 9.0, 5),
        ("Total", "Transport", 400.0 / 9.0, 5),
        ("A", "Crime", 200.0 / 3.0, 2),
        ("A", "Jobs", 100.0, 2),
        ("A", "Transport", 0.0, 2),
        ("B", "Crime", 50.0, 3),
        ("B", "Jobs", 100.0 / 6.0, 3),
        ("B", "Transport", 200.0 / 3.0, 3),
    ];
    assert_cells(&long(&wd, &["-q", "pri_cell"]), &expected);
    assert_cells(&long(&wd, &["-q", "pri_cols"]), &expected);
    let top: Vec<_> = expected.iter().filter(|e| e.1 == "Crime").copied().collect();
    assert_cells(&long(&wd, &["-q", "pri_cell", "--top", "1"]), &top);
}

#[test]
fn any_column_tabulates_in_order_of_first_appearance() {
    let wd = setup();
    let out = wd.stdout(&["tab", "tab.csv", "-m", "tab.yaml", "-q", "g", "-f", "csv"]);
    assert_eq!(out, "answer,kind,Total\nA,answer,50\nB,answer,50\nbase,base,6\nweighted base,base,6\n");
}

#[test]
fn the_test_against_the_rest_uses_effective_bases() {
    // pri_cell, Crime, group A vs B. A: 2/3 of weight 3, sum w^2 = 5, n_eff = 9/5;
    // B: 3/6, sum w^2 = 14, n_eff = 36/14; pooled 5/9.
    let wd = setup();
    let rows = csv_rows(&wd.stdout(&[
        "tab",
        "tab.csv",
        "-m",
        "tab.yaml",
        "-q",
        "pri_cell",
        "--by",
        "g",
        "-w",
        "w",
        "--long",
        "-f",
        "csv",
        "--min-base",
        "1",
    ]));
    let at = |name: &str| rows[0].iter().position(|h| h == name).unwrap();
    let a_crime = rows.iter().find(|r| r[0] == "A" && r[at("answer")] == "Crime").unwrap();
    let variance = (5.0 / 9.0) * (4.0 / 9.0) * (5.0 / 9.0 + 14.0 / 36.0);
    let z = (2.0 / 3.0 - 0.5) / f64::sqrt(variance);
    let got: f64 = a_crime[at("z")].parse().unwrap();
    assert!((got - z).abs() < 1e-12, "{got} vs {z}");
    assert!((a_crime[at("effective_base")].parse::<f64>().unwrap() - 1.8).abs() < 1e-12);
    assert_eq!(a_crime[at("sig")], "");
    // Without --min-base 1 the groups are too small to test.
    let rows = csv_rows(&wd.stdout(&["tab", "tab.csv", "-m", "tab.yaml", "-q", "pri_cell", "--by", "g", "--long"]));
    assert!(rows[1..].iter().all(|r| r[at("z")].is_empty()));
    assert!(rows[1..].iter().filter(|r| r[0] != "Total").all(|r| r[at("low_base")] == "true"));
}

/// 100 respondents in each of groups A and B, of whom `a` and `b` say Yes.
fn two_groups(a: usize, b: usize) -> String {
    let mut csv = String::from("g,q2\n");
    for (group, yes) in [("A", a), ("B", b)] {
        for i in 0..100 {
            csv.push_str(&format!("{group},{}\n", if i < yes { "Yes" } else { "No" }));
        }
    }
    csv
}

/// 80% vs 20% saying Yes.
fn contrasted() -> String {
    two_groups(80, 20)
}

#[test]
fn significant_differences_are_marked_for_people_and_flagged_for_machines() {
    // z = (0.8 - 0.2) / sqrt(0.25 * (1/100 + 1/100)) = 8.49: far beyond 1.96.
    let wd = setup();
    wd.write("contrast.csv", &contrasted());
    let table = wd.stdout(&["tab", "contrast.csv", "-m", "tab.yaml", "-q", "q2", "--by", "g", "-f", "table"]);
    insta::assert_snapshot!(table);
    let csv = wd.stdout(&["tab", "contrast.csv", "-m", "tab.yaml", "-q", "q2", "--by", "g", "-f", "csv"]);
    assert_eq!(
        csv,
        "answer,kind,Total,A,A sig,B,B sig\n\
         Yes,answer,50,80,above,20,below\n\
         No,answer,50,20,below,80,above\n\
         base,base,200,100,,100,\n\
         weighted base,base,200,100,,100,\n"
    );
}

#[test]
fn compare_adds_the_change_in_points() {
    let wd = setup();
    wd.write("contrast.csv", &contrasted());
    // Earlier wave: A 60% Yes, B 20%: change +20 for A, 0 for B, +10 in total.
    wd.write("before.csv", &two_groups(60, 20));
    let args = ["tab", "contrast.csv", "-m", "tab.yaml", "-q", "q2", "--by", "g", "--compare", "before.csv"];
    let csv = wd.stdout(&[&args[..], &["-f", "csv"]].concat());
    let rows = csv_rows(&csv);
    assert_eq!(
        rows[0],
        ["answer", "kind", "Total", "Total change", "A", "A sig", "A change", "B", "B sig", "B change"]
    );
    assert_eq!(rows[1], ["Yes", "answer", "50", "10", "80", "above", "20", "20", "below", "0"]);
    let markdown = wd.stdout(&[&args[..], &["-f", "markdown", "--compare-label", "the 2022 wave"]].concat());
    insta::assert_snapshot!(markdown);
}

#[test]
fn thread_count_and_chunking_do_not_change_the_table() {
    let wd = setup();
    let mut big = String::from("id,g,w,q1,q2,pri,p_crime,p_jobs,p_transport\n");
    for _ in 0..200 {
        big.push_str(TAB_CSV.split_once('\n').unwrap().1);
    }
    wd.write("big.csv", &big);
    let base = ["tab", "big.csv", "-m", "tab.yaml", "--by", "g", "-w", "w", "--long", "-f", "csv"];
    for question in ["q1", "pri_cell", "g"] {
        let one = wd.stdout(&[&base[..], &["-q", question, "-j", "1"]].concat());
        let many = wd.stdout(&[&base[..], &["-q", question, "-j", "4", "--chunk-bytes", "97"]].concat());
        assert_eq!(one, many, "{question}");
    }
}

#[test]
fn unknown_questions_and_mismatched_definitions_are_explained() {
    let wd = setup();
    let err = wd.fails(&["tab", "tab.csv", "-m", "tab.yaml", "-q", "pri_cel"], 2);
    assert_eq!(
        err,
        "luindex: error: unknown question `pri_cel`: the definitions (tab.yaml) define no such question \
         and tab.csv has no such column (did you mean `pri_cell`?)\n"
    );
    let err = wd.fails(&["tab", "tab.csv", "-m", "tab.yaml", "-q", "q1", "--top", "2"], 2);
    assert_eq!(err, "luindex: error: --top applies to multi-response questions; `q1` has one answer per respondent\n");

    wd.write("renamed.csv", &TAB_CSV.replace("p_jobs", "p_job").replace("p_transport", "transport"));
    let err = wd.fails(&["tab", "renamed.csv", "-m", "tab.yaml", "-q", "pri_cols"], 1);
    assert_eq!(
        err,
        "luindex: error: 2 problems with the columns of question `pri_cols`, a multi-response question with one \
         column per option:\n  renamed.csv: no column `p_jobs` (option `Jobs` of question `pri_cols`) (did you mean \
         `p_job`?)\n  renamed.csv: no column `p_transport` (option `Transport` of question `pri_cols`) (did you mean \
         `transport`?)\n"
    );

    wd.write("bad.csv", &TAB_CSV.replace("Crime|Jobs", "Crim|Jobs").replace(",Crime,Jobs,1", ",Crime,2,1"));
    let err = wd.fails(&["tab", "bad.csv", "-m", "tab.yaml", "-q", "pri_cell"], 1);
    assert_eq!(
        err,
        "luindex: error: bad.csv: 1 bad value found:\n  column `pri`: options the question does not define \
         (the definitions list its options) (1 row):\n    `Crim`: row 1 (did you mean `Crime`?)\n"
    );
    let err = wd.fails(&["tab", "bad.csv", "-m", "tab.yaml", "-q", "pri_cols"], 1);
    assert_eq!(
        err,
        "luindex: error: bad.csv: 1 bad value found:\n  column `p_jobs` (option `Jobs`): values other than 1, 0, \
         the option's label or blank (1 row):\n    `2`: row 5\n"
    );
    let err = wd.fails(&["tab", "bad.csv", "-m", "tab.yaml", "-q", "q1", "-w", "g"], 1);
    assert!(err.contains("column `w`") || err.contains("column `g`: weights must be numbers >= 0"), "{err}");
}

#[test]
fn crosstab_definitions_are_validated() {
    let wd = Workdir::new();
    wd.write(
        "bad.yaml",
        r#"scales:
  opinion:
    labels: ["Yes", "No"]
    nets:
      Either: ["Yes", "Maybe"]
    net_score: {positive: "Yes", negative: Nope}
missions:
  - id: m
    questions: [{column: q1, scale: opinion}]
questions:
  - {column: q2, scale: opinoin}
  - {id: multi, column: m, options: {A: a}}
  - {id: empty}
  - {column: q3, scale: opinion}
  - {column: q3, scale: opinion}
  - {column: q1, scale: opinion}
"#,
    );
    let err = wd.fails(&["missions", "-m", "bad.yaml"], 1);
    assert_eq!(
        err,
        "luindex: error: 8 problems in definitions bad.yaml:
  bad.yaml:5:23: scale `opinion`: net `Either` names `Maybe`, which is not one of its labels
  bad.yaml:6:44: scale `opinion`: `net_score` names `Nope`, which is neither a net nor a label (did you mean `No`?)
  bad.yaml:9:37: mission `m`, question `q1`: scale `opinion` lists its labels without points, so it cannot score a mission
  bad.yaml:11:25: question `q2`: unknown scale `opinoin` (did you mean `opinion`?)
  bad.yaml:12:37: question `multi`: with a `column`, `options` lists the labels its cells hold; `{label: column}` (one column per option) goes without `column`
  bad.yaml:13:10: question `empty`: give a `column` and its `scale`, or multi-response `options` (labels, with the `column` holding them; or `{label: column}`, one column each)
  bad.yaml:15:14: question `q3` is defined twice
  bad.yaml:16:14: question `q1` is a mission's column: `luindex tab -q q1` already tabulates it on its scale
"
    );
}

/// Regression: the help's examples named questions the built-in definitions lack.
#[test]
fn the_help_examples_on_the_bundled_sample_run() {
    let wd = Workdir::new();
    let help = wd.stdout(&["tab", "--help"]);
    let joined = help.replace("\\\n", " ");
    let examples: Vec<&str> =
        joined.lines().map(str::trim).filter(|l| l.starts_with("luindex tab examples/")).collect();
    assert_eq!(examples.len(), 2, "{help}");
    let sample = common::repo().join("examples/levelling-up-2023-sample.csv");
    for example in examples {
        let words: Vec<String> = example
            .split_whitespace()
            .skip(1)
            .map(|w| if w.starts_with("examples/") { sample.to_str().unwrap().to_string() } else { w.to_string() })
            .collect();
        let args: Vec<&str> = words.iter().map(String::as_str).collect();
        assert!(wd.stdout(&args).contains("base,base,"), "{example}");
    }
}

#[test]
fn a_column_of_ids_is_refused() {
    let wd = Workdir::new();
    let ids: String = std::iter::once("id\n".to_string()).chain((0..10_001).map(|i| format!("R{i}\n"))).collect();
    wd.write("ids.csv", &ids);
    let err = wd.fails(&["tab", "ids.csv", "-q", "id"], 1);
    assert_eq!(
        err,
        "luindex: error: ids.csv: column `id` has more than 10000 distinct answers: crosstab a question, not an id or \
         free text\n"
    );
}
