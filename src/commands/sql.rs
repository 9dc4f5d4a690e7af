//! `luindex sql`: the same computation as `score` or `respondents`, as one SQL query.

use crate::commands::common::{DefinitionsArgs, RequestArgs};
use crate::exit::Exit;
use crate::output;
use crate::sql::{query, Dialect, SqlRequest};

const EXAMPLES: &str = "\
Examples:
  # DuckDB straight over a CSV (all columns as text) or Parquet file:
  luindex sql --dialect duckdb --table \"read_csv('responses.csv', all_varchar = true)\" \\
      --by region --weight weight | duckdb
  luindex sql --dialect duckdb --table \"read_parquet('waves/*.parquet')\" --by region -w weight

  # PostgreSQL, Spark SQL:
  luindex sql --dialect postgres --table survey.responses --by nation -w weight | psql -d tracker
  luindex sql --dialect spark --table responses --by region -w weight > index.sql

The query returns what `score` prints with the same options (the total row first, its
group cells 'Total'; then the groups, in the engine's text order), or with
--respondents what `respondents` prints. --table is inserted as written: a table name
(quote it yourself if it needs quoting) or any table expression. An answer the
definitions do not map, or a bad weight, makes the query fail with a message naming
the column and the value.";

/// Print the SQL query that computes the index table in DuckDB, PostgreSQL or Spark.
#[derive(Debug, clap::Args)]
#[command(after_help = EXAMPLES)]
pub struct Args {
    /// The SQL engine to write for.
    #[arg(long, value_enum)]
    pub dialect: Dialect,
    /// The table (or table expression) holding the responses, one column per CSV column.
    #[arg(long, value_name = "NAME")]
    pub table: String,
    #[command(flatten)]
    pub definitions: DefinitionsArgs,
    #[command(flatten)]
    pub request: RequestArgs,
    /// Per-respondent indexes (what `luindex respondents` prints) instead of the table.
    #[arg(long)]
    pub respondents: bool,
    /// With --respondents: copy these columns in front of the indexes.
    #[arg(long, short = 'k', value_name = "COL[,COL...]", value_delimiter = ',', requires = "respondents")]
    pub keep: Vec<String>,
}

pub fn run(args: Args) -> anyhow::Result<Exit> {
    let definitions = args.definitions.load()?;
    let request = args.request.request();
    if args.respondents && !request.by.is_empty() {
        return Err(crate::UsageError("--respondents lists respondents: it takes --keep, not --by".into()).into());
    }
    let sql_request = SqlRequest {
        table: args.table.clone(),
        by: request.by,
        weight: request.weight,
        conditions: request.conditions,
        respondents: args.respondents.then(|| args.keep.iter().map(|k| k.trim().to_string()).collect()),
    };
    output::print(query(&definitions, &sql_request, args.dialect).as_bytes())?;
    Ok(Exit::Success)
}
