//! Who the synthetic respondents are: nation, region, ONS supergroup, deprivation,
//! rurality, weight and sampling units.
//!
//! Region and supergroup bases come from the profile (the published sample), scaled to
//! the number of rows. How supergroups spread over regions, and how deprivation and
//! rurality depend on the supergroup, are rough assumptions written down here: they make
//! the crossed tables plausible, they are not survey facts.

use super::profile::Profile;
use super::rng::Rng;

/// The regions (English regions, then the devolved nations) and supergroups, with the
/// shuffled cell of every respondent.
#[derive(Debug, Clone)]
pub struct Frame {
    pub regions: Vec<Region>,
    pub supergroups: Vec<String>,
    /// Weight factor per supergroup: population share / sample share.
    pub weight_factor: Vec<f64>,
    /// Per respondent: (region, supergroup).
    pub cells: Vec<(u16, u16)>,
    /// Sampling units per region (for `psu`).
    pub psus_per_region: Vec<u32>,
}

#[derive(Debug, Clone)]
pub struct Region {
    pub name: String,
    pub nation: String,
}

/// What a respondent is, besides their answers.
#[derive(Debug, Clone, Copy)]
pub struct Person {
    pub region: usize,
    pub supergroup: usize,
    /// 1 (most deprived) to 5 (least deprived).
    pub imd_quintile: u8,
    pub rural: bool,
    pub weight: f64,
    pub psu: u32,
}

impl Frame {
    pub fn new(profile: &Profile, rows: usize, seed: u64) -> Frame {
        let regions = regions(profile);
        let supergroups: Vec<String> = profile.supergroups.iter().map(|(n, _)| n.clone()).collect();
        let region_bases: Vec<f64> = regions.iter().map(|r| region_base(profile, r)).collect();
        let group_bases: Vec<f64> = profile.supergroups.iter().map(|(_, n)| *n).collect();
        let region_counts = apportion(&region_bases, rows);
        let group_counts = apportion(&group_bases, rows);

        let affinity: Vec<Vec<f64>> =
            regions.iter().map(|r| supergroups.iter().map(|g| affinity(&r.name, &r.nation, g)).collect()).collect();
        let expected = fit_margins(&affinity, &region_counts, &group_counts);
        let mut counts: Vec<Vec<usize>> =
            expected.iter().zip(&region_counts).map(|(row, &n)| apportion(row, n)).collect();
        match_column_totals(&mut counts, &group_counts, &affinity);
        let mut cells: Vec<(u16, u16)> = Vec::with_capacity(rows);
        for (r, row) in counts.iter().enumerate() {
            for (g, &count) in row.iter().enumerate() {
                cells.extend(std::iter::repeat_n((r as u16, g as u16), count));
            }
        }
        Rng::new(seed ^ 0xF00D).shuffle(&mut cells);

        let mut realised = vec![0usize; supergroups.len()];
        for &(_, g) in &cells {
            realised[g as usize] += 1;
        }
        let weight_factor = supergroups
            .iter()
            .enumerate()
            .map(|(g, name)| {
                let share = profile.population_shares.iter().find(|(n, _)| n == name).map_or(0.0, |(_, s)| *s);
                let sample_share = realised[g] as f64 / rows.max(1) as f64;
                if sample_share > 0.0 {
                    share / sample_share
                } else {
                    0.0
                }
            })
            .collect();
        // About 25 respondents per sampling unit in the published sample; a larger sample
        // has more respondents per unit, not more units (as when a panel is enlarged).
        let psus_per_region = region_bases.iter().map(|&base| ((base / 25.0).round() as u32).max(2)).collect();
        Frame { regions, supergroups, weight_factor, cells, psus_per_region }
    }

    /// Respondent `i`'s demographics, drawn from their own random stream.
    pub fn person(&self, i: usize, rng: &mut Rng) -> Person {
        let (region, supergroup) = self.cells[i];
        let (region, supergroup) = (region as usize, supergroup as usize);
        let name = self.supergroups[supergroup].as_str();
        let imd_quintile = 1 + rng.choose(&imd_profile(name)) as u8;
        let rural = rng.uniform() < rural_share(name);
        // Design weight times a log-normal non-response adjustment with mean 1.
        let weight = self.weight_factor[supergroup] * (0.25 * rng.normal() - 0.03125).exp();
        let psu = 1 + (rng.uniform() * self.psus_per_region[region] as f64) as u32;
        Person { region, supergroup, imd_quintile, rural, weight, psu }
    }
}

fn regions(profile: &Profile) -> Vec<Region> {
    let mut out: Vec<Region> =
        profile.regions.iter().map(|(name, _)| Region { name: name.clone(), nation: "England".into() }).collect();
    out.extend(
        profile
            .nations
            .iter()
            .filter(|(nation, _)| nation != "England")
            .map(|(nation, _)| Region { name: nation.clone(), nation: nation.clone() }),
    );
    out
}

fn region_base(profile: &Profile, region: &Region) -> f64 {
    let list = if region.nation == "England" { &profile.regions } else { &profile.nations };
    list.iter().find(|(n, _)| *n == region.name).map_or(0.0, |(_, b)| *b)
}

/// Whole numbers proportional to `weights` that sum to `total` (largest remainder).
pub fn apportion(weights: &[f64], total: usize) -> Vec<usize> {
    let sum: f64 = weights.iter().sum();
    if sum <= 0.0 {
        return vec![0; weights.len()];
    }
    let exact: Vec<f64> = weights.iter().map(|w| w / sum * total as f64).collect();
    let mut counts: Vec<usize> = exact.iter().map(|x| x.floor() as usize).collect();
    let mut order: Vec<usize> = (0..weights.len()).collect();
    order.sort_by(|&a, &b| (exact[b] - exact[b].floor()).total_cmp(&(exact[a] - exact[a].floor())).then(a.cmp(&b)));
    let short = total - counts.iter().sum::<usize>();
    for &i in order.iter().take(short) {
        counts[i] += 1;
    }
    counts
}

/// Rounding each region separately can leave a supergroup a respondent or two off its
/// base: move single respondents within a region, from a supergroup over its base to one
/// under it, where the region can hold both.
fn match_column_totals(counts: &mut [Vec<usize>], targets: &[usize], affinity: &[Vec<f64>]) {
    for _ in 0..1000 {
        let totals: Vec<usize> = (0..targets.len()).map(|g| counts.iter().map(|row| row[g]).sum()).collect();
        let over = (0..targets.len()).find(|&g| totals[g] > targets[g]);
        let under = (0..targets.len()).find(|&g| totals[g] < targets[g]);
        let (Some(over), Some(under)) = (over, under) else { return };
        let Some(r) = (0..counts.len()).find(|&r| counts[r][over] > 0 && affinity[r][under] > 0.0) else { return };
        counts[r][over] -= 1;
        counts[r][under] += 1;
    }
}

/// Iterative proportional fitting: scales `seed` so its rows and columns sum to the margins.
fn fit_margins(seed: &[Vec<f64>], rows: &[usize], columns: &[usize]) -> Vec<Vec<f64>> {
    let mut m: Vec<Vec<f64>> = seed.to_vec();
    for _ in 0..200 {
        for (r, row) in m.iter_mut().enumerate() {
            let sum: f64 = row.iter().sum();
            if sum > 0.0 {
                row.iter_mut().for_each(|x| *x *= rows[r] as f64 / sum);
            }
        }
        for (c, &target) in columns.iter().enumerate() {
            let sum: f64 = m.iter().map(|row| row[c]).sum();
            if sum > 0.0 {
                m.iter_mut().for_each(|row| row[c] *= target as f64 / sum);
            }
        }
    }
    m
}

/// How likely a supergroup is in a region, relative to elsewhere (an assumption).
fn affinity(region: &str, nation: &str, supergroup: &str) -> f64 {
    let devolved = nation != "England";
    match supergroup {
        "London Cosmopolitan" => f64::from(region == "London"),
        "Ethnically Diverse Metropolitan Living" => match region {
            "London" => 6.0,
            "West Midlands" => 2.0,
            _ if devolved => 0.02,
            _ => 0.6,
        },
        "Affluent England" => match region {
            "South East" => 4.0,
            "East of England" => 3.0,
            "London" | "South West" => 1.0,
            _ if devolved => 0.0,
            _ => 0.4,
        },
        "Countryside Living" => match region {
            "London" => 0.0,
            "Northern Ireland" => 3.0,
            "Scotland" | "Wales" | "South West" => 2.0,
            _ => 1.0,
        },
        "Services and Industrial Legacy" => match region {
            "North East" | "Wales" => 3.0,
            "Scotland" | "North West" | "Yorkshire and The Humber" => 2.0,
            "East Midlands" | "West Midlands" => 1.2,
            "London" => 0.0,
            _ => 0.3,
        },
        "Town and Country Living" => match region {
            "London" | "North East" => 0.0,
            _ => 1.0,
        },
        "Urban Settlements" => match region {
            "Scotland" | "Northern Ireland" => 0.0,
            "Wales" | "London" => 0.5,
            _ => 1.0,
        },
        _ => 1.0,
    }
}

/// IMD quintile probabilities (1 = most deprived) by supergroup (an assumption).
fn imd_profile(supergroup: &str) -> [f64; 5] {
    match supergroup {
        "Affluent England" => [0.02, 0.08, 0.2, 0.3, 0.4],
        "Business, Education and Heritage Centres" => [0.3, 0.25, 0.2, 0.15, 0.1],
        "Countryside Living" => [0.05, 0.15, 0.35, 0.3, 0.15],
        "Ethnically Diverse Metropolitan Living" => [0.35, 0.3, 0.2, 0.1, 0.05],
        "London Cosmopolitan" => [0.25, 0.25, 0.2, 0.15, 0.15],
        "Services and Industrial Legacy" => [0.4, 0.3, 0.15, 0.1, 0.05],
        "Town and Country Living" => [0.1, 0.2, 0.25, 0.25, 0.2],
        _ => [0.2; 5],
    }
}

/// Share of a supergroup living in rural areas (an assumption).
fn rural_share(supergroup: &str) -> f64 {
    match supergroup {
        "Countryside Living" => 0.85,
        "Town and Country Living" => 0.35,
        "Affluent England" => 0.15,
        _ => 0.02,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn apportion_keeps_the_total() {
        assert_eq!(apportion(&[1.0, 1.0, 1.0], 10), [4, 3, 3]);
        assert_eq!(apportion(&[262.0, 661.0], 923), [262, 661]);
        assert_eq!(apportion(&[0.0, 0.0], 5), [0, 0]);
    }

    #[test]
    fn the_sample_frame_has_the_published_bases() {
        let profile = Profile::builtin();
        let frame = Frame::new(&profile, 6189, 2023);
        let mut by_region = vec![0; frame.regions.len()];
        for &(r, _) in &frame.cells {
            by_region[r as usize] += 1;
        }
        let london = frame.regions.iter().position(|r| r.name == "London").unwrap();
        assert_eq!(by_region[london], 582);
        assert_eq!(frame.cells.len(), 6189);
        for (g, (_, base)) in profile.supergroups.iter().enumerate() {
            let n = frame.cells.iter().filter(|c| c.1 as usize == g).count();
            assert_eq!(n as f64, *base, "{}", frame.supergroups[g]);
        }
    }
}
