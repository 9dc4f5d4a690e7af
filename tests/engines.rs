//! The SQL of `luindex sql` agrees with `luindex score` on DuckDB, PostgreSQL and Spark.
//!
//! Ignored by plain `cargo test` because it needs the engines installed; `.ci/test`
//! installs them and runs it (`cargo test -- --include-ignored`).

mod common;

use std::process::Command;

#[test]
#[ignore = "needs DuckDB, PostgreSQL and Spark: run .ci/test"]
fn generated_sql_agrees_on_duckdb_postgres_and_spark() {
    let output = Command::new("python3")
        .arg(common::repo().join("tests/engines/run.py"))
        .args(["--luindex", assert_cmd::cargo::cargo_bin("luindex").to_str().unwrap()])
        .output()
        .expect("python3 runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    eprintln!("{stdout}");
    assert!(output.status.success(), "{stdout}\n{}", String::from_utf8_lossy(&output.stderr));
    for engine in ["duckdb", "postgres", "spark"] {
        assert!(stdout.contains(&format!("{engine}: 5 cases agree with luindex")), "{stdout}");
    }
}
