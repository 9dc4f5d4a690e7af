#!/usr/bin/env python3
"""Times the query of `luindex sql` on DuckDB, PostgreSQL and Spark SQL over one file.

    python3 bench/engines.py DATA.csv [--engines duckdb,postgres,spark]

Loads DATA.csv into each engine as text columns (the load is timed separately), runs
the `score --by region --weight weight` query, checks it against `luindex score`, and
prints the times. Uses the engine drivers of tests/engines/run.py.
"""
import argparse
import pathlib
import subprocess
import sys
import time

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests/engines"))
import run  # noqa: E402  (the engine drivers)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("data")
    parser.add_argument("--engines", default="duckdb,postgres,spark")
    parser.add_argument("--luindex", default=str(ROOT / "target/release/luindex"))
    args = parser.parse_args()
    options = ["--by", "region", "--weight", "weight"]
    start = time.monotonic()
    expected = run.read_csv_text(run.luindex(args.luindex, "score", args.data, "-f", "csv", *options))
    print(f"luindex score: {time.monotonic() - start:.2f} s")
    run.MISSION_IDS["bench"] = run.mission_ids(args.luindex, None)
    for name in args.engines.split(","):
        engine = run.ENGINES[name]()
        try:
            start = time.monotonic()
            engine.load(pathlib.Path(args.data).resolve())
            loaded = time.monotonic() - start
            sql = run.luindex(args.luindex, "sql", "--dialect", name, "--table", "responses", *options)
            start = time.monotonic()
            header, rows = engine.run(sql)
            took = time.monotonic() - start
            worst = run.compare("bench", name, expected, header, rows, False)
            print(f"{name}: load {loaded:.2f} s, query {took:.2f} s, agrees with luindex (largest difference {worst:.1e})")
        finally:
            engine.close()


if __name__ == "__main__":
    main()
