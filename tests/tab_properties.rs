//! Property tests of crosstabs against a naive oracle: percentages equal a brute-force
//! recomputation, single answers add up to 100, the one-cell and one-column-per-option
//! layouts of a multi-response question agree, and chunked parallel tallies equal one pass.

use luindex::crosstab::table::{build, Table, TableOptions};
use luindex::crosstab::{self, TabPlan};
use luindex::definitions::Definitions;
use luindex::engine::Request;
use luindex::input::Responses;
use luindex::scan::ScanOptions;
use proptest::prelude::*;

const YAML: &str = r#"
scales:
  view:
    labels: ["Good", "Bad", "Don't know"]
    nets: {Any view: ["Good", "Bad"]}
  points:
    labels: {Up: 100, Down: -100}
missions:
  - id: m
    questions: [{column: unused, scale: points}]
questions:
  - {column: v, scale: view}
  - {id: cell, column: opts, options: [X, Y, Z]}
  - {id: columns, options: {X: ox, Y: oy, Z: oz}}
"#;
const ANSWERS: [&str; 3] = ["Good", "Bad", "Don't know"];
const OPTIONS: [&str; 3] = ["X", "Y", "Z"];

#[derive(Debug, Clone)]
struct Respondent {
    group: u8,
    weight: f64,
    /// Index into ANSWERS, or not asked.
    answer: Option<usize>,
    /// Options chosen, or not asked.
    chosen: Option<[bool; 3]>,
}

fn respondent() -> impl Strategy<Value = Respondent> {
    (0u8..3, 0.0f64..4.0, prop::option::weighted(0.8, 0usize..3), prop::option::weighted(0.8, any::<[bool; 3]>()))
        .prop_map(|(group, weight, answer, chosen)| Respondent { group, weight, answer, chosen })
}

fn to_csv(people: &[Respondent]) -> String {
    let mut out = String::from("g,w,v,opts,ox,oy,oz\n");
    for p in people {
        let answer = p.answer.map_or("", |a| ANSWERS[a]);
        let (cell, columns) = match p.chosen {
            None => (String::new(), [""; 3]),
            Some(c) => {
                let listed: Vec<&str> = OPTIONS.iter().zip(c).filter(|(_, on)| *on).map(|(o, _)| *o).collect();
                (listed.join(";"), c.map(|on| if on { "1" } else { "0" }))
            }
        };
        out.push_str(&format!("G{},{},{answer},\"{cell}\",{}\n", p.group, p.weight, columns.join(",")));
    }
    out
}

fn tabulate(people: &[Respondent], question: &str, options: ScanOptions) -> Table {
    let definitions = Definitions::from_yaml(YAML, "p.yaml").unwrap();
    let responses = Responses::from_reader("p.csv", Box::new(std::io::Cursor::new(to_csv(people)))).unwrap();
    let request = Request { by: vec!["g".into()], weight: Some("w".into()), conditions: vec![] };
    let plan = TabPlan::new(&definitions, responses.header.clone(), question, &request).unwrap();
    let pass = crosstab::run(responses, &plan, options).unwrap();
    build(&pass, &plan.question, 1, &TableOptions { alpha: 0.05, min_base: 1, top: None })
}

/// The oracle: `100 * sum(w chose) / sum(w asked)` over the respondents of `group` (all when `None`).
fn oracle(
    people: &[Respondent],
    group: Option<u8>,
    asked: impl Fn(&Respondent) -> bool,
    chose: impl Fn(&Respondent) -> bool,
) -> Option<f64> {
    let members = people.iter().filter(|p| group.is_none_or(|g| p.group == g) && asked(p));
    let (base, hits) = members.fold((0.0, 0.0), |(b, h), p| (b + p.weight, h + if chose(p) { p.weight } else { 0.0 }));
    (base > 0.0).then(|| 100.0 * hits / base)
}

fn close(a: Option<f64>, b: Option<f64>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => (a - b).abs() <= 1e-9,
        (None, None) => true,
        _ => false,
    }
}

fn column_group(table: &Table, c: usize) -> Option<u8> {
    let column = &table.columns[c];
    (!column.is_total).then(|| column.values[0][1..].parse().unwrap())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn single_answers_match_the_oracle_and_add_up_to_100(people in prop::collection::vec(respondent(), 1..120)) {
        let table = tabulate(&people, "v", ScanOptions::default());
        for (c, column) in table.columns.iter().enumerate() {
            let group = column_group(&table, c);
            let mut sum = 0.0;
            for row in &table.rows {
                let chose = |p: &Respondent| match row.label.as_str() {
                    "Any view" => matches!(p.answer, Some(0 | 1)),
                    label => p.answer.is_some_and(|a| ANSWERS[a] == label),
                };
                let expected = oracle(&people, group, |p| p.answer.is_some(), chose);
                prop_assert!(close(row.cells[c].percent, expected), "{} {:?}: {:?} vs {:?}", row.label, group, row.cells[c].percent, expected);
                if row.label != "Any view" {
                    sum += row.cells[c].percent.unwrap_or(0.0);
                }
            }
            if column.tally.base.w > 0.0 {
                prop_assert!((sum - 100.0).abs() < 1e-9, "column {c} sums to {sum}");
            }
        }
    }

    #[test]
    fn both_multi_response_layouts_match_the_oracle(people in prop::collection::vec(respondent(), 1..120)) {
        let (cell, columns) = (tabulate(&people, "cell", ScanOptions::default()), tabulate(&people, "columns", ScanOptions::default()));
        // A blank cell cannot say "asked, chose none": only option columns of 0 can.
        let listed_any = |p: &Respondent| p.chosen.is_some_and(|c| c.contains(&true));
        let asked_cell: &dyn Fn(&Respondent) -> bool = &listed_any;
        let asked_columns: &dyn Fn(&Respondent) -> bool = &|p: &Respondent| p.chosen.is_some();
        for (table, asked) in [(&cell, asked_cell), (&columns, asked_columns)] {
            for (c, _) in table.columns.iter().enumerate() {
                let group = column_group(table, c);
                for row in &table.rows {
                    let option = OPTIONS.iter().position(|o| *o == row.label).unwrap();
                    let expected = oracle(&people, group, asked, |p| p.chosen.is_some_and(|c| c[option]));
                    prop_assert!(close(row.cells[c].percent, expected));
                }
            }
        }
    }

    #[test]
    fn chunked_parallel_tallies_equal_one_pass(people in prop::collection::vec(respondent(), 1..120), chunk in 16usize..200) {
        for question in ["v", "cell", "g"] {
            let one = tabulate(&people, question, ScanOptions { threads: 1, chunk_bytes: 1 << 20 });
            let many = tabulate(&people, question, ScanOptions { threads: 3, chunk_bytes: chunk });
            prop_assert_eq!(one.rows.len(), many.rows.len());
            for (a, b) in one.rows.iter().zip(&many.rows) {
                prop_assert_eq!(&a.label, &b.label);
                for (x, y) in a.cells.iter().zip(&b.cells) {
                    prop_assert_eq!(x.count.map(|c| c.n), y.count.map(|c| c.n));
                    prop_assert!(close(x.percent, y.percent));
                }
            }
        }
    }
}
