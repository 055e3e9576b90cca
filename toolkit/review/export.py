"""`toolkit review export`: one 疑点核查反馈表 workbook per unit, for the units to answer.

Each workbook has a cover sheet (说明: the round, the unit, the deadline for answers, how to answer) and
the sheet 疑点清单: the unit's findings in Chinese, then the answer columns 核查结论 (a drop-down of
属实 / 部分属实 / 不属实), 核查说明, 佐证材料, 核查人, 核查日期. The sheet is protected without a password —
against accidents, not to secure anything — with only the answer cells unlocked. Findings without a unit
go into one workbook for the inspection team (:data:`NO_UNIT`).
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from toolkit.config import RoundConfig
from toolkit.formatting import cn_date
from toolkit.report.outputs import FINDING_HEADERS_ZH, SEVERITY_ZH, atomic_path
from toolkit.review.log import ANSWER_HEADERS, CONCLUSIONS

SHEET = "疑点清单"
COVER = "说明"
PREFIX = "疑点核查反馈表_"
NO_UNIT = "未明确单位"
FINDING_FIELDS = ["finding_key", "title", "check_id", "record_id", "unit", "severity", "amount", "message",
                  "dataset", "row"]
HEADERS = [FINDING_HEADERS_ZH[f] for f in FINDING_FIELDS] + list(ANSWER_HEADERS.values())
WIDTHS = {"疑点编号": 13, "疑点类型": 22, "疑点说明": 48, "核查结论": 12, "核查说明": 40, "佐证材料": 24,
          "核查日期": 13}
ANSWER_FILL = PatternFill("solid", fgColor="FFF2CC")
INSTRUCTIONS = (
    "请逐条核查「疑点清单」中的疑点，在黄色的答复列中填写：",
    "核查结论：从下拉列表选择 属实、部分属实 或 不属实；",
    "核查说明：核查的过程与结果；部分属实、不属实的，请说明理由；",
    "佐证材料：佐证材料的名称或编号（材料另行报送）；",
    "核查人、核查日期：日期请写作 2020-07-15 的形式。",
    "请勿修改、删除疑点编号及其他列，勿增删行；本表设有工作表保护（无密码），仅为防止误改。",
    "疑点是数据分析发现的线索，不等于问题定性；请实事求是答复。",
)


def unit_file_name(unit: str) -> str:
    """The workbook's file name for a unit; characters a file name cannot hold become _.

    >>> unit_file_name("县委办/政研室"), unit_file_name("")
    ('疑点核查反馈表_县委办_政研室.xlsx', '疑点核查反馈表_未明确单位.xlsx')
    """
    name = re.sub(r'[\\/:*?"<>|\x00-\x1f]', "_", unit.strip()) or NO_UNIT
    return f"{PREFIX}{name[:80]}.xlsx"


def review_rows(findings: pd.DataFrame) -> pd.DataFrame:
    """One unit's findings as the 疑点清单 lists them (Chinese headers, empty answer columns)."""
    table = findings[FINDING_FIELDS].assign(severity=findings["severity"].map(SEVERITY_ZH))
    table = table.rename(columns=FINDING_HEADERS_ZH).sort_values(["疑点类型", "记录编号"], kind="stable")
    return table.assign(**{h: None for h in ANSWER_HEADERS.values()}).reset_index(drop=True)


def _cover(book: Workbook, config: RoundConfig, unit: str, deadline: dt.date, count: int) -> None:
    sheet = book.active
    sheet.title = COVER
    lines = [("疑点核查反馈表", Font(bold=True, size=16)), ("", None),
             (f"巡察轮次：{config.title or config.slug}", None), (f"被巡察对象：{config.target or '—'}", None),
             (f"核查单位：{unit or NO_UNIT + '（由巡察组核查）'}", None), (f"疑点数：{count} 条", None),
             (f"数据截止日期：{cn_date(config.as_of)}", None),
             (f"答复截止日期：{cn_date(deadline)}", Font(bold=True, color="C00000")), ("", None),
             ("填写说明", Font(bold=True, size=13)), *[(f"{n}. {t}", None) for n, t in enumerate(INSTRUCTIONS, 1)]]
    for number, (text, font) in enumerate(lines, start=1):
        cell = sheet.cell(row=number, column=1, value=text)
        if font is not None:
            cell.font = font
    sheet.column_dimensions["A"].width = 100
    sheet.protection.sheet = True


def _list_sheet(book: Workbook, table: pd.DataFrame) -> None:
    sheet = book.create_sheet(SHEET)
    sheet.append(HEADERS)
    for values in table.astype("object").where(table.notna(), None).itertuples(index=False, name=None):
        sheet.append(list(values))
    for cell in (c for row in sheet.iter_rows() for c in row if c.data_type == "f"):
        cell.data_type = "s"      # a text starting with '=' is text, never a formula
    answers = range(len(FINDING_FIELDS) + 1, len(HEADERS) + 1)
    last = len(table) + 1
    for column in answers:
        for row in range(2, last + 1):
            cell = sheet.cell(row=row, column=column)
            cell.protection, cell.fill = Protection(locked=False), ANSWER_FILL
    for row in range(2, last + 1):
        sheet.cell(row=row, column=answers[-1]).number_format = "yyyy-mm-dd"
        sheet.cell(row=row, column=HEADERS.index("疑点说明") + 1).alignment = Alignment(wrap_text=True)
    _drop_down(sheet, get_column_letter(answers[0]), last)
    for index, header in enumerate(HEADERS, start=1):
        sheet.cell(row=1, column=index).font = Font(bold=True)
        sheet.column_dimensions[get_column_letter(index)].width = WIDTHS.get(header, 12)
    sheet.freeze_panes = "B2"
    sheet.protection.sheet = True
    sheet.protection.formatColumns = sheet.protection.formatRows = False   # widths may change


def _drop_down(sheet, letter: str, last: int) -> None:
    rule = DataValidation(type="list", formula1='"' + ",".join(CONCLUSIONS) + '"', allow_blank=True,
                          showErrorMessage=True, errorTitle="核查结论", error="请从下拉列表选择：" + "、".join(CONCLUSIONS),
                          showInputMessage=True, promptTitle="核查结论", prompt="属实 / 部分属实 / 不属实")
    rule.add(f"{letter}2:{letter}{max(last, 2)}")
    sheet.add_data_validation(rule)


def write_review_workbook(path: Path, findings: pd.DataFrame, config: RoundConfig, unit: str,
                          deadline: dt.date) -> Path:
    """One unit's workbook (cover + 疑点清单), written atomically."""
    book = Workbook()
    _cover(book, config, unit, deadline, len(findings))
    _list_sheet(book, review_rows(findings))
    with atomic_path(path) as tmp:
        book.save(tmp)
    return path


def export_review(findings: pd.DataFrame, config: RoundConfig, out_dir: Path, deadline: dt.date) -> list[Path]:
    """Every unit's workbook into ``out_dir`` (one per unit, the findings without a unit in one more)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    units = findings["unit"].fillna("").str.strip()
    return [write_review_workbook(out_dir / unit_file_name(unit), findings[units == unit], config, unit, deadline)
            for unit in sorted(units.unique())]
