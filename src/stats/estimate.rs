//! From design sums to estimates: the domain mean, its linearised standard error, the
//! effective base, and the test of a group against the rest of the sample.
//!
//! Formulas (and their sources) are in docs/statistics.md; they reproduce R's `survey`
//! package: `svyby(~idx, ~group, design, svymean, na.rm = TRUE)` and
//! `svyttest(idx ~ I(group == g), subset(design, !is.na(idx)))`.

use super::design::{Domain, UnitSums, Units};
use super::distributions::{qnorm, two_sided_t};

/// What a stratum with a single PSU contributes (R's `options(survey.lonely.psu)`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum LonelyPsu {
    /// Stop with an error naming the stratum (R's default, "fail").
    Fail,
    /// Contribute nothing.
    Remove,
    /// Centre the lone PSU at the sample mean (zero for a mean's scores).
    Adjust,
    /// Treat the PSU as sampled with certainty: nothing.
    Certainty,
}

/// One group's figures for one mission.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Estimate {
    pub index: Option<f64>,
    pub n: u64,
    pub weighted_n: f64,
    pub n_eff: Option<f64>,
    pub deff_kish: Option<f64>,
    pub se: Option<f64>,
    pub ci_low: Option<f64>,
    pub ci_high: Option<f64>,
    pub diff_vs_rest: Option<f64>,
    pub diff_vs_rest_se: Option<f64>,
    pub df: Option<f64>,
    pub p_value: Option<f64>,
}

/// A stratum with a single PSU under `--lonely-psu fail`.
#[derive(Debug, Clone, PartialEq)]
pub struct LonelyStratum(pub String);

/// Per-stratum totals of linearised scores: sum(z) and sum(z^2) over its PSUs.
struct StratumScores {
    s1: Vec<f64>,
    s2: Vec<f64>,
}

impl StratumScores {
    fn new(strata: usize) -> StratumScores {
        StratumScores { s1: vec![0.0; strata], s2: vec![0.0; strata] }
    }

    /// `sum_h n_h / (n_h - 1) * sum_j (z_hj - mean_h z)^2`, lonely strata as asked.
    fn variance(&self, units: &Units, lonely: LonelyPsu) -> Result<f64, LonelyStratum> {
        let psus = units.psus_per_stratum();
        let mut total = 0.0;
        for (h, &n) in psus.iter().enumerate() {
            let (s1, s2) = (self.s1[h], self.s2[h]);
            total += match n {
                0 => 0.0,
                1 => match lonely {
                    LonelyPsu::Fail => return Err(LonelyStratum(units.stratum_names[h].clone())),
                    LonelyPsu::Remove | LonelyPsu::Certainty => 0.0,
                    LonelyPsu::Adjust => s2,
                },
                n => {
                    let n = n as f64;
                    n / (n - 1.0) * (s2 - s1 * s1 / n)
                }
            };
        }
        Ok(total.max(0.0))
    }
}

/// A domain's scores on one unit: `sum(z)` and `sum(z^2)`, `z = w (y - mean) / W`.
fn unit_scores(units: &Units, u: &UnitSums, mean: f64, total_w: f64) -> (f64, f64) {
    let s1 = (u.a - mean * u.b) / total_w;
    if units.clustered {
        (s1, s1 * s1)
    } else {
        (s1, (u.c2 - 2.0 * mean * u.c1 + mean * mean * u.c0) / (total_w * total_w))
    }
}

/// Estimates for every mission of `group`, tested against the rest of `total`
/// (`group` is `None` for the total row itself, which has no test).
pub fn estimate(
    units: &Units,
    total: &Domain,
    group: Option<&Domain>,
    lonely: LonelyPsu,
    level: f64,
) -> Result<Vec<Estimate>, LonelyStratum> {
    let domain = group.unwrap_or(total);
    let z = qnorm(1.0 - (1.0 - level) / 2.0);
    let mut out = Vec::with_capacity(domain.missions.len());
    for (m, sums) in domain.missions.iter().enumerate() {
        let mut e = Estimate { n: sums.n, weighted_n: sums.sum_w, ..Estimate::default() };
        if sums.sum_w > 0.0 {
            let mean = sums.sum_wy / sums.sum_w;
            e.index = Some(mean);
            e.n_eff = (sums.sum_w2 > 0.0).then(|| sums.sum_w * sums.sum_w / sums.sum_w2);
            e.deff_kish = e.n_eff.map(|n_eff| sums.n as f64 / n_eff);
            let mut scores = StratumScores::new(units.strata());
            for (unit, unit_sums) in domain.unit_sums() {
                let (s1, s2) = unit_scores(units, &unit_sums[m], mean, sums.sum_w);
                let h = units.stratum_of(unit);
                scores.s1[h] += s1;
                scores.s2[h] += s2;
            }
            let se = scores.variance(units, lonely)?.sqrt();
            e.se = Some(se);
            e.ci_low = Some(mean - z * se);
            e.ci_high = Some(mean + z * se);
            if let Some(group) = group {
                test_against_rest(&mut e, units, total, group, m, lonely)?;
            }
        }
        out.push(e);
    }
    Ok(out)
}

/// The difference from everyone outside the group, its SE, df and two-sided p-value.
fn test_against_rest(
    e: &mut Estimate,
    units: &Units,
    total: &Domain,
    group: &Domain,
    m: usize,
    lonely: LonelyPsu,
) -> Result<(), LonelyStratum> {
    let (g, t) = (&group.missions[m], &total.missions[m]);
    let rest_w = t.sum_w - g.sum_w;
    if rest_w <= 0.0 || g.sum_w <= 0.0 {
        return Ok(());
    }
    let (mean_g, mean_r) = (g.sum_wy / g.sum_w, (t.sum_wy - g.sum_wy) / rest_w);
    let mut scores = StratumScores::new(units.strata());
    let (mut psus, mut strata) = (0u64, vec![false; units.strata()]);
    for (unit, all) in total.unit_sums() {
        let all = all[m];
        let mine = group.get(unit).map_or_else(UnitSums::default, |s| s[m]);
        let rest = all.minus(&mine);
        let (g1, g2) = unit_scores(units, &mine, mean_g, g.sum_w);
        let (r1, r2) = unit_scores(units, &rest, mean_r, rest_w);
        let h = units.stratum_of(unit);
        if units.clustered {
            let u = g1 - r1;
            scores.s1[h] += u;
            scores.s2[h] += u * u;
            psus += u64::from(all.positive > 0);
        } else {
            // Respondents are the PSUs: each is in the group or the rest, never both.
            scores.s1[h] += g1 - r1;
            scores.s2[h] += g2 + r2;
            psus += all.positive;
        }
        strata[h] |= all.positive > 0;
    }
    let se = scores.variance(units, lonely)?.sqrt();
    let df = psus as f64 - strata.iter().filter(|&&s| s).count() as f64 - 1.0;
    let diff = mean_g - mean_r;
    e.diff_vs_rest = Some(diff);
    e.diff_vs_rest_se = Some(se);
    if df > 0.0 && se > 0.0 {
        e.df = Some(df);
        e.p_value = Some(two_sided_t(diff / se, df));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Weights only, no strata: the SE of a weighted mean by hand.
    #[test]
    fn weighted_mean_se_by_hand() {
        let mut units = Units::new(false);
        let mut total = Domain::new(1);
        for (w, y) in [(1.0, 10.0), (2.0, 20.0), (1.0, 40.0)] {
            let u = units.unit(b"", b"");
            total.add(u, w, &[Some(y)]);
        }
        let e = &estimate(&units, &total, None, LonelyPsu::Fail, 0.95).unwrap()[0];
        // mean = (10 + 40 + 40) / 4 = 22.5; z = w (y - 22.5) / 4 = -3.125, -1.25, 4.375
        // V = 3/2 * (9.765625 + 1.5625 + 19.140625) = 45.703125
        assert_eq!(e.index, Some(22.5));
        assert!((e.se.unwrap() - 45.703125f64.sqrt()).abs() < 1e-12);
        // n_eff = 16 / 6
        assert!((e.n_eff.unwrap() - 16.0 / 6.0).abs() < 1e-12);
    }

    #[test]
    fn lonely_psus_follow_the_option() {
        let mut units = Units::new(true);
        let mut total = Domain::new(1);
        for (stratum, psu, y) in [(&b"a"[..], &b"1"[..], 1.0), (b"a", b"2", 3.0), (b"b", b"3", 8.0)] {
            let u = units.unit(stratum, psu);
            total.add(u, 1.0, &[Some(y)]);
        }
        assert_eq!(estimate(&units, &total, None, LonelyPsu::Fail, 0.95), Err(LonelyStratum("b".into())));
        let removed = estimate(&units, &total, None, LonelyPsu::Remove, 0.95).unwrap()[0].se.unwrap();
        let adjusted = estimate(&units, &total, None, LonelyPsu::Adjust, 0.95).unwrap()[0].se.unwrap();
        // mean 4; z = -1, -1/3, 4/3; stratum a: 2 * ((-1 + 2/3)^2 * 2) / ... by hand:
        // a: s1 = -4/3, s2 = 1 + 1/9 -> 2 * (10/9 - 16/18) = 4/9; b (adjust): (4/3)^2 = 16/9
        assert!((removed - (4.0f64 / 9.0).sqrt()).abs() < 1e-12);
        assert!((adjusted - (20.0f64 / 9.0).sqrt()).abs() < 1e-12);
    }
}
