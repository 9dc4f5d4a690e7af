#!/usr/bin/env bash
# Side-by-side benchmark of `luindex score` against DuckDB, polars and the parse floor,
# on data made by `luindex simulate`, timed with hyperfine in one run.
#
#   bench/compare.sh [ROWS ...]      (default: 6189 1000000)
#
# Needs: hyperfine (Debian package), python3 with duckdb, polars and pyyaml (PyPI).
# Writes bench/results/ROWS.md (medians, ratios, peak memory) and prints it.
set -euo pipefail
cd "$(dirname "$0")/.."

runs=${RUNS:-5}
cargo build --release --quiet --bin luindex --example parse_floor
bin=target/release/luindex
floor=target/release/examples/parse_floor
mkdir -p bench/data bench/results

for rows in "${@:-6189 1000000}"; do
  data=bench/data/responses-$rows.csv
  if [ ! -s "$data" ]; then
    echo "generating $data" >&2
    "$bin" simulate --rows "$rows" --seed 1 > "$data"
  fi
  query=bench/data/query-$rows.sql
  "$bin" sql --dialect duckdb --table "read_csv('$data', all_varchar = true)" --by region --weight weight > "$query"

  declare -A commands=(
    ["luindex score"]="$bin score $data --by region --weight weight -f csv"
    ["luindex score, 1 thread"]="$bin score $data --by region --weight weight -f csv --threads 1"
    ["luindex respondents"]="$bin respondents $data --keep id"
    ["parse floor (csv crate, 1 thread)"]="$floor $data"
    ["DuckDB (SQL from luindex sql)"]="python3 bench/duckdb_score.py $query"
    ["polars (lazy, all cores)"]="python3 bench/polars_score.py $data"
  )
  commands["luindex score --stats (strata, PSUs)"]="$bin score $data --by region --weight weight -f csv --stats --strata stratum --psu psu"
  order=("luindex score" "luindex score, 1 thread" "luindex score --stats (strata, PSUs)" "luindex respondents" "parse floor (csv crate, 1 thread)" "DuckDB (SQL from luindex sql)")
  # polars holds the whole file in memory (3.4 GB at a million rows): skip it when asked.
  if [ -z "${SKIP_POLARS:-}" ]; then
    order+=("polars (lazy, all cores)")
  fi

  # The implementations must agree before their times mean anything.
  ${commands["luindex score"]} > bench/data/out-luindex.csv
  ${commands["DuckDB (SQL from luindex sql)"]} > bench/data/out-duckdb.csv
  outputs=(bench/data/out-luindex.csv bench/data/out-duckdb.csv)
  if [ -z "${SKIP_POLARS:-}" ]; then
    ${commands["polars (lazy, all cores)"]} > bench/data/out-polars.csv
    outputs+=(bench/data/out-polars.csv)
  fi
  python3 bench/agree.py "${outputs[@]}"

  args=()
  for name in "${order[@]}"; do
    args+=(-n "$name" "${commands[$name]} > /dev/null")
  done
  hyperfine --warmup 1 --runs "$runs" --export-json "bench/data/times-$rows.json" "${args[@]}" >&2

  : > "bench/data/memory-$rows.tsv"
  for name in "${order[@]}"; do
    kb=$( { /usr/bin/time -f '%M' bash -c "${commands[$name]} > /dev/null"; } 2>&1 | tail -1 )
    printf '%s\t%s\n' "$name" "$kb" >> "bench/data/memory-$rows.tsv"
  done
  python3 bench/report.py "$rows" "$data" "bench/data/times-$rows.json" "bench/data/memory-$rows.tsv" \
    | tee "bench/results/$rows.md"
done
