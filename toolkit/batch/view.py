"""The cross-round view: ``OUT/index.html`` (self-contained, charts inline) and ``OUT/summary.xlsx`` (inert).

Both are built from the tables of :mod:`toolkit.batch.summary`; every text is escaped in the page
(Jinja2 autoescape) and stored as text, never a formula, in the workbook
(:func:`toolkit.report.outputs.write_sheets_xlsx`). Both files are written atomically.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
from jinja2 import Environment

from toolkit.batch.charts import area_chart_uri
from toolkit.batch.summary import STATUS_ZH, RoundOutputs, area_table, check_table, indicator_matrix, round_status
from toolkit.batch.template import INDEX
from toolkit.formatting import is_missing, number
from toolkit.report.html import format_amount, format_indicator
from toolkit.report.outputs import write_json, write_sheets_xlsx, write_text

MISSING = "—"


@dataclass
class Tables:
    """The cross-round tables of one batch."""

    status: pd.DataFrame
    indicators: pd.DataFrame
    checks: pd.DataFrame
    areas: pd.DataFrame


def build_tables(outputs: list[RoundOutputs], records: list[dict[str, Any]]) -> Tables:
    """The tables of the view from the rounds' outputs (finished rounds) and the batch's records (all)."""
    checks = check_table(outputs)
    return Tables(round_status(records), indicator_matrix(outputs), checks, area_table(outputs, checks))


def failed_rounds(tables: Tables) -> pd.DataFrame:
    """轮次 and 原因 of the rounds that failed."""
    return tables.status[tables.status["状态"] == STATUS_ZH["failed"]][["轮次", "原因"]].reset_index(drop=True)


def _cell(text: Any, css: str = "", href: str | None = None) -> dict[str, Any]:
    return {"text": str(text), "css": css, "href": href}


def _num(value: Any, digits: int = 2) -> dict[str, Any]:
    return _cell(MISSING if is_missing(value) else number(value, digits), "num")


def _status_block(tables: Tables, out: Path) -> dict[str, Any]:
    rows = []
    for record in tables.status.to_dict("records"):
        index = out / "rounds" / record["轮次"] / "index.html"
        href = f"rounds/{record['轮次']}/index.html" if index.is_file() else None
        rows.append([_cell(record["轮次"], href=href), _cell(record["状态"]), _cell(record["原因"]),
                     _num(record["用时（秒）"], 1), _cell(record["manifest SHA-256"], "hash")])
    return {"table": {"columns": list(tables.status.columns), "rows": rows}}


def _indicator_block(tables: Tables, names: list[str]) -> dict[str, Any]:
    rows = [[_cell(r["领域"]), _cell(r["指标"])] + [_cell(format_indicator(r[n], r["单位"]), "num") for n in names]
            for r in tables.indicators.to_dict("records")]
    return {"table": {"columns": ["领域", "指标", *names], "rows": rows}}


def _area_blocks(tables: Tables, titles: dict[str, str]) -> list[dict[str, Any]]:
    blocks = []
    for area, title in titles.items():
        part = tables.areas[tables.areas["area"] == area].sort_values(["排名", "轮次"], na_position="last")
        checks = tables.checks[tables.checks["area"] == area]
        if part.empty:
            continue
        chart = area_chart_uri(checks, title)
        rows = [[_num(r["排名"], 0), _cell(r["轮次"]), _num(r["疑点数"], 0), _cell(format_amount(r["疑点金额"], area), "num"),
                 _num(r["记录数"], 0), _num(r["每千条记录疑点数"]), _cell(format_amount(r["支出（元）"], area), "num"),
                 _num(r["每万元支出疑点数"], 3), _num(r["每万元支出疑点金额（元）"])] for r in part.to_dict("records")]
        columns = ["排名", "轮次", "疑点数", "疑点金额", "记录数", "每千条记录疑点数", "支出", "每万元支出疑点数",
                   "每万元支出疑点金额（元）"]
        blocks.append({"heading": title, "chart": chart, "table": {"columns": columns, "rows": rows}})
        wide = checks.pivot_table(index=["检查编号", "疑点类型"], columns="轮次", values="疑点数", sort=False,
                                  dropna=False, aggfunc="first")
        names = list(dict.fromkeys(checks["轮次"]))
        rows = [[_cell(key[1]), _cell(key[0])] + [_num(wide.loc[key, n], 0) for n in names] for key in wide.index]
        blocks.append({"heading": f"{title}：各检查疑点数", "table": {"columns": ["疑点类型", "检查编号", *names],
                                                                      "rows": rows}})
    return blocks


def render(tables: Tables, out: Path, info: dict[str, Any], titles: dict[str, str]) -> str:
    """The page's HTML."""
    names = [c for c in tables.indicators.columns if c not in ("领域", "指标", "单位", "名称")]
    failed = failed_rounds(tables)
    sections = []
    if not failed.empty:
        rows = [[_cell(r["轮次"]), _cell(r["原因"])] for r in failed.to_dict("records")]
        sections.append({"title": "失败的轮次", "blocks": [{"table": {"columns": ["轮次", "原因"], "rows": rows}}]})
    sections += [
        {"title": "轮次一览", "blocks": [_status_block(tables, out)]},
        {"title": "各轮次指标对照", "blocks": [_indicator_block(tables, names)],
         "note": "数值与各轮次的 indicators.json 相同；元以万元显示。"},
        {"title": "各领域疑点比较与排名", "blocks": _area_blocks(tables, titles),
         "note": "排名按每千条记录疑点数从高到低；图中每个小图为一项检查，横条为各轮次的每千条记录疑点数。"},
    ]
    counts = {"total": len(tables.status), "ok": int((tables.status["状态"] == STATUS_ZH["ok"]).sum()),
              "skipped": int((tables.status["状态"] == STATUS_ZH["skipped"]).sum()), "failed": len(failed)}
    env = Environment(autoescape=True)
    return env.from_string(INDEX).render(title=info["title"], finished_at=info["finished_at"],
                                         cluster=info["cluster"], counts=counts, sections=sections)


def _records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """A table as JSON-ready records (NaN and NA as null, numbers exactly as computed)."""
    clean = frame.astype(object).where(frame.notna(), None)
    return [{k: (v.item() if hasattr(v, "item") else v) for k, v in row.items()} for row in clean.to_dict("records")]


def summary_document(tables: Tables) -> dict[str, Any]:
    """OUT/summary.json: the workbook's tables with every figure at full precision (the workbook, like Excel,
    keeps 15 significant digits)."""
    rounds = [c for c in tables.indicators.columns if c not in ("领域", "指标", "单位", "名称")]
    indicators = {name: dict(zip(tables.indicators["名称"], (r[name] for r in _records(tables.indicators))))
                  for name in rounds}
    return {"rounds": _records(tables.status), "indicators": indicators, "areas": _records(tables.areas),
            "checks": _records(tables.checks)}


def write_view(out: Path, tables: Tables, info: dict[str, Any], titles: dict[str, str]) -> tuple[Path, Path]:
    """Write OUT/index.html, OUT/summary.xlsx and OUT/summary.json; the first two's paths."""
    write_json(Path(out) / "summary.json", summary_document(tables))
    page = write_text(Path(out) / "index.html", render(tables, Path(out), info, titles))
    failed = failed_rounds(tables)
    workbook = write_sheets_xlsx(Path(out) / "summary.xlsx", {
        "轮次": tables.status,
        "指标对照": tables.indicators,
        "领域比较": tables.areas.rename(columns={"area": "领域代码"}),
        "检查明细": tables.checks.rename(columns={"area": "领域代码"}),
        "失败轮次": failed,
    })
    return page, workbook
