//! Synthetic survey responses for any definitions: demographics from a profile
//! (`profile.rs`, `population.rs`), answers around per-group targets (`answers.rs`),
//! calibrated so that small samples land on the published figures.
//!
//! Every respondent has their own random stream, so a file is the same whatever the
//! number of threads, and recalibration moves answers without reshuffling anyone.

mod answers;
pub mod population;
pub mod profile;
mod questions;
pub mod rng;

use std::io::Write;

use answers::{Cell, ColumnModel};
use population::{Frame, Person};
use profile::Profile;
use questions::{Generated, QuestionModel};
use rng::Rng;

use crate::definitions::Definitions;

/// Spread of the latent levels, in points: a person's general outlook, their view of one
/// mission, and one answer's noise.
const PERSON_SD: f64 = 35.0;
const MISSION_SD: f64 = 45.0;
const ANSWER_SD: f64 = 70.0;
/// Samples up to this size are calibrated onto the targets; larger ones hit them anyway
/// (their sampling error is far below a point).
pub const CALIBRATE_UP_TO: usize = 200_000;

/// The demographic columns every simulated file starts with.
pub const FRAME_COLUMNS: [&str; 9] =
    ["id", "nation", "region", "imd_quintile", "urban_rural", "ons_supergroup", "stratum", "psu", "weight"];

/// A configured generator.
pub struct Simulation {
    definitions: Definitions,
    profile: Profile,
    frame: Frame,
    columns: Vec<ColumnModel>,
    /// The tabulated questions no mission scores.
    questions: Vec<QuestionModel>,
    /// Per supergroup and mission: the level respondents are drawn around.
    levels: Vec<Vec<f64>>,
    seed: u64,
}

/// One generated respondent.
pub struct Respondent {
    pub person: Person,
    pub cells: Vec<Cell>,
    pub points: Vec<Option<f64>>,
    /// Answers to the tabulated questions.
    pub answers: Vec<Generated>,
}

impl Simulation {
    pub fn new(definitions: Definitions, profile: Profile, rows: usize, seed: u64) -> Simulation {
        let frame = Frame::new(&profile, rows, seed);
        let columns = definitions
            .columns()
            .into_iter()
            .map(|column| {
                let missions: Vec<usize> = definitions
                    .missions
                    .iter()
                    .enumerate()
                    .filter(|(_, m)| m.questions.iter().any(|q| q.column == column))
                    .map(|(i, _)| i)
                    .collect();
                let question = definitions.missions[missions[0]].questions.iter().find(|q| q.column == column);
                let scale = definitions.scale_of(question.expect("column comes from a question"));
                ColumnModel::new(column, scale, missions, profile.asked_share(column))
            })
            .collect();
        let levels = frame
            .supergroups
            .iter()
            .enumerate()
            .map(|(g, group)| {
                definitions
                    .missions
                    .iter()
                    .map(|m| profile.target(group, &m.id).unwrap_or_else(|| fallback_level(seed, g, &m.id)))
                    .collect()
            })
            .collect();
        let questions = QuestionModel::all(&definitions, &profile, &frame.regions);
        Simulation { definitions, profile, frame, columns, questions, levels, seed }
    }

    pub fn rows(&self) -> usize {
        self.frame.cells.len()
    }

    /// Respondent `i`, drawn from their own stream.
    pub fn respondent(&self, i: usize) -> Respondent {
        let mut rng = Rng::stream(self.seed, i as u64);
        let person = self.frame.person(i, &mut rng);
        let outlook = PERSON_SD * rng.normal();
        let mission_levels: Vec<f64> =
            self.levels[person.supergroup].iter().map(|level| level + outlook + MISSION_SD * rng.normal()).collect();
        let (mut cells, mut points) = (Vec::with_capacity(self.columns.len()), Vec::with_capacity(self.columns.len()));
        for column in &self.columns {
            let level = column.missions.iter().map(|&m| mission_levels[m]).sum::<f64>() / column.missions.len() as f64;
            let level = level + ANSWER_SD * rng.normal();
            let (cell, score) = column.answer(level, self.profile.dont_know, self.profile.prefer_not_to_say, &mut rng);
            cells.push(cell);
            points.push(score);
        }
        let answers = self.questions.iter().map(|q| q.generate(person.region, &mut rng)).collect();
        Respondent { person, cells, points, answers }
    }

    /// Moves each supergroup's levels until its weighted indexes equal the targets
    /// (within `tolerance` points); returns the largest remaining gap.
    pub fn calibrate(&mut self, tolerance: f64, max_rounds: usize) -> f64 {
        let mut worst = f64::INFINITY;
        for _ in 0..max_rounds {
            let achieved = self.group_indexes();
            worst = 0.0;
            for (g, group) in self.frame.supergroups.iter().enumerate() {
                for (m, mission) in self.definitions.missions.iter().enumerate() {
                    let (Some(target), Some(got)) = (self.profile.target(group, &mission.id), achieved[g][m]) else {
                        continue;
                    };
                    let gap = target - got;
                    worst = f64::max(worst, gap.abs());
                    self.levels[g][m] += gap;
                }
            }
            if worst <= tolerance {
                break;
            }
        }
        worst
    }

    /// The weighted index of every supergroup and mission, computed from the generated points.
    fn group_indexes(&self) -> Vec<Vec<Option<f64>>> {
        let (groups, missions) = (self.frame.supergroups.len(), self.definitions.missions.len());
        let mut sums = vec![vec![(0.0, 0.0); missions]; groups];
        let column_of = |name: &str| self.columns.iter().position(|c| c.column == name).expect("known column");
        let mission_columns: Vec<Vec<(usize, f64)>> = self
            .definitions
            .missions
            .iter()
            .map(|m| m.questions.iter().map(|q| (column_of(&q.column), q.weight)).collect())
            .collect();
        for i in 0..self.rows() {
            let r = self.respondent(i);
            for (m, questions) in mission_columns.iter().enumerate() {
                let index = crate::scoring::weighted_index(questions.iter().map(|&(c, w)| (w, r.points[c])));
                if let Some(index) = index {
                    let slot = &mut sums[r.person.supergroup][m];
                    slot.0 += r.person.weight;
                    slot.1 += r.person.weight * index;
                }
            }
        }
        sums.into_iter().map(|row| row.into_iter().map(|(w, wy)| (w > 0.0).then(|| wy / w)).collect()).collect()
    }

    /// Writes the whole file as CSV: the frame columns, one column per mission question
    /// column, then the tabulated questions' columns.
    pub fn write_csv(&self, out: impl Write) -> anyhow::Result<()> {
        let mut writer = csv::WriterBuilder::new().buffer_capacity(1 << 20).from_writer(out);
        let names = FRAME_COLUMNS
            .iter()
            .copied()
            .chain(self.columns.iter().map(|c| c.column.as_str()))
            .chain(self.questions.iter().flat_map(QuestionModel::columns));
        writer.write_record(names)?;
        let mut number = ryu::Buffer::new();
        for i in 0..self.rows() {
            let r = self.respondent(i);
            let p = r.person;
            let region = &self.frame.regions[p.region];
            writer.write_field(format!("R{:07}", i + 1))?;
            writer.write_field(&region.nation)?;
            writer.write_field(&region.name)?;
            writer.write_field(p.imd_quintile.to_string())?;
            writer.write_field(if p.rural { "Rural" } else { "Urban" })?;
            writer.write_field(&self.frame.supergroups[p.supergroup])?;
            writer.write_field(&region.name)?;
            writer.write_field(format!("R{:02}-{:03}", p.region + 1, p.psu))?;
            writer.write_field(format!("{:.6}", p.weight))?;
            for (cell, column) in r.cells.iter().zip(&self.columns) {
                match cell {
                    Cell::Blank => writer.write_field(b"")?,
                    Cell::Label(l) => writer.write_field(&column.scale.labels[*l].text)?,
                    Cell::Skip(s) => writer.write_field(&column.scale.skip[*s])?,
                    Cell::Number(x) => writer.write_field(number.format(*x).trim_end_matches(".0"))?,
                }
            }
            for (question, answer) in self.questions.iter().zip(&r.answers) {
                for cell in question.cells(answer) {
                    writer.write_field(cell)?;
                }
            }
            writer.write_record(None::<&[u8]>)?;
        }
        writer.flush()?;
        Ok(())
    }
}

/// A level for a mission the profile has no target for: a fixed per-group offset
/// around zero, so that groups still differ.
fn fallback_level(seed: u64, group: usize, mission: &str) -> f64 {
    let hash = mission.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3));
    (Rng::stream(seed ^ hash, group as u64).uniform() - 0.5) * 80.0
}
