"""Compare two runs (回头看): findings new, resolved and recurring; indicators before and after.

A finding is identified by (check_id, dataset, record_id): the same record failing the same
check in both runs is *recurring* (反弹 or never fixed); only in the later run, *new*; only
in the earlier, *resolved*.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from toolkit.errors import InputError
from toolkit.report.outputs import write_csv, write_json

KEY = ["check_id", "dataset", "record_id"]
STATUS_ZH = {"new": "新增", "resolved": "已整改", "recurring": "仍存在"}


@dataclass
class Comparison:
    """The findings of both runs lined up, and the indicators side by side."""

    findings: pd.DataFrame     # KEY + status + message (later run's where present)
    indicators: pd.DataFrame   # name, before, after, change

    def counts(self) -> dict[str, int]:
        return {s: int((self.findings["status"] == s).sum()) for s in STATUS_ZH}

    def by_check(self) -> pd.DataFrame:
        table = pd.crosstab(self.findings["check_id"], self.findings["status"])
        return table.reindex(columns=list(STATUS_ZH), fill_value=0)

    def write(self, out_dir: Path) -> None:
        write_csv(out_dir / "compare.csv", self.findings)
        write_json(out_dir / "compare.json", {"counts": self.counts(),
                                              "indicators": self.indicators.to_dict("records")})


def _read_run(directory: Path) -> tuple[pd.DataFrame, dict]:
    findings_path, indicators_path = directory / "findings.csv", directory / "indicators.json"
    for path in (findings_path, indicators_path):
        if not path.is_file():
            raise InputError(f"{path}: 不存在（先对该目录运行 toolkit check 或 toolkit run）")
    findings = pd.read_csv(findings_path, encoding="utf-8-sig", dtype=str, keep_default_na=False)
    missing = set(KEY + ["message"]) - set(findings.columns)
    if missing:
        raise InputError(f"{findings_path}: 缺少列 {', '.join(sorted(missing))}")
    return findings, _read_indicators(indicators_path)


def _read_indicators(path: Path) -> dict:
    """indicators.json as a dict, or a one-line InputError naming the file and what is wrong."""
    try:
        indicators = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(f"{path}: 不是有效的 JSON（{exc}）；请重新运行 toolkit check 生成") from exc
    if not isinstance(indicators, dict):
        raise InputError(f"{path}: 内容应为“指标名: 数值”的对象；请重新运行 toolkit check 生成")
    return indicators


def compare_runs(before_dir: Path, after_dir: Path) -> Comparison:
    """Line up two runs' findings and indicators."""
    before, ind_before = _read_run(Path(before_dir))
    after, ind_after = _read_run(Path(after_dir))
    merged = before[KEY + ["message"]].drop_duplicates(KEY).merge(
        after[KEY + ["message"]].drop_duplicates(KEY), on=KEY, how="outer", suffixes=("_before", "_after"),
        indicator=True)
    status = merged["_merge"].map({"left_only": "resolved", "right_only": "new", "both": "recurring"}).astype(str)
    findings = pd.DataFrame({
        **{k: merged[k] for k in KEY},
        "status": status,
        "message": merged["message_after"].fillna(merged["message_before"]),
    }).sort_values(["status", *KEY], kind="stable").reset_index(drop=True)
    names = list(dict.fromkeys([*ind_before, *ind_after]))
    rows = []
    for name in names:
        a, b = ind_before.get(name), ind_after.get(name)
        change = b - a if isinstance(a, (int, float)) and isinstance(b, (int, float)) else None
        rows.append({"name": name, "before": a, "after": b, "change": change})
    return Comparison(findings, pd.DataFrame(rows, columns=["name", "before", "after", "change"]))


def format_comparison(comparison: Comparison) -> str:
    """A short text report for the terminal."""
    counts = comparison.counts()
    lines = [f"疑点：新增 {counts['new']} 条，已整改 {counts['resolved']} 条，仍存在 {counts['recurring']} 条"]
    for check_id, row in comparison.by_check().iterrows():
        lines.append(f"  {check_id}: 新增 {row['new']}，已整改 {row['resolved']}，仍存在 {row['recurring']}")
    changed = comparison.indicators[comparison.indicators["before"].astype(object)
                                    != comparison.indicators["after"].astype(object)]
    if not changed.empty:
        lines.append("指标变化：")
        for row in changed.itertuples(index=False):
            lines.append(f"  {row.name}: {_show(row.before)} → {_show(row.after)}")
    return "\n".join(lines)


def _show(value) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return "缺失"
    return f"{value:g}" if isinstance(value, float) else str(value)
