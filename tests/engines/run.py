#!/usr/bin/env python3
"""Runs the SQL of `luindex sql` on real engines and compares with `luindex score`.

    python3 tests/engines/run.py [--engines duckdb,postgres,spark] [--luindex PATH]

For each case, the query `luindex sql --dialect D` prints is run on DuckDB (the `duckdb`
package), PostgreSQL 15 (a throwaway cluster on a local socket, started and stopped
here) and Spark SQL (`pyspark` in local mode), over the same CSV loaded as text
columns; every number must agree with `luindex score` / `luindex respondents` to 1e-9.
A last case checks that an unmapped answer makes each engine's query fail.
Prints the largest difference per engine and the time each query took.
"""
import argparse
import csv
import io
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "examples/levelling-up-2023-sample.csv"
AWKWARD = ROOT / "tests/reference/awkward.csv"
AWKWARD_YAML = ROOT / "tests/reference/awkward.yaml"

CASES = [
    # name, data, definitions (None: built in), luindex options
    ("sample by ons_supergroup", SAMPLE, None, ["--by", "ons_supergroup", "--weight", "weight"]),
    ("sample by nation x urban_rural, without Wales", SAMPLE, None, ["--by", "nation,urban_rural", "--weight", "weight", "--where", "nation!=Wales"]),
    ("sample total, unweighted", SAMPLE, None, []),
    ("awkward labels by region", AWKWARD, AWKWARD_YAML, ["--by", "region", "--weight", "weight"]),
    ("awkward labels, respondents", AWKWARD, AWKWARD_YAML, ["--respondents", "--keep", "id"]),
]


def luindex(binary, *args):
    out = subprocess.run([binary, *args], check=True, capture_output=True, text=True)
    return out.stdout


def read_csv_text(text):
    return list(csv.reader(io.StringIO(text)))


def expected_rows(binary, data, yaml, options):
    base = ["-m", str(yaml)] if yaml else []
    if "--respondents" in options:
        keep = options[options.index("--keep") + 1]
        return read_csv_text(luindex(binary, "respondents", str(data), "--keep", keep, *base))
    return read_csv_text(luindex(binary, "score", str(data), "-f", "csv", *base, *options))


def compare(name, engine, expected, header, rows, respondents):
    """Rows as lists of Python values; returns the largest difference."""
    if [h.lower() for h in header] != [h.lower() for h in expected[0]]:
        raise SystemExit(f"{engine}, {name}: columns {header} != {expected[0]}")
    groups = sum(1 for h in expected[0] if h not in ("n",) and h not in MISSION_IDS[name]) if not respondents else 1
    key = (lambda r: tuple(r[:groups])) if not respondents else (lambda r: r[0])
    want = {key(r): r for r in expected[1:]}
    got = {key([("" if v is None else str(v)) for v in r]): r for r in rows}
    if set(want) != set(got):
        raise SystemExit(f"{engine}, {name}: groups differ: {sorted(set(want) ^ set(got))[:5]}")
    worst = 0.0
    for k, w in want.items():
        for expected_cell, value in zip(w[groups:], got[k][groups:]):
            if expected_cell == "":
                if value is not None:
                    raise SystemExit(f"{engine}, {name}, {k}: expected blank, got {value}")
                continue
            diff = abs(float(expected_cell) - float(value))
            worst = max(worst, diff)
            if diff > 1e-9 * max(1.0, abs(float(expected_cell))):
                raise SystemExit(f"{engine}, {name}, {k}: luindex {expected_cell} vs {engine} {value}")
    return worst


MISSION_IDS = {}


def mission_ids(binary, yaml):
    args = ["missions"] + (["-m", str(yaml)] if yaml else [])
    text = luindex(binary, *args)
    return [line.rsplit("[", 1)[1].rstrip("]") for line in text.splitlines() if line[:1].isdigit() and line.endswith("]")]


class DuckDB:
    name = "duckdb"

    def __init__(self):
        import duckdb
        self.db = duckdb.connect()

    def load(self, data):
        self.db.execute(f"CREATE OR REPLACE TABLE responses AS SELECT * FROM read_csv('{data}', all_varchar = true, header = true)")

    def run(self, sql):
        result = self.db.sql(sql)
        return result.columns, result.fetchall()

    def close(self):
        self.db.close()


class Postgres:
    name = "postgres"

    def __init__(self):
        bindir = pathlib.Path(subprocess.run(["pg_config", "--bindir"], capture_output=True, text=True).stdout.strip() or "/usr/lib/postgresql/15/bin")
        if not (bindir / "initdb").exists():
            candidates = sorted(pathlib.Path("/usr/lib/postgresql").glob("*/bin/initdb"))
            bindir = candidates[-1].parent
        self.dir = pathlib.Path(tempfile.mkdtemp(prefix="luindex-pg-"))
        self.data, self.socket = self.dir / "data", self.dir / "socket"
        self.socket.mkdir()
        as_postgres = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        if as_postgres:
            shutil.chown(self.dir, "postgres")
            shutil.chown(self.socket, "postgres")
        self.as_postgres = as_postgres
        subprocess.run([*as_postgres, str(bindir / "initdb"), "-D", str(self.data), "-A", "trust", "-U", "luindex"], check=True, capture_output=True)
        subprocess.run(
            [*as_postgres, str(bindir / "pg_ctl"), "-D", str(self.data), "-w", "-l", str(self.dir / "log"),
             "-o", f"-k {self.socket} -c listen_addresses='' -c fsync=off", "start"],
            check=True, capture_output=True)
        self.bindir = bindir

    def psql(self, *args, stdin=None):
        out = subprocess.run(["psql", "-h", str(self.socket), "-U", "luindex", "-d", "postgres", "-X", "-v", "ON_ERROR_STOP=1", *args],
                             input=stdin, capture_output=True, text=True)
        if out.returncode != 0:
            raise RuntimeError(out.stderr.strip())
        return out.stdout

    def load(self, data):
        header = next(csv.reader(open(data, encoding="utf-8-sig")))
        columns = ", ".join('"' + h.replace('"', '""') + '" TEXT' for h in header)
        self.psql("-c", f"DROP TABLE IF EXISTS responses; CREATE TABLE responses ({columns});")
        self.psql("-c", "\\copy responses FROM STDIN WITH (FORMAT csv, HEADER true)", stdin=open(data, encoding="utf-8-sig").read())

    def run(self, sql):
        text = self.psql("--csv", "-f", "-", stdin=sql)
        rows = read_csv_text(text)
        return rows[0], [[None if v == "" else v for v in r] for r in rows[1:]]

    def close(self):
        subprocess.run([*self.as_postgres, str(self.bindir / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "stop"], capture_output=True)
        shutil.rmtree(self.dir, ignore_errors=True)


class Spark:
    name = "spark"

    def __init__(self):
        from pyspark.sql import SparkSession
        self.spark = (SparkSession.builder.master("local[2]").appName("luindex-engine-tests")
                      .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "4")
                      .config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1")
                      .getOrCreate())
        self.spark.sparkContext.setLogLevel("OFF")

    def load(self, data):
        frame = (self.spark.read.option("header", True).option("inferSchema", False).option("multiLine", True)
                 .option("escape", '"').option("encoding", "UTF-8").csv(str(data)))
        frame.createOrReplaceTempView("responses")

    def run(self, sql):
        frame = self.spark.sql(sql.rstrip().rstrip(";"))
        rows = frame.collect()
        return frame.columns, [list(r) for r in rows]

    def close(self):
        self.spark.stop()


ENGINES = {"duckdb": DuckDB, "postgres": Postgres, "spark": Spark}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--engines", default="duckdb,postgres,spark")
    parser.add_argument("--luindex", default=str(ROOT / "target/debug/luindex"))
    args = parser.parse_args()
    for name, _, yaml, options in CASES:
        MISSION_IDS[name] = mission_ids(args.luindex, yaml)
    failures = 0
    for engine_name in args.engines.split(","):
        engine = ENGINES[engine_name]()
        try:
            worst, took = 0.0, 0.0
            loaded = None
            for name, data, yaml, options in CASES:
                if loaded != data:
                    engine.load(data)
                    loaded = data
                sql_args = ["sql", "--dialect", engine_name, "--table", "responses", *options] + (["-m", str(yaml)] if yaml else [])
                sql = luindex(args.luindex, *sql_args)
                start = time.monotonic()
                header, rows = engine.run(sql)
                took += time.monotonic() - start
                expected = expected_rows(args.luindex, data, yaml, options)
                worst = max(worst, compare(name, engine_name, expected, header, rows, "--respondents" in options))
            # An answer the definitions do not map must fail the query, naming the column.
            bad = pathlib.Path(tempfile.mkdtemp()) / "bad.csv"
            text = AWKWARD.read_text().replace("Agree,", "Agree quite,", 1)
            bad.write_text(text)
            engine.load(bad)
            sql = luindex(args.luindex, "sql", "--dialect", engine_name, "--table", "responses", "-m", str(AWKWARD_YAML))
            try:
                engine.run(sql)
                print(f"{engine_name}: FAILED: an unmapped answer did not stop the query")
                failures += 1
            except Exception as error:  # each engine raises its own error type
                if "luindex: column" not in str(error):
                    print(f"{engine_name}: FAILED: unexpected error for an unmapped answer: {error}")
                    failures += 1
            print(f"{engine_name}: {len(CASES)} cases agree with luindex (largest difference {worst:.1e}); queries took {took:.2f} s")
        finally:
            engine.close()
    if failures:
        sys.exit(1)


if __name__ == "__main__":
    main()
