//! CSV and TSV: one header row, then the rows; blank for missing values.

use std::io::{self, Write};

use super::{Format, Grid, NumberStyle};

pub fn write(grid: &Grid, style: NumberStyle, delimiter: u8, out: &mut impl Write) -> io::Result<()> {
    let format = if delimiter == b'\t' { Format::Tsv } else { Format::Csv };
    let mut writer = csv::WriterBuilder::new().delimiter(delimiter).from_writer(out);
    writer.write_record(&grid.headers)?;
    for row in &grid.rows {
        writer.write_record(row.iter().map(|cell| style.cell(cell, format)))?;
    }
    writer.flush()
}
