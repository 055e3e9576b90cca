"""index.html, the report's front page, and the summary tables it shares with the overview notebook.

:func:`write_index` renders ``templates/index.html.j2`` (jinja2, autoescaped) into one
self-contained page: inline CSS, the chart as a base64 PNG, links relative to the output folder.
:func:`indicators_table`, :func:`findings_by_check`, :func:`findings_by_area` and
:func:`rejected_summary` are the tables both the page and ``notebooks/00_overview.ipynb`` show,
so the two never disagree. An area's Chinese name is its package's ``TITLE``, read from the
registry (:func:`area_title`, :func:`area_titles`). Figures are formatted by :mod:`toolkit.formatting`.
"""

from __future__ import annotations

import base64
import datetime as dt
from pathlib import Path
from typing import Any
from urllib.parse import quote

import jinja2
import pandas as pd

from toolkit.analysis import Analysis
from toolkit.areas import AREAS, all_checks, all_indicators, area_titles
from toolkit.datasets import DATASETS, LATER_DATASETS
from toolkit.formatting import is_missing, number, pct, wan
from toolkit.ingest.validate import rejected_row_count
from toolkit.report.outputs import SEVERITY_ZH, write_text
from toolkit.review.status import review_table

TEMPLATES = Path(__file__).resolve().parent / "templates"
MISSING_TEXT = "数据缺失"
OVERVIEW_TITLE = "总览"
REVIEW_PREFIX = "review."
UNIT_ZH = {"km": "公里", "L": "升"}
AMOUNT_UNITS = {"land": "亩"}          # findings.amount: 亩 for land, 元 elsewhere (contract)
TIMINGS_ZH = {"ingest_s": "读取与校验数据", "checks_s": "执行检查规则", "notebooks_s": "执行分析笔记本",
              "total_s": "合计"}
STATUS_ZH = {"ok": "成功", "failed": "失败", "pending": "未完成", "running": "运行中", "checked": "已检查"}
DOWNLOADS = (("findings.xlsx", "疑点清单（Excel，按领域分表）"), ("findings.csv", "疑点清单（CSV）"),
             ("indicators.json", "指标（JSON）"), ("bulletin.docx", "整改进展情况通报（Word）"),
             ("bulletin.html", "整改进展情况通报（网页）"), ("ledger.xlsx", "整改台账（含三色预警）"),
             ("rejected.csv", "未能读取的输入行（CSV）"), ("manifest.json", "运行记录（JSON）"))


def area_title(area: str) -> str:
    """The Chinese name of an area (its package's TITLE); 总览 for the overview; else the name itself.

    >>> area_title("overview"), area_title("cases"), area_title("nowhere")
    ('总览', '问题线索与处分', 'nowhere')
    """
    if area == "overview":
        return OVERVIEW_TITLE
    return area_titles().get(area, area)


# ---- number formats -----------------------------------------------------------------------------

def format_indicator(value: Any, unit: str) -> str:
    """An indicator's value with its unit: rates as percentages to one decimal, 元 as 万元, null as 数据缺失.

    >>> format_indicator(0.66666, "%"), format_indicator(None, "件"), format_indicator(1234, "件")
    ('66.7%', '数据缺失', '1,234 件')
    >>> format_indicator(123456, "元"), format_indicator(12.5, "亩"), format_indicator(3.0, "")
    ('12.35 万元', '12.50 亩', '3')
    """
    if is_missing(value):
        return MISSING_TEXT
    if unit == "%":
        return pct(value)
    if unit == "元":
        return wan(value, unit=" 万元")
    return f"{number(value, 2, fixed=True)} {UNIT_ZH.get(unit, unit)}".strip()


def display_indicator(label: str, value: Any, unit: str) -> tuple[str, str]:
    """(label, value text) for people; a unit already in the label （元） is not repeated, 元 become 万元.

    >>> display_indicator("公务接待金额（元）", 123456, "元")
    ('公务接待金额（万元）', '12.35')
    >>> display_indicator("线索核查率", 0.5, "%"), display_indicator("受理问题线索（件）", None, "件")
    (('线索核查率', '50.0%'), ('受理问题线索（件）', '数据缺失'))
    >>> display_indicator("闲置土地面积（亩）", 12.345, "亩"), display_indicator("立案", 3, "起")
    (('闲置土地面积（亩）', '12.35'), ('立案', '3 起'))
    """
    text = format_indicator(value, unit)
    unit_zh = UNIT_ZH.get(unit, unit)
    if unit == "元" and "（元）" in label:
        label = label.replace("（元）", "（万元）")
        unit_zh = "万元"
    if text != MISSING_TEXT and unit_zh and unit != "%" and (f"（{unit_zh}）" in label):
        text = text.removesuffix(f" {unit_zh}")
    return label, text


def format_amount(value: Any, area: str) -> str:
    """findings.amount summed for people: 万元 (from 元) or 亩; '—' when there is none.

    >>> format_amount(52000, "sangong"), format_amount(3.25, "land"), format_amount(float("nan"), "cases")
    ('5.20 万元', '3.25 亩', '—')
    """
    if is_missing(value) or value == 0:
        return "—"
    if AMOUNT_UNITS.get(area) == "亩":
        return f"{number(value, 2, fixed=True)} 亩"
    return wan(value, unit=" 万元")


def format_duration(seconds: Any) -> str:
    """Seconds for people.

    >>> format_duration(3.456), format_duration(None), format_duration(125)
    ('3.5 秒', '—', '2 分 5 秒')
    """
    if is_missing(seconds):
        return "—"
    seconds = float(seconds)
    if seconds < 60:
        return f"{seconds:.1f} 秒"
    return f"{int(seconds // 60)} 分 {int(round(seconds % 60))} 秒"


# ---- tables shared with the overview notebook ---------------------------------------------------

def datasets_table(frames: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Every dataset of the contract with its accepted rows (NA when the round has no such file).

    Datasets of later areas are listed only when provided. Columns: 数据集, 名称, 接受行数.

    >>> table = datasets_table({"clues": pd.DataFrame({"id": ["C1", "C2"]})}).set_index("名称")
    >>> table.loc["clues", "接受行数"], table.loc["cases", "接受行数"], "bids" in table.index
    (np.int64(2), <NA>, False)
    """
    rows = [{"数据集": spec.zh, "名称": name, "接受行数": len(frames[name]) if name in frames else pd.NA}
            for name, spec in DATASETS.items() if name in frames or name not in LATER_DATASETS]
    return pd.DataFrame(rows, columns=["数据集", "名称", "接受行数"]).astype({"接受行数": "Int64"})


def indicators_table(indicators: dict[str, Any]) -> pd.DataFrame:
    """Every registered indicator with its area, Chinese label and value as text (null → 数据缺失).

    Columns: 领域, 指标, 数值, 名称 (the indicators.json key). Indicators present in the values but
    not registered are listed under their own name.
    """
    rows, seen = [], set()
    for ind in all_indicators():
        area = ind.name.split(".", 1)[0]
        label, text = display_indicator(ind.label, indicators.get(ind.name), ind.unit)
        rows.append({"领域": area_title(area), "指标": label, "数值": text, "名称": ind.name})
        seen.add(ind.name)
    for name, value in indicators.items():
        if name not in seen and not name.startswith(REVIEW_PREFIX):   # review.*: the review table shows them
            rows.append({"领域": area_title(name.split(".", 1)[0]), "指标": name,
                         "数值": format_indicator(value, ""), "名称": name})
    return pd.DataFrame(rows, columns=["领域", "指标", "数值", "名称"])


def findings_by_check(findings: pd.DataFrame, skipped: dict[str, str] | None = None) -> pd.DataFrame:
    """One row per registered check (in registry order): findings count, amount at stake, severity.

    A check skipped for a missing dataset shows 疑点数 as missing and the reason in 说明.
    Columns: 领域, 检查编号, 疑点类型, 严重程度, 疑点数, 涉及金额/面积, 说明, area.
    """
    skipped = skipped or {}
    counts = findings.groupby("check_id").size() if len(findings) else pd.Series(dtype="int64")
    amounts = findings.groupby("check_id")["amount"].sum(min_count=1) if len(findings) else pd.Series(dtype="float64")
    rows, seen = [], set()
    checks = [(c.id, c.area, c.title, c.severity) for c in all_checks()]
    extra = findings.drop_duplicates("check_id")[["check_id", "area", "title", "severity"]] if len(findings) else None
    if extra is not None:
        registered = {c[0] for c in checks}
        checks += [tuple(r) for r in extra.itertuples(index=False) if r[0] not in registered]
    for check_id, area, title, severity in checks:
        if check_id in seen:
            continue
        seen.add(check_id)
        n = int(counts.get(check_id, 0))
        rows.append({"领域": area_title(area), "检查编号": check_id, "疑点类型": title,
                     "严重程度": SEVERITY_ZH.get(severity, severity),
                     "疑点数": pd.NA if check_id in skipped else n,
                     "涉及金额/面积": format_amount(amounts.get(check_id), area),
                     "说明": f"未检查：{skipped[check_id]}" if check_id in skipped else "", "area": area})
    table = pd.DataFrame(rows, columns=["领域", "检查编号", "疑点类型", "严重程度", "疑点数", "涉及金额/面积",
                                        "说明", "area"])
    return table.astype({"疑点数": "Int64"})


def findings_by_area(findings: pd.DataFrame) -> pd.Series:
    """Findings per area (Chinese names), in registry order, areas without findings left out."""
    if findings.empty:
        return pd.Series(dtype="int64", name="疑点数").rename_axis("领域")
    counts = findings["area"].value_counts()
    order = [a for a in AREAS if a in counts.index] + sorted(set(counts.index) - set(AREAS))
    return pd.Series([int(counts[a]) for a in order], index=[area_title(a) for a in order],
                     name="疑点数", dtype="int64").rename_axis("领域")


def rejected_summary(rejected: pd.DataFrame) -> pd.DataFrame:
    """Rejected input cells by file, column and reason, with the number of rows and the first rows.

    Columns: 文件, 列, 原因, 行数, 行号（前 5 个）. A file rejected whole has 行数 0 and 行号 '整个文件'.
    """
    columns = ["文件", "列", "原因", "行数", "行号（前 5 个）"]
    if rejected is None or rejected.empty:
        return pd.DataFrame(columns=columns)
    frame = rejected.assign(column=rejected["column"].fillna(""), sheet=rejected["sheet"].fillna(""))
    rows = []
    for (file, column, reason), part in frame.groupby(["file", "column", "reason"], sort=True, dropna=False):
        numbers = sorted({int(r) for r in part["row"].dropna()})
        shown = "、".join(str(n) for n in numbers[:5]) + ("…" if len(numbers) > 5 else "")
        rows.append({"文件": file, "列": column, "原因": reason, "行数": len(numbers),
                     "行号（前 5 个）": shown or "整个文件"})
    return pd.DataFrame(rows, columns=columns)


def review_summary(analysis: Analysis) -> pd.DataFrame | None:
    """The review status per area and check (toolkit.review.status.review_table), amounts formatted;
    None when the round has no review.csv (the review indicators are null)."""
    if analysis.indicators.get("review.pending") is None:
        return None
    table = review_table(analysis.findings, area_titles())
    amounts = {c: [format_amount(v, a) for v, a in zip(table[c], table["area"])]
               for c in ("属实金额/面积", "部分属实金额/面积")}
    return table.assign(**amounts).drop(columns="area")


# ---- the page -----------------------------------------------------------------------------------

def _data_uri(png: bytes | None) -> str | None:
    return None if png is None else "data:image/png;base64," + base64.b64encode(png).decode("ascii")

def _href(relative: str) -> str:
    return "/".join(quote(part) for part in relative.split("/"))


def _notebook_rows(out_dir: Path, manifest: dict[str, Any]) -> list[dict[str, Any]]:
    rows = []
    for nb in manifest.get("notebooks", []):
        error = nb.get("error")
        error_text = None
        if error:
            error_text = f"{error.get('name', '')}: {error.get('value', '')}".strip(": ")
            if len(error_text) > 600:
                error_text = error_text[:600] + "…"
            if error.get("cell_index") is not None:
                error_text += f"（第 {error['cell_index']} 个单元格"
                if error.get("execution_count") is not None:
                    error_text += f"，In [{error['execution_count']}]"
                error_text += "）"
        html = nb.get("html")
        rows.append({"name": nb["name"], "title": area_title(nb.get("area", "")), "status": nb.get("status"),
                     "status_zh": STATUS_ZH.get(nb.get("status"), nb.get("status")),
                     "duration": format_duration(nb.get("duration_s")),
                     "href": _href(html) if html and (out_dir / html).exists() else None,
                     "ipynb_href": _href(nb["ipynb"]) if nb.get("ipynb") and (out_dir / nb["ipynb"]).exists() else None,
                     "error": error_text})
    return rows


def _area_groups(table: pd.DataFrame, key: str = "领域") -> list[dict[str, Any]]:
    groups: list[dict[str, Any]] = []
    for record in table.to_dict("records"):
        if not groups or groups[-1]["title"] != record[key]:
            groups.append({"title": record[key], "rows": []})
        groups[-1]["rows"].append(record)
    return groups


def render_index(out_dir: Path, analysis: Analysis, manifest: dict[str, Any], chart: bytes | None = None) -> str:
    """The text of index.html; ``chart``: the PNG of the findings per area
    (:func:`toolkit.report.charts.findings_chart_png`, which `toolkit run` has a notebook worker draw), None for none."""
    out_dir = Path(out_dir)
    findings = analysis.findings
    skipped = manifest.get("skipped_checks", getattr(analysis.run, "skipped", {})) or {}
    checks = findings_by_check(findings, skipped)
    checks["疑点数文本"] = [number(n, missing="—") for n in checks["疑点数"]]
    by_severity = findings["severity"].value_counts()
    severity_counts = {SEVERITY_ZH.get(s, s): int(by_severity[s])
                       for s in [*SEVERITY_ZH, *sorted(set(by_severity.index) - set(SEVERITY_ZH))] if s in by_severity}
    round_info = dict(manifest.get("round") or analysis.config.as_dict())
    notebooks = _notebook_rows(out_dir, manifest)
    rejected = analysis.data.rejected
    downloads = [{"href": _href(name), "name": name, "label": label} for name, label in DOWNLOADS
                 if (out_dir / name).exists()]
    notes = list(manifest.get("notes") or [])
    notes += [f"已忽略无法识别的文件：{name}" for name in manifest.get("ignored_files") or []]
    packages = {k: v for k, v in (manifest.get("packages") or {}).items()}
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATES)), autoescape=True,
                             undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    template = env.get_template("index.html.j2")
    return template.render(
        round=round_info,
        status=manifest.get("status"),
        status_zh=STATUS_ZH.get(manifest.get("status"), manifest.get("status")),
        started_at=manifest.get("started_at"),
        generated_at=dt.datetime.now().astimezone().isoformat(timespec="seconds"),
        indicator_groups=_area_groups(indicators_table(analysis.indicators)),
        finding_groups=_area_groups(checks),
        review_rows=None if (review := review_summary(analysis)) is None else review.to_dict("records"),
        findings_total=int(len(findings)),
        severity_counts=severity_counts,
        chart=_data_uri(chart),
        notebooks=notebooks,
        failed=[n for n in notebooks if n["status"] != "ok"],
        kernel_log_href=_href(manifest["kernel_log"]) if manifest.get("kernel_log")
        and (out_dir / manifest["kernel_log"]).exists() else None,
        rejected_rows=rejected_row_count(rejected),
        rejected_files=list(manifest.get("rejected_files") or []),
        rejected_table=rejected_summary(rejected).head(50).to_dict("records"),
        rejected_href=_href("rejected.csv") if (out_dir / "rejected.csv").exists() else None,
        downloads=downloads,
        files=manifest.get("files") or [],
        inputs=[{"name": name, "sha256": (info or {}).get("sha256", "")}
                for name, info in (manifest.get("inputs") or {}).items()],
        notes=notes,
        thresholds=(manifest.get("parameters") or {}).get("thresholds") or round_info.get("thresholds") or {},
        toolkit_version=manifest.get("toolkit_version"),
        git_commit=manifest.get("git_commit"),
        python=manifest.get("python"),
        packages=packages,
        timings={TIMINGS_ZH.get(k, k): v for k, v in (manifest.get("timings") or {}).items()},
    )


def write_index(out_dir: Path, analysis: Analysis, manifest: dict[str, Any], chart: bytes | None = None) -> Path:
    """Write ``out_dir/index.html`` (atomically) and return its path (``chart``: see :func:`render_index`)."""
    out_dir = Path(out_dir)
    return write_text(out_dir / "index.html", render_index(out_dir, analysis, manifest, chart))
