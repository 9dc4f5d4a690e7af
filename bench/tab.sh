#!/usr/bin/env bash
# Side-by-side benchmark of `luindex tab` against the same crosstab in DuckDB, on data
# made by `luindex simulate`, timed with hyperfine in one run.
#
#   bench/tab.sh [ROWS]      (default: 1000000)
#
# Needs: hyperfine (Debian package), python3 with duckdb (PyPI).
set -euo pipefail
cd "$(dirname "$0")/.."

rows=${1:-1000000}
runs=${RUNS:-5}
cargo build --release --quiet --bin luindex
bin=target/release/luindex
mkdir -p bench/data
data=bench/data/responses-$rows.csv
if [ ! -s "$data" ] || ! head -1 "$data" | grep -q q_priority_crime; then
  echo "generating $data" >&2
  "$bin" simulate --rows "$rows" --seed 1 > "$data"
fi
options=$(head -1 "$data" | tr ',' '\n' | grep '^q_priority_' | tr '\n' ' ')

# The two must agree before their times mean anything (labels of options are mapped
# to their columns through the built-in definitions' order).
"$bin" tab "$data" -q q_spend_area --by region -w weight --long -f csv > bench/data/tab-luindex.csv
python3 bench/duckdb_tab.py "$data" single q_spend_area > bench/data/tab-duckdb.csv
python3 - <<'PY'
import csv
ours = {(r["region"], r["answer"]): float(r["percent"]) for r in csv.DictReader(open("bench/data/tab-luindex.csv"))}
theirs = {(r["region"], r["answer"]): float(r["percent"]) for r in csv.DictReader(open("bench/data/tab-duckdb.csv"))}
worst = max(abs(ours[k] - v) for k, v in theirs.items())
assert worst < 1e-9, worst
print(f"luindex and DuckDB agree on {len(theirs)} cells (largest difference {worst:.1e})")
PY

hyperfine --runs "$runs" --warmup 1 --export-markdown "bench/data/tab-$rows.md" \
  -n "luindex tab (single answer)" "$bin tab $data -q q_spend_area --by region -w weight -f csv" \
  -n "DuckDB (single answer)" "python3 bench/duckdb_tab.py $data single q_spend_area" \
  -n "luindex tab (15 option columns)" "$bin tab $data -q priorities --by region -w weight -f csv" \
  -n "DuckDB (15 option columns)" "python3 bench/duckdb_tab.py $data multi $options"
/usr/bin/time -f "luindex tab peak RSS: %M KB" "$bin" tab "$data" -q priorities --by region -w weight -f csv > /dev/null
