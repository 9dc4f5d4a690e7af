#!/usr/bin/env python3
"""Runs a query from `luindex sql --dialect duckdb` in DuckDB (all cores); prints CSV.

    python3 bench/duckdb_score.py QUERY.sql
"""
import csv
import sys

import duckdb

connection = duckdb.connect()
result = connection.sql(open(sys.argv[1]).read())
writer = csv.writer(sys.stdout, lineterminator="\n")
writer.writerow(result.columns)
writer.writerows(result.fetchall())
