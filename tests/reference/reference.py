#!/usr/bin/env python3
"""Independent reference for `luindex score`: the Levelling Up method in pandas.

Written from the method's description (README, "The method"), sharing no code with
luindex. For each case below it reads the definitions (YAML) and responses (CSV) and
writes the score table luindex should print with `--format csv`, numbers at full
precision, into expected/. tests/reference.rs compares luindex with these files.

    pip install pandas pyyaml
    python3 tests/reference/reference.py
"""
import math
import pathlib

import pandas as pd
import yaml

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parent.parent

CASES = [
    # name, definitions, responses, by, weight
    ("awkward_by_region", HERE / "awkward.yaml", HERE / "awkward.csv", ["region"], "weight"),
    ("awkward_by_nation_supergroup_unweighted", HERE / "awkward.yaml", HERE / "awkward.csv", ["nation", "ons_supergroup"], None),
    ("sample_by_ons_supergroup", ROOT / "missions/levelling-up-2023.yaml", ROOT / "examples/levelling-up-2023-sample.csv", ["ons_supergroup"], "weight"),
    ("sample_by_region", ROOT / "missions/levelling-up-2023.yaml", ROOT / "examples/levelling-up-2023-sample.csv", ["region"], "weight"),
    ("sample_by_imd_urban_rural", ROOT / "missions/levelling-up-2023.yaml", ROOT / "examples/levelling-up-2023-sample.csv", ["imd_quintile", "urban_rural"], "weight"),
]


def answer_points(scale, cell):
    """Points for one cell, or None when not asked. Raises on an unmapped answer."""
    text = cell.strip()
    if text == "" or text in [s.strip() for s in scale.get("skip", [])]:
        return None
    labels = {str(k).strip(): float(v) for k, v in (scale.get("labels") or {}).items()}
    if text in labels:
        return labels[text]
    numeric = scale.get("numeric")
    if numeric is None:
        raise ValueError(f"unmapped answer {text!r}")
    x = float(text)
    lo, hi = float(numeric["min"]), float(numeric["max"])
    if not (lo <= x <= hi) or math.isnan(x):
        raise ValueError(f"out of range {text!r}")
    share = (x - lo) / (hi - lo)
    return 200 - 400 * share if numeric.get("reverse") else -200 + 400 * share


def respondent_indexes(definitions, frame):
    """One column per mission: the weighted mean of answered questions' points."""
    scales = definitions["scales"]
    out = {}
    for mission in definitions["missions"]:
        numerator = pd.Series(0.0, index=frame.index)
        denominator = pd.Series(0.0, index=frame.index)
        for question in mission["questions"]:
            weight = float(question.get("weight", 1))
            points = frame[question["column"]].map(lambda c, s=scales[question["scale"]]: answer_points(s, c))
            answered = points.notna()
            numerator[answered] += weight * points[answered].astype(float)
            denominator[answered] += weight
        out[mission["id"]] = (numerator / denominator).where(denominator > 0)
    return pd.DataFrame(out)


def natural_key(value):
    import re
    return [(0, int(part), "") if part.isdigit() else (1, 0, part) for part in re.split(r"(\d+)", value) if part != ""]


def score_table(definitions, frame, by, weight):
    indexes = respondent_indexes(definitions, frame)
    w = frame[weight].astype(float) if weight else pd.Series(1.0, index=frame.index)
    missions = list(indexes.columns)

    def row(mask):
        values = []
        for m in missions:
            has = mask & indexes[m].notna()
            total = w[has].sum()
            values.append((w[has] * indexes[m][has]).sum() / total if total > 0 else None)
        return [int(mask.sum())] + values

    rows = [["Total"] * len(by) + row(pd.Series(True, index=frame.index))]
    keys = frame[by].apply(lambda r: tuple(v.strip() for v in r), axis=1) if by else None
    if by:
        for key in sorted(set(keys), key=lambda k: [natural_key(v) for v in k]):
            rows.append(list(key) + row(keys == key))
    return pd.DataFrame(rows, columns=by + ["n"] + missions)


def main():
    (HERE / "expected").mkdir(exist_ok=True)
    for name, yaml_path, csv_path, by, weight in CASES:
        definitions = yaml.safe_load(yaml_path.read_text())
        frame = pd.read_csv(csv_path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
        table = score_table(definitions, frame, by, weight)
        # repr() gives the shortest text that reads back as the same double.
        table = table.map(lambda v: "" if v is None or (isinstance(v, float) and math.isnan(v)) else (repr(float(v)) if isinstance(v, float) else str(v)))
        table.to_csv(HERE / "expected" / f"{name}.csv", index=False)
        print(f"wrote expected/{name}.csv ({len(table)} rows)")


if __name__ == "__main__":
    main()
