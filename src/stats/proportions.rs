//! Is a group's share of an answer different from the rest of the sample's?
//!
//! The column-proportions test of survey tabulation, on effective bases: with weighted
//! shares `p_g` (the group) and `p_r` (everyone else in the base), the pooled share `p`
//! (the whole base's), and Kish effective bases `n_g = (sum w)^2 / sum w^2` of each side,
//!
//! `z = (p_g - p_r) / sqrt(p (1 - p) (1 / n_g + 1 / n_r))`,
//!
//! two-sided against the standard normal. Weighting lowers the effective base below the
//! respondent count, which widens the test as the weights' design effect requires.
//! docs/statistics.md states the method and its limits.

use super::distributions::two_sided_z;

/// One side of the comparison: summed weight of those giving the answer, of the base,
/// and the base's summed squared weights.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Side {
    pub answer_w: f64,
    pub base_w: f64,
    pub base_w2: f64,
}

impl Side {
    /// The whole minus a part: what is left when a group is taken out of the total.
    pub fn rest(whole: Side, part: Side) -> Side {
        Side {
            answer_w: whole.answer_w - part.answer_w,
            base_w: whole.base_w - part.base_w,
            base_w2: whole.base_w2 - part.base_w2,
        }
    }

    fn share(&self) -> f64 {
        self.answer_w / self.base_w
    }

    fn effective_base(&self) -> f64 {
        self.base_w * self.base_w / self.base_w2
    }
}

/// The outcome of a test.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ProportionTest {
    /// Positive when the group's share is higher than the rest's.
    pub z: f64,
    pub p_value: f64,
}

/// Tests `group` against `rest`; `None` when either side has no weight or the answer's
/// pooled share is 0 or 1 (nothing can differ).
pub fn group_vs_rest(group: Side, rest: Side) -> Option<ProportionTest> {
    // Rest sums come from subtractions: treat rounding dust as empty.
    let tiny = 1e-9 * (group.base_w + rest.base_w.abs());
    if group.base_w <= 0.0 || rest.base_w <= tiny || rest.base_w2 <= tiny * tiny {
        return None;
    }
    let pooled = (group.answer_w + rest.answer_w) / (group.base_w + rest.base_w);
    let variance = pooled * (1.0 - pooled) * (1.0 / group.effective_base() + 1.0 / rest.effective_base());
    if variance.is_nan() || variance <= 0.0 {
        return None;
    }
    let z = (group.share() - rest.share().clamp(0.0, 1.0)) / variance.sqrt();
    Some(ProportionTest { z, p_value: two_sided_z(z) })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unweighted_test_by_hand() {
        // Group: 30 of 50; rest: 20 of 50; pooled 0.5.
        // z = (0.6 - 0.4) / sqrt(0.25 * (1/50 + 1/50)) = 0.2 / 0.1 = 2.
        let group = Side { answer_w: 30.0, base_w: 50.0, base_w2: 50.0 };
        let rest = Side { answer_w: 20.0, base_w: 50.0, base_w2: 50.0 };
        let test = group_vs_rest(group, rest).unwrap();
        assert!((test.z - 2.0).abs() < 1e-12);
        // 2 * (1 - Phi(2)) = 0.04550026389635842
        assert!((test.p_value - 0.045_500_263_896_358_42).abs() < 1e-12);
    }

    #[test]
    fn weights_shrink_the_effective_base() {
        // Group: weights 3 and 1 (n_eff = 16 / 10 = 1.6) instead of two of weight 2 (n_eff 2).
        let even = Side { answer_w: 2.0, base_w: 4.0, base_w2: 8.0 };
        let uneven = Side { answer_w: 2.0, base_w: 4.0, base_w2: 10.0 };
        let rest = Side { answer_w: 1.0, base_w: 4.0, base_w2: 4.0 };
        let (a, b) = (group_vs_rest(even, rest).unwrap(), group_vs_rest(uneven, rest).unwrap());
        assert!(b.z.abs() < a.z.abs());
        // pooled 3/8: z = (0.5 - 0.25) / sqrt(15/64 * (1/1.6 + 1/4))
        let expected = 0.25 / (15.0_f64 / 64.0 * (1.0 / 1.6 + 0.25)).sqrt();
        assert!((b.z - expected).abs() < 1e-12);
    }

    #[test]
    fn nothing_to_compare() {
        let group = Side { answer_w: 5.0, base_w: 5.0, base_w2: 5.0 };
        assert_eq!(group_vs_rest(group, Side { answer_w: 0.0, base_w: 0.0, base_w2: 0.0 }), None);
        assert_eq!(group_vs_rest(group, Side { answer_w: 7.0, base_w: 7.0, base_w2: 7.0 }), None);
    }
}
