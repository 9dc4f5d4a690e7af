//! Snapshots of the report tables regenerated from the bundled synthetic sample.
//! The published figures they should resemble are in the report's "Index scores by ONS
//! area classification" table (within 3 points; checked in `published.rs`).

mod common;

use common::{repo, Workdir};

fn sample() -> String {
    repo().join("examples/levelling-up-2023-sample.csv").to_str().unwrap().to_string()
}

#[test]
fn score_by_ons_supergroup_table() {
    let wd = Workdir::new();
    let out = wd.stdout(&["score", &sample(), "--by", "ons_supergroup", "--weight", "weight", "-f", "table"]);
    insta::assert_snapshot!(out);
}

#[test]
fn score_by_ons_supergroup_csv_two_decimals() {
    let wd = Workdir::new();
    let out = wd.stdout(&["score", &sample(), "--by", "ons_supergroup", "--weight", "weight", "-f", "csv", "-d", "2"]);
    insta::assert_snapshot!(out);
}

#[test]
fn score_by_imd_quintile_markdown() {
    let wd = Workdir::new();
    let out = wd.stdout(&["score", &sample(), "--by", "imd_quintile", "--weight", "weight", "-f", "markdown"]);
    insta::assert_snapshot!(out);
}

#[test]
fn score_by_nation_and_urban_rural_json() {
    let wd = Workdir::new();
    let out = wd.stdout(&["score", &sample(), "--by", "nation,urban_rural", "-w", "weight", "-f", "json", "-d", "1"]);
    insta::assert_snapshot!(out);
}
