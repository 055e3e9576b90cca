"""The drawn sample as a workbook the analyst works from, and its record for manifest.json.

``<name>.xlsx`` holds two sheets: 样本 (one row per selected record: 序号, the record's
columns, 账面金额, 抽中次数, and the blank columns 审定金额 / 核查说明 to fill in) and
抽样参数 (the plan and the draw: seed, interval, random start …). ``<name>.sample.json``
beside it is the record `toolkit run` gathers into manifest.json (``samples``): with the
same data, the same seed and size draw the same records again. Both files are written
atomically and inert (toolkit.report.outputs). After the audit, :func:`toolkit.forensic.sampling.mus_evaluate`
reads the filled-in 样本 sheet (its 账面金额 and 审定金额 columns) with the recorded interval.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Sequence

import pandas as pd

from toolkit.forensic.sampling import AUDITED, BOOK, MusPlan, MusSample
from toolkit.report.manifest import SAMPLE_SUFFIX
from toolkit.report.outputs import write_json, write_sheets_xlsx

SAMPLE_SHEET, PLAN_SHEET = "样本", "抽样参数"
NOTE = "核查说明"


def sample_sheet(sample: MusSample, columns: Sequence[str] = ()) -> pd.DataFrame:
    """The 样本 sheet: 序号, ``columns`` of the selected rows, 账面金额, 抽中次数, blank 审定金额 and 核查说明.

    >>> from toolkit.forensic.sampling import mus_select
    >>> df = pd.DataFrame({"id": ["a", "b", "c"], "unit": ["甲", "乙", "丙"], "amount": [100.0, 900, 1000]})
    >>> sample_sheet(mus_select(df, "amount", 2, seed=3), ["id", "unit"]).columns.tolist()
    ['序号', 'id', 'unit', '账面金额', '抽中次数', '审定金额', '核查说明']
    """
    frame = sample.frame
    sheet = pd.DataFrame({"序号": range(1, len(frame) + 1)}, index=frame.index)
    for column in columns:
        if column in frame.columns and column not in (sample.amount_column,):
            sheet[column] = frame[column]
    sheet[BOOK] = pd.to_numeric(frame[sample.amount_column], errors="coerce").astype("float64")
    sheet["抽中次数"] = frame["抽中次数"]
    sheet[AUDITED] = float("nan")
    sheet[NOTE] = ""
    return sheet.reset_index(drop=True)


def plan_sheet(sample: MusSample, dataset: str, plan: MusPlan | None = None) -> pd.DataFrame:
    """The 抽样参数 sheet: one row per item of the plan and the draw (项目, 取值: text or numbers, money to the
    fen, interval and start to four decimals; manifest.json keeps them unrounded).

    >>> from toolkit.forensic.sampling import mus_select
    >>> df = pd.DataFrame({"id": ["a", "b"], "amount": [100.0, 900]})
    >>> plan_sheet(mus_select(df, "amount", 2, seed=3), "fuel").iloc[:3].values.tolist()
    [['数据集', 'fuel'], ['金额列', 'amount'], ['抽样方法', '货币单位抽样（系统抽样，随机起点）']]
    """
    rows: list[tuple[str, Any]] = [
        ("数据集", dataset), ("金额列", sample.amount_column), ("抽样方法", "货币单位抽样（系统抽样，随机起点）"),
        ("总体金额", round(sample.population_value, 2)), ("总体笔数（金额大于0）", sample.population_items),
        ("未纳入笔数（金额为空、0或负数）", sample.excluded_items), ("样本量（抽样点个数）", sample.n),
        ("抽样间隔", round(sample.interval, 4)), ("随机起点", round(sample.start, 4)), ("随机数种子", sample.seed),
        ("选中记录数", len(sample.frame)),
    ]
    if plan is not None:
        rows += [("置信水平", plan.confidence), ("可容忍错报", round(plan.tolerable, 2)),
                 ("预计错报", round(plan.expected, 2)), ("置信系数", plan.factor)]
    return pd.DataFrame({"项目": [r[0] for r in rows], "取值": pd.Series([r[1] for r in rows], dtype="object")})


def write_sample(out_dir: str | Path, name: str, sample: MusSample, dataset: str, columns: Sequence[str] = (),
                 plan: MusPlan | None = None) -> dict[str, Any]:
    """Write ``<out_dir>/<name>.xlsx`` and ``<name>.sample.json``; return the record.

    >>> import tempfile
    >>> from toolkit.forensic.sampling import mus_select
    >>> df = pd.DataFrame({"id": ["a", "b"], "amount": [100.0, 900]})
    >>> with tempfile.TemporaryDirectory() as d:
    ...     record = write_sample(d, "fuel_sample", mus_select(df, "amount", 2, seed=3), "fuel")
    ...     sorted(p.name for p in Path(d).iterdir())
    ['fuel_sample.sample.json', 'fuel_sample.xlsx']
    >>> record["seed"], record["size"], record["workbook"]
    (3, 2, 'fuel_sample.xlsx')
    """
    folder = Path(out_dir)
    folder.mkdir(parents=True, exist_ok=True)
    workbook = folder / f"{name}.xlsx"
    write_sheets_xlsx(workbook, {SAMPLE_SHEET: sample_sheet(sample, columns),
                                 PLAN_SHEET: plan_sheet(sample, dataset, plan)})
    record = {"dataset": dataset, **sample.record(), "workbook": workbook.name}
    if plan is not None:
        record.update(confidence=plan.confidence, tolerable=plan.tolerable, expected=plan.expected)
    write_json(folder / f"{name}{SAMPLE_SUFFIX}", record)
    return record
