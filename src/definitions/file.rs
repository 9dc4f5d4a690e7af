//! The definitions file as written: a serde model that mirrors the YAML one to one.
//!
//! Nothing here is checked beyond what serde can say (types and unknown keys); the
//! semantic checks live in `validate.rs`, which turns this model into [`super::Definitions`].
//! Values that a later check may complain about are `Spanned`, so that every problem can
//! name its line and column.

use serde::de::{Deserializer, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;
use serde_saphyr::Spanned;
use std::fmt;

/// The whole YAML document.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DefinitionsFile {
    pub title: Option<String>,
    pub description: Option<String>,
    pub scales: OrderedMap<ScaleDef>,
    pub missions: Spanned<Vec<MissionDef>>,
    /// Questions tabulated by `luindex tab` that no mission scores.
    #[serde(default)]
    pub questions: Vec<TabQuestionDef>,
}

/// One named scale: labelled (answer text to points), numeric (linear), or both.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScaleDef {
    pub description: Option<String>,
    /// `{label: points}`, or `[label, ...]` for a scale only crosstabs use.
    pub labels: Option<ListOrMap<Spanned<f64>>>,
    pub numeric: Option<Spanned<NumericDef>>,
    #[serde(default)]
    pub skip: Vec<Spanned<String>>,
    /// Named groups of labels shown after the answers in crosstabs.
    pub nets: Option<OrderedMap<Vec<Spanned<String>>>>,
    pub net_score: Option<Spanned<NetScoreDef>>,
    /// Answers shown in no crosstab and left out of its bases (scoring still counts them).
    #[serde(default)]
    pub exclude_from_base: Vec<Spanned<String>>,
}

/// A YAML node that is either a list of texts or a mapping of texts to values (kept in
/// document order): a scale's labels (`[A, B]`, or `{A: points}`), a multi-response
/// question's options (`[A, B]` listed in one cell, or `{A: column}`).
///
/// The texts are read as strings whatever they look like (`Yes`, `Y`, `1`), so a label
/// is never turned into a boolean or a number.
#[derive(Debug)]
pub enum ListOrMap<V> {
    List(Vec<Spanned<String>>),
    Map(OrderedMap<V>),
}

impl<'de, V: Deserialize<'de>> Deserialize<'de> for ListOrMap<V> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ListOrMapVisitor<V>(std::marker::PhantomData<V>);

        impl<'de, V: Deserialize<'de>> Visitor<'de> for ListOrMapVisitor<V> {
            type Value = ListOrMap<V>;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a list, or a mapping")
            }

            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
                OrderedMap::read(map).map(ListOrMap::Map)
            }

            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
                let mut items = Vec::new();
                while let Some(item) = seq.next_element()? {
                    items.push(item);
                }
                Ok(ListOrMap::List(items))
            }
        }

        deserializer.deserialize_any(ListOrMapVisitor(std::marker::PhantomData))
    }
}

/// `net_score: {positive: Support, negative: Oppose}`: % positive minus % negative, each
/// side a net or a label.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NetScoreDef {
    pub name: Option<String>,
    pub positive: Spanned<String>,
    pub negative: Spanned<String>,
}

/// A tabulated question: one column on a scale, or a multi-response question (`options`
/// listed in one cell, or `{option: column}`).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TabQuestionDef {
    pub id: Option<Spanned<String>>,
    pub column: Option<Spanned<String>>,
    pub scale: Option<Spanned<String>>,
    pub text: Option<String>,
    pub options: Option<Spanned<ListOrMap<Spanned<String>>>>,
    pub delimiter: Option<Spanned<String>>,
}

/// A numeric range mapped linearly onto -200..+200 (or +200..-200 when reversed).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NumericDef {
    pub min: Spanned<f64>,
    pub max: Spanned<f64>,
    #[serde(default)]
    pub reverse: bool,
}

/// One mission: an id used as the output column name, and its questions.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MissionDef {
    pub id: Spanned<String>,
    pub name: Option<String>,
    pub description: Option<String>,
    pub questions: Spanned<Vec<QuestionDef>>,
}

/// One question of a mission: which column holds it, how its answers score, how much it counts.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuestionDef {
    pub column: Spanned<String>,
    pub scale: Spanned<String>,
    pub weight: Option<Spanned<f64>>,
    pub text: Option<String>,
}

/// A YAML mapping read in document order, keys kept with their locations.
///
/// serde's maps lose the order (or need another crate); the order of labels is the
/// order of a scale, which tables and crosstabs show, so it is kept here.
#[derive(Debug)]
pub struct OrderedMap<V>(pub Vec<(Spanned<String>, V)>);

impl<V> OrderedMap<V> {
    /// Every entry of a mapping being deserialized, in document order.
    fn read<'de, A: MapAccess<'de>>(mut map: A) -> Result<OrderedMap<V>, A::Error>
    where
        V: Deserialize<'de>,
    {
        let mut entries = Vec::new();
        while let Some(entry) = map.next_entry()? {
            entries.push(entry);
        }
        Ok(OrderedMap(entries))
    }
}

impl<'de, V: Deserialize<'de>> Deserialize<'de> for OrderedMap<V> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct OrderedVisitor<V>(std::marker::PhantomData<V>);

        impl<'de, V: Deserialize<'de>> Visitor<'de> for OrderedVisitor<V> {
            type Value = OrderedMap<V>;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a mapping")
            }

            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
                OrderedMap::read(map)
            }
        }

        deserializer.deserialize_map(OrderedVisitor(std::marker::PhantomData))
    }
}
