#!/usr/bin/env python3
"""Checks that score tables (CSV, same rows in any order) agree to 1e-9; exits 1 if not."""
import csv
import sys


def table(path):
    rows = list(csv.reader(open(path)))
    return rows[0], {r[0]: r for r in rows[1:]}


header, reference = table(sys.argv[1])
worst = 0.0
for path in sys.argv[2:]:
    other_header, other = table(path)
    assert other_header == header, f"{path}: columns differ: {other_header}"
    assert other.keys() == reference.keys(), f"{path}: groups differ"
    for key, row in reference.items():
        for a, b in zip(row[1:], other[key][1:]):
            worst = max(worst, abs(float(a) - float(b)))
if worst > 1e-9:
    sys.exit(f"implementations disagree by {worst}")
print(f"luindex, DuckDB and polars agree (largest difference {worst:.1e})", file=sys.stderr)
