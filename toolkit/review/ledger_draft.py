"""`toolkit review to-ledger`: the confirmed findings as a draft 整改台账, in the ledger's own columns.

Findings answered 属实 or 部分属实 are grouped into one problem per check and unit (问题: the unit and the
check's title), its findings listed in 具体问题, the aspect (方面) from the area; each problem gets one
measure row whose 疑点编号 keeps the keys of the findings it came from, so that a measure signed off
(销号) can be traced back to the evidence. 整改类型 is 限期整改 and 整改状态 未启动; 整改措施, 完成时限 and
牵头领导 are left for the analyst — `toolkit validate` names each one still empty.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from toolkit.datasets import DATASETS
from toolkit.formatting import number
from toolkit.report.outputs import write_table_xlsx
from toolkit.review.status import review_status

KEYS_HEADER = "疑点编号"
CONFIRMED = ("属实", "部分属实")
CELL_LIMIT = 32000   # an Excel cell holds 32,767 characters
LEDGER_HEADERS = {c.name: c.zh for c in DATASETS["ledger"].columns}


def _listing(rows: pd.DataFrame) -> str:
    """The findings of one problem, numbered, for 具体问题."""
    items = [f"{n}. {record}：{message}" + ("（部分属实）" if status == "部分属实" else "")
             for n, (record, message, status) in enumerate(zip(rows["record_id"], rows["message"],
                                                                rows["status"]), start=1)]
    text = "；".join(items)
    return text if len(text) <= CELL_LIMIT else text[:CELL_LIMIT] + f"……等 {len(items)} 条"


def _problem_text(unit: str, title: str, count: int, amount: float) -> str:
    figure = f"，涉及金额/面积 {number(amount, 2)}" if pd.notna(amount) and amount else ""
    return f"{unit or '未明确单位'}：{title}（{count} 条{figure}）"


def draft_ledger(findings: pd.DataFrame, titles: dict[str, str]) -> pd.DataFrame:
    """The draft ledger (Chinese headers of the ledger dataset, then 疑点编号), one row per problem."""
    confirmed = findings.assign(status=review_status(findings), unit=findings["unit"].fillna(""))
    confirmed = confirmed[confirmed["status"].isin(CONFIRMED)]
    if confirmed.empty:
        return pd.DataFrame(columns=[*LEDGER_HEADERS.values(), KEYS_HEADER])
    order = {area: i for i, area in enumerate(titles)}
    confirmed = confirmed.assign(_area=confirmed["area"].map(order).fillna(len(order)))
    confirmed = confirmed.sort_values(["_area", "check_id", "unit", "record_id"], kind="stable")
    groups = confirmed.groupby(["_area", "area", "check_id", "unit"], sort=False)
    problems = groups.agg(title=("title", "first"), count=("finding_key", "size"), amount=("amount", "sum"),
                          keys=("finding_key", "、".join)).reset_index()
    problems = problems.assign(listing=[_listing(rows) for _, rows in groups])
    aspect_no = problems["_area"].rank(method="dense").astype("int64")
    problem_no = pd.Series(range(1, len(problems) + 1), index=problems.index)
    ledger = pd.DataFrame({
        "measure_id": aspect_no.astype("str") + "-" + problem_no.astype("str") + "-1",
        "aspect_no": aspect_no, "aspect": problems["area"].map(lambda a: titles.get(a, a)),
        "problem_no": problem_no,
        "problem": [_problem_text(*v) for v in zip(problems["unit"], problems["title"], problems["count"],
                                                   problems["amount"])],
        "sub_problem": problems["listing"], "measure": None, "lead_leader": None, "units": problems["unit"],
        "kind": "限期整改", "deadline": None, "status": "未启动", "completed_on": None, "signed_off_by": None,
        "signed_off_on": None, "evidence": None,
    })
    return ledger.rename(columns=LEDGER_HEADERS).assign(**{KEYS_HEADER: problems["keys"]})


def write_draft_ledger(path: Path, ledger: pd.DataFrame) -> Path:
    """The draft as an .xlsx in the findings list's style (one sheet 整改台账)."""
    return write_table_xlsx(path, ledger, DATASETS["ledger"].zh)
