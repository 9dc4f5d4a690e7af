//! Agreement with an independent implementation of the method (pandas), whose script
//! (`tests/reference/reference.py`) and outputs (`tests/reference/expected/`) are
//! committed. The outputs are checked here; rerun the script to regenerate them.

mod common;

use common::{assert_tables_close, csv_rows, repo, Workdir};

/// Same cases as `CASES` in reference.py: name, definitions, responses, --by, --weight.
const CASES: [(&str, &str, &str, &str, Option<&str>); 5] = [
    ("awkward_by_region", "tests/reference/awkward.yaml", "tests/reference/awkward.csv", "region", Some("weight")),
    (
        "awkward_by_nation_supergroup_unweighted",
        "tests/reference/awkward.yaml",
        "tests/reference/awkward.csv",
        "nation,ons_supergroup",
        None,
    ),
    (
        "sample_by_ons_supergroup",
        "missions/levelling-up-2023.yaml",
        "examples/levelling-up-2023-sample.csv",
        "ons_supergroup",
        Some("weight"),
    ),
    (
        "sample_by_region",
        "missions/levelling-up-2023.yaml",
        "examples/levelling-up-2023-sample.csv",
        "region",
        Some("weight"),
    ),
    (
        "sample_by_imd_urban_rural",
        "missions/levelling-up-2023.yaml",
        "examples/levelling-up-2023-sample.csv",
        "imd_quintile,urban_rural",
        Some("weight"),
    ),
];

#[test]
fn luindex_agrees_with_the_pandas_reference() {
    let wd = Workdir::new();
    let root = repo();
    let mut worst: f64 = 0.0;
    for (name, yaml, csv, by, weight) in CASES {
        let (yaml, csv) = (root.join(yaml), root.join(csv));
        let mut args = vec!["score", csv.to_str().unwrap(), "-m", yaml.to_str().unwrap(), "--by", by, "-f", "csv"];
        if let Some(weight) = weight {
            args.extend(["--weight", weight]);
        }
        let ours = csv_rows(&wd.stdout(&args));
        let expected = std::fs::read_to_string(root.join(format!("tests/reference/expected/{name}.csv"))).unwrap();
        let theirs = csv_rows(&expected);
        worst = worst.max(assert_tables_close(name, &ours, &theirs, 1e-9, false));
    }
    eprintln!("largest absolute difference from the pandas reference: {worst:e}");
}
