"""What each file of the round looks like: its columns and Chinese headers, CSV encoding or sheet layout, and
how a typed row becomes cells (dates and money in the row's chosen written style).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from toolkit.demo.files_allowbenefit import CELL_WRITERS, LAYOUT_ARGS


def date_text(d: dt.date, style: str) -> str:
    """
    >>> [date_text(dt.date(2020, 3, 5), s) for s in ("slash", "cn", "dot", "serial", "iso")]
    ['2020/3/5', '2020年3月5日', '2020.03.05', '43895', '2020-03-05']
    """
    if style == "slash":
        return f"{d.year}/{d.month}/{d.day}"
    if style == "cn":
        return f"{d.year}年{d.month}月{d.day}日"
    if style == "dot":
        return f"{d:%Y.%m.%d}"
    if style == "serial":
        return str((d - dt.date(1899, 12, 30)).days)
    return d.isoformat()


def datetime_text(t: dt.datetime, style: str) -> str:
    """
    >>> datetime_text(dt.datetime(2020, 3, 5, 8, 7), "slash")
    '2020/3/5 08:07:00'
    """
    if style == "slash":
        return f"{t.year}/{t.month}/{t.day} {t:%H:%M}:00"
    if style == "cn":
        return f"{t.year}年{t.month}月{t.day}日 {t:%H:%M}"
    return f"{t:%Y-%m-%d %H:%M}"


def cell(r: dict, col: str, kind: str = "auto"):
    """A typed value as written: booleans as 是/否, dates and money in the row's chosen style, '' as empty."""
    v = r.get(col)
    style = r["_fmt"].get(col)
    if v is None:
        return None
    if isinstance(v, bool):
        return "是" if v else "否"
    if style and isinstance(v, dt.datetime):
        return datetime_text(v, style)
    if style and isinstance(v, dt.date):
        return date_text(v, style)
    if style == "text" and isinstance(v, (int, float)):
        return f"{v:,.2f}" if kind == "money" else str(v)
    if v == "" and kind != "keep":
        return None
    return v


@dataclass(frozen=True)
class Layout:
    """How one dataset is written: its file's headers, and either a CSV encoding or a workbook's sheet layout."""

    columns: list[str]
    headers: list[str]
    encoding: str = ""                       # CSV when set
    sheet: str = ""
    titles: tuple[str, ...] = ()
    money_cols: tuple[int, ...] = ()         # 1-based, as in Excel
    text_cols: tuple[int, ...] = ()
    widths: dict[int, float] = field(default_factory=dict)
    money: tuple[str, ...] = ()              # columns whose text style is 1,234.50

    def cells(self, r: dict) -> list:
        return [cell(r, c, "money" if c in self.money else "auto") for c in self.columns]


def _progress_cells(p: dict) -> list:
    week = cell(p, "week_of") if p["_fmt"].get("week_of") else p["week_of"].isoformat()
    return [p["id"], week, p["measure_id"], p["status"], p["note"]]


def _trip_cells(r: dict) -> list:
    style = r["_fmt"]["start_time"]      # the return time is written like the start time
    return [r["id"], r["plate"], r["unit"], datetime_text(r["start_time"], style), datetime_text(r["end_time"], style),
            r["origin"], r["destination"], r["km"], r["purpose"], r["driver"], r["approval_no"]]


def _land_cells(r: dict) -> list:
    row = LAYOUTS["land"].cells(r)
    if r["developed_mu"] is not None:     # the header says 平方米
        row[LAYOUTS["land"].columns.index("developed_mu")] = round(r["developed_mu"] * 10000 / 15, 2)
    return row


def _case_cells(r: dict) -> list:
    row = LAYOUTS["cases"].cells(r)
    row[-1] = r["_fmt"]["accountability"] or None     # √, 是, 否 or blank
    return row


LAYOUTS: dict[str, Layout] = {
    "ledger": Layout(
        ["measure_id", "aspect_no", "aspect", "problem_no", "problem", "sub_problem", "measure", "lead_leader",
         "units", "kind", "deadline", "status", "completed_on", "signed_off_by", "signed_off_on", "evidence"],
        ["措施编号", "方面序号", "方面", "问题序号", "问题", "具体问题", "整改措施", "牵头领导", "责任单位", "整改类型",
         "完成时限", "整改状态", "完成日期", "销号审核人", "销号日期", "佐证材料"],
        sheet="整改台账", titles=("青岚县落实省委第一巡视组巡视反馈意见整改台账",),
        widths={3: 30, 5: 30, 6: 26, 7: 48, 9: 26, 16: 30}),
    "progress": Layout(      # canonical headers for two columns
        ["id", "week_of", "measure_id", "status", "note"], ["id", "周报日期", "measure_id", "整改状态", "进展说明"],
        encoding="utf-8-sig"),
    "reception": Layout(
        ["id", "unit", "date", "guest_org", "guest_city", "city", "guests", "hosts", "amount", "venue", "letter_no",
         "invoice_no", "approver", "purpose"],
        ["编号", "接待单位", "接待日期", "来访单位", "来访单位所在地", "接待地", "接待对象人数（人）", "陪餐人数（人）",
         "金额（元）", "用餐地点", "公函编号", "发票号码", "审批人", "事由"],
        sheet="公务接待", titles=("2020年度公务接待明细表", "填报单位：青岚县财政局    单位：元"), money_cols=(9,),
        widths={2: 22, 4: 26, 5: 14, 11: 22}, money=("amount",)),
    "vehicle_trips": Layout(
        ["id", "plate", "unit", "start_time", "end_time", "origin", "destination", "km", "purpose", "driver",
         "approval_no"],
        ["出车编号", "车牌号", "使用单位", "出发时间", "返回时间", "出发地", "目的地", "里程(km)", "事由", "驾驶员",
         "审批单号"],
        encoding="gb18030"),
    "fuel": Layout(
        ["id", "card_no", "bound_plate", "unit", "time", "station", "product", "liters", "amount"],
        ["编号", "加油卡号", "绑定车牌", "使用单位", "加油时间", "加油站", "油品", "升数（升）", "金额(元)"],
        sheet="加油记录", money_cols=(9,), text_cols=(2,), widths={2: 22, 5: 18, 6: 28}, money=("amount",)),
    "overseas": Layout(
        ["id", "name", "unit", "depart_on", "return_on", "countries", "approval_no", "cost"],
        ["编号", "姓名", "单位", "出发日期", "返回日期", "国家地区", "批件号", "费用（元）"],
        sheet="因公出国（境）", money_cols=(8,), widths={3: 24, 6: 22, 7: 22}, money=("cost",)),
    "sangong_budget": Layout(        # 万元
        ["id", "unit", "year", "category", "budget", "actual"],
        ["编号", "单位", "年度", "类别", "预算数（万元）", "决算数（万元）"],
        sheet="三公经费", titles=("青岚县部门“三公”经费预算与决算情况表（2019—2020年度）",), money_cols=(5, 6),
        widths={2: 26, 4: 26}, money=("budget", "actual")),
    "land": Layout(          # 亩, 平方米, 万元
        ["parcel_id", "project", "company", "approved_on", "supplied_on", "agreed_start", "actual_start",
         "completed_on", "area_mu", "developed_mu", "investment", "agreed_investment", "annual_tax", "status",
         "reclaimed_on"],
        ["地块编号", "项目名称", "用地单位", "批准日期", "供地日期", "约定开工日期", "实际开工日期", "竣工日期", "面积（亩）",
         "已开发面积（平方米）", "投资额（万元）", "约定投资额（万元）", "年税收（万元）", "状态", "收回日期"],
        sheet="工业用地", money_cols=(11, 12, 13), widths={2: 26, 3: 30},
        money=("investment", "agreed_investment", "annual_tax")),
    "clues": Layout(         # dates mixed, Excel serials included
        ["clue_id", "source", "received_on", "category", "subject", "rank", "status", "closed_on", "disposition"],
        ["线索编号", "来源", "受理日期", "类别", "被反映人", "职级", "办理状态", "办结日期", "处置方式"],
        encoding="gb18030"),
    "cases": Layout(
        ["id", "case_id", "clue_id", "person", "unit", "rank", "filed_on", "closed_on", "category", "form",
         "sanction", "accountability"],
        ["编号", "案件编号", "线索编号", "姓名", "单位", "职级", "立案日期", "结案日期", "问题类型", "形态", "处理结果",
         "问责"],
        sheet="处分与处理", widths={5: 24}),
}

LAYOUTS["bids"] = Layout(
    ["id", "tender_id", "project", "bidder", "price", "phone", "ip", "mac", "deposit_account", "submitted_at", "won"],
    ["编号", "标段编号", "项目名称", "投标人", "投标报价（元）", "联系电话", "IP地址", "MAC地址", "保证金账户", "递交时间",
     "是否中标"],
    sheet="投标记录", titles=("青岚县政府投资项目投标情况登记表（2019—2020年）",), money_cols=(5,), text_cols=(6, 9),
    widths={2: 16, 3: 30, 4: 34, 8: 20, 9: 22, 10: 20}, money=("price",))
LAYOUTS["loans"] = Layout(  # 万元
    ["id", "company", "date", "amount", "tax_last_year", "is_entity", "safety_issue", "env_issue", "renewal",
     "previous_amount"],
    ["编号", "企业", "放贷日期", "金额（万元）", "上年纳税（万元）", "实体企业", "安全隐患", "环保不达标", "续贷",
     "上次金额（万元）"],
    encoding="gb18030")


def _bid_cells(r: dict) -> list:
    """递交时间 with its seconds: a datetime cell, text when styled so, a bare date at midnight."""
    row = LAYOUTS["bids"].cells(r)
    at, i = r["submitted_at"], LAYOUTS["bids"].columns.index("submitted_at")
    if at is not None:
        row[i] = at.date() if at.time() == dt.time(0) else (
            f"{at:%Y-%m-%d %H:%M:%S}" if r["_fmt"].get("submitted_at") else at)
    return row


def _loan_cells(r: dict) -> list:
    """Booleans as 是/否, or √/× where the row says "mark"."""
    row = LAYOUTS["loans"].cells(r)
    for col in ("is_entity", "safety_issue", "env_issue", "renewal"):
        if r["_fmt"].get(col) == "mark" and r[col] is not None:
            row[LAYOUTS["loans"].columns.index(col)] = "√" if r[col] else "×"
    return row


#: datasets whose rows are not simply their layout's cells
ROW_WRITERS: dict[str, Callable[[dict], list]] = {
    "progress": _progress_cells, "vehicle_trips": _trip_cells, "land": _land_cells, "cases": _case_cells,
    "bids": _bid_cells, "loans": _loan_cells}


# ---- second wave: village (村级财务, GB18030 CSV) and dues (党费, a workbook with a title row)
LAYOUTS["village_finance"] = Layout(
    ["id", "town", "village", "date", "direction", "amount", "receipt", "payee", "account", "cash", "memo"],
    ["凭证号", "乡镇", "村", "日期", "收支", "金额（元）", "票据类型", "收款方", "账户类型", "现金", "摘要"],
    encoding="gb18030", money=("amount",))
LAYOUTS["party_dues"] = Layout(
    ["id", "member", "branch", "month", "income", "paid", "retired"],
    ["编号", "党员", "支部", "月份", "月工资收入（元）", "实缴（元）", "离退休"],
    sheet="党费收缴", titles=("青岚县党费收缴明细（2019年10月—2020年6月）",), money_cols=(5, 6),
    widths={3: 24}, money=("income", "paid"))


def month_text(d: dt.date, style: str) -> str:
    """
    >>> [month_text(dt.date(2020, 3, 1), s) for s in ("iso", "cn", "six", "slash")]
    ['2020-03', '2020年3月', '202003', '2020/3']
    """
    return {"cn": f"{d.year}年{d.month}月", "six": f"{d.year}{d.month:02d}",
            "slash": f"{d.year}/{d.month}"}.get(style, f"{d:%Y-%m}")


def _dues_cells(r: dict) -> list:
    row = LAYOUTS["party_dues"].cells({**r, "_fmt": {k: v for k, v in r["_fmt"].items() if k != "month"}})
    row[3] = month_text(r["month"], r["_fmt"].get("month", "iso"))
    return row


ROW_WRITERS["party_dues"] = _dues_cells

LAYOUTS.update({ds: Layout(**args) for ds, args in LAYOUT_ARGS.items()})     # allowances and benefits
ROW_WRITERS.update(CELL_WRITERS)
