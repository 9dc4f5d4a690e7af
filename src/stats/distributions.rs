//! The normal and Student t distributions, to double precision.
//!
//! - `pnorm` from `erfc` (the `libm` crate, a port of musl's implementation).
//! - `qnorm`: Wichura's algorithm AS 241 (Applied Statistics 37, 1988), as in R's `qnorm`.
//! - `pt` through the regularized incomplete beta function, evaluated by its continued
//!   fraction with the modified Lentz method (Numerical Recipes, 3rd ed., section 6.4):
//!   for t > 0, `P(T <= t) = 1 - I_x(df/2, 1/2) / 2` with `x = df / (df + t^2)`.

/// Standard normal distribution function.
pub fn pnorm(x: f64) -> f64 {
    0.5 * libm::erfc(-x / std::f64::consts::SQRT_2)
}

/// Standard normal quantile (AS 241, PPND16), accurate to about 1e-16.
#[allow(clippy::excessive_precision)] // the published coefficients, digit for digit
pub fn qnorm(p: f64) -> f64 {
    if p <= 0.0 {
        return f64::NEG_INFINITY;
    }
    if p >= 1.0 {
        return f64::INFINITY;
    }
    let q = p - 0.5;
    if q.abs() <= 0.425 {
        let r = 0.180625 - q * q;
        return q * poly(
            &[
                3.387132872796366608,
                133.14166789178437745,
                1971.5909503065514427,
                13731.693765509461125,
                45921.953931549871457,
                67265.770927008700853,
                33430.575583588128105,
                2509.0809287301226727,
            ],
            r,
        ) / poly(
            &[
                1.0,
                42.313330701600911252,
                687.1870074920579083,
                5394.1960214247511077,
                21213.794301586595867,
                39307.89580009271061,
                28729.085735721942674,
                5226.495278852854561,
            ],
            r,
        );
    }
    let r = if q < 0.0 { p } else { 1.0 - p };
    let r = (-r.ln()).sqrt();
    let value = if r <= 5.0 {
        let r = r - 1.6;
        poly(
            &[
                1.42343711074968357734,
                4.6303378461565452959,
                5.7694972214606914055,
                3.64784832476320460504,
                1.27045825245236838258,
                0.24178072517745061177,
                0.0227238449892691845833,
                7.7454501427834140764e-4,
            ],
            r,
        ) / poly(
            &[
                1.0,
                2.05319162663775882187,
                1.6763848301838038494,
                0.68976733498510000455,
                0.14810397642748007459,
                0.0151986665636164571966,
                5.475938084995344946e-4,
                1.05075007164441684324e-9,
            ],
            r,
        )
    } else {
        let r = r - 5.0;
        poly(
            &[
                6.6579046435011037772,
                5.4637849111641143699,
                1.7848265399172913358,
                0.29656057182850489123,
                0.026532189526576123093,
                0.0012426609473880784386,
                2.71155556874348757815e-5,
                2.01033439929228813265e-7,
            ],
            r,
        ) / poly(
            &[
                1.0,
                0.59983220655588793769,
                0.13692988092273580531,
                0.0148753612908506148525,
                7.868691311456132591e-4,
                1.8463183175100546818e-5,
                1.4215117583164458887e-7,
                2.04426310338993978564e-15,
            ],
            r,
        )
    };
    if q < 0.0 {
        -value
    } else {
        value
    }
}

/// A polynomial with coefficients from the constant term up, by Horner's rule.
fn poly(coefficients: &[f64], x: f64) -> f64 {
    coefficients.iter().rev().fold(0.0, |acc, c| acc * x + c)
}

/// Student t distribution function with `df` degrees of freedom (`df > 0`).
pub fn pt(t: f64, df: f64) -> f64 {
    if t.is_nan() || df.is_nan() || df <= 0.0 {
        return f64::NAN;
    }
    if t.is_infinite() {
        return if t > 0.0 { 1.0 } else { 0.0 };
    }
    let tail = 0.5 * incomplete_beta(df / 2.0, 0.5, df / (df + t * t));
    if t > 0.0 {
        1.0 - tail
    } else {
        tail
    }
}

/// Two-sided p-value of a t statistic.
pub fn two_sided_t(t: f64, df: f64) -> f64 {
    if t.is_nan() || df.is_nan() || df <= 0.0 {
        return f64::NAN;
    }
    incomplete_beta(df / 2.0, 0.5, df / (df + t * t)).min(1.0)
}

/// Two-sided p-value of a standard normal statistic.
pub fn two_sided_z(z: f64) -> f64 {
    libm::erfc(z.abs() / std::f64::consts::SQRT_2).min(1.0)
}

/// The regularized incomplete beta function `I_x(a, b)`.
pub fn incomplete_beta(a: f64, b: f64, x: f64) -> f64 {
    if x <= 0.0 {
        return 0.0;
    }
    if x >= 1.0 {
        return 1.0;
    }
    let log_front = libm::lgamma(a + b) - libm::lgamma(a) - libm::lgamma(b) + a * x.ln() + b * (1.0 - x).ln();
    // The continued fraction converges fast for x < (a + 1) / (a + b + 2); use symmetry beyond.
    if x < (a + 1.0) / (a + b + 2.0) {
        log_front.exp() * beta_fraction(a, b, x) / a
    } else {
        1.0 - log_front.exp() * beta_fraction(b, a, 1.0 - x) / b
    }
}

/// The continued fraction of the incomplete beta function (modified Lentz).
fn beta_fraction(a: f64, b: f64, x: f64) -> f64 {
    let (qab, qap, qam) = (a + b, a + 1.0, a - 1.0);
    let mut c = 1.0;
    let mut d = 1.0 / nonzero(1.0 - qab * x / qap);
    let mut h = d;
    for m in 1..100_000 {
        let m = f64::from(m);
        let m2 = 2.0 * m;
        h *= lentz_step(m * (b - m) * x / ((qam + m2) * (a + m2)), &mut c, &mut d);
        let delta = lentz_step(-(a + m) * (qab + m) * x / ((a + m2) * (qap + m2)), &mut c, &mut d);
        h *= delta;
        if (delta - 1.0).abs() < 1e-16 {
            break;
        }
    }
    h
}

/// One step of the modified Lentz method with partial numerator `aa`: updates `c` and
/// `d` (kept away from zero) and returns the factor for the running product.
fn lentz_step(aa: f64, c: &mut f64, d: &mut f64) -> f64 {
    *d = 1.0 / nonzero(1.0 + aa * *d);
    *c = nonzero(1.0 + aa / *c);
    *d * *c
}

/// `v`, or a tiny number in its place when it is (nearly) zero, as Lentz's method needs.
fn nonzero(v: f64) -> f64 {
    const TINY: f64 = 1e-300;
    if v.abs() < TINY {
        TINY
    } else {
        v
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64, relative: f64) -> bool {
        (a - b).abs() <= relative * b.abs().max(1e-300)
    }

    #[test]
    #[allow(clippy::excessive_precision)] // R's output, digit for digit
    fn values_from_r() {
        // R: qnorm(0.975), qnorm(0.995), qnorm(1e-10), pnorm(-1.96), pnorm(3)
        assert!(close(qnorm(0.975), 1.959963984540054, 1e-14));
        assert!(close(qnorm(0.995), 2.5758293035488999, 1e-14));
        assert!(close(qnorm(1e-10), -6.361340902404056, 1e-13));
        assert!(close(pnorm(-1.96), 0.024997895148220428, 1e-13));
        assert!(close(pnorm(3.0), 0.9986501019683699, 1e-14));
        // R: 2 * pt(-2.1, 17), 2 * pt(-0.3, 3), 2 * pt(-4, 6000), pt(1.5, 2.5)
        assert!(close(two_sided_t(2.1, 17.0), 0.050959847229134013, 1e-12), "{}", two_sided_t(2.1, 17.0));
        assert!(close(two_sided_t(-0.3, 3.0), 0.78376329203991901, 1e-12));
        assert!(close(two_sided_t(4.0, 6000.0), 6.4104085799861527e-05, 1e-10), "{}", two_sided_t(4.0, 6000.0));
        assert!(close(pt(1.5, 2.5), 0.87608177345685190, 1e-12), "{}", pt(1.5, 2.5));
        // R: 2 * pnorm(-2.5)
        assert!(close(two_sided_z(2.5), 0.01241933065155227, 1e-12));
    }

    #[test]
    fn quantile_inverts_the_distribution() {
        for p in [1e-12, 0.001, 0.2, 0.5, 0.8, 0.999] {
            assert!(close(pnorm(qnorm(p)), p, 1e-12), "{p}");
        }
    }
}
