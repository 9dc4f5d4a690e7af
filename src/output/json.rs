//! JSON: an array of objects keyed by the headers; counts and scores are numbers, missing
//! values `null`.

use std::io::{self, Write};

use serde_json::{Map, Number, Value};

use super::{Cell, Format, Grid, NumberStyle};

pub fn write(grid: &Grid, style: NumberStyle, out: &mut impl Write) -> io::Result<()> {
    let rows: Vec<Value> = grid
        .rows
        .iter()
        .map(|row| {
            let object: Map<String, Value> =
                grid.headers.iter().zip(row).map(|(header, cell)| (header.clone(), value(cell, style))).collect();
            Value::Object(object)
        })
        .collect();
    serde_json::to_writer_pretty(&mut *out, &rows)?;
    out.write_all(b"\n")
}

fn value(cell: &Cell, style: NumberStyle) -> Value {
    match cell {
        Cell::Text(t) | Cell::Figure(t) => Value::String(t.clone()),
        Cell::Count(n) => Value::Number((*n).into()),
        Cell::Score(Some(x)) | Cell::Number(Some(x)) => {
            // Round through the same text as the other formats, so `--decimals` agrees.
            let rounded: f64 = style.number(*x, Format::Json, false).parse().unwrap_or(*x);
            Number::from_f64(rounded).map_or(Value::Null, Value::Number)
        }
        Cell::Score(None) | Cell::Number(None) => Value::Null,
    }
}
