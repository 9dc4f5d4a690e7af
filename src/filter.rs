//! `--where COL=VALUE` and `COL!=VALUE` row filters.
//!
//! Conditions on different columns must all hold; several `=` conditions on the same
//! column mean "any of these values" (`--where region=London --where "region=South East"`).

use crate::input::Header;
use crate::UsageError;

/// One condition as typed on the command line.
#[derive(Debug, Clone, PartialEq)]
pub struct Condition {
    pub column: String,
    pub value: String,
    pub negated: bool,
}

impl std::str::FromStr for Condition {
    type Err = String;

    fn from_str(text: &str) -> Result<Condition, String> {
        let (column, value, negated) = match text.split_once("!=") {
            Some((c, v)) => (c, v, true),
            None => match text.split_once('=') {
                Some((c, v)) => (c, v, false),
                None => return Err(format!("expected COLUMN=VALUE or COLUMN!=VALUE, found `{text}`")),
            },
        };
        let column = column.trim();
        if column.is_empty() {
            return Err(format!("the column name is missing in `{text}` (expected COLUMN=VALUE)"));
        }
        Ok(Condition { column: column.to_string(), value: value.trim().to_string(), negated })
    }
}

/// Conditions resolved to column indexes, grouped by column.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    columns: Vec<ColumnTest>,
}

#[derive(Debug, Clone)]
struct ColumnTest {
    column: usize,
    /// The cell must equal one of these (when not empty)...
    any_of: Vec<Vec<u8>>,
    /// ...and none of these.
    none_of: Vec<Vec<u8>>,
}

impl Filter {
    pub fn bind(conditions: &[Condition], header: &Header) -> Result<Filter, UsageError> {
        let mut columns: Vec<ColumnTest> = Vec::new();
        for condition in conditions {
            let column = header.find(&condition.column, "--where").map_err(UsageError)?;
            let test = match columns.iter_mut().find(|t| t.column == column) {
                Some(test) => test,
                None => {
                    columns.push(ColumnTest { column, any_of: vec![], none_of: vec![] });
                    columns.last_mut().expect("just pushed")
                }
            };
            let value = condition.value.as_bytes().to_vec();
            if condition.negated {
                test.none_of.push(value);
            } else {
                test.any_of.push(value);
            }
        }
        Ok(Filter { columns })
    }

    /// Whether a row passes (cells compare trimmed, exactly).
    pub fn accepts<R: crate::records::Row>(&self, record: &R) -> bool {
        self.columns.iter().all(|test| {
            let cell = record.get(test.column).unwrap_or_default().trim_ascii();
            (test.any_of.is_empty() || test.any_of.iter().any(|v| v == cell)) && !test.none_of.iter().any(|v| v == cell)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conditions_parse() {
        let c: Condition = "region=South East".parse().unwrap();
        assert_eq!((c.column.as_str(), c.value.as_str(), c.negated), ("region", "South East", false));
        let c: Condition = "nation!=England".parse().unwrap();
        assert!(c.negated);
        let c: Condition = "note=a=b".parse().unwrap();
        assert_eq!(c.value, "a=b");
        assert!("region".parse::<Condition>().is_err());
        assert!("=London".parse::<Condition>().is_err());
    }

    #[test]
    fn same_column_values_are_alternatives() {
        let header = Header { source: "f".into(), names: vec!["region".into(), "nation".into()] };
        let conditions: Vec<Condition> =
            ["region=London", "region=Wales", "nation!=Scotland"].iter().map(|c| c.parse().unwrap()).collect();
        let filter = Filter::bind(&conditions, &header).unwrap();
        let row = |r: &str, n: &str| csv::ByteRecord::from(vec![r, n]);
        assert!(filter.accepts(&row("London", "England")));
        assert!(filter.accepts(&row(" Wales ", "Wales")));
        assert!(!filter.accepts(&row("North East", "England")));
        assert!(!filter.accepts(&row("London", "Scotland")));
    }
}
