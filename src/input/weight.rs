//! Weights read from files, and the rule that turns a scene into a weight.
//!
//! A weight is what a shared scene (or an edge-list row) adds to a tie. It
//! is 0 or a number between [`MIN_WEIGHT`] and [`MAX_WEIGHT`]: 1/weight is a
//! path length and must stay an ordinary finite number, and sums of billions
//! of weights must stay finite. `parse_weight` is the one parser of weight
//! fields (a scene file's weight column, an edge list's `Weight`), so both
//! refuse the same values with the same words.

use std::path::Path;

use crate::error::{Error, Result};

/// The smallest positive weight a scene or row may carry.
pub const MIN_WEIGHT: f64 = 1e-100;
/// The largest weight a scene or row may carry.
pub const MAX_WEIGHT: f64 = 1e100;

/// What a shared scene adds to a tie's weight.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum WeightRule {
    /// +1 per shared scene (an edge list: the row's own `Weight`).
    #[default]
    Scenes,
    /// The scene row's value in this column (duration, lines spoken...): a
    /// non-negative number.
    Column(String),
    /// 1/(k−1) for a scene of k characters (Newman 2001), so that crowd
    /// scenes do not dominate.
    Newman,
}

impl WeightRule {
    /// Parses `scenes`, `newman` or `column:NAME` (the form [`describe`](Self::describe) writes).
    pub fn parse(s: &str) -> std::result::Result<WeightRule, String> {
        match s.trim() {
            "scenes" => Ok(WeightRule::Scenes),
            "newman" => Ok(WeightRule::Newman),
            other => match other.strip_prefix("column:") {
                Some(name) if !name.trim().is_empty() => Ok(WeightRule::Column(name.trim().to_string())),
                _ => Err(format!(
                    "unknown weighting `{other}` (choose scenes, newman or column:NAME)"
                )),
            },
        }
    }

    /// The rule as text: `scenes`, `newman` or `column:NAME`.
    pub fn describe(&self) -> String {
        match self {
            WeightRule::Scenes => "scenes".to_string(),
            WeightRule::Newman => "newman".to_string(),
            WeightRule::Column(c) => format!("column:{c}"),
        }
    }

    /// What a tie's weight means under this rule, in words.
    pub fn meaning(&self) -> String {
        match self {
            WeightRule::Scenes => "shared scenes".to_string(),
            WeightRule::Newman => "Newman weight: 1/(k−1) per shared scene of k characters".to_string(),
            WeightRule::Column(column) => format!("sum of `{column}` over shared scenes"),
        }
    }
}

/// True for a weight a scene or row may carry: 0, or between
/// [`MIN_WEIGHT`] and [`MAX_WEIGHT`].
pub fn weight_ok(w: f64) -> bool {
    w == 0.0 || (MIN_WEIGHT..=MAX_WEIGHT).contains(&w)
}

/// The hint of an out-of-range weight.
const RANGE_HINT: &str = "a weight is 0 or a number between 1e-100 and 1e100";

/// The hint of a field that is not a number.
pub(crate) const NUMBER_HINT: &str = "write a number such as 2 or 1.5, with a decimal point and no units";

/// A weight read from a file: 0, or between [`MIN_WEIGHT`] and
/// [`MAX_WEIGHT`].
///
/// # Errors
/// Names the field and its verb as `subject()` gives them (``weight column
/// `minutes` ``, `holds`), then the raw text; `subject` is called only on
/// error, since this runs for every scene. `empty_hint` is the hint for an
/// empty field.
pub(crate) fn parse_weight(
    path: &Path,
    line: u64,
    subject: impl FnOnce() -> (String, &'static str),
    raw: &str,
    empty_hint: &'static str,
) -> Result<f64> {
    let parsed = raw.parse::<f64>();
    if let Ok(w) = parsed
        && weight_ok(w)
    {
        return Ok(w);
    }
    let (subject, verb) = subject();
    let (problem, hint) = match parsed {
        Ok(w) if w.is_finite() && w > 0.0 => (format!("{subject} {verb} `{raw}`, out of range"), RANGE_HINT),
        Ok(_) => (
            format!("{subject} {verb} `{raw}`, not a non-negative number"),
            "weights must be finite and 0 or more",
        ),
        Err(_) if raw.is_empty() => (format!("{subject} is empty"), empty_hint),
        Err(_) => (format!("{subject} {verb} `{raw}`, not a number"), NUMBER_HINT),
    };
    Err(Error::data(path, Some(line), problem).with_hint(hint))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_read_back_from_their_description() {
        for rule in [
            WeightRule::Scenes,
            WeightRule::Newman,
            WeightRule::Column("minutes".into()),
        ] {
            assert_eq!(WeightRule::parse(&rule.describe()), Ok(rule));
        }
        assert!(WeightRule::parse("column:").is_err());
    }

    #[test]
    fn weights_are_zero_or_in_range() {
        let p = Path::new("w.csv");
        let parse = |raw: &str| parse_weight(p, 2, || ("the field".to_string(), "is"), raw, "fill it");
        assert_eq!(parse("0").unwrap(), 0.0);
        assert_eq!(parse("1.5").unwrap(), 1.5);
        for bad in ["1e-200", "1e200", "-1", "inf", "NaN", "x", ""] {
            assert!(parse(bad).is_err(), "{bad}");
        }
    }
}
