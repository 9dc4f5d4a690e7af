//! `score --stats` and `--compare` end to end: columns, the change between waves, the
//! report layout and its legend, and bad options.

mod common;

use common::{csv_rows, repo, Workdir};

const YAML: &str = "scales:\n  pts:\n    numeric: {min: -200, max: 200}\nmissions:\n  - id: m\n    questions: [{column: y, scale: pts}]\n";

fn column(rows: &[Vec<String>], name: &str) -> usize {
    rows[0].iter().position(|h| h == name).unwrap_or_else(|| panic!("no column {name}"))
}

#[test]
fn change_between_waves_uses_independent_samples() {
    let wd = Workdir::new();
    wd.write("m.yaml", YAML);
    wd.write("now.csv", "g,y\na,10\na,30\na,50\nb,0\nb,20\nc,100\n");
    wd.write("before.csv", "g,y\na,0\na,10\na,20\nb,40\nb,60\nd,5\n");
    let now = csv_rows(&wd.stdout(&["score", "now.csv", "-m", "m.yaml", "--by", "g", "--stats", "-f", "csv"]));
    let before = csv_rows(&wd.stdout(&["score", "before.csv", "-m", "m.yaml", "--by", "g", "--stats", "-f", "csv"]));
    let both = csv_rows(&wd.stdout(&[
        "score",
        "now.csv",
        "-m",
        "m.yaml",
        "--by",
        "g",
        "--compare",
        "before.csv",
        "-f",
        "csv",
    ]));
    let (index, se) = (column(&now, "index"), column(&now, "se"));
    let (previous, change, change_se, change_p, change_sig) = (
        column(&both, "previous"),
        column(&both, "change"),
        column(&both, "change_se"),
        column(&both, "change_p"),
        column(&both, "change_sig"),
    );
    let value = |rows: &[Vec<String>], group: &str, c: usize| -> f64 {
        rows.iter().find(|r| r[0] == group).unwrap()[c].parse().unwrap()
    };
    for group in ["Total", "a", "b"] {
        let d = value(&now, group, index) - value(&before, group, index);
        let s = (value(&now, group, se).powi(2) + value(&before, group, se).powi(2)).sqrt();
        assert!((value(&both, group, previous) - value(&before, group, index)).abs() < 1e-12);
        assert!((value(&both, group, change) - d).abs() < 1e-12, "{group}");
        assert!((value(&both, group, change_se) - s).abs() < 1e-12, "{group}");
        let p = value(&both, group, change_p);
        assert!(p > 0.0 && p <= 1.0);
    }
    // a: 30 -> 10, up; b: 10 -> 50, down (se small enough to be significant?) just check the sign.
    let row_b = both.iter().find(|r| r[0] == "b").unwrap();
    assert!(row_b[change_sig].is_empty() || row_b[change_sig] == "down");
    // Groups in one wave only get blanks, not errors.
    for group in ["c", "d"] {
        if let Some(row) = both.iter().find(|r| r[0] == group) {
            assert_eq!(row[change], "", "{group}");
        }
    }
    assert!(both.iter().any(|r| r[0] == "c"));
    assert!(!both.iter().any(|r| r[0] == "d"), "only the current wave's groups are rows");
}

#[test]
fn the_report_layout_marks_cells_and_states_the_test() {
    let wd = Workdir::new();
    let sample = repo().join("examples/levelling-up-2023-sample.csv");
    let out = wd.stdout(&[
        "score",
        sample.to_str().unwrap(),
        "--by",
        "nation",
        "-w",
        "weight",
        "--stats",
        "--strata",
        "stratum",
        "--psu",
        "psu",
        "-f",
        "markdown",
    ]);
    insta::assert_snapshot!(out);
}

#[test]
fn long_form_has_one_row_per_group_and_mission() {
    let wd = Workdir::new();
    let sample = repo().join("examples/levelling-up-2023-sample.csv");
    let out = wd.stdout(&[
        "score",
        sample.to_str().unwrap(),
        "--by",
        "nation",
        "-w",
        "weight",
        "--stats",
        "--adjust",
        "fdr",
        "-f",
        "csv",
    ]);
    let rows = csv_rows(&out);
    assert_eq!(rows.len(), 1 + 5 * 12);
    assert_eq!(rows[0][..6], ["nation", "mission", "index", "n", "weighted_n", "n_eff"]);
    let adjustment = column(&rows, "adjustment");
    assert!(rows[1..].iter().all(|r| r[adjustment] == "fdr"));
    let (p, adjusted) = (column(&rows, "p_value"), column(&rows, "p_adjusted"));
    for r in rows[1..].iter().filter(|r| !r[p].is_empty()) {
        assert!(r[adjusted].parse::<f64>().unwrap() >= r[p].parse::<f64>().unwrap() - 1e-15);
    }
}

#[test]
fn bad_statistics_options() {
    let wd = Workdir::new();
    wd.write("m.yaml", YAML);
    wd.write("r.csv", "g,y\na,1\nb,2\n");
    assert_eq!(
        wd.fails(&["score", "r.csv", "-m", "m.yaml", "--stats", "--level", "95"], 2),
        "luindex: error: --level must lie strictly between 0 and 1, found 95\n"
    );
    assert_eq!(
        wd.fails(&["score", "r.csv", "-m", "m.yaml", "--psu", "cluster"], 2),
        "luindex: error: r.csv: no column `cluster` (--psu)\n"
    );
}
