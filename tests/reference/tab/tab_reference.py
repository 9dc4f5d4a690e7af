#!/usr/bin/env python3
"""Independent reference for `luindex tab`: weighted crosstabs in pandas.

Written from the method as documented (docs/crosstabs.md), sharing no code with
luindex. Each answer (or multi-response option, net) is an indicator variable over the
respondents asked; a column's percentage is its weighted mean (what R's
`svymean(~indicator, design)` gives as the point estimate). The test of a group against
the rest of the sample is the z test on Kish effective bases with the pooled share.
For each case it writes the long table (`luindex tab --long --format csv`) at full
precision into expected/; tests/tab_reference.rs compares luindex with these files.

    pip install pandas pyyaml
    python3 tests/reference/tab/tab_reference.py
"""
import math
import pathlib

import pandas as pd
import yaml

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parent.parent.parent
SAMPLE = ROOT / "examples/levelling-up-2023-sample.csv"
BUILTIN = ROOT / "missions/levelling-up-2023.yaml"
ALPHA = 0.05
MIN_BASE = 50

CASES = [
    # name, definitions, responses, question, by, weight
    ("sample_spend_area_by_region", BUILTIN, SAMPLE, "q_spend_area", ["region"], "weight"),
    ("sample_priorities_by_nation", BUILTIN, SAMPLE, "priorities", ["nation"], "weight"),
    ("sample_support_mayor_by_nation", BUILTIN, SAMPLE, "q_support_mayor", ["nation"], "weight"),
    ("sample_largest_cities_by_supergroup", BUILTIN, SAMPLE, "q_largest_cities", ["ons_supergroup"], "weight"),
    ("awkward_view_by_area", HERE / "tab.yaml", HERE / "tab.csv", "q_view", ["area"], "weight"),
    ("awkward_ten_by_area_setting", HERE / "tab.yaml", HERE / "tab.csv", "q_ten", ["area", "setting"], "weight"),
    ("awkward_agree_unweighted", HERE / "tab.yaml", HERE / "tab.csv", "q_agree", ["setting"], None),
    ("awkward_reasons_by_area", HERE / "tab.yaml", HERE / "tab.csv", "reasons", ["area"], "weight"),
    ("awkward_free_column_by_setting", HERE / "tab.yaml", HERE / "tab.csv", "free", ["setting"], "weight"),
]


def labels_of(scale):
    labels = scale.get("labels") or []
    return [str(l).strip() for l in (labels.keys() if isinstance(labels, dict) else labels)]


def find_question(definitions, name):
    """(kind, details): 'scale' / 'free' / 'multi_cell' / 'multi_columns'."""
    for q in definitions.get("questions", []):
        if q.get("id", q.get("column")) == name:
            if "scale" in q:
                return "scale", (q["column"], definitions["scales"][q["scale"]])
            if "column" in q:
                return "multi_cell", (q["column"], q.get("delimiter", ";"), [str(o).strip() for o in q["options"]])
            return "multi_columns", [(str(label).strip(), column) for label, column in q["options"].items()]
    for mission in definitions["missions"]:
        for q in mission["questions"]:
            if q["column"] == name:
                return "scale", (q["column"], definitions["scales"][q["scale"]])
    return "free", name


def indicators(definitions, frame, name):
    """A frame of 0/1 indicator columns (one per category, in table order), the mask of
    respondents asked, the nets (name -> member categories), the net score, and whether
    the question is multi-response."""
    kind, details = find_question(definitions, name)
    nets, net_score = [], None
    if kind == "scale":
        column, scale = details
        cells = frame[column].str.strip()
        labels = labels_of(scale)
        excluded = [str(x).strip() for x in scale.get("exclude_from_base", [])]
        skipped = [str(x).strip() for x in scale.get("skip", [])]
        asked = (cells != "") & ~cells.isin(skipped) & ~cells.isin(excluded)
        shown = [l for l in labels if l not in excluded]
        numbers = []
        if scale.get("numeric"):
            values = pd.to_numeric(cells[asked & ~cells.isin(labels)], errors="raise")
            numbers = sorted(set(values))
            cells = cells.where(cells.isin(labels), pd.to_numeric(cells, errors="coerce").map(number_text))
        categories = shown + [number_text(x) for x in numbers]
        table = pd.DataFrame({c: (cells == c).astype(float) for c in categories})
        for net_name, members in (scale.get("nets") or {}).items():
            nets.append((net_name, [str(m).strip() for m in members]))
        score = scale.get("net_score")
        if score:
            named = dict(nets)
            side = lambda s: named.get(s, [s])
            positive, negative = side(score["positive"]), side(score["negative"])
            net_score = (score.get("name", f"Net: {score['positive']} minus {score['negative']}"), positive, negative)
        return table, asked, nets, net_score, False
    if kind == "free":
        cells = frame[details].str.strip()
        asked = cells != ""
        categories = list(dict.fromkeys(cells[asked]))
        return pd.DataFrame({c: (cells == c).astype(float) for c in categories}), asked, [], None, False
    if kind == "multi_cell":
        column, delimiter, options = details
        cells = frame[column].str.strip()
        asked = cells != ""
        parts = cells.map(lambda c: {p.strip() for p in c.split(delimiter)} - {""})
        return pd.DataFrame({o: parts.map(lambda s, o=o: float(o in s)) for o in options}), asked, [], None, True
    columns = {}
    asked = pd.Series(False, index=frame.index)
    for label, column in details:
        cells = frame[column].str.strip()
        asked |= cells != ""
        columns[label] = cells.isin(["1", label]).astype(float)
    return pd.DataFrame(columns), asked, [], None, True


def number_text(x):
    if isinstance(x, float) and math.isnan(x):
        return ""
    return str(int(x)) if float(x).is_integer() else repr(float(x))


def fmt(x):
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return ""
    return repr(float(x))


def crosstab(definitions, frame, name, by, weight):
    table, asked, nets, net_score, multi = indicators(definitions, frame, name)
    w = frame[weight].astype(float) if weight else pd.Series(1.0, index=frame.index)
    for net_name, members in nets:
        table[net_name] = table[members].sum(axis=1)
    keys = frame[by].apply(lambda r: tuple(s.strip() for s in r), axis=1) if by else None
    in_base = asked
    columns = [("Total",) * max(len(by), 1)]
    if by:
        columns += sorted(set(keys[in_base]), key=natural_key)
    rows_out = []
    answers = [c for c in table.columns if c not in dict(nets)]
    total_mask = in_base

    def share(mask, column):
        base = w[mask].sum()
        return (w[mask] * table.loc[mask, column]).sum() / base * 100 if base > 0 else None

    if multi:
        answers.sort(key=lambda c: -(share(total_mask, c) or -1))
    order = answers + [n for n, _ in nets]
    for values in columns:
        mask = total_mask if values == columns[0] else total_mask & (keys == values)
        base_n, base_w, base_w2 = int(mask.sum()), w[mask].sum(), (w[mask] ** 2).sum()
        low = values != columns[0] and base_n < MIN_BASE
        rest = total_mask & ~mask
        for column in order:
            kind = "net" if column in dict(nets) else "answer"
            chosen = mask & (table[column] > 0)
            n, wn = int(chosen.sum()), (w[chosen]).sum()
            percent = share(mask, column)
            z = p = None
            if values != columns[0] and not low and rest.sum() > 0:
                z = proportion_z(w, table[column], mask, rest)
                p = math.erfc(abs(z) / math.sqrt(2)) if z is not None else None
            sig = "" if p is None or p >= ALPHA else ("above" if z > 0 else "below")
            rows_out.append(list(values[: len(by)]) + [column, kind, str(n), fmt(wn), str(base_n), fmt(base_w),
                            fmt(base_w ** 2 / base_w2 if base_w2 > 0 else None), fmt(percent), fmt(z), fmt(p), sig,
                            "true" if low else "false"])
        if net_score:
            score_name, positive, negative = net_score
            pos = (w[mask] * table.loc[mask, positive].sum(axis=1)).sum() / base_w * 100
            neg = (w[mask] * table.loc[mask, negative].sum(axis=1)).sum() / base_w * 100
            rows_out.append(list(values[: len(by)]) + [score_name, "net score", "", "", str(base_n), fmt(base_w),
                            fmt(base_w ** 2 / base_w2), fmt(pos - neg), "", "", "", "true" if low else "false"])
    header = list(by) + ["answer", "kind", "n", "weighted_n", "base_n", "base_weighted_n", "effective_base",
                         "percent", "z", "p_value", "sig", "low_base"]
    return header, rows_out


def proportion_z(w, indicator, group, rest):
    wg, wr = w[group], w[rest]
    pg = (wg * indicator[group]).sum() / wg.sum()
    pr = (wr * indicator[rest]).sum() / wr.sum()
    pooled = (w[group | rest] * indicator[group | rest]).sum() / w[group | rest].sum()
    ng, nr = wg.sum() ** 2 / (wg ** 2).sum(), wr.sum() ** 2 / (wr ** 2).sum()
    variance = pooled * (1 - pooled) * (1 / ng + 1 / nr)
    return (pg - pr) / math.sqrt(variance) if variance > 0 else None


def natural_key(values):
    import re
    return [tuple((0, int(t)) if t.isdigit() else (1, t) for t in re.findall(r"\d+|\D+", v)) for v in values]


def main():
    out = HERE / "expected"
    out.mkdir(exist_ok=True)
    for name, defs_path, data_path, question, by, weight in CASES:
        definitions = yaml.safe_load(defs_path.read_text())
        frame = pd.read_csv(data_path, dtype=str, keep_default_na=False)
        header, rows = crosstab(definitions, frame, question, by, weight)
        pd.DataFrame(rows, columns=header).to_csv(out / f"{name}.csv", index=False)
        print(f"{name}: {len(rows)} rows")


if __name__ == "__main__":
    main()
