"""How the allowances and benefits files of the demo are written: headers, sheet or CSV encoding, and how a
typed row becomes cells — months in each unit's or town's style (2020年3月, 202003, 2020-03, 2020/3, a date),
ID numbers as the clerk wrote them (:func:`toolkit.demo.idnumbers.written`), money sometimes as text.

Self-contained (plain data and small functions): :mod:`toolkit.demo.layouts` turns :data:`LAYOUT_ARGS` into
its ``Layout`` objects and adds :data:`CELL_WRITERS` to its row writers.

>>> month_text(dt.date(2020, 3, 1), "cn"), month_text(dt.date(2020, 3, 1), "six"), month_text(dt.date(2020, 3, 1), "slash")
('2020年3月', '202003', '2020/3')
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from toolkit.demo.idnumbers import written


def month_text(month: dt.date, style: str | None):
    """A month as written: 2020年3月, 202003, 2020-03, 2020/3, or the month's first day as a date."""
    if style == "cn":
        return f"{month.year}年{month.month}月"
    if style == "six":
        return f"{month.year}{month.month:02d}"
    if style == "slash":
        return f"{month.year}/{month.month}"
    if style == "date":
        return month
    return f"{month.year}-{month.month:02d}"


def _money(r: dict, col: str = "amount"):
    v = r[col]
    if v is None:
        return None
    return f"{v:,.2f}" if r["_fmt"].get(col) == "text" else v


def _id(r: dict):
    return None if r["id_number"] is None else written(r["id_number"], r["_fmt"].get("id_number"))


def _day_text(d: dt.date | None, style: str | None):
    if d is None:
        return None
    if style == "cn":
        return f"{d.year}年{d.month}月{d.day}日"
    if style == "slash":
        return f"{d.year}/{d.month}/{d.day}"
    return d.isoformat()


def _allowance_cells(r: dict) -> list:
    return [r["id"], r["name"], _id(r), r["unit"], month_text(r["month"], r["_fmt"].get("month")), r["item"],
            _money(r)]


def _catalog_cells(r: dict) -> list:
    return [r["item"], r["monthly_cap"], r["units"] or None]


def _benefit_cells(r: dict) -> list:
    return [r["id"], r["name"], _id(r), r["type"], month_text(r["month"], r["_fmt"].get("month")), _money(r),
            r["town"], r["village"]]


def _staff_cells(r: dict) -> list:
    return [_id(r), r["name"], r["unit"], r["role"], r["status"], r["left_on"]]


def _death_cells(r: dict) -> list:
    style = ("cn", "slash", "iso")[sum(map(ord, r["name"])) % 3]
    return [_id(r), r["name"], _day_text(r["died_on"], style)]


#: dataset → the keyword arguments of its ``Layout``
LAYOUT_ARGS: dict[str, dict] = {
    "allowances": dict(
        columns=["id", "name", "id_number", "unit", "month", "item", "amount"],
        headers=["编号", "姓名", "身份证号", "单位", "月份", "项目", "金额（元）"],
        sheet="津补贴发放", titles=("青岚县2020年上半年津补贴发放明细表",), money_cols=(7,), text_cols=(3,),
        widths={3: 22, 4: 24, 6: 16}),
    "allowance_catalog": dict(
        columns=["item", "monthly_cap", "units"], headers=["项目", "标准（元/人·月）", "适用单位"],
        encoding="gb18030"),
    "benefits": dict(
        columns=["id", "name", "id_number", "type", "month", "amount", "town", "village"],
        headers=["编号", "姓名", "身份证号", "补贴类型", "月份", "金额（元）", "乡镇", "村"],
        sheet="惠民惠农补贴", titles=("青岚县惠民惠农财政补贴资金发放明细（2020年1—6月）", "单位：元"),
        money_cols=(6,), text_cols=(3,), widths={3: 22, 4: 18}),
    "staff": dict(
        columns=["id_number", "name", "unit", "role", "status", "left_on"],
        headers=["身份证号", "姓名", "单位", "身份", "状态", "离岗日期"],
        sheet="财政供养人员", text_cols=(1,), widths={1: 22, 3: 28}),
    "deaths": dict(
        columns=["id_number", "name", "died_on"], headers=["身份证号", "姓名", "死亡日期"], encoding="utf-8-sig"),
}

#: dataset → how a typed row becomes the cells of its file
CELL_WRITERS: dict[str, Callable[[dict], list]] = {
    "allowances": _allowance_cells, "allowance_catalog": _catalog_cells, "benefits": _benefit_cells,
    "staff": _staff_cells, "deaths": _death_cells,
}
