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

/// Crosstabs shaped like the report's charts (see README, "Crosstabs: the report's charts").
fn tab(args: &[&str]) -> String {
    let wd = Workdir::new();
    let sample = sample();
    let mut all = vec!["tab", sample.as_str(), "-w", "weight"];
    all.extend_from_slice(args);
    wd.stdout(&all)
}

#[test]
fn tab_priorities_top_five_by_nation() {
    insta::assert_snapshot!(tab(&["-q", "priorities", "--by", "nation", "--top", "5", "-f", "table"]));
}

#[test]
fn tab_priorities_emphasis_by_region_in_england() {
    insta::assert_snapshot!(tab(&[
        "-q",
        "priorities",
        "--by",
        "region",
        "--where",
        "nation=England",
        "-f",
        "markdown"
    ]));
}

#[test]
fn tab_spend_more_or_less_by_nation() {
    insta::assert_snapshot!(tab(&["-q", "q_spend_area", "--by", "nation", "-f", "table"]));
}

#[test]
fn tab_spend_more_or_less_by_supergroup_csv() {
    insta::assert_snapshot!(tab(&[
        "-q",
        "q_spend_area",
        "--by",
        "ons_supergroup",
        "--where",
        "nation=England",
        "-f",
        "csv",
        "-d",
        "1"
    ]));
}

#[test]
fn tab_support_for_mayors_with_net_support() {
    insta::assert_snapshot!(tab(&["-q", "q_support_mayor", "--by", "nation", "-f", "table"]));
}

#[test]
fn tab_largest_cities_not_asked_in_london_long() {
    insta::assert_snapshot!(tab(&["-q", "q_largest_cities", "--by", "nation", "--long", "-f", "csv", "-d", "2"]));
}
