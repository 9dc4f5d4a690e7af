#!/usr/bin/env python3
"""`luindex score FILE --by region --weight weight` written in polars, for the benchmark.

An independent implementation of the same method: text cells trimmed, blank or skipped
answers as null, labels mapped strictly (an unmapped answer raises), numeric scales
mapped linearly, respondent indexes over answered questions, weighted group means with
a total row. Prints CSV like `luindex score -f csv`.

    python3 bench/polars_score.py DATA.csv [DEFINITIONS.yaml]
"""
import sys

import polars as pl
import yaml


def points(scale, column):
    cell = pl.col(column).fill_null("").str.strip_chars()
    not_asked = ["", *[s.strip() for s in scale.get("skip", [])]]
    labels = {str(k).strip(): float(v) for k, v in (scale.get("labels") or {}).items()}
    numeric = scale.get("numeric")
    if numeric is None:
        mapping = {**labels, **{s: None for s in not_asked}}
        return cell.replace_strict(mapping, return_dtype=pl.Float64)
    lo, hi = float(numeric["min"]), float(numeric["max"])
    x = cell.cast(pl.Float64, strict=False)
    share = (x - lo) / (hi - lo)
    mapped = (200 - 400 * share) if numeric.get("reverse") else (-200 + 400 * share)
    expr = pl.when(cell.is_in(not_asked)).then(None)
    for label, value in labels.items():
        expr = expr.when(cell == label).then(value)
    # Anything else must be a number in range; a null here means an unmapped answer.
    return expr.when((x >= lo) & (x <= hi)).then(mapped).otherwise(pl.lit(float("nan")))


def main():
    data = sys.argv[1]
    definitions = yaml.safe_load(open(sys.argv[2] if len(sys.argv) > 2 else "missions/levelling-up-2023.yaml"))
    frame = pl.scan_csv(data, infer_schema=False)
    items = {}
    for mission in definitions["missions"]:
        for q in mission["questions"]:
            key = f"{q['column']}|{q['scale']}"
            items.setdefault(key, points(definitions["scales"][q["scale"]], q["column"]).alias(key))
    weight = pl.col("weight").str.strip_chars().cast(pl.Float64, strict=True)
    frame = frame.select(pl.col("region").str.strip_chars(), weight.alias("__w"), *items.values())
    indexes = []
    for mission in definitions["missions"]:
        terms = [(f"{q['column']}|{q['scale']}", float(q.get("weight", 1))) for q in mission["questions"]]
        numerator = pl.sum_horizontal([pl.col(k).fill_null(0) * w for k, w in terms])
        denominator = pl.sum_horizontal([pl.col(k).is_not_null().cast(pl.Float64) * w for k, w in terms])
        indexes.append(pl.when(denominator > 0).then(numerator / denominator).alias(mission["id"]))
    frame = frame.select("region", "__w", *indexes).collect()
    for mission in definitions["missions"]:
        if frame[mission["id"]].is_nan().any():
            sys.exit(f"unmapped or out-of-range answer in mission {mission['id']}")
    ids = [m["id"] for m in definitions["missions"]]

    def means(df):
        return df.select(
            pl.len().alias("n"),
            *[((pl.col(i) * pl.col("__w")).sum() / pl.col("__w").filter(pl.col(i).is_not_null()).sum()).alias(i) for i in ids],
        )

    total = means(frame).with_columns(pl.lit("Total").alias("region"))
    groups = frame.group_by("region").agg(
        pl.len().alias("n"),
        *[((pl.col(i) * pl.col("__w")).sum() / pl.col("__w").filter(pl.col(i).is_not_null()).sum()).alias(i) for i in ids],
    ).sort("region")
    table = pl.concat([total.select("region", "n", *ids), groups.select("region", pl.col("n").cast(pl.UInt32), *ids)], how="vertical_relaxed")
    sys.stdout.write(table.write_csv())


if __name__ == "__main__":
    main()
