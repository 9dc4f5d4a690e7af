//! `luindex sql`: the generated text, per dialect, and its options.

mod common;

use common::{Workdir, SMALL_YAML};

#[test]
fn queries_per_dialect() {
    let wd = Workdir::new();
    wd.write("m.yaml", SMALL_YAML);
    for dialect in ["duckdb", "postgres", "spark"] {
        let sql = wd.stdout(&[
            "sql",
            "--dialect",
            dialect,
            "--table",
            "responses",
            "-m",
            "m.yaml",
            "--by",
            "region",
            "-w",
            "w",
            "--where",
            "region!=Wales",
        ]);
        insta::assert_snapshot!(format!("sql_{dialect}"), sql.replace(wd.path().to_str().unwrap(), "."));
    }
}

#[test]
fn respondents_query_keeps_columns() {
    let wd = Workdir::new();
    wd.write("m.yaml", SMALL_YAML);
    let sql =
        wd.stdout(&["sql", "--dialect", "duckdb", "--table", "t", "-m", "m.yaml", "--respondents", "--keep", "id"]);
    assert!(sql.contains("k0 AS \"id\""), "{sql}");
    assert!(sql.contains("i1 AS \"beta\""), "{sql}");
    assert!(!sql.contains("GROUPING"), "{sql}");
    assert_eq!(
        wd.fails(&["sql", "--dialect", "duckdb", "--table", "t", "-m", "m.yaml", "--respondents", "--by", "region"], 2),
        "luindex: error: --respondents lists respondents: it takes --keep, not --by\n"
    );
}
