"""The dataset specs of contract/datasets.md, as data.

A :class:`Dataset` lists its :class:`Column` s: canonical name, Chinese header,
kind, canonical unit, whether required, closed categories and bounds. Row-level
conditions that span columns (``end_time ≥ start_time``, "required when 已收回")
are :class:`RowRule` s. Ingest reads these specs; nothing else hard-codes a
header.

>>> DATASETS["reception"].column("amount").unit
'元'
>>> dataset_for_filename("公务接待.xlsx").name
'reception'
>>> dataset_for_filename("因公出国(境).csv").name
'overseas'
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import pandas as pd

from toolkit.formatting import fold_name

TEXT, INT, NUMBER, MONEY, AREA, DATE, DATETIME, MONTH, BOOL, CATEGORY, ID_NUMBER = (
    "text", "int", "number", "money", "area", "date", "datetime", "month", "bool", "category", "id_number",
)


@dataclass(frozen=True)
class Column:
    """One column of a dataset: canonical name, Chinese header, kind and limits."""

    name: str
    zh: str
    kind: str = TEXT
    required: bool = False
    unit: str | None = None          # canonical unit the value is stored in
    categories: tuple[str, ...] = ()  # closed set (kind == CATEGORY)
    minimum: float | None = None      # inclusive lower bound
    positive: bool = False            # strictly > 0
    sensitive: bool = False           # personal data: masked on export
    aliases: tuple[str, ...] = ()     # further header spellings


@dataclass(frozen=True)
class RowRule:
    """A condition over a whole row; ``test`` gets the typed frame, returns a bool mask of bad rows."""

    column: str
    reason: str
    test: Callable[[pd.DataFrame], pd.Series]


@dataclass(frozen=True)
class Dataset:
    """A contract dataset: canonical name, Chinese title, id column and columns."""

    name: str
    zh: str
    id_column: str
    columns: tuple[Column, ...]
    row_rules: tuple[RowRule, ...] = ()
    unit_column: str | None = None
    aliases: tuple[str, ...] = field(default=())

    def column(self, name: str) -> Column:
        for col in self.columns:
            if col.name == name:
                return col
        raise KeyError(name)

    @property
    def required(self) -> list[Column]:
        return [c for c in self.columns if c.required]

    @property
    def names(self) -> list[str]:
        return [c.name for c in self.columns]


def _missing(df: pd.DataFrame, col: str) -> pd.Series:
    return df[col].isna()


def _before(df: pd.DataFrame, later: str, earlier: str) -> pd.Series:
    return (df[later] < df[earlier]).fillna(False).astype(bool)


MEASURE_STATUS = ("未启动", "推进中", "已完成")

LEDGER = Dataset(
    "ledger", "整改台账", "measure_id",
    (
        Column("measure_id", "措施编号", required=True),
        Column("aspect_no", "方面序号", INT, required=True, minimum=1),
        Column("aspect", "方面", required=True),
        Column("problem_no", "问题序号", INT, required=True, minimum=1),
        Column("problem", "问题", required=True),
        Column("sub_problem", "具体问题"),
        Column("measure", "整改措施", required=True),
        Column("lead_leader", "牵头领导"),
        Column("units", "责任单位"),
        Column("kind", "整改类型", CATEGORY, required=True, categories=("立行立改", "限期整改", "长期坚持")),
        Column("deadline", "完成时限", DATE),
        Column("status", "整改状态", CATEGORY, required=True, categories=MEASURE_STATUS),
        Column("completed_on", "完成日期", DATE),
        Column("signed_off_by", "销号审核人"),
        Column("signed_off_on", "销号日期", DATE),
        Column("evidence", "佐证材料"),
    ),
    row_rules=(
        RowRule("deadline", "完成时限必填（长期坚持的措施除外）",
                lambda df: _missing(df, "deadline") & (df["kind"] != "长期坚持")),
    ),
    unit_column="units",
)

PROGRESS = Dataset(
    "progress", "整改周报", "id",
    (
        Column("id", "编号", required=True),
        Column("week_of", "周报日期", DATE, required=True),
        Column("measure_id", "措施编号", required=True),
        Column("status", "整改状态", CATEGORY, required=True, categories=MEASURE_STATUS),
        Column("note", "进展说明"),
    ),
)

RECEPTION = Dataset(
    "reception", "公务接待", "id",
    (
        Column("id", "编号", required=True),
        Column("unit", "接待单位", required=True),
        Column("date", "接待日期", DATE, required=True),
        Column("guest_org", "来访单位", required=True),
        Column("guest_city", "来访单位所在地"),
        Column("city", "接待地"),
        Column("guests", "接待对象人数", INT, required=True, minimum=1),
        Column("hosts", "陪餐人数", INT, required=True, minimum=0),
        Column("amount", "金额", MONEY, required=True, unit="元", minimum=0),
        Column("venue", "用餐地点"),
        Column("letter_no", "公函编号"),
        Column("invoice_no", "发票号码"),
        Column("approver", "审批人", sensitive=True),
        Column("purpose", "事由"),
    ),
    unit_column="unit",
)

VEHICLE_TRIPS = Dataset(
    "vehicle_trips", "公务用车出车记录", "id",
    (
        Column("id", "出车编号", required=True),
        Column("plate", "车牌号", required=True),
        Column("unit", "使用单位", required=True),
        Column("start_time", "出发时间", DATETIME, required=True),
        Column("end_time", "返回时间", DATETIME, required=True),
        Column("origin", "出发地"),
        Column("destination", "目的地"),
        Column("km", "里程", NUMBER, required=True, unit="km", minimum=0),
        Column("purpose", "事由"),
        Column("driver", "驾驶员", sensitive=True),
        Column("approval_no", "审批单号"),
    ),
    row_rules=(
        RowRule("end_time", "返回时间早于出发时间", lambda df: _before(df, "end_time", "start_time")),
    ),
    unit_column="unit",
)

FUEL = Dataset(
    "fuel", "加油记录", "id",
    (
        Column("id", "编号", required=True),
        Column("card_no", "加油卡号", required=True),
        Column("bound_plate", "绑定车牌"),
        Column("unit", "使用单位", required=True),
        Column("time", "加油时间", DATETIME, required=True),
        Column("station", "加油站"),
        Column("product", "油品"),
        Column("liters", "升数", NUMBER, required=True, unit="L", minimum=0),
        Column("amount", "金额", MONEY, required=True, unit="元", minimum=0),
    ),
    unit_column="unit",
)

OVERSEAS = Dataset(
    "overseas", "因公出国（境）", "id",
    (
        Column("id", "编号", required=True),
        Column("name", "姓名", required=True, sensitive=True),
        Column("unit", "单位", required=True),
        Column("depart_on", "出发日期", DATE, required=True),
        Column("return_on", "返回日期", DATE, required=True),
        Column("countries", "国家地区", required=True),
        Column("approval_no", "批件号"),
        Column("cost", "费用", MONEY, unit="元", minimum=0),
    ),
    row_rules=(
        RowRule("return_on", "返回日期早于出发日期", lambda df: _before(df, "return_on", "depart_on")),
    ),
    unit_column="unit",
)

SANGONG_CATEGORIES = ("公务接待费", "公务用车购置及运行维护费", "因公出国（境）费")

SANGONG_BUDGET = Dataset(
    "sangong_budget", "三公经费预算与决算", "id",
    (
        Column("id", "编号", required=True),
        Column("unit", "单位", required=True),
        Column("year", "年度", INT, required=True),
        Column("category", "类别", CATEGORY, required=True, categories=SANGONG_CATEGORIES),
        Column("budget", "预算数", MONEY, required=True, unit="万元", minimum=0),
        Column("actual", "决算数", MONEY, unit="万元", minimum=0),
    ),
    unit_column="unit",
)

LAND_STATUS = ("批而未供", "已供未建", "在建", "已竣工", "已收回")

LAND = Dataset(
    "land", "工业用地", "parcel_id",
    (
        Column("parcel_id", "地块编号", required=True),
        Column("project", "项目名称"),
        Column("company", "用地单位"),
        Column("approved_on", "批准日期", DATE, required=True),
        Column("supplied_on", "供地日期", DATE),
        Column("agreed_start", "约定开工日期", DATE),
        Column("actual_start", "实际开工日期", DATE),
        Column("completed_on", "竣工日期", DATE),
        Column("area_mu", "面积", AREA, required=True, unit="亩", positive=True),
        Column("developed_mu", "已开发面积", AREA, unit="亩", minimum=0),
        Column("investment", "投资额", MONEY, unit="万元", minimum=0),
        Column("agreed_investment", "约定投资额", MONEY, unit="万元", minimum=0),
        Column("annual_tax", "年税收", MONEY, unit="万元", minimum=0),
        Column("status", "状态", CATEGORY, required=True, categories=LAND_STATUS),
        Column("reclaimed_on", "收回日期", DATE),
    ),
    row_rules=(
        RowRule("reclaimed_on", "状态为已收回时收回日期必填",
                lambda df: _missing(df, "reclaimed_on") & (df["status"] == "已收回")),
    ),
)

CLUE_SOURCES = ("中央督导组", "省委督导组", "市委督导组", "省扫黑办", "市扫黑办", "巡视巡察", "信访举报", "审计移送", "其他")
CLUE_STATUS = ("未办理", "核查中", "已办结")
DISPOSITIONS = ("谈话函询", "初步核实", "暂存待查", "予以了结", "立案审查")

CLUES = Dataset(
    "clues", "问题线索", "clue_id",
    (
        Column("clue_id", "线索编号", required=True),
        Column("source", "来源", CATEGORY, required=True, categories=CLUE_SOURCES),
        Column("received_on", "受理日期", DATE, required=True),
        Column("category", "类别"),
        Column("subject", "被反映人", sensitive=True),
        Column("rank", "职级"),
        Column("status", "办理状态", CATEGORY, required=True, categories=CLUE_STATUS),
        Column("closed_on", "办结日期", DATE),
        Column("disposition", "处置方式", CATEGORY, categories=DISPOSITIONS),
    ),
    row_rules=(
        RowRule("closed_on", "办理状态为已办结时办结日期必填",
                lambda df: _missing(df, "closed_on") & (df["status"] == "已办结")),
    ),
)

FORMS = ("第一种形态", "第二种形态", "第三种形态", "第四种形态")

CASES = Dataset(
    "cases", "处分与处理", "id",
    (
        Column("id", "编号", required=True),
        Column("case_id", "案件编号", required=True),
        Column("clue_id", "线索编号"),
        Column("person", "姓名", required=True, sensitive=True),
        Column("unit", "单位"),
        Column("rank", "职级"),
        Column("filed_on", "立案日期", DATE),
        Column("closed_on", "结案日期", DATE),
        Column("category", "问题类型"),
        Column("form", "形态", CATEGORY, required=True, categories=FORMS),
        Column("sanction", "处理结果", required=True),
        Column("accountability", "问责", BOOL),
    ),
    unit_column="unit",
)

# ---- later datasets (datasets.md "Later datasets": read and validated now, their checks come later) ----

BIDS = Dataset(
    "bids", "投标记录", "id",
    (
        Column("id", "编号", required=True),
        Column("tender_id", "标段编号", required=True),
        Column("project", "项目名称"),
        Column("bidder", "投标人", required=True),
        Column("price", "投标报价", MONEY, unit="元", minimum=0),
        Column("phone", "联系电话", sensitive=True),
        Column("ip", "IP地址"),
        Column("mac", "MAC地址"),
        Column("deposit_account", "保证金账户", sensitive=True),
        Column("submitted_at", "递交时间", DATETIME),
        Column("won", "是否中标", BOOL),
    ),
)

ALLOWANCES = Dataset(
    "allowances", "津补贴发放", "id",
    (
        Column("id", "编号", required=True),
        Column("name", "姓名", required=True, sensitive=True),
        Column("id_number", "身份证号", ID_NUMBER, sensitive=True),
        Column("unit", "单位", required=True),
        Column("month", "月份", MONTH, required=True),
        Column("item", "项目", required=True),
        Column("amount", "金额", MONEY, required=True, unit="元", minimum=0),
    ),
    unit_column="unit",
)

ALLOWANCE_CATALOG = Dataset(
    "allowance_catalog", "津补贴清单", "item",
    (
        Column("item", "项目", required=True),
        Column("monthly_cap", "标准", MONEY, unit="元", minimum=0),
        Column("units", "适用单位"),
    ),
)

VILLAGE_FINANCE = Dataset(
    "village_finance", "村级财务", "id",
    (
        Column("id", "凭证号", required=True),
        Column("town", "乡镇"),
        Column("village", "村", required=True),
        Column("date", "日期", DATE, required=True),
        Column("direction", "收支", CATEGORY, required=True, categories=("收入", "支出")),
        Column("amount", "金额", MONEY, required=True, unit="元", minimum=0),
        Column("receipt", "票据类型", CATEGORY, categories=("发票", "收据", "白条", "无")),
        Column("payee", "收款方"),
        Column("account", "账户类型", CATEGORY, categories=("对公", "个人")),
        Column("cash", "现金", BOOL),
        Column("memo", "摘要"),
    ),
)

LOANS = Dataset(
    "loans", "财园信贷通", "id",
    (
        Column("id", "编号", required=True),
        Column("company", "企业", required=True),
        Column("date", "放贷日期", DATE, required=True),
        Column("amount", "金额", MONEY, required=True, unit="万元", minimum=0),
        Column("tax_last_year", "上年纳税", MONEY, unit="万元", minimum=0),
        Column("is_entity", "实体企业", BOOL),
        Column("safety_issue", "安全隐患", BOOL),
        Column("env_issue", "环保不达标", BOOL),
        Column("renewal", "续贷", BOOL),
        Column("previous_amount", "上次金额", MONEY, unit="万元", minimum=0),
    ),
)

PARTY_DUES = Dataset(
    "party_dues", "党费", "id",
    (
        Column("id", "编号", required=True),
        Column("member", "党员", required=True, sensitive=True),
        Column("branch", "支部"),
        Column("month", "月份", MONTH, required=True),
        Column("income", "月工资收入", MONEY, unit="元", minimum=0),
        Column("paid", "实缴", MONEY, required=True, unit="元", minimum=0),
        Column("retired", "离退休", BOOL),
    ),
)

BENEFITS = Dataset(
    "benefits", "惠民惠农补贴发放", "id",
    (
        Column("id", "编号", required=True),
        Column("name", "姓名", required=True, sensitive=True),
        Column("id_number", "身份证号", ID_NUMBER, required=True, sensitive=True),
        Column("type", "补贴类型", required=True),
        Column("month", "月份", MONTH, required=True),
        Column("amount", "金额", MONEY, required=True, unit="元", minimum=0),
        Column("town", "乡镇"),
        Column("village", "村"),
    ),
)

STAFF_STATUS = ("在职", "退休", "死亡", "调离", "辞职", "开除")

STAFF = Dataset(
    "staff", "财政供养人员及村干部", "id_number",
    (
        Column("id_number", "身份证号", ID_NUMBER, required=True, sensitive=True),
        Column("name", "姓名", required=True, sensitive=True),
        Column("unit", "单位"),
        Column("role", "身份"),
        Column("status", "状态", CATEGORY, required=True, categories=STAFF_STATUS),
        Column("left_on", "离岗日期", DATE),
    ),
    row_rules=(
        RowRule("left_on", "状态不是在职时离岗日期必填",
                lambda df: _missing(df, "left_on") & (df["status"] != "在职")),
    ),
    unit_column="unit",
    aliases=("财政供养人员", "财政供养人员及村干部名单", "村干部"),
)

DEATHS = Dataset(
    "deaths", "死亡人员", "id_number",
    (
        Column("id_number", "身份证号", ID_NUMBER, required=True, sensitive=True),
        Column("name", "姓名", sensitive=True),
        Column("died_on", "死亡日期", DATE, required=True),
    ),
    aliases=("死亡人员名单", "死亡人员信息"),
)

DATASETS: dict[str, Dataset] = {
    d.name: d
    for d in (LEDGER, PROGRESS, RECEPTION, VEHICLE_TRIPS, FUEL, OVERSEAS, SANGONG_BUDGET, LAND, CLUES, CASES,
              BIDS, ALLOWANCES, ALLOWANCE_CATALOG, VILLAGE_FINANCE, LOANS, PARTY_DUES, BENEFITS, STAFF, DEATHS)
}

LATER_DATASETS = frozenset({"bids", "allowances", "allowance_catalog", "village_finance", "loans", "party_dues",
                            "benefits", "staff", "deaths"})

# Cross-dataset row conditions ("must exist in ledger") are applied after every file is read.
REFERENCES: dict[tuple[str, str], tuple[str, str]] = {
    ("progress", "measure_id"): ("ledger", "measure_id"),
}


def fold(text: str) -> str:
    """Fold a name for matching: NFKC (full → half width), no spaces, lower case (``formatting.fold_name``).

    >>> fold(" 金额（元） ")
    '金额(元)'
    """
    return fold_name(text)


def dataset_for_filename(filename: str) -> Dataset | None:
    """The dataset a file is named after (Chinese title or canonical name), or None."""
    stem = fold(Path(filename).stem)
    for ds in DATASETS.values():
        if stem in {fold(ds.name), fold(ds.zh), *map(fold, ds.aliases)}:
            return ds
    return None
