//! Design-based statistics for the index tables: standard errors, effective bases,
//! significance against the rest of the sample, and change between waves.
//! docs/statistics.md gives every formula and its source.

pub mod design;
pub mod distributions;
pub mod estimate;
pub mod proportions;
pub mod report;

use crate::aggregate::Groups;
use crate::engine::{Outcome, Plan, RowScorer};
use crate::input::{Header, Responses};
use crate::problems::Problems;
use crate::records::Row;
use crate::scan::{scan, ScanOptions, Worker};
use crate::UsageError;
use design::{Domain, Units};
use distributions::two_sided_z;
use estimate::{estimate, Estimate, LonelyPsu};

/// Multiple-comparison adjustment of the table's tests.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Adjust {
    None,
    Bonferroni,
    /// Benjamini-Hochberg false discovery rate.
    Fdr,
}

impl Adjust {
    pub fn name(self) -> &'static str {
        match self {
            Adjust::None => "none",
            Adjust::Bonferroni => "bonferroni",
            Adjust::Fdr => "fdr",
        }
    }

    /// Adjusted p-values, as R's `p.adjust` ("none", "bonferroni", "BH"); `None` stays.
    pub fn apply(self, p: &[Option<f64>]) -> Vec<Option<f64>> {
        let tested: Vec<(usize, f64)> = p.iter().enumerate().filter_map(|(i, p)| p.map(|p| (i, p))).collect();
        let m = tested.len() as f64;
        let mut out = p.to_vec();
        match self {
            Adjust::None => {}
            Adjust::Bonferroni => {
                for (i, p) in tested {
                    out[i] = Some((p * m).min(1.0));
                }
            }
            Adjust::Fdr => {
                let mut order = tested;
                order.sort_by(|a, b| b.1.total_cmp(&a.1).then(b.0.cmp(&a.0)));
                let mut running = f64::INFINITY;
                for (rank_from_top, (i, p)) in order.into_iter().enumerate() {
                    let rank = m - rank_from_top as f64;
                    running = running.min(p * m / rank);
                    out[i] = Some(running.min(1.0));
                }
            }
        }
        out
    }
}

/// The design and test settings of `score --stats`.
#[derive(Debug, Clone)]
pub struct StatsOptions {
    pub strata: Option<String>,
    pub psu: Option<String>,
    pub lonely: LonelyPsu,
    pub level: f64,
    pub alpha: f64,
    pub adjust: Adjust,
    pub min_base: u64,
}

impl StatsOptions {
    /// How the design reads in a legend.
    pub fn design(&self) -> String {
        match (&self.strata, &self.psu) {
            (None, None) => "weights only".to_string(),
            (Some(s), None) => format!("strata `{s}`"),
            (None, Some(p)) => format!("PSUs `{p}`"),
            (Some(s), Some(p)) => format!("strata `{s}`, PSUs `{p}`"),
        }
    }
}

/// Every group's design sums, after one pass.
pub struct StatsPass {
    pub units: Units,
    pub groups: Groups<Domain>,
}

/// One row of a statistics table: a group (or the total) and its estimates per mission.
#[derive(Debug, Clone)]
pub struct GroupStats {
    pub labels: Vec<String>,
    pub is_total: bool,
    pub respondents: u64,
    pub estimates: Vec<Estimate>,
}

struct StatsWorker<'a> {
    plan: &'a Plan,
    strata: Option<usize>,
    psu: Option<usize>,
}

struct Part<'a> {
    scorer: RowScorer<'a>,
    units: Units,
    groups: Groups<Domain>,
}

impl<'a> Worker for StatsWorker<'a> {
    type State = Part<'a>;

    fn start(&self) -> Part<'a> {
        Part {
            scorer: RowScorer::new(self.plan),
            units: Units::new(self.psu.is_some()),
            groups: Groups::new(self.plan.missions()),
        }
    }

    fn row<R: Row>(&self, part: &mut Part<'a>, record: &R, row: u64, problems: &mut Problems) {
        let Outcome::Scored(weight) = part.scorer.score(record, row, problems) else { return };
        let cell = |column: Option<usize>| column.and_then(|c| record.get(c)).unwrap_or_default().trim_ascii();
        let unit = part.units.unit(cell(self.strata), cell(self.psu));
        let (scorer, groups) = (&part.scorer, &mut part.groups);
        groups.total.add(unit, weight, &scorer.indexes);
        if !self.plan.by.is_empty() {
            groups.group_mut(&scorer.key, || scorer.group_values(record)).add(unit, weight, &scorer.indexes);
        }
    }
}

/// One pass collecting design sums; `strata`/`psu` name columns of `header`.
pub fn run(
    responses: Responses,
    plan: &Plan,
    options: &StatsOptions,
    scan_options: ScanOptions,
) -> anyhow::Result<StatsPass> {
    let column = |name: &Option<String>, role: &str, header: &Header| -> Result<Option<usize>, UsageError> {
        name.as_ref().map(|n| header.find(n, role).map_err(UsageError)).transpose()
    };
    let worker = StatsWorker {
        plan,
        strata: column(&options.strata, "--strata", &plan.header)?,
        psu: column(&options.psu, "--psu", &plan.header)?,
    };
    let mut pass = StatsPass { units: Units::new(worker.psu.is_some()), groups: Groups::new(plan.missions()) };
    let mut problems = Problems::default();
    scan(responses, &worker, scan_options, |chunk| {
        problems.merge(&chunk.problems);
        let part = chunk.state;
        let remap = pass.units.merge(&part.units);
        pass.groups.merge_with(&part.groups, |ours, theirs| ours.merge(theirs, &remap));
        Ok(())
    })?;
    plan.reject(&problems)?;
    Ok(pass)
}

/// The table's rows: the total, then every group in natural order.
pub fn table(pass: &StatsPass, groups: usize, options: &StatsOptions) -> anyhow::Result<Vec<GroupStats>> {
    let lonely = |e: estimate::LonelyStratum| {
        anyhow::anyhow!(
            "stratum `{}` has only one PSU, so its variance cannot be estimated; choose what it \
             contributes with --lonely-psu remove|adjust|certainty (as R's options(survey.lonely.psu))",
            e.0
        )
    };
    let mut rows = vec![GroupStats {
        labels: vec!["Total".to_string(); groups],
        is_total: true,
        respondents: pass.groups.total.respondents,
        estimates: estimate(&pass.units, &pass.groups.total, None, options.lonely, options.level).map_err(lonely)?,
    }];
    for g in pass.groups.sorted() {
        let domain = &pass.groups.groups[g];
        rows.push(GroupStats {
            labels: pass.groups.keys[g].clone(),
            is_total: false,
            respondents: domain.respondents,
            estimates: estimate(&pass.units, &pass.groups.total, Some(domain), options.lonely, options.level)
                .map_err(lonely)?,
        });
    }
    Ok(rows)
}

/// Change from a previous wave for one cell: independent samples, z test.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Change {
    pub previous: f64,
    pub change: f64,
    pub se: f64,
    pub p_value: Option<f64>,
}

/// The change of `now` from `before` (both need an index and an SE).
pub fn change(now: &Estimate, before: &Estimate) -> Option<Change> {
    let (current, previous) = (now.index?, before.index?);
    let se = (now.se?.powi(2) + before.se?.powi(2)).sqrt();
    let change = current - previous;
    let p_value = (se > 0.0).then(|| two_sided_z(change / se));
    Some(Change { previous, change, se, p_value })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn adjustments_match_r_p_adjust() {
        let p = [Some(0.01), None, Some(0.04), Some(0.03), Some(0.2)];
        assert_eq!(Adjust::None.apply(&p), p);
        // R: p.adjust(c(0.01, 0.04, 0.03, 0.2), "bonferroni") = 0.04 0.16 0.12 0.80
        let b: Vec<Option<f64>> = Adjust::Bonferroni.apply(&p);
        assert_eq!(b, [Some(0.04), None, Some(0.16), Some(0.12), Some(0.8)]);
        // R: p.adjust(c(0.01, 0.04, 0.03, 0.2), "BH") = 0.04 0.05333333 0.05333333 0.2
        let f = Adjust::Fdr.apply(&p);
        let expected = [0.04, 0.16 / 3.0, 0.16 / 3.0, 0.2];
        for (got, want) in [f[0], f[2], f[3], f[4]].iter().zip(expected) {
            assert!((got.unwrap() - want).abs() < 1e-15, "{got:?} vs {want}");
        }
    }
}
