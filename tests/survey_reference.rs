//! `score --stats` agrees with R's survey package (`tests/reference/survey/survey.R`,
//! outputs committed beside it): means, linearised SEs, confidence intervals, Kish
//! effective bases and the test against the rest, for weights-only, stratified,
//! clustered and stratified-clustered designs, and the lonely-PSU options.

mod common;

use common::{csv_rows, repo, Workdir};

/// (expected file, data file, luindex options)
const DESIGNS: [(&str, &str, &[&str]); 7] = [
    ("weights", "data.csv", &[]),
    ("strata", "data.csv", &["--strata", "stratum"]),
    ("psu", "data.csv", &["--psu", "psu"]),
    ("strata-psu", "data.csv", &["--strata", "stratum", "--psu", "psu"]),
    ("lonely-adjust", "data-lonely.csv", &["--strata", "stratum", "--psu", "psu", "--lonely-psu", "adjust"]),
    ("lonely-remove", "data-lonely.csv", &["--strata", "stratum", "--psu", "psu", "--lonely-psu", "remove"]),
    ("lonely-certainty", "data-lonely.csv", &["--strata", "stratum", "--psu", "psu", "--lonely-psu", "certainty"]),
];

/// R's column -> luindex's column.
const COLUMNS: [(&str, &str); 9] = [
    ("index", "index"),
    ("se", "se"),
    ("ci_low", "ci_low"),
    ("ci_high", "ci_high"),
    ("n_eff", "n_eff"),
    ("diff", "diff_vs_rest"),
    ("diff_se", "diff_vs_rest_se"),
    ("df", "df"),
    ("p_value", "p_value"),
];

#[test]
fn stats_agree_with_r_survey_to_1e_9() {
    let wd = Workdir::new();
    let dir = repo().join("tests/reference/survey");
    let yaml = dir.join("stats.yaml");
    let mut worst: f64 = 0.0;
    for (name, data, options) in DESIGNS {
        let data = dir.join(data);
        let mut args = vec![
            "score",
            data.to_str().unwrap(),
            "-m",
            yaml.to_str().unwrap(),
            "--by",
            "g",
            "-w",
            "w",
            "--stats",
            "-f",
            "csv",
        ];
        args.extend(options);
        let ours = csv_rows(&wd.stdout(&args));
        let expected = std::fs::read_to_string(dir.join(format!("expected-{name}.csv"))).unwrap();
        let theirs = csv_rows(&expected);
        let (ours_header, theirs_header) = (&ours[0], &theirs[0]);
        let column = |header: &[String], name: &str| header.iter().position(|h| h.trim() == name).unwrap();
        assert_eq!(theirs.len(), ours.len(), "{name}: rows");
        for r in &theirs[1..] {
            let (group, mission) = (r[0].trim(), r[1].trim());
            let row = ours[1..]
                .iter()
                .find(|o| o[0] == group && o[1] == mission)
                .unwrap_or_else(|| panic!("{name}: {group} {mission}"));
            for (theirs_name, ours_name) in COLUMNS {
                let want = r[column(theirs_header, theirs_name)].trim();
                let got = row[column(ours_header, ours_name)].trim();
                if want == "NA" {
                    assert_eq!(got, "", "{name} {group} {mission} {ours_name}");
                    continue;
                }
                let (want, got): (f64, f64) = (want.parse().unwrap(), got.parse().unwrap());
                let relative = (got - want).abs() / want.abs().max(1e-300);
                worst = worst.max(relative);
                assert!(
                    relative <= 1e-9,
                    "{name} {group} {mission} {ours_name}: luindex {got} vs R {want} (relative {relative:e})"
                );
            }
        }
    }
    eprintln!("largest relative difference from R survey: {worst:e}");
}

#[test]
fn a_lonely_psu_fails_by_default() {
    let wd = Workdir::new();
    let dir = repo().join("tests/reference/survey");
    let (data, yaml) = (dir.join("data-lonely.csv"), dir.join("stats.yaml"));
    let err = wd.fails(
        &[
            "score",
            data.to_str().unwrap(),
            "-m",
            yaml.to_str().unwrap(),
            "-w",
            "w",
            "--strata",
            "stratum",
            "--psu",
            "psu",
        ],
        1,
    );
    assert!(err.contains("stratum `S7` has only one PSU"), "{err}");
    assert!(err.contains("--lonely-psu remove|adjust|certainty"), "{err}");
}

/// (case, question, --by): `tests/reference/survey/tab.R` computes each with svymean on
/// answer indicators among the respondents asked.
const CROSSTABS: [(&str, &str, &str); 3] = [
    ("spend-area-by-region", "q_spend_area", "region"),
    ("support-mayor-by-nation", "q_support_mayor", "nation"),
    ("priorities-by-nation", "priorities", "nation"),
];

#[test]
fn crosstab_percentages_agree_with_r_survey_svymean() {
    let wd = Workdir::new();
    let root = repo();
    let sample = root.join("examples/levelling-up-2023-sample.csv");
    // R names multi-response options by their columns.
    let definitions = luindex::definitions::Definitions::builtin();
    let column_of = |label: &str| -> String {
        definitions
            .questions
            .iter()
            .find_map(|q| match &q.kind {
                luindex::definitions::TabKind::MultiColumns { options } => {
                    options.iter().find(|(l, _)| l == label).map(|(_, c)| c.clone())
                }
                _ => None,
            })
            .unwrap_or_else(|| label.to_string())
    };
    let mut worst: f64 = 0.0;
    let mut compared = 0;
    for (case, question, by) in CROSSTABS {
        let args = ["tab", sample.to_str().unwrap(), "-q", question, "--by", by, "-w", "weight", "--long", "-f", "csv"];
        let ours = csv_rows(&wd.stdout(&args));
        let at = |name: &str| ours[0].iter().position(|h| h == name).unwrap();
        let expected = std::fs::read_to_string(root.join(format!("tests/reference/survey/expected-tab-{case}.csv")));
        let theirs = csv_rows(&expected.unwrap());
        for row in &theirs[1..] {
            let (group, answer) = (&row[0], &row[1]);
            let mine = ours[1..]
                .iter()
                .find(|r| &r[0] == group && column_of(&r[at("answer")]) == *answer)
                .unwrap_or_else(|| panic!("{case}: no row for {group} / {answer}"));
            for (theirs, ours) in [(&row[2], &mine[at("percent")]), (&row[3], &mine[at("effective_base")])] {
                let (x, y): (f64, f64) = (ours.parse().unwrap(), theirs.parse().unwrap());
                let diff = (x - y).abs() / (1.0 + y.abs());
                worst = worst.max(diff);
                assert!(diff < 1e-9, "{case} {group} {answer}: luindex {x} vs R {y}");
            }
            compared += 1;
        }
    }
    assert!(compared > 150, "only {compared} cells compared");
    eprintln!("{compared} crosstab cells: largest relative difference from R survey {worst:e}");
}
