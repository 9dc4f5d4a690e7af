#!/usr/bin/env python3
"""The crosstab `luindex tab FILE -q Q --by region -w weight --long` computes, in DuckDB
(all cores): weighted percentages of the respondents asked, per region and in total.
Prints CSV: region, answer, percent.

    python3 bench/duckdb_tab.py FILE single q_spend_area
    python3 bench/duckdb_tab.py FILE multi q_priority_crime q_priority_jobs ...
"""
import csv
import sys

import duckdb

path, kind, columns = sys.argv[1], sys.argv[2], sys.argv[3:]
source = f"read_csv('{path}', all_varchar = true)"
if kind == "single":
    q = columns[0]
    answers = f"select region, trim({q}) as answer, cast(weight as double) as w from {source} where trim({q}) <> ''"
    asked = f"select region, w from ({answers})"
else:
    # A respondent is asked when any option cell is non-blank; an option is chosen by 1.
    cells = ", ".join(columns)
    any_cell = " or ".join(f"trim({c}) <> ''" for c in columns)
    base = f"select region, cast(weight as double) as w, {cells} from {source} where {any_cell}"
    asked = f"select region, w from base"
    chosen = " union all ".join(f"select region, '{c}' as answer, w from base where trim({c}) = '1'" for c in columns)
    answers = chosen
query = f"""
with {"base as (" + base + ")," if kind != "single" else ""}
answers as ({answers}),
bases as (select region, sum(w) as b from ({asked}) group by region),
total as (select sum(w) as b from ({asked}))
select region, answer, 100 * sum(w) / any_value(b) as percent
from answers join bases using (region) group by region, answer
union all
select 'Total', answer, 100 * sum(w) / (select b from total) from answers group by answer
"""
result = duckdb.connect().sql(query)
writer = csv.writer(sys.stdout, lineterminator="\n")
writer.writerow(["region", "answer", "percent"])
writer.writerows(result.fetchall())
