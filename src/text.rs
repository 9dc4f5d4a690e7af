//! Small helpers for messages people read: quoting, plurals, suggestions, natural order.

use std::cmp::Ordering;

/// Wraps a name in backticks, as every message quotes names.
pub fn quote(name: &str) -> String {
    format!("`{name}`")
}

/// "1 problem", "3 problems".
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// " (did you mean `x`?)" for the closest candidate within a small edit distance, else "".
pub fn did_you_mean<'a>(wanted: &str, candidates: impl IntoIterator<Item = &'a str>) -> String {
    let wanted_lower = wanted.to_lowercase();
    let best =
        candidates.into_iter().map(|c| (edit_distance(&wanted_lower, &c.to_lowercase()), c)).min_by_key(|(d, _)| *d);
    match best {
        Some((d, c)) if d <= wanted.chars().count().div_ceil(3) => format!(" (did you mean {}?)", quote(c)),
        _ => String::new(),
    }
}

/// Edit distance over characters, counting an adjacent swap as one edit
/// (optimal string alignment), since swapped letters are the commonest typo.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            d[i][j] = (d[i - 1][j] + 1).min(d[i][j - 1] + 1).min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d[i][j] = d[i][j].min(d[i - 2][j - 2] + 1);
            }
        }
    }
    d[a.len()][b.len()]
}

/// Natural order: runs of digits compare as numbers, so "2" < "10" and "Q2" < "Q10".
pub fn natural_cmp(a: &str, b: &str) -> Ordering {
    let (mut a, mut b) = (a, b);
    loop {
        match (a.chars().next(), b.chars().next()) {
            (None, None) => return Ordering::Equal,
            (None, Some(_)) => return Ordering::Less,
            (Some(_), None) => return Ordering::Greater,
            (Some(x), Some(y)) if x.is_ascii_digit() && y.is_ascii_digit() => {
                let (na, ra) = split_digits(a);
                let (nb, rb) = split_digits(b);
                let ordering = compare_digit_runs(na, nb);
                if ordering != Ordering::Equal {
                    return ordering;
                }
                (a, b) = (ra, rb);
            }
            (Some(x), Some(y)) => {
                if x != y {
                    return x.cmp(&y);
                }
                (a, b) = (&a[x.len_utf8()..], &b[y.len_utf8()..]);
            }
        }
    }
}

fn split_digits(s: &str) -> (&str, &str) {
    let end = s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len());
    s.split_at(end)
}

/// Compares digit runs by value without overflow: fewer significant digits is smaller.
fn compare_digit_runs(a: &str, b: &str) -> Ordering {
    let a_significant = a.trim_start_matches('0');
    let b_significant = b.trim_start_matches('0');
    a_significant
        .len()
        .cmp(&b_significant.len())
        .then_with(|| a_significant.cmp(b_significant))
        .then_with(|| a.len().cmp(&b.len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn natural_order_compares_numbers_as_numbers() {
        let mut v = vec!["10", "2", "1", "Q10", "Q2", "London", "East", "007", "7"];
        v.sort_by(|a, b| natural_cmp(a, b));
        assert_eq!(v, ["1", "2", "7", "007", "10", "East", "London", "Q2", "Q10"]);
    }

    #[test]
    fn suggestions_need_a_close_match() {
        assert_eq!(did_you_mean("satisfction", ["satisfaction", "agree"]), " (did you mean `satisfaction`?)");
        assert_eq!(did_you_mean("zzz", ["satisfaction"]), "");
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("sta", "sat"), 1);
        assert_eq!(did_you_mean("sta", ["sat"]), " (did you mean `sat`?)");
        assert_eq!(did_you_mean("wt", ["id"]), "");
    }

    #[test]
    fn plurals() {
        assert_eq!(count(1, "row", "rows"), "1 row");
        assert_eq!(count(2, "row", "rows"), "2 rows");
    }
}
