#!/usr/bin/env python3
"""Markdown table from hyperfine's JSON and peak memory: medians, ratios, memory."""
import json
import os
import platform
import subprocess
import sys

rows, data, times_path, memory_path = sys.argv[1:5]
results = json.load(open(times_path))["results"]
memory = dict(line.rstrip("\n").split("\t") for line in open(memory_path))
median = {r["command"]: r["median"] for r in results}
luindex = median["luindex score"]
duckdb = median["DuckDB (SQL from luindex sql)"]
floor = median["parse floor (csv crate, 1 thread)"]


def cpu():
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor()


size = os.path.getsize(data)
print(f"### {int(rows):,} rows ({size / 1e6:,.0f} MB)\n")
print(f"Machine: {cpu()}, {os.cpu_count()} cores; {platform.system()} {platform.release()}.\n")
print("| command | median | min .. max | x luindex | x DuckDB | x parse floor | throughput | peak memory |")
print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
for r in results:
    name = r["command"]
    print(
        f"| {name} | {r['median']:.3f} s | {r['min']:.3f} .. {r['max']:.3f} s | {r['median'] / luindex:.2f} "
        f"| {r['median'] / duckdb:.2f} | {r['median'] / floor:.2f} | {size / r['median'] / 1e6:,.0f} MB/s "
        f"| {int(memory[name]) / 1024:,.1f} MB |"
    )
print()
