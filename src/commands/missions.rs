//! `luindex missions`: the definitions, readably.

use std::fmt::Write as _;

use crate::commands::common::DefinitionsArgs;
use crate::definitions::{Definitions, Scale, TabKind};
use crate::exit::Exit;
use crate::output;

const EXAMPLES: &str = "\
Examples:
  luindex missions                          # the built-in Levelling Up 2023 definitions
  luindex missions --missions my.yaml       # check and list your own";

/// List the missions, their questions, weights and scales, and the crosstab questions.
#[derive(Debug, clap::Args)]
#[command(after_help = EXAMPLES)]
pub struct Args {
    #[command(flatten)]
    pub definitions: DefinitionsArgs,
}

pub fn run(args: Args) -> anyhow::Result<Exit> {
    let definitions = args.definitions.load()?;
    output::print(describe(&definitions).as_bytes())?;
    Ok(Exit::Success)
}

/// The listing: missions with their questions, then the scales with their points.
pub fn describe(definitions: &Definitions) -> String {
    let mut out = format!("{} ({})\n", definitions.title, definitions.source);
    for (number, mission) in definitions.missions.iter().enumerate() {
        let total: f64 = mission.questions.iter().map(|q| q.weight).sum();
        let _ = writeln!(out, "\n{}. {} [{}]", number + 1, mission.name, mission.id);
        let width = mission.questions.iter().map(|q| q.column.len()).max().unwrap_or(0);
        for question in &mission.questions {
            let scale = &definitions.scales[question.scale].name;
            let share = 100.0 * question.weight / total;
            let _ =
                write!(out, "   {:<width$}  weight {:<4} ({share:>4.1}%)  {scale}", question.column, question.weight);
            if let Some(text) = &question.text {
                let _ = write!(out, "  \"{text}\"");
            }
            out.push('\n');
        }
    }
    if !definitions.questions.is_empty() {
        out.push_str("\nQuestions for crosstabs (luindex tab -q ID)\n\n");
        for question in &definitions.questions {
            let _ = write!(out, "   {}  {}", question.id, question_summary(definitions, &question.kind));
            if let Some(text) = &question.text {
                let _ = write!(out, "  \"{text}\"");
            }
            out.push('\n');
        }
    }
    out.push_str("\nScales\n");
    for scale in &definitions.scales {
        let _ = writeln!(out, "\n  {}: {}", scale.name, scale_summary(scale));
    }
    out
}

fn scale_summary(scale: &Scale) -> String {
    let mut parts: Vec<String> = Vec::new();
    if let Some(range) = scale.numeric {
        let (low, high) = if range.reverse { ("+200", "-200") } else { ("-200", "+200") };
        parts.push(format!("numbers {} -> {low} .. {} -> {high}", range.min, range.max));
    }
    if scale.scored {
        parts.extend(scale.labels.iter().map(|l| format!("{} {:+}", l.text, l.points)));
    } else {
        parts.extend(scale.labels.iter().map(|l| l.text.clone()));
    }
    if !scale.skip.is_empty() {
        parts.push(format!("skipped: {}", scale.skip.join(", ")));
    }
    let label = |i: &usize| scale.labels[*i].text.as_str();
    if !scale.exclude_from_base.is_empty() {
        let excluded: Vec<&str> = scale.exclude_from_base.iter().map(label).collect();
        parts.push(format!("outside crosstab bases: {}", excluded.join(", ")));
    }
    for net in &scale.nets {
        parts.push(format!("net {} = {}", net.name, net.labels.iter().map(label).collect::<Vec<_>>().join(" + ")));
    }
    if let Some(score) = &scale.net_score {
        let side = |labels: &[usize]| labels.iter().map(label).collect::<Vec<_>>().join(" + ");
        parts.push(format!("{} = % {} - % {}", score.name, side(&score.positive), side(&score.negative)));
    }
    parts.join("; ")
}

fn question_summary(definitions: &Definitions, kind: &TabKind) -> String {
    match kind {
        TabKind::Single { column, scale } => format!("column {column}, scale {}", definitions.scales[*scale].name),
        TabKind::MultiCell { column, delimiter, options } => {
            format!("multi-response: {} options listed in column {column}, separated by `{delimiter}`", options.len())
        }
        TabKind::MultiColumns { options } => {
            let columns: Vec<&str> = options.iter().map(|(_, c)| c.as_str()).collect();
            format!("multi-response: {} options, one column each ({})", options.len(), columns.join(", "))
        }
    }
}
