//! Streaming sums for design-based standard errors: mergeable, in memory that grows with
//! groups x sampling units, never with respondents.
//!
//! The Taylor-linearised variance of a domain mean needs, per stratum, the totals of the
//! scores `z_i = w_i (y_i - mean) / W` over each PSU. The mean is only known at the end,
//! so each PSU keeps `a = sum(w y)` and `b = sum(w)`, and `z_PSU = (a - mean b) / W`.
//! Without PSUs every respondent is its own PSU: each stratum then keeps the sums of
//! `w^2`, `w^2 y` and `w^2 y^2`, which give `sum(z_i^2)` in closed form.

use std::collections::HashMap;

use crate::hash::FastHash;

use crate::aggregate::encode_key;

/// Sums over one sampling unit (a PSU, or a stratum when there are no PSUs), for one
/// domain and mission.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct UnitSums {
    /// sum(w y)
    pub a: f64,
    /// sum(w)
    pub b: f64,
    /// sum(w^2), sum(w^2 y), sum(w^2 y^2): used when units are strata.
    pub c0: f64,
    pub c1: f64,
    pub c2: f64,
    /// Respondents with a value and a weight above zero.
    pub positive: u64,
}

impl UnitSums {
    fn add(&mut self, w: f64, y: f64) {
        self.a += w * y;
        self.b += w;
        self.c0 += w * w;
        self.c1 += w * w * y;
        self.c2 += w * w * y * y;
        self.positive += u64::from(w > 0.0);
    }

    fn merge(&mut self, o: &UnitSums) {
        self.a += o.a;
        self.b += o.b;
        self.c0 += o.c0;
        self.c1 += o.c1;
        self.c2 += o.c2;
        self.positive += o.positive;
    }

    /// The same sums for the respondents in `self` but not in `part` (self minus part).
    pub fn minus(&self, part: &UnitSums) -> UnitSums {
        UnitSums {
            a: self.a - part.a,
            b: self.b - part.b,
            c0: self.c0 - part.c0,
            c1: self.c1 - part.c1,
            c2: self.c2 - part.c2,
            positive: self.positive - part.positive,
        }
    }
}

/// Whole-domain sums for one mission.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct MissionSums {
    pub n: u64,
    pub sum_w: f64,
    pub sum_wy: f64,
    pub sum_w2: f64,
}

/// Everything kept for one domain (the total, or a group).
///
/// Unit sums are stored only for the units the domain has respondents in, in order of
/// first appearance, found through a dense unit-id index (no hashing on the hot path).
#[derive(Debug, Clone, Default)]
pub struct Domain {
    pub respondents: u64,
    pub missions: Vec<MissionSums>,
    /// Per unit id: its slot + 1, or 0 when the domain has no respondent in it.
    slots: Vec<u32>,
    /// Per slot: the unit id.
    units: Vec<u32>,
    /// Per slot, one `UnitSums` per mission.
    sums: Vec<UnitSums>,
}

impl crate::aggregate::PerMission for Domain {
    fn for_missions(missions: usize) -> Domain {
        Domain::new(missions)
    }
}

impl Domain {
    pub fn new(missions: usize) -> Domain {
        Domain { missions: vec![MissionSums::default(); missions], ..Domain::default() }
    }

    fn slot(&mut self, unit: u32) -> usize {
        let u = unit as usize;
        if u >= self.slots.len() {
            self.slots.resize(u + 1, 0);
        }
        if self.slots[u] == 0 {
            self.units.push(unit);
            self.sums.resize(self.sums.len() + self.missions.len(), UnitSums::default());
            self.slots[u] = self.units.len() as u32;
        }
        self.slots[u] as usize - 1
    }

    /// Adds a respondent of `unit` with weight `w` and their mission indexes.
    pub fn add(&mut self, unit: u32, w: f64, indexes: &[Option<f64>]) {
        self.respondents += 1;
        let k = self.missions.len();
        let slot = self.slot(unit);
        let sums = &mut self.sums[slot * k..(slot + 1) * k];
        for ((m, u), index) in self.missions.iter_mut().zip(sums).zip(indexes) {
            if let Some(y) = *index {
                m.n += 1;
                m.sum_w += w;
                m.sum_wy += w * y;
                m.sum_w2 += w * w;
                u.add(w, y);
            }
        }
    }

    /// The units this domain has respondents in, with their per-mission sums.
    pub fn unit_sums(&self) -> impl Iterator<Item = (u32, &[UnitSums])> {
        self.units.iter().copied().zip(self.sums.chunks_exact(self.missions.len().max(1)))
    }

    /// One unit's per-mission sums, if the domain has respondents in it.
    pub fn get(&self, unit: u32) -> Option<&[UnitSums]> {
        let slot = *self.slots.get(unit as usize)? as usize;
        let k = self.missions.len();
        (slot > 0).then(|| &self.sums[(slot - 1) * k..slot * k])
    }

    /// Adds another part's sums; `remap` turns its unit ids into ours.
    pub fn merge(&mut self, other: &Domain, remap: &[u32]) {
        self.respondents += other.respondents;
        for (ours, theirs) in self.missions.iter_mut().zip(&other.missions) {
            ours.n += theirs.n;
            ours.sum_w += theirs.sum_w;
            ours.sum_wy += theirs.sum_wy;
            ours.sum_w2 += theirs.sum_w2;
        }
        let k = self.missions.len();
        for (unit, theirs) in other.unit_sums() {
            let slot = self.slot(remap[unit as usize]);
            for (o, t) in self.sums[slot * k..(slot + 1) * k].iter_mut().zip(theirs) {
                o.merge(t);
            }
        }
    }
}

/// The sampling units met: strata and PSUs by name, with rows per stratum.
#[derive(Debug, Clone, Default)]
pub struct Units {
    /// Whether units are PSUs (else each unit is a stratum, respondents being the PSUs).
    pub clustered: bool,
    strata: HashMap<Box<[u8]>, u32, FastHash>,
    pub stratum_names: Vec<String>,
    /// Rows seen per stratum (whatever their answers).
    pub stratum_rows: Vec<u64>,
    units: HashMap<Box<[u8]>, u32, FastHash>,
    /// Per unit: its stratum and its encoded key.
    pub unit_stratum: Vec<u32>,
    unit_keys: Vec<Box<[u8]>>,
    key: Vec<u8>,
}

impl Units {
    pub fn new(clustered: bool) -> Units {
        Units { clustered, ..Units::default() }
    }

    /// The unit id of a row in `stratum` (empty without strata) and `psu` (ignored
    /// unless clustered); counts the row.
    pub fn unit(&mut self, stratum: &[u8], psu: &[u8]) -> u32 {
        let s = match self.strata.get(stratum) {
            Some(&s) => s,
            None => {
                let s = self.stratum_names.len() as u32;
                self.strata.insert(stratum.into(), s);
                self.stratum_names.push(String::from_utf8_lossy(stratum).into_owned());
                self.stratum_rows.push(0);
                s
            }
        };
        self.stratum_rows[s as usize] += 1;
        if !self.clustered {
            return s;
        }
        self.key.clear();
        encode_key([stratum, psu], &mut self.key);
        match self.units.get(self.key.as_slice()) {
            Some(&u) => u,
            None => {
                let u = self.unit_stratum.len() as u32;
                let key: Box<[u8]> = self.key.as_slice().into();
                self.units.insert(key.clone(), u);
                self.unit_keys.push(key);
                self.unit_stratum.push(s);
                u
            }
        }
    }

    /// Adds another part's units; returns the map from its unit ids to ours.
    pub fn merge(&mut self, other: &Units) -> Vec<u32> {
        let strata: Vec<u32> = other
            .stratum_names
            .iter()
            .zip(&other.stratum_rows)
            .map(|(name, rows)| {
                let s = match self.strata.get(name.as_bytes()) {
                    Some(&s) => s,
                    None => {
                        let s = self.stratum_names.len() as u32;
                        self.strata.insert(name.as_bytes().into(), s);
                        self.stratum_names.push(name.clone());
                        self.stratum_rows.push(0);
                        s
                    }
                };
                self.stratum_rows[s as usize] += rows;
                s
            })
            .collect();
        if !self.clustered {
            return strata;
        }
        other
            .unit_keys
            .iter()
            .zip(&other.unit_stratum)
            .map(|(key, &s)| match self.units.get(key) {
                Some(&u) => u,
                None => {
                    let u = self.unit_stratum.len() as u32;
                    self.units.insert(key.clone(), u);
                    self.unit_keys.push(key.clone());
                    self.unit_stratum.push(strata[s as usize]);
                    u
                }
            })
            .collect()
    }

    /// Number of strata.
    pub fn strata(&self) -> usize {
        self.stratum_names.len()
    }

    /// PSUs per stratum in the whole file (respondents, when not clustered).
    pub fn psus_per_stratum(&self) -> Vec<u64> {
        if !self.clustered {
            return self.stratum_rows.clone();
        }
        let mut counts = vec![0u64; self.strata()];
        for &s in &self.unit_stratum {
            counts[s as usize] += 1;
        }
        counts
    }

    /// The stratum of a unit id.
    pub fn stratum_of(&self, unit: u32) -> usize {
        if self.clustered {
            self.unit_stratum[unit as usize] as usize
        } else {
            unit as usize
        }
    }
}
