//! Turns the file model into validated [`Definitions`], collecting every problem.

use serde_saphyr::{Location, Spanned};

use super::file::{
    DefinitionsFile, ListOrMap, MissionDef, NetScoreDef, NumericDef, OrderedMap, QuestionDef, ScaleDef, TabQuestionDef,
};
use super::{
    Definitions, DefinitionsError, Label, Mission, Net, NetScore, NumericRange, Question, Scale, TabKind, TabQuestion,
};
use crate::text::{did_you_mean, quote};

/// Every answer scores within these bounds (the technical note's -200..+200).
pub const MAX_POINTS: f64 = 200.0;
/// What separates the options of a multi-response cell unless `delimiter` says otherwise.
pub const DEFAULT_DELIMITER: &str = ";";

/// One thing wrong with a definitions file.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    /// 1-based line and column, when known.
    pub line: u64,
    pub column: u64,
    pub message: String,
    /// A rendered excerpt of the file, for YAML syntax and type errors.
    pub excerpt: Option<String>,
}

impl Problem {
    fn at(location: Location, message: String) -> Problem {
        Problem { line: location.line(), column: location.column(), message, excerpt: None }
    }

    /// `source:line:column: message`, then the excerpt if any.
    pub fn render(&self, source: &str) -> String {
        let mut out = if self.line > 0 {
            format!("{source}:{}:{}: {}", self.line, self.column, self.message)
        } else {
            format!("{source}: {}", self.message)
        };
        if let Some(excerpt) = &self.excerpt {
            for line in excerpt.lines() {
                out.push_str("\n    ");
                out.push_str(line);
            }
        }
        out
    }
}

pub(super) fn parse_and_validate(yaml: &str, source: &str) -> Result<Definitions, DefinitionsError> {
    let file: DefinitionsFile = serde_saphyr::from_str(yaml)
        .map_err(|err| DefinitionsError { source: source.to_string(), problems: vec![yaml_problem(&err, source)] })?;
    let mut checker = Checker::default();
    let definitions = checker.definitions(file, source);
    if checker.problems.is_empty() {
        Ok(definitions)
    } else {
        Err(DefinitionsError { source: source.to_string(), problems: checker.problems })
    }
}

/// A YAML syntax or type error, with the excerpt serde-saphyr renders under it.
fn yaml_problem(err: &serde_saphyr::Error, source: &str) -> Problem {
    let rendered = err.to_string().replace("<input>", source);
    let mut lines = rendered.lines();
    let first = lines.next().unwrap_or("invalid YAML");
    // The first line repeats the location ("error: line 4 column 5: ..."); keep the message.
    let message = first
        .trim_start_matches("error: ")
        .split_once(": ")
        .filter(|(head, _)| head.starts_with("line "))
        .map_or(first, |(_, rest)| rest)
        .to_string();
    let location = err.location().unwrap_or(Location::UNKNOWN);
    Problem {
        line: location.line(),
        column: location.column(),
        message,
        excerpt: Some(lines.collect::<Vec<_>>().join("\n")).filter(|e| !e.trim().is_empty()),
    }
}

#[derive(Default)]
struct Checker {
    problems: Vec<Problem>,
}

impl Checker {
    fn report(&mut self, location: Location, message: String) {
        self.problems.push(Problem::at(location, message));
    }

    fn definitions(&mut self, file: DefinitionsFile, source: &str) -> Definitions {
        let scales = self.scales(file.scales);
        let missions = self.missions(file.missions, &scales);
        let questions = self.tab_questions(file.questions, &scales, &missions);
        Definitions {
            source: source.to_string(),
            title: file.title.unwrap_or_else(|| "Index".to_string()),
            description: file.description,
            scales,
            missions,
            questions,
        }
    }

    fn scales(&mut self, scales: OrderedMap<ScaleDef>) -> Vec<Scale> {
        scales.0.into_iter().map(|(name, def)| self.scale(name, def)).collect()
    }

    fn scale(&mut self, name: Spanned<String>, def: ScaleDef) -> Scale {
        if def.labels.is_none() && def.numeric.is_none() {
            self.report(
                name.referenced,
                format!("scale {} has neither `labels` nor `numeric`: nothing can score", quote(&name.value)),
            );
        }
        let scored = !matches!(def.labels, Some(ListOrMap::List(_)));
        let labels = match def.labels {
            Some(ListOrMap::Map(labels)) => self.labels(&name.value, labels.0),
            Some(ListOrMap::List(labels)) => self.labels(
                &name.value,
                labels
                    .into_iter()
                    .map(|text| {
                        let at = text.referenced;
                        (text, Spanned::new(0.0, at, at))
                    })
                    .collect(),
            ),
            None => Vec::new(),
        };
        let numeric = def.numeric.and_then(|n| self.numeric(&name.value, n));
        let skip = self.skip_list(&name.value, def.skip, &labels);
        let nets = def.nets.map(|nets| self.nets(&name.value, nets, &labels)).unwrap_or_default();
        let net_score = def.net_score.and_then(|n| self.net_score(&name.value, n, &labels, &nets));
        let exclude_from_base = def
            .exclude_from_base
            .iter()
            .filter_map(|answer| self.label_index(&name.value, "`exclude_from_base`", answer, &labels))
            .collect();
        Scale {
            name: name.value,
            description: def.description,
            labels,
            numeric,
            skip,
            scored,
            nets,
            net_score,
            exclude_from_base,
        }
    }

    /// The index of the label `answer` names, or a problem saying it is not one.
    fn label_index(&mut self, scale: &str, role: &str, answer: &Spanned<String>, labels: &[Label]) -> Option<usize> {
        let wanted = answer.value.trim();
        let found = labels.iter().position(|l| l.text == wanted);
        if found.is_none() {
            self.report(
                answer.referenced,
                format!(
                    "scale {}: {role} names {}, which is not one of its labels{}",
                    quote(scale),
                    quote(wanted),
                    did_you_mean(wanted, labels.iter().map(|l| l.text.as_str()))
                ),
            );
        }
        found
    }

    fn nets(&mut self, scale: &str, nets: OrderedMap<Vec<Spanned<String>>>, labels: &[Label]) -> Vec<Net> {
        let mut out: Vec<Net> = Vec::new();
        for (name, members) in nets.0 {
            let trimmed = name.value.trim().to_string();
            if out.iter().any(|n| n.name == trimmed) || labels.iter().any(|l| l.text == trimmed) {
                self.report(
                    name.referenced,
                    format!("scale {}: net {} repeats the name of a label or net", quote(scale), quote(&trimmed)),
                );
            }
            if members.is_empty() {
                self.report(
                    name.referenced,
                    format!("scale {}: net {} lists no labels", quote(scale), quote(&trimmed)),
                );
            }
            let role = format!("net {}", quote(&trimmed));
            let mut indexes: Vec<usize> =
                members.iter().filter_map(|m| self.label_index(scale, &role, m, labels)).collect();
            indexes.sort_unstable();
            indexes.dedup();
            out.push(Net { name: trimmed, labels: indexes });
        }
        out
    }

    fn net_score(
        &mut self,
        scale: &str,
        def: Spanned<NetScoreDef>,
        labels: &[Label],
        nets: &[Net],
    ) -> Option<NetScore> {
        let NetScoreDef { name, positive, negative } = def.value;
        let mut side = |answer: &Spanned<String>| -> Option<Vec<usize>> {
            let wanted = answer.value.trim();
            if let Some(net) = nets.iter().find(|n| n.name == wanted) {
                return Some(net.labels.clone());
            }
            if let Some(label) = labels.iter().position(|l| l.text == wanted) {
                return Some(vec![label]);
            }
            let known = nets.iter().map(|n| n.name.as_str()).chain(labels.iter().map(|l| l.text.as_str()));
            self.report(
                answer.referenced,
                format!(
                    "scale {}: `net_score` names {}, which is neither a net nor a label{}",
                    quote(scale),
                    quote(wanted),
                    did_you_mean(wanted, known)
                ),
            );
            None
        };
        let (positive_labels, negative_labels) = (side(&positive)?, side(&negative)?);
        let name = name.unwrap_or_else(|| format!("Net: {} minus {}", positive.value.trim(), negative.value.trim()));
        Some(NetScore { name, positive: positive_labels, negative: negative_labels })
    }

    fn labels(&mut self, scale: &str, labels: Vec<(Spanned<String>, Spanned<f64>)>) -> Vec<Label> {
        let mut out: Vec<Label> = Vec::new();
        for (text, points) in labels {
            // Cells are trimmed before matching, so a label must be trimmed to ever match.
            let trimmed = text.value.trim();
            if trimmed.is_empty() {
                self.report(
                    text.referenced,
                    format!(
                        "scale {}: an empty label can never match (a blank cell means \"not asked\")",
                        quote(scale)
                    ),
                );
                continue;
            }
            if out.iter().any(|l| l.text == trimmed) {
                self.report(
                    text.referenced,
                    format!("scale {}: label {} is listed twice", quote(scale), quote(trimmed)),
                );
                continue;
            }
            if !points.value.is_finite() || points.value.abs() > MAX_POINTS {
                self.report(
                    points.referenced,
                    format!(
                        "scale {}, label {}: points must lie in [-200, 200], found {}",
                        quote(scale),
                        quote(trimmed),
                        points.value
                    ),
                );
            }
            out.push(Label { text: trimmed.to_string(), points: points.value });
        }
        out
    }

    fn numeric(&mut self, scale: &str, numeric: Spanned<NumericDef>) -> Option<NumericRange> {
        let NumericDef { min, max, reverse } = numeric.value;
        if !min.value.is_finite() || !max.value.is_finite() {
            self.report(
                numeric.referenced,
                format!("scale {}: numeric `min` and `max` must be finite numbers", quote(scale)),
            );
            return None;
        }
        if min.value >= max.value {
            self.report(
                min.referenced,
                format!(
                    "scale {}: numeric `min` ({}) must be less than `max` ({})",
                    quote(scale),
                    min.value,
                    max.value
                ),
            );
            return None;
        }
        Some(NumericRange { min: min.value, max: max.value, reverse })
    }

    fn skip_list(&mut self, scale: &str, skip: Vec<Spanned<String>>, labels: &[Label]) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for answer in skip {
            let trimmed = answer.value.trim();
            if trimmed.is_empty() {
                self.report(
                    answer.referenced,
                    format!("scale {}: `skip` lists an empty answer (blank cells are always skipped)", quote(scale)),
                );
            } else if labels.iter().any(|l| l.text == trimmed) {
                self.report(
                    answer.referenced,
                    format!("scale {}: {} is both a label and in `skip`", quote(scale), quote(trimmed)),
                );
            } else if !out.iter().any(|s| s == trimmed) {
                out.push(trimmed.to_string());
            }
        }
        out
    }

    fn missions(&mut self, missions: Spanned<Vec<MissionDef>>, scales: &[Scale]) -> Vec<Mission> {
        if missions.value.is_empty() {
            self.report(missions.referenced, "`missions` is empty: define at least one mission".to_string());
        }
        let mut out: Vec<Mission> = Vec::new();
        for def in missions.value {
            let id = def.id.value.trim().to_string();
            if id.is_empty() {
                self.report(def.id.referenced, "a mission has an empty `id`".to_string());
            } else if id == "n" {
                self.report(
                    def.id.referenced,
                    "mission id `n` is reserved for the respondent count column".to_string(),
                );
            } else if out.iter().any(|m| m.id == id) {
                self.report(def.id.referenced, format!("mission id {} is used twice", quote(&id)));
            }
            let questions = self.questions(&id, def.questions, scales);
            out.push(Mission {
                name: def.name.unwrap_or_else(|| id.clone()),
                id,
                description: def.description,
                questions,
            });
        }
        out
    }

    fn questions(&mut self, mission: &str, questions: Spanned<Vec<QuestionDef>>, scales: &[Scale]) -> Vec<Question> {
        if questions.value.is_empty() {
            self.report(questions.referenced, format!("mission {} has no questions", quote(mission)));
        }
        let mut out: Vec<Question> = Vec::new();
        for def in questions.value {
            let column = def.column.value.trim().to_string();
            let context = format!("mission {}, question {}", quote(mission), quote(&column));
            if column.is_empty() {
                self.report(
                    def.column.referenced,
                    format!("mission {}: a question has an empty `column`", quote(mission)),
                );
            } else if out.iter().any(|q| q.column == column) {
                self.report(def.column.referenced, format!("{context}: the column is listed twice in this mission"));
            }
            let scale = self.scale_named(&context, &def.scale, scales);
            if let Some(unscored) = scale.map(|s| &scales[s]).filter(|s| !s.scored) {
                self.report(
                    def.scale.referenced,
                    format!(
                        "{context}: scale {} lists its labels without points, so it cannot score a mission",
                        quote(&unscored.name)
                    ),
                );
            }
            let weight = match def.weight {
                None => 1.0,
                Some(w) if w.value.is_finite() && w.value > 0.0 => w.value,
                Some(w) => {
                    self.report(
                        w.referenced,
                        format!("{context}: weight must be a finite number > 0, found {}", w.value),
                    );
                    1.0
                }
            };
            out.push(Question { column, scale: scale.unwrap_or(0), weight, text: def.text });
        }
        out
    }

    /// The index of the scale `name` names, or a problem with a suggestion.
    fn scale_named(&mut self, context: &str, name: &Spanned<String>, scales: &[Scale]) -> Option<usize> {
        let scale = scales.iter().position(|s| s.name == name.value);
        if scale.is_none() {
            let known = scales.iter().map(|s| s.name.as_str());
            self.report(
                name.referenced,
                format!("{context}: unknown scale {}{}", quote(&name.value), did_you_mean(&name.value, known)),
            );
        }
        scale
    }

    fn tab_questions(&mut self, defs: Vec<TabQuestionDef>, scales: &[Scale], missions: &[Mission]) -> Vec<TabQuestion> {
        let mut out: Vec<TabQuestion> = Vec::new();
        for def in defs {
            let Some((question, at)) = self.tab_question(def, scales) else { continue };
            if out.iter().any(|q| q.id == question.id) {
                self.report(at, format!("question {} is defined twice", quote(&question.id)));
                continue;
            }
            if missions.iter().flat_map(|m| &m.questions).any(|q| q.column == question.id) {
                self.report(
                    at,
                    format!(
                        "question {} is a mission's column: `luindex tab -q {}` already tabulates it on its scale",
                        quote(&question.id),
                        question.id
                    ),
                );
                continue;
            }
            out.push(question);
        }
        out
    }

    /// One question, and where it is named (for problems found later).
    fn tab_question(&mut self, def: TabQuestionDef, scales: &[Scale]) -> Option<(TabQuestion, Location)> {
        let TabQuestionDef { id, column, scale, text, options, delimiter } = def;
        let named = id.as_ref().or(column.as_ref()).map(|s| s.value.trim().to_string()).unwrap_or_default();
        let context = format!("question {}", quote(&named));
        let Some(anchor) = id.as_ref().or(column.as_ref()).map(|s| s.referenced) else {
            let at = options.as_ref().map_or(Location::UNKNOWN, |o| o.referenced);
            self.report(at, "a question needs an `id` or a `column`".to_string());
            return None;
        };
        if named.is_empty() {
            self.report(anchor, "a question has an empty `id` or `column`".to_string());
            return None;
        }
        let column = column.map(|c| c.value.trim().to_string());
        let kind = match (column, scale, options) {
            (Some(column), Some(scale), None) => {
                if let Some(d) = &delimiter {
                    self.report(
                        d.referenced,
                        format!("{context}: `delimiter` applies only to multi-response `options`"),
                    );
                }
                TabKind::Single { column, scale: self.scale_named(&context, &scale, scales)? }
            }
            (_, Some(scale), Some(_)) => {
                self.report(scale.referenced, format!("{context}: give either a `scale` or `options`, not both"));
                return None;
            }
            (Some(column), None, Some(options)) => {
                let ListOrMap::List(listed) = options.value else {
                    self.report(
                        options.referenced,
                        format!(
                            "{context}: with a `column`, `options` lists the labels its cells hold; \
                             `{{label: column}}` (one column per option) goes without `column`"
                        ),
                    );
                    return None;
                };
                let delimiter = match delimiter {
                    Some(d) if d.value.is_empty() => {
                        self.report(d.referenced, format!("{context}: `delimiter` is empty"));
                        return None;
                    }
                    Some(d) => d.value,
                    None => DEFAULT_DELIMITER.to_string(),
                };
                let labels = self.option_labels(&context, options.referenced, &listed)?;
                for (label, at) in labels.iter().zip(&listed) {
                    if label.contains(delimiter.as_str()) {
                        self.report(
                            at.referenced,
                            format!("{context}: option {} contains the delimiter {}", quote(label), quote(&delimiter)),
                        );
                    }
                }
                TabKind::MultiCell { column, delimiter, options: labels }
            }
            (None, None, Some(options)) => {
                let ListOrMap::Map(pairs) = options.value else {
                    self.report(
                        options.referenced,
                        format!(
                            "{context}: without a `column`, `options` maps each option to its own column \
                             (`{{label: column}}`); a list of labels needs the `column` holding them"
                        ),
                    );
                    return None;
                };
                if let Some(d) = &delimiter {
                    self.report(d.referenced, format!("{context}: `delimiter` needs a `column` holding the options"));
                }
                let keys: Vec<Spanned<String>> = pairs.0.iter().map(|(label, _)| label.clone()).collect();
                let labels = self.option_labels(&context, options.referenced, &keys)?;
                let mut columns: Vec<String> = Vec::new();
                for (_, column) in &pairs.0 {
                    let name = column.value.trim().to_string();
                    if name.is_empty() {
                        self.report(column.referenced, format!("{context}: an option has an empty column"));
                    } else if columns.contains(&name) {
                        self.report(column.referenced, format!("{context}: column {} holds two options", quote(&name)));
                    }
                    columns.push(name);
                }
                TabKind::MultiColumns { options: labels.into_iter().zip(columns).collect() }
            }
            (None, _, None) | (Some(_), None, None) => {
                self.report(
                    anchor,
                    format!(
                        "{context}: give a `column` and its `scale`, or multi-response `options` \
                         (labels, with the `column` holding them; or `{{label: column}}`, one column each)"
                    ),
                );
                return None;
            }
        };
        Some((TabQuestion { id: named, text, kind }, anchor))
    }

    /// The trimmed labels of a multi-response question's options: at least one, none
    /// empty, none twice.
    fn option_labels(&mut self, context: &str, at: Location, options: &[Spanned<String>]) -> Option<Vec<String>> {
        if options.is_empty() {
            self.report(at, format!("{context}: `options` is empty"));
            return None;
        }
        let labels: Vec<String> = options.iter().map(|o| o.value.trim().to_string()).collect();
        for (i, (label, option)) in labels.iter().zip(options).enumerate() {
            if label.is_empty() {
                self.report(option.referenced, format!("{context}: an option has an empty label"));
            } else if labels[..i].contains(label) {
                self.report(option.referenced, format!("{context}: option {} is listed twice", quote(label)));
            }
        }
        Some(labels)
    }
}

#[cfg(test)]
mod tests {
    use super::super::Definitions;

    fn problems(yaml: &str) -> Vec<String> {
        match Definitions::from_yaml(yaml, "m.yaml") {
            Ok(_) => vec![],
            Err(e) => e.problems.iter().map(|p| p.render("m.yaml")).collect(),
        }
    }

    const SCALE: &str = "scales:\n  sat:\n    labels: {Good: 100, Bad: -100}\n";

    #[test]
    fn a_minimal_file_is_valid() {
        let defs = Definitions::from_yaml(
            &format!("{SCALE}missions:\n  - id: m\n    questions:\n      - {{column: q1, scale: sat, weight: 2}}\n"),
            "m.yaml",
        )
        .unwrap();
        assert_eq!(defs.missions[0].questions[0].weight, 2.0);
        assert_eq!(defs.missions[0].name, "m");
        assert_eq!(defs.scales[0].labels[1].points, -100.0);
    }

    #[test]
    fn every_problem_is_reported_with_its_line() {
        let yaml = "scales:
  sat:
    labels: {Good: 300, Bad: -100}
  num:
    numeric: {min: 10, max: 0}
missions:
  - id: m
    questions:
      - {column: q1, scale: sta}
      - {column: q2, scale: sat, weight: 0}
  - id: m
    questions: []
";
        assert_eq!(
            problems(yaml),
            [
                "m.yaml:3:20: scale `sat`, label `Good`: points must lie in [-200, 200], found 300",
                "m.yaml:5:20: scale `num`: numeric `min` (10) must be less than `max` (0)",
                "m.yaml:9:29: mission `m`, question `q1`: unknown scale `sta` (did you mean `sat`?)",
                "m.yaml:10:42: mission `m`, question `q2`: weight must be a finite number > 0, found 0",
                "m.yaml:11:9: mission id `m` is used twice",
                "m.yaml:12:16: mission `m` has no questions",
            ]
        );
    }

    #[test]
    fn unknown_keys_are_rejected_with_an_excerpt() {
        let errs = problems(&format!("{SCALE}missions:\n  - id: m\n    qestions: []\n"));
        assert_eq!(errs.len(), 1);
        assert!(errs[0].starts_with("m.yaml:6:5: unknown field `qestions`"), "{}", errs[0]);
        assert!(errs[0].contains("qestions: []"), "{}", errs[0]);
    }

    #[test]
    fn duplicate_labels_and_skip_overlaps_are_rejected() {
        let yaml = "scales:
  sat:
    labels: {Good: 100, ' Good ': 50}
    skip: [Good, '']
missions:
  - id: m
    questions: [{column: q, scale: sat}]
";
        let errs = problems(yaml);
        assert_eq!(errs.len(), 3, "{errs:?}");
        assert!(errs[0].contains("label `Good` is listed twice"));
        assert!(errs[1].contains("`Good` is both a label and in `skip`"));
        assert!(errs[2].contains("`skip` lists an empty answer"));
    }
}
