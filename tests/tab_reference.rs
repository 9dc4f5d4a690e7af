//! Agreement of `luindex tab` with an independent implementation (pandas), whose script
//! (`tests/reference/tab/tab_reference.py`) and outputs (`tests/reference/tab/expected/`)
//! are committed. Rerun the script to regenerate them.

mod common;

use common::{assert_tables_close, csv_rows, repo, Workdir};

const SAMPLE: &str = "examples/levelling-up-2023-sample.csv";
const BUILTIN: &str = "missions/levelling-up-2023.yaml";
const AWKWARD_YAML: &str = "tests/reference/tab/tab.yaml";
const AWKWARD_CSV: &str = "tests/reference/tab/tab.csv";

/// name, definitions, responses, question, --by, --weight.
type Case = (&'static str, &'static str, &'static str, &'static str, &'static str, Option<&'static str>);

/// Same cases as `CASES` in tab_reference.py.
const CASES: [Case; 9] = [
    ("sample_spend_area_by_region", BUILTIN, SAMPLE, "q_spend_area", "region", Some("weight")),
    ("sample_priorities_by_nation", BUILTIN, SAMPLE, "priorities", "nation", Some("weight")),
    ("sample_support_mayor_by_nation", BUILTIN, SAMPLE, "q_support_mayor", "nation", Some("weight")),
    ("sample_largest_cities_by_supergroup", BUILTIN, SAMPLE, "q_largest_cities", "ons_supergroup", Some("weight")),
    ("awkward_view_by_area", AWKWARD_YAML, AWKWARD_CSV, "q_view", "area", Some("weight")),
    ("awkward_ten_by_area_setting", AWKWARD_YAML, AWKWARD_CSV, "q_ten", "area,setting", Some("weight")),
    ("awkward_agree_unweighted", AWKWARD_YAML, AWKWARD_CSV, "q_agree", "setting", None),
    ("awkward_reasons_by_area", AWKWARD_YAML, AWKWARD_CSV, "reasons", "area", Some("weight")),
    ("awkward_free_column_by_setting", AWKWARD_YAML, AWKWARD_CSV, "free", "setting", Some("weight")),
];

#[test]
fn luindex_tab_agrees_with_the_pandas_reference() {
    let wd = Workdir::new();
    let root = repo();
    let mut worst: f64 = 0.0;
    for (name, yaml, csv, question, by, weight) in CASES {
        let (yaml, csv) = (root.join(yaml), root.join(csv));
        let mut args = vec![
            "tab",
            csv.to_str().unwrap(),
            "-m",
            yaml.to_str().unwrap(),
            "-q",
            question,
            "--by",
            by,
            "--long",
            "-f",
            "csv",
        ];
        if let Some(weight) = weight {
            args.extend(["--weight", weight]);
        }
        let ours = csv_rows(&wd.stdout(&args));
        let path = root.join(format!("tests/reference/tab/expected/{name}.csv"));
        let theirs = csv_rows(&std::fs::read_to_string(path).unwrap());
        worst = worst.max(assert_tables_close(name, &ours, &theirs, 1e-9, true));
    }
    eprintln!("largest relative difference from the pandas reference: {worst:e}");
}
