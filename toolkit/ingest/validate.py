"""Type every cell of a sheet and reject the rows that cannot be read.

Each row is either accepted into the typed DataFrame or listed in the
rejections (file, sheet, Excel row, column, value, reason) — never dropped or
coerced silently. pandera's lesson: collect every failure into one table.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from toolkit.datasets import AREA, BOOL, CATEGORY, DATE, DATETIME, INT, MONEY, MONTH, NUMBER, Column, Dataset, fold
from toolkit.ingest import values
from toolkit.ingest.read import Header, Sheet, is_blank_row

REJECTED_COLUMNS = ["file", "sheet", "row", "column", "value", "reason"]
ROW_COLUMN = "_row"  # the Excel row number of every accepted row
CONVERSION_DECIMALS = 9  # a converted value is rounded here, so 30000 元 is exactly 3.0 万元


@dataclass
class Rejections:
    """Rows that could not be read, one line per reason."""

    file: str
    sheet: str
    lines: list[dict] = field(default_factory=list)

    def add(self, row: int | None, column: str, value: object, reason: str) -> None:
        text = "" if values.is_blank(value) else values.normalise_text(value)
        self.lines.append({"file": self.file, "sheet": self.sheet, "row": row,
                           "column": column, "value": text, "reason": reason})

    @property
    def rows(self) -> set[int]:
        return {line["row"] for line in self.lines if line["row"] is not None}


def parse_cell(value: object, column: Column, header_unit: str | None) -> object:
    """One cell → its typed value in the column's canonical unit (None when blank).

    >>> from toolkit.datasets import DATASETS
    >>> parse_cell("1.2万", DATASETS["reception"].column("amount"), "元")
    12000.0
    >>> parse_cell("30000", DATASETS["sangong_budget"].column("budget"), "元")
    3.0
    >>> parse_cell("800平方米", DATASETS["land"].column("area_mu"), "亩")
    1.2
    """
    if values.is_blank(value):
        return None
    kind = column.kind
    if kind == CATEGORY:
        return _category(value, column)
    if kind == INT:
        return _bounded(values.parse_int(value), column)
    if kind in (NUMBER, MONEY, AREA):
        source_unit = header_unit or column.unit
        number = values.parse_number(value, source_unit)
        if column.unit and source_unit != column.unit:
            number = round(number * values.unit_factor(source_unit, column.unit), CONVERSION_DECIMALS)
        return _bounded(number, column)
    if kind == DATE:
        return values.parse_date(value)
    if kind == DATETIME:
        return values.parse_datetime(value)
    if kind == MONTH:
        return values.parse_month(value)
    if kind == BOOL:
        return values.parse_bool(value)
    return values.normalise_text(value)


def _category(value: object, column: Column) -> str:
    text = fold(values.normalise_text(value))
    for category in column.categories:
        if fold(category) == text:
            return category
    raise ValueError(f"不在允许的取值内（{'、'.join(column.categories)}）")


def _bounded(number: float | int, column: Column) -> float | int:
    if column.positive and number <= 0:
        raise ValueError("必须大于 0")
    if column.minimum is not None and number < column.minimum:
        if column.minimum == 0:
            raise ValueError("不能为负数")
        raise ValueError(f"不能小于 {column.minimum:g}")
    return number


def type_sheet(sheet: Sheet, header: Header, dataset: Dataset, rejections: Rejections) -> pd.DataFrame:
    """Typed frame of the rows below the header; unreadable rows go to ``rejections``."""
    records: list[dict] = []
    for index in range(header.row, len(sheet.rows)):
        raw = sheet.rows[index]
        if is_blank_row(raw):
            continue
        excel_row = index + 1
        record, ok = {ROW_COLUMN: excel_row}, True
        for cell in header.cells:
            value = raw[cell.position] if cell.position < len(raw) else None
            col = cell.column
            try:
                typed = parse_cell(value, col, cell.unit)
            except ValueError as exc:
                rejections.add(excel_row, cell.text, value, str(exc))
                ok = False
                continue
            if typed is None and col.required:
                rejections.add(excel_row, cell.text, value, "必填项为空")
                ok = False
            record[col.name] = typed
        if ok:
            records.append(record)
    return _frame(records, dataset)


def _frame(records: list[dict], dataset: Dataset) -> pd.DataFrame:
    """Build the frame with one dtype per kind; absent optional columns are all-missing."""
    data = {ROW_COLUMN: pd.array([r[ROW_COLUMN] for r in records], dtype="Int64")}
    for col in dataset.columns:
        column_values = [r.get(col.name) for r in records]
        data[col.name] = _typed_array(column_values, col)
    return pd.DataFrame(data)


def _typed_array(items: list, column: Column):
    kind = column.kind
    if kind == INT:
        return pd.array(items, dtype="Int64")
    if kind in (NUMBER, MONEY, AREA):
        return np.array([np.nan if v is None else float(v) for v in items], dtype="float64")
    if kind in (DATE, DATETIME, MONTH):
        return pd.to_datetime(pd.Series(items, dtype="object"), errors="raise").astype("datetime64[ns]").array
    if kind == BOOL:
        return pd.array(items, dtype="boolean")
    return pd.array(items, dtype="str")


def reject_duplicate_ids(df: pd.DataFrame, dataset: Dataset, header: Header, rejections: Rejections) -> pd.DataFrame:
    """Keep the first row of each id; list the repeats as rejected."""
    id_col = dataset.id_column
    repeated = df[id_col].duplicated(keep="first")
    if repeated.any():
        first_row = df.drop_duplicates(id_col).set_index(id_col)[ROW_COLUMN]
        label = _header_text(header, id_col)
        for _, row in df[repeated].iterrows():
            rejections.add(int(row[ROW_COLUMN]), label, row[id_col],
                           f"编号重复（与第 {int(first_row[row[id_col]])} 行相同）")
    return df[~repeated].reset_index(drop=True)


def apply_row_rules(df: pd.DataFrame, dataset: Dataset, header: Header, rejections: Rejections) -> pd.DataFrame:
    """Reject rows failing a cross-column condition of the dataset."""
    bad = pd.Series(False, index=df.index)
    for rule in dataset.row_rules:
        mask = rule.test(df).fillna(False).astype(bool) & ~bad
        for _, row in df[mask].iterrows():
            rejections.add(int(row[ROW_COLUMN]), _header_text(header, rule.column), row[rule.column], rule.reason)
        bad |= mask
    return df[~bad].reset_index(drop=True)


def _header_text(header: Header, name: str) -> str:
    for cell in header.cells:
        if cell.column.name == name:
            return cell.text
    return name


def rejected_row_count(rejected: pd.DataFrame | None) -> int:
    """Distinct input rows rejected (a row with three bad cells counts once); whole files not counted.

    >>> rejected_row_count(pd.DataFrame({"file": ["a", "a", "a", "b"], "sheet": ["", "", "", ""],
    ...                                  "row": [5, 5, 7, None]}))
    2
    """
    if rejected is None or rejected.empty:
        return 0
    rows = rejected.dropna(subset=["row"])
    return int(len(rows.drop_duplicates(["file", "sheet", "row"])))
