//! Property tests of the technical note's invariants, against a naive oracle.

use luindex::definitions::Definitions;
use luindex::engine::{self, Plan, Request};
use luindex::input::Responses;
use luindex::scan::ScanOptions;
use proptest::prelude::*;

const YAML: &str = "
scales:
  sat:
    labels: {Very satisfied: 200, Fairly satisfied: 100, Neither: 0, Fairly dissatisfied: -100, Very dissatisfied: -200}
missions:
  - id: m
    questions:
      - {column: a, scale: sat, weight: 2}
      - {column: b, scale: sat}
      - {column: c, scale: sat, weight: 0.5}
";
const LABELS: [&str; 5] = ["Very dissatisfied", "Fairly dissatisfied", "Neither", "Fairly satisfied", "Very satisfied"];
const WEIGHTS: [f64; 3] = [2.0, 1.0, 0.5];

/// A respondent: group, weight, and per question a step 0..=4 (or none: not asked).
#[derive(Debug, Clone)]
struct Respondent {
    group: u8,
    weight: f64,
    steps: [Option<u8>; 3],
}

fn respondent(max_step: u8) -> impl Strategy<Value = Respondent> {
    (0u8..4, 0.1f64..5.0, prop::array::uniform3(prop::option::weighted(0.85, 0..=max_step)))
        .prop_map(|(group, weight, steps)| Respondent { group, weight, steps })
}

fn to_csv(people: &[Respondent]) -> String {
    let mut out = String::from("g,w,a,b,c\n");
    for p in people {
        let cells: Vec<&str> = p.steps.iter().map(|s| s.map_or("", |s| LABELS[s as usize])).collect();
        out.push_str(&format!("G{},{},{}\n", p.group, p.weight, cells.join(",")));
    }
    out
}

/// luindex's table: (group, mean) rows, total first.
fn scores(people: &[Respondent], by_group: bool) -> Vec<(String, Option<f64>)> {
    let definitions = Definitions::from_yaml(YAML, "p.yaml").unwrap();
    let responses = Responses::from_reader("p.csv", Box::new(std::io::Cursor::new(to_csv(people)))).unwrap();
    let request =
        Request { by: if by_group { vec!["g".into()] } else { vec![] }, weight: Some("w".into()), conditions: vec![] };
    let plan = Plan::new(definitions, responses.header.clone(), &request).unwrap();
    let pass = engine::run(responses, &plan, ScanOptions { threads: 2, chunk_bytes: 97 }).unwrap();
    let mut rows = vec![("Total".to_string(), pass.groups.total.missions[0].mean())];
    let mut groups: Vec<(String, Option<f64>)> =
        pass.groups.keys.iter().zip(&pass.groups.groups).map(|(k, g)| (k[0].clone(), g.missions[0].mean())).collect();
    groups.sort_by(|a, b| a.0.cmp(&b.0));
    rows.extend(groups);
    rows
}

fn points(step: u8) -> f64 {
    -200.0 + 100.0 * f64::from(step)
}

/// The method written out the plainest way.
fn oracle(people: &[Respondent], group: Option<u8>) -> Option<f64> {
    let (mut sw, mut swy) = (0.0, 0.0);
    for p in people.iter().filter(|p| group.is_none_or(|g| p.group == g)) {
        let answered: Vec<(f64, f64)> =
            p.steps.iter().zip(WEIGHTS).filter_map(|(s, w)| s.map(|s| (w, points(s)))).collect();
        if answered.is_empty() {
            continue;
        }
        let index = answered.iter().map(|(w, y)| w * y).sum::<f64>() / answered.iter().map(|(w, _)| w).sum::<f64>();
        sw += p.weight;
        swy += p.weight * index;
    }
    (sw > 0.0).then(|| swy / sw)
}

fn close(a: Option<f64>, b: Option<f64>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => (a - b).abs() <= 1e-9 * (1.0 + a.abs()),
        (None, None) => true,
        _ => false,
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn groups_equal_a_brute_force_recomputation(people in prop::collection::vec(respondent(4), 1..120)) {
        let rows = scores(&people, true);
        prop_assert!(close(rows[0].1, oracle(&people, None)));
        for (name, mean) in &rows[1..] {
            let group: u8 = name[1..].parse().unwrap();
            prop_assert!(close(*mean, oracle(&people, Some(group))), "{name}");
        }
    }

    #[test]
    fn row_order_and_a_common_weight_factor_change_nothing(
        people in prop::collection::vec(respondent(4), 1..120),
        factor in 0.01f64..100.0,
        seed in any::<u64>(),
    ) {
        let base = scores(&people, true);
        let mut shuffled = people.clone();
        let mut state = seed;
        for i in (1..shuffled.len()).rev() {
            state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            shuffled.swap(i, (state >> 33) as usize % (i + 1));
        }
        for p in &mut shuffled {
            p.weight *= factor;
        }
        let other = scores(&shuffled, true);
        prop_assert_eq!(base.len(), other.len());
        for (a, b) in base.iter().zip(&other) {
            prop_assert_eq!(&a.0, &b.0);
            prop_assert!(close(a.1, b.1), "{:?} vs {:?}", a, b);
        }
    }

    #[test]
    fn one_very_satisfied_cancels_two_fairly_dissatisfied(pairs in 1usize..50) {
        let mut people = Vec::new();
        for _ in 0..pairs {
            people.push(Respondent { group: 0, weight: 1.0, steps: [Some(4), Some(4), Some(4)] });
            people.push(Respondent { group: 0, weight: 1.0, steps: [Some(1), Some(1), Some(1)] });
            people.push(Respondent { group: 0, weight: 1.0, steps: [Some(1), Some(1), Some(1)] });
        }
        prop_assert_eq!(scores(&people, false)[0].1, Some(0.0));
    }

    /// "If 3% of the public were to change from being 'fairly satisfied' to 'very
    /// satisfied' on all the questions related to one of the missions, the overall Index
    /// score for that mission would increase by 3 points."
    #[test]
    fn moving_three_percent_one_step_up_adds_three_points(
        people in prop::collection::vec(respondent(3), 100..=100),
        movers in prop::sample::subsequence((0..100).collect::<Vec<usize>>(), 3),
    ) {
        let mut people = people;
        for p in &mut people {
            p.weight = 1.0;
            p.steps[0] = Some(p.steps[0].unwrap_or(2)); // everyone has an index
        }
        let before = scores(&people, false)[0].1.unwrap();
        for &i in &movers {
            for step in people[i].steps.iter_mut().flatten() {
                *step += 1;
            }
        }
        let after = scores(&people, false)[0].1.unwrap();
        prop_assert!((after - before - 3.0).abs() < 1e-9, "{before} -> {after}");
    }
}
