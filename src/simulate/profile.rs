//! The simulation profile: who the synthetic respondents are and what they should score.

use std::collections::BTreeMap;

use anyhow::Context;
use serde::Deserialize;

use crate::definitions::Definitions;

/// The built-in profile: the February 2023 Levelling Up sample and its published table.
pub const BUILTIN_YAML: &str = include_str!("../../examples/levelling-up-2023-profile.yaml");

/// An ordered name -> value list (YAML mapping order is kept).
pub type Counts = Vec<(String, f64)>;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Profile {
    #[serde(deserialize_with = "ordered")]
    pub nations: Counts,
    #[serde(deserialize_with = "ordered")]
    pub regions: Counts,
    #[serde(deserialize_with = "ordered")]
    pub supergroups: Counts,
    #[serde(deserialize_with = "ordered")]
    pub population_shares: Counts,
    pub targets: Option<Targets>,
    #[serde(default)]
    pub routing: BTreeMap<String, f64>,
    #[serde(default)]
    pub dont_know: f64,
    #[serde(default)]
    pub prefer_not_to_say: f64,
    /// Answer shares of the tabulated questions, by question id.
    #[serde(default)]
    pub questions: BTreeMap<String, QuestionProfile>,
}

/// Published shares of one tabulated question's answers (percentages), per area: `UK`,
/// a nation or a region; the most specific area a respondent is in applies, answer by
/// answer. For a multi-response question each share is that of choosing the option.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuestionProfile {
    /// Regions or nations whose respondents are not asked (their cells are blank).
    #[serde(default)]
    pub not_asked: Vec<String>,
    pub shares: BTreeMap<String, BTreeMap<String, f64>>,
}

/// Published group scores to aim at.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Targets {
    /// The grouping column they are published for (only `ons_supergroup` is generated).
    pub column: String,
    pub total: BTreeMap<String, f64>,
    pub groups: BTreeMap<String, BTreeMap<String, f64>>,
}

fn ordered<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<Counts, D::Error> {
    let map = crate::definitions::OrderedMap::<f64>::deserialize(deserializer)?;
    Ok(map.0.into_iter().map(|(name, value)| (name.value, value)).collect())
}

impl Profile {
    pub fn builtin() -> Profile {
        Profile::from_yaml(BUILTIN_YAML, "built-in profile").expect("the built-in profile is valid (unit test)")
    }

    pub fn from_yaml(yaml: &str, source: &str) -> anyhow::Result<Profile> {
        let profile: Profile = serde_saphyr::from_str(yaml)
            .map_err(|e| anyhow::anyhow!(e.to_string().replace("<input>", source)))
            .with_context(|| format!("invalid simulation profile {source}"))?;
        if let Some(targets) = &profile.targets {
            if targets.column != "ons_supergroup" {
                anyhow::bail!(
                    "{source}: targets can only be given for column `ons_supergroup`, found `{}`",
                    targets.column
                );
            }
            for group in targets.groups.keys() {
                if !profile.supergroups.iter().any(|(name, _)| name == group) {
                    anyhow::bail!("{source}: target group `{group}` is not one of the supergroups");
                }
            }
        }
        Ok(profile)
    }

    pub fn load(path: Option<&std::path::Path>) -> anyhow::Result<Profile> {
        match path {
            None => Ok(Profile::builtin()),
            Some(path) => {
                let text =
                    std::fs::read_to_string(path).with_context(|| format!("cannot read profile {}", path.display()))?;
                Profile::from_yaml(&text, &path.display().to_string())
            }
        }
    }

    /// The target score of `mission` in supergroup `group`, when the profile has one.
    pub fn target(&self, group: &str, mission: &str) -> Option<f64> {
        self.targets.as_ref()?.groups.get(group)?.get(mission).copied()
    }

    /// Share of respondents asked a column's question.
    pub fn asked_share(&self, column: &str) -> f64 {
        self.routing.get(column).copied().unwrap_or(1.0).clamp(0.0, 1.0)
    }

    /// Whether every mission of `definitions` has a target in every supergroup.
    pub fn targets_cover(&self, definitions: &Definitions) -> bool {
        self.targets.is_some()
            && self.supergroups.iter().all(|(g, _)| definitions.mission_ids().all(|m| self.target(g, m).is_some()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_builtin_profile_matches_the_builtin_definitions() {
        let profile = Profile::builtin();
        assert_eq!(profile.nations.iter().map(|(_, n)| n).sum::<f64>(), 6189.0);
        assert_eq!(profile.regions.iter().map(|(_, n)| n).sum::<f64>(), 5177.0);
        assert_eq!(profile.supergroups.iter().map(|(_, n)| n).sum::<f64>(), 6189.0);
        assert!(profile.targets_cover(&Definitions::builtin()));
    }
}
