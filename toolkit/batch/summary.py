"""The cross-round tables, read back from each round's own files (manifest.json, indicators.json, findings.csv).

Reading the files the round wrote — not what its task returned — makes the view of a skipped round
the same as that of a round just run, and the figures exactly those of the round's indicators.json.
The areas, checks and indicators come from the registry (:mod:`toolkit.areas`): an area added later
appears without a change here.

Fair comparison between rounds of different sizes:

* 每千条记录疑点数 — findings per 1,000 accepted records of the datasets the check (or the area) reads;
* 每万元支出疑点数 and 每万元支出疑点金额（元） — per 10,000 元 of the area's spending, the sum of its
  indicators in 元 (only for areas that have such indicators and whose findings are in 元).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from toolkit.areas import all_checks, all_indicators
from toolkit.batch.rounds import MANIFEST, read_json
from toolkit.report.html import AMOUNT_UNITS, area_titles

STATUS_ZH = {"ok": "完成", "skipped": "未变化，已跳过", "failed": "失败"}
PER_RECORDS = 1000
PER_YUAN = 10_000
CHECK_COLUMNS = ["轮次", "领域", "检查编号", "疑点类型", "疑点数", "疑点金额", "记录数", "每千条记录疑点数", "area"]
AREA_COLUMNS = ["轮次", "领域", "疑点数", "疑点金额", "记录数", "每千条记录疑点数", "支出（元）", "每万元支出疑点数",
                "每万元支出疑点金额（元）", "排名", "area"]


@dataclass
class RoundOutputs:
    """What one round's output folder says (empty when it has none)."""

    name: str
    manifest: dict[str, Any] = field(default_factory=dict)
    indicators: dict[str, Any] = field(default_factory=dict)
    findings: pd.DataFrame = field(default_factory=pd.DataFrame)

    @property
    def records(self) -> dict[str, int]:
        """Accepted records per dataset (manifest ``files``)."""
        out: dict[str, int] = {}
        for item in self.manifest.get("files") or []:
            if item.get("dataset"):
                out[item["dataset"]] = out.get(item["dataset"], 0) + int(item.get("accepted") or 0)
        return out


def read_outputs(name: str, folder: Path) -> RoundOutputs:
    """A round's manifest, indicators and findings from its output folder."""
    folder = Path(folder)
    findings = pd.DataFrame(columns=["check_id", "area", "amount"])
    if (folder / "findings.csv").is_file():
        findings = pd.read_csv(folder / "findings.csv", encoding="utf-8-sig", dtype={"check_id": str, "area": str},
                               usecols=["check_id", "area", "amount"])
    return RoundOutputs(name, read_json(folder / MANIFEST) or {}, read_json(folder / "indicators.json") or {},
                        findings)


def indicator_matrix(rounds: list[RoundOutputs]) -> pd.DataFrame:
    """Every indicator (registry order, then any other name a round has) × round, the values as in each
    round's indicators.json (NaN when missing). Columns: 领域, 指标, 单位, 名称, then one per round."""
    registered = {i.name: i for i in all_indicators()}
    names = list(registered) + sorted({n for r in rounds for n in r.indicators} - set(registered))
    titles = area_titles()
    table = pd.DataFrame({
        "领域": [titles.get(n.split(".", 1)[0], n.split(".", 1)[0]) for n in names],
        "指标": [registered[n].label if n in registered else n for n in names],
        "单位": [registered[n].unit if n in registered else "" for n in names],
        "名称": names,
    })
    for r in rounds:
        values = [r.indicators.get(n) for n in names]
        table[r.name] = pd.Series([np.nan if v is None else v for v in values], dtype="float64")
    return table


def _dataset_records(records: dict[str, int], datasets: set[str]) -> float:
    present = [records[d] for d in datasets if d in records]
    return float(sum(present)) if present else np.nan


def check_table(rounds: list[RoundOutputs]) -> pd.DataFrame:
    """Findings per round × check (every registered check; NaN counts where the round skipped the check)."""
    checks = all_checks()
    titles = area_titles()
    rows = []
    for r in rounds:
        counts = r.findings.groupby("check_id").size()
        amounts = pd.to_numeric(r.findings["amount"], errors="coerce").groupby(r.findings["check_id"]).sum()
        skipped = set(r.manifest.get("skipped_checks") or {})
        records = r.records
        for c in checks:
            count = np.nan if c.id in skipped else float(counts.get(c.id, 0))
            rows.append({"轮次": r.name, "领域": titles.get(c.area, c.area), "检查编号": c.id, "疑点类型": c.title,
                         "疑点数": count, "疑点金额": float(amounts.get(c.id, 0.0)),
                         "记录数": _dataset_records(records, set(c.datasets)), "area": c.area})
    table = pd.DataFrame(rows, columns=[c for c in CHECK_COLUMNS if c != "每千条记录疑点数"])
    table["每千条记录疑点数"] = table["疑点数"] / table["记录数"].where(table["记录数"] > 0) * PER_RECORDS
    return table[CHECK_COLUMNS]


def _area_spending(rounds: list[RoundOutputs]) -> pd.DataFrame:
    """轮次 × area: the sum of the area's indicators in 元 (NaN when it has none or they are all null)."""
    rows = []
    for r in rounds:
        for area in area_titles():
            values = [r.indicators.get(i.name) for i in all_indicators()
                      if i.unit == "元" and i.name.split(".", 1)[0] == area]
            present = [float(v) for v in values if v is not None]
            rows.append({"轮次": r.name, "area": area, "支出（元）": sum(present) if present else np.nan})
    return pd.DataFrame(rows, columns=["轮次", "area", "支出（元）"])


def area_table(rounds: list[RoundOutputs], checks: pd.DataFrame) -> pd.DataFrame:
    """Findings per round × area, per 1,000 records and per 10,000 元 of spending, ranked within the area
    (排名 1 = most findings per 1,000 records)."""
    datasets: dict[str, set[str]] = {}
    for c in all_checks():
        datasets.setdefault(c.area, set()).update(c.datasets)
    grouped = checks.groupby(["轮次", "area"], sort=False).agg(
        疑点数=("疑点数", lambda s: s.sum(min_count=1)), 疑点金额=("疑点金额", "sum")).reset_index()
    records = {(r.name, a): _dataset_records(r.records, d) for r in rounds for a, d in datasets.items()}
    grouped["记录数"] = [records.get((n, a), np.nan) for n, a in zip(grouped["轮次"], grouped["area"])]
    grouped["每千条记录疑点数"] = grouped["疑点数"] / grouped["记录数"].where(grouped["记录数"] > 0) * PER_RECORDS
    table = grouped.merge(_area_spending(rounds), on=["轮次", "area"], how="left")
    per_wan = table["支出（元）"].where(table["支出（元）"] > 0) / PER_YUAN
    in_yuan = ~table["area"].isin(list(AMOUNT_UNITS))
    table["每万元支出疑点数"] = (table["疑点数"] / per_wan).where(in_yuan)
    table["每万元支出疑点金额（元）"] = (table["疑点金额"] / per_wan).where(in_yuan)
    table["排名"] = table.groupby("area")["每千条记录疑点数"].rank(method="min", ascending=False).astype("Int64")
    table["领域"] = table["area"].map(area_titles())
    return table[AREA_COLUMNS]


def round_status(records: list[dict[str, Any]]) -> pd.DataFrame:
    """One line per round of the batch manifest: 轮次, 状态, 原因, 用时（秒）, manifest SHA-256."""
    return pd.DataFrame([{"轮次": r["name"], "状态": STATUS_ZH.get(r["status"], r["status"]),
                          "原因": r.get("reason") or "", "用时（秒）": r.get("seconds"),
                          "manifest SHA-256": r.get("manifest_sha256") or ""} for r in records],
                        columns=["轮次", "状态", "原因", "用时（秒）", "manifest SHA-256"])
