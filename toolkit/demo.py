"""The deterministic demo round: one county's year, with planted violations.

``build_demo(out_dir)`` writes a realistic synthetic round for 青岚县 — every
dataset of the contract's main sections, in the mix of formats a county really
hands over (xlsx with title rows, GB18030 CSV, UTF-8-BOM CSV, text dates, Excel
serial dates, money as text, 万元 and 平方米 headers) — and ``.truth.json``,
which lists exactly which records each check of checks.md must flag and the
value of every indicator.

How the truth is made exact:

1. Clean rows are generated so that, by construction, they break no rule
   (working days, letters present, per-capita under the standard, unique
   invoices, fuel within the plate's trip kilometres, ...).
2. Violations and near-misses are planted deliberately; each planted row is
   tagged with the checks it is meant to fail (``_tags``) or to pass narrowly
   (``_near``).
3. The truth is then computed by :func:`evaluate`, a plain-Python reading of
   checks.md applied to the generated values (not by any other toolkit
   module), and the tests assert that it equals the planted set.

Byte-for-byte determinism: only ``random.Random(seed)`` is used, xlsx zip
entries carry a fixed timestamp and the document properties a fixed date.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import math
import random
import zipfile
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

import chinese_calendar
from openpyxl import Workbook
from openpyxl.utils import get_column_letter
from openpyxl.writer.excel import ExcelWriter

__all__ = ["DEMO_SEED", "build_demo", "expected_truth", "generate", "evaluate",
           "indicators", "CHECK_IDS", "INDICATOR_NAMES", "FILES"]

DEMO_SEED = 20200630

PERIOD_START = dt.date(2019, 10, 1)
AS_OF = dt.date(2020, 6, 30)
CITY = "青岚县"
FIXED_TIME = dt.datetime(2020, 7, 1)
ZIP_TIME = (2020, 7, 1, 0, 0, 0)

ROUND = {
    "slug": "demo",
    "title": "省委第一巡视组巡视青岚县反馈意见整改（演示数据）",
    "inspector": "省委第一巡视组",
    "target": "青岚县",
    "city": CITY,
    "period_start": PERIOD_START,
    "as_of": AS_OF,
}

THRESHOLDS: dict[str, Any] = {
    "reception_per_capita_max": 150,
    "vehicle_night_start": 22,
    "vehicle_night_end": 6,
    "sensitive_destinations": ["景区", "度假", "山庄", "会所", "高尔夫", "温泉", "农家乐", "KTV", "洗浴"],
    "fuel_tank_liters_max": 80,
    "fuel_l_per_100km_max": 15,
    "budget_mismatch_ratio": 0.05,
    "budget_mismatch_min": 1000,
    "land_unsupplied_years": 2,
    "land_tax_per_mu_min": 5,
    "land_supply_investment_min": 2000,
    "clue_days_max": 90,
    "ledger_stall_weeks": 4,
}

CHECK_IDS = [
    "ledger.overdue", "ledger.closed_without_signoff", "ledger.completed_late",
    "ledger.stalled", "ledger.regressed",
    "reception.no_letter", "reception.same_city", "reception.hosts_over_limit",
    "reception.per_capita_over_standard", "reception.duplicate_invoice",
    "reception.split", "reception.holiday",
    "vehicle.no_approval", "vehicle.holiday_use", "vehicle.night_use",
    "vehicle.sensitive_destination",
    "fuel.unbound_card", "fuel.over_tank", "fuel.holiday", "fuel.consumption_anomaly",
    "overseas.no_approval", "overseas.over_days",
    "budget.over_budget", "budget.detail_mismatch",
    "generic.benford",
    "land.idle", "land.idle_reclaimable", "land.approved_unsupplied",
    "land.low_efficiency", "land.supply_standard",
    "clues.overdue", "clues.closed_without_disposition",
    "cases.form_sanction_mismatch",
]

INDICATOR_NAMES = [
    "ledger.aspects", "ledger.problems", "ledger.measures", "ledger.leaders",
    "ledger.units", "ledger.completed", "ledger.in_progress", "ledger.not_started",
    "ledger.signed_off", "ledger.completion_rate", "ledger.overdue",
    "sangong.reception.count", "sangong.reception.amount",
    "sangong.vehicle.trips", "sangong.vehicle.km",
    "sangong.fuel.liters", "sangong.fuel.amount",
    "sangong.overseas.trips", "sangong.overseas.cost",
    "land.reclaimed.parcels", "land.reclaimed.area_mu",
    "land.idle.parcels", "land.idle.area_mu",
    "land.unsupplied.parcels", "land.unsupplied.area_mu",
    "cases.clues.received", "cases.clues.closed", "cases.clues.verification_rate",
    "cases.cases", "cases.persons", "cases.sanctioned", "cases.first_form",
    "cases.accountability",
]

#: dataset → file name written into the round
FILES = {
    "ledger": "整改台账.xlsx",
    "progress": "progress.csv",
    "reception": "公务接待.xlsx",
    "vehicle_trips": "vehicle_trips.csv",
    "fuel": "加油记录.xlsx",
    "overseas": "因公出国（境）.xlsx",
    "sangong_budget": "三公经费预算与决算.xlsx",
    "land": "工业用地.xlsx",
    "clues": "问题线索.csv",
    "cases": "处分与处理.xlsx",
}

#: names under which a dataset file may be recognised (to clear stale copies)
_DATASET_STEMS = {
    "ledger": ("整改台账", "ledger"), "progress": ("整改周报", "progress"),
    "reception": ("公务接待", "reception"),
    "vehicle_trips": ("公务用车出车记录", "vehicle_trips"),
    "fuel": ("加油记录", "fuel"), "overseas": ("因公出国（境）", "overseas"),
    "sangong_budget": ("三公经费预算与决算", "sangong_budget"),
    "land": ("工业用地", "land"), "clues": ("问题线索", "clues"),
    "cases": ("处分与处理", "cases"),
}

# --------------------------------------------------------------------------
# rule helpers (the contract's definitions, used by evaluate())
# --------------------------------------------------------------------------

_EMPTY_WORDS = {"", "无", "没有", "/", "-", "—", "n/a"}
_SEPARATORS = "、，,;；"

SANCTIONS_BY_FORM = {
    "第一种形态": ["谈话提醒", "提醒谈话", "批评教育", "责令检查", "诫勉", "函询", "通报批评"],
    "第二种形态": ["警告", "严重警告", "记过", "记大过", "停职检查", "调整职务", "责令辞职", "免职", "降职"],
    "第三种形态": ["撤销党内职务", "留党察看", "降级", "撤职", "开除党籍", "开除"],
    "第四种形态": ["开除党籍", "开除", "移送司法"],
}
DISCIPLINARY = ["警告", "严重警告", "撤销党内职务", "留党察看", "开除党籍", "记过", "记大过", "降级", "撤职", "开除"]


def is_empty(value: Any) -> bool:
    """checks.md's **Empty**: blank after trimming, or 无/没有/'/'/-/—/N/A."""
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    return str(value).strip().lower() in _EMPTY_WORDS


def split_list(text: Any) -> list[str]:
    """Split on 、，,;； and drop empty pieces."""
    if text is None:
        return []
    s = str(text)
    for sep in _SEPARATORS[1:]:
        s = s.replace(sep, _SEPARATORS[0])
    return [p.strip() for p in s.split(_SEPARATORS[0]) if p.strip()]


def same_city(a: str, b: str) -> bool:
    a = a.replace(" ", "").replace("\u3000", "")
    b = b.replace(" ", "").replace("\u3000", "")
    if a == b:
        return True

    def bare(x: str) -> str | None:
        return x[:-1] if len(x) > 1 and x[-1] in "市县区" else None

    return bare(a) == b or bare(b) == a


def add_years(d: dt.date, n: int) -> dt.date:
    try:
        return d.replace(year=d.year + n)
    except ValueError:  # 29 February
        return d.replace(year=d.year + n, day=28)


def is_workday(d: dt.date) -> bool:
    return chinese_calendar.is_workday(d)


def first_digit(v: float) -> int:
    s = repr(float(v)).lstrip("0.")
    return int(s[0])


def benford_mad(values: list[float]) -> tuple[int, float]:
    """(count of values ≥ 10, first-digit MAD) — Nigrini's MAD."""
    vals = [v for v in values if v is not None and v >= 10]
    n = len(vals)
    if n == 0:
        return 0, 0.0
    counts = Counter(first_digit(v) for v in vals)
    mad = sum(abs(counts.get(d, 0) / n - math.log10(1 + 1 / d)) for d in range(1, 10)) / 9
    return n, mad


# --------------------------------------------------------------------------
# vocabulary
# --------------------------------------------------------------------------

SURNAMES = ("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程"
            "苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏付方邹熊秦邱江尹薛段雷侯龙陶黎贺顾毛龚邵万严戴汤")
GIVEN = ("建国华明军伟芳敏静丽强磊洋勇艳杰娟涛超秀霞平刚桂英文辉鹏志红玲飞斌波宇峰海燕凤晓春林亮成兵"
         "俊云琴新雪梅丹荣萍兰慧德福生龙宁东忠良卫民永胜金水根保小水清泉远航思源佳怡子涵")

TOWNS = ["白鹭镇", "桃源镇", "石门乡", "柳溪镇", "云岭乡", "长埠镇", "枫林镇", "清江乡", "凤凰镇", "黄泥乡",
         "双溪镇", "金滩镇"]

REC_UNITS = [  # the 15 budget units; all host receptions
    "县委办公室", "县政府办公室", "县财政局", "县发展和改革委员会", "县交通运输局", "县自然资源局",
    "县教育体育局", "县卫生健康委员会", "县农业农村局", "县住房和城乡建设局", "县商务局",
    "县工业园区管委会", "县文化广电新闻出版旅游局", "白鹭镇人民政府", "桃源镇人民政府",
]
OVERSEAS_UNITS = ["县商务局", "县工业园区管委会", "县发展和改革委员会", "县教育体育局", "县农业农村局",
                  "县文化广电新闻出版旅游局"]

LEDGER_UNITS = [
    "县委办", "县政府办", "县纪委监委", "县委组织部", "县委宣传部", "县委政法委", "县委统战部", "县委编办",
    "县委巡察办", "县直机关工委", "县发改委", "县工信局", "县财政局", "县审计局", "县人社局", "县自然资源局",
    "县生态环境局", "县住建局", "县交通运输局", "县水利局", "县农业农村局", "县林业局", "县商务局",
    "县文广新旅局", "县卫健委", "县教体局", "县民政局", "县公安局", "县司法局", "县应急管理局",
    "县市场监管局", "县统计局", "县医保局", "县行政审批局", "县机关事务管理局", "县工业园区管委会",
    "县城管局", "县扫黑办", "县禁毒办", "县效能办", "县接待办", "县融媒体中心", "县法院", "县检察院",
    "各乡镇（场）", "县供销社",
]

ASPECTS = [
    (1, "贯彻落实党的路线方针政策和中央、省委重大决策部署存在差距", range(1, 12)),
    (2, "贯彻落实全面从严治党战略部署有欠缺", range(12, 25)),
    (3, "落实新时代党的组织路线存在薄弱环节", range(25, 30)),
    (4, "落实巡视、审计等监督发现问题整改存在偏差", range(30, 33)),
]
PROBLEMS = {
    1: "县委在学懂弄通不深入、学用结合不紧密", 2: "县政府党组主动学习少", 3: "重要会议记录不规范",
    4: "有的县直单位学习重要讲话精神不及时", 5: "传统产业转型升级推进缓慢", 6: "新的经济增长点培育发展不够",
    7: "落实工业强县战略力度不够", 8: "扫黑除恶专项斗争工作力度弱", 9: "环境污染治理抓而不紧",
    10: "民生事业发展滞后", 11: "对意识形态工作的极端重要性认识还不到位", 12: "履行管党治党主体责任不够到位",
    13: "落实监督责任有差距", 14: "巡察工作有待进一步加强", 15: "推动放管服改革不力",
    16: "五型政府建设不够深入", 17: "形式主义、官僚主义问题仍一定程度存在", 18: "公车改革不到位",
    19: "奢靡之风、享乐主义犹存", 20: "违规公款吃喝问题突出", 21: "违规发放奖金和津补贴",
    22: "招投标不够规范", 23: "资金使用监管存在盲点", 24: "财园信贷通审核把关不严",
    25: "抓好党建是最大政绩的理念树得不够牢", 26: "农村基层党组织建设弱化", 27: "党员发展和党费收缴使用不规范",
    28: "干部队伍青黄不接", 29: "因私出国（境）审批和证件管理不够到位", 30: "有的问题敷衍整改",
    31: "村居财务管理不规范等问题屡禁不止", 32: "审计监督作用缺失",
}
SUBS = {
    5: ["盐卤药化产业优化升级效果不理想", "箱包皮具产业转型升级", "灯饰照明、机械机电产业转型升级没有大的突破"],
    6: ["工业产业‘老四样’和招大引强成效不佳", "农业产业特色优势发挥不够等", "文旅融合不深",
        "特色文化资源开发不够", "扶持引导科技企业创新力度不强"],
    7: ["工业用地规划管控不力、布局散乱", "工业园区排位靠后", "用地矛盾突出"],
    8: ["县扫黑除恶工作领导小组成员单位各自为政", "禁毒工作力度弱", "公众安全感下滑"],
    10: ["公办园入园难", "城区大班额", "新中医院、第三人民医院至今未完工"],
}
MEASURE_TEMPLATES = [
    "围绕“{t}”制定专项整改工作方案，明确责任分工和完成时限",
    "召开专题会议研究部署“{t}”整改工作，逐项建立整改台账",
    "深入开展自查自纠，全面梳理“{t}”相关问题清单",
    "建立健全长效机制，出台针对“{t}”的管理制度",
    "组织开展专项检查，督促责任单位对“{t}”立行立改",
    "强化督查督办，定期通报“{t}”整改进展",
    "加强业务培训，提升相关干部解决“{t}”的能力",
    "开展“回头看”，巩固“{t}”整改成果、防止反弹",
    "约谈相关单位主要负责人，压实“{t}”整改责任",
    "对“{t}”中失职失责人员依规依纪严肃问责",
    "加大资金和要素保障力度，推动“{t}”相关项目建设",
    "将“{t}”整改情况纳入年度高质量发展考核",
    "实行清单化管理、销号式推进，确保“{t}”整改到位",
    "举一反三，在全县范围内排查与“{t}”类似的问题",
]
PROGRESS_NOTES = [
    "已召开专题会议部署，整体完成{p}%",
    "正在按方案推进，已完成{p}%",
    "已完成{p}%，正在收集佐证材料",
    "督导组已实地检查，进度{p}%",
    "相关制度正在起草中，完成{p}%",
    "已完成阶段性任务，累计进度{p}%",
]
STALL_NOTES = ["正在推进中", "已制定方案，正在组织实施", "按计划有序推进", "正在协调相关单位",
               "正在积极推进，尚未完成"]
DOC_PREFIX = ["青办字", "青府办字", "青财字", "青纪字", "青组字", "青发改字", "青自然资字", "青教体字", "青办发"]

GUESTS = [  # (来访单位, 所在地, 公函前缀)
    ("吉安市财政局", "吉安市", "吉市财函"), ("吉安市发展和改革委员会", "吉安市", "吉市发改函"),
    ("吉安市纪委监委", "吉安市", "吉市纪函"), ("吉安市自然资源局", "吉安市", "吉市自然资函"),
    ("江西省财政厅", "南昌市", "赣财函"), ("江西省审计厅", "南昌市", "赣审函"),
    ("江西省交通运输厅", "南昌市", "赣交函"), ("宜春市商务局", "宜春市", "宜商函"),
    ("新余市自然资源局", "新余市", "余自然资函"), ("樟树市教育体育局", "樟树市", "樟教体函"),
    ("峡江县农业农村局", "峡江县", "峡农函"), ("永丰县交通运输局", "永丰县", "永交函"),
    ("抚州市卫生健康委员会", "抚州市", "抚卫函"), ("赣州市工业和信息化局", "赣州市", "赣市工信函"),
    ("浙江华远投资集团有限公司", "杭州市", "华远函"), ("深圳市腾达电子有限公司", "深圳市", "腾达函"),
    ("湖南省交通规划勘察设计院", "长沙市", "湘交院函"), ("九江市住房和城乡建设局", "九江市", "九住建函"),
]
VENUES = ["青岚宾馆", "县机关食堂", "青岚大酒店", "滨江大酒店", "金川饭店", "县委招待所", "开发区职工食堂",
          "锦江饭店"]
REC_PURPOSES = ["检查指导工作", "调研督导", "招商洽谈", "考察交流", "项目对接", "审计检查", "业务培训",
                "扶贫工作督查"]

VEHICLE_UNITS = [
    ("县机关事务管理局", 8), ("县委办公室", 2), ("县政府办公室", 2), ("县财政局", 2), ("县交通运输局", 2),
    ("县自然资源局", 2), ("县教育体育局", 2), ("县卫生健康委员会", 2), ("县农业农村局", 2),
    ("县住房和城乡建设局", 2), ("县水利局", 2), ("县工业园区管委会", 2), ("白鹭镇人民政府", 1),
    ("桃源镇人民政府", 1), ("石门乡人民政府", 1), ("县生态环境局", 1), ("县林业局", 1),
]
TRIP_PURPOSES = ["下乡检查", "送达文件", "参加会议", "督导检查", "扶贫走访", "项目调度", "汇报工作",
                 "防汛检查", "信访接待"]
STATIONS = ["中国石化青岚城北加油站", "中国石化青岚滨江加油站", "中国石油青岚105国道加油站",
            "中国石油青岚工业园加油站", "中国石化吉安城南加油站"]
PRICE_92 = {(2019, 10): 6.86, (2019, 11): 6.84, (2019, 12): 6.93, (2020, 1): 7.05, (2020, 2): 6.72,
            (2020, 3): 6.32, (2020, 4): 6.05, (2020, 5): 6.05, (2020, 6): 6.18}
PRODUCTS = {"92#汽油": 1.0, "95#汽油": 1.065, "0#柴油": 0.955}

MONTHS = [(2019, 10), (2019, 11), (2019, 12), (2020, 1), (2020, 2), (2020, 3), (2020, 4), (2020, 5),
          (2020, 6)]
WEEKS = [dt.date(2020, 4, 3) + dt.timedelta(weeks=i) for i in range(13)] + [dt.date(2020, 7, 3)]
FEEDBACK_DAY = dt.date(2019, 11, 25)

CLUE_SOURCES = [("信访举报", 45), ("巡视巡察", 14), ("审计移送", 6), ("中央督导组", 4), ("省委督导组", 5),
                ("市委督导组", 6), ("省扫黑办", 4), ("市扫黑办", 6), ("其他", 10)]
CLUE_CATEGORIES = ["涉黑涉恶", "四风", "扶贫", "违反廉洁纪律", "违反组织纪律", "失职失责", "违反群众纪律", "其他"]
DISPOSITIONS = [("谈话函询", 30), ("初步核实", 28), ("予以了结", 22), ("暂存待查", 8), ("立案审查", 12)]
RANKS = ["一般干部", "科员", "副科级", "正科级", "村（社区）干部", "副处级"]
CASE_UNITS = REC_UNITS + ["县公安局", "县水利局", "县林业局", "县市场监督管理局", "县民政局"] + \
    [t + "人民政府" for t in TOWNS[2:]]


# --------------------------------------------------------------------------
# small generator helpers
# --------------------------------------------------------------------------

def _daterange(a: dt.date, b: dt.date):
    d = a
    while d <= b:
        yield d
        d += dt.timedelta(days=1)


_PERIOD_WORKDAYS = [d for d in _daterange(PERIOD_START, AS_OF) if is_workday(d)]
_MONTH_WORKDAYS: dict[tuple[int, int], list[dt.date]] = defaultdict(list)
for _d in _PERIOD_WORKDAYS:
    _MONTH_WORKDAYS[(_d.year, _d.month)].append(_d)


def _wchoice(rng: random.Random, pairs):
    items = [p[0] for p in pairs]
    weights = [p[1] for p in pairs]
    return rng.choices(items, weights=weights, k=1)[0]


def _rand_date(rng: random.Random, a: dt.date, b: dt.date) -> dt.date:
    return a + dt.timedelta(days=rng.randint(0, (b - a).days))


class _Names:
    def __init__(self, rng: random.Random):
        self.rng = rng
        self.used: set[str] = set()

    def new(self) -> str:
        while True:
            n = self.rng.choice(SURNAMES) + "".join(
                self.rng.choice(GIVEN) for _ in range(self.rng.choice((1, 2, 2, 2))))
            if n not in self.used:
                self.used.add(n)
                return n


def _row(**kw) -> dict:
    kw.setdefault("_tags", [])
    kw.setdefault("_near", [])
    kw.setdefault("_fmt", {})
    return kw


def _doc_no(rng: random.Random, year: int) -> str:
    return f"{rng.choice(DOC_PREFIX)}〔{year}〕{rng.randint(1, 98)}号"


# --------------------------------------------------------------------------
# ledger and progress
# --------------------------------------------------------------------------

def _set_state(row: dict, rng: random.Random, names: _Names, kind: str, deadline, status: str,
               completed_on=None, signoff: bool = True) -> None:
    row.update(kind=kind, deadline=deadline, status=status, completed_on=None, signed_off_by="",
               signed_off_on=None, evidence="")
    if status == "已完成":
        row["completed_on"] = completed_on
        if signoff:
            row["signed_off_by"] = names.new()
            row["signed_off_on"] = min(AS_OF, completed_on + dt.timedelta(days=rng.randint(0, 6)))
            ev = _doc_no(rng, completed_on.year)
            if rng.random() < 0.3:
                ev += "；" + _doc_no(rng, completed_on.year)
            row["evidence"] = ev


def _clean_state(row: dict, rng: random.Random, names: _Names) -> None:
    kind = _wchoice(rng, [("立行立改", 30), ("限期整改", 50), ("长期坚持", 20)])
    if kind == "立行立改":
        deadline = rng.choice([dt.date(2019, 12, 31), dt.date(2020, 1, 31), dt.date(2020, 2, 29),
                               dt.date(2020, 3, 31)])
    elif kind == "限期整改":
        deadline = rng.choice([dt.date(2020, 3, 31), dt.date(2020, 4, 30), dt.date(2020, 5, 31),
                               dt.date(2020, 6, 30), dt.date(2020, 9, 30), dt.date(2020, 12, 31)])
    else:
        deadline = None
    if deadline is not None and deadline < AS_OF:
        status = "已完成"
    elif deadline is None:
        status = "推进中" if rng.random() < 0.8 else "已完成"
    else:
        status = _wchoice(rng, [("推进中", 55), ("已完成", 30), ("未启动", 15)])
    completed = None
    if status == "已完成":
        hi = min(deadline or AS_OF, AS_OF)
        lo = max(FEEDBACK_DAY + dt.timedelta(days=5), hi - dt.timedelta(days=75))
        completed = _rand_date(rng, lo, hi)
    _set_state(row, rng, names, kind, deadline, status, completed)


def _vary(rng: random.Random, pct: list[int]) -> tuple[str, str]:
    pct[0] += rng.randint(1, 5)
    return "推进中", rng.choice(PROGRESS_NOTES).format(p=pct[0])


def _clean_timeline(row: dict, rng: random.Random) -> list:
    status, c = row["status"], row["completed_on"]
    pct = [rng.randint(3, 20)]
    late_start = rng.randint(1, 3) if status == "推进中" and rng.random() < 0.2 else 0
    out: list = []
    for i, w in enumerate(WEEKS):
        if status == "已完成" and c is not None and w >= c:
            out.append(("已完成", rng.choice(["已完成整改", "已完成整改，持续巩固成果", "整改完成，已报送销号材料"])))
        elif status == "未启动" or i < late_start:
            out.append(("未启动", "正在研究制定整改方案"))
        else:
            out.append(_vary(rng, pct))
    # a few missed weekly reports (never the post-as_of one)
    missing = rng.sample(range(13), rng.choice((0, 0, 0, 1, 1, 2)))
    for i in missing:
        out[i] = None
    return out


def _gen_ledger(rng: random.Random, names: _Names):
    leaders = [names.new() for _ in range(18)]
    cycle = LEDGER_UNITS[:]
    rng.shuffle(cycle)
    ui = 0
    rows: list[dict] = []
    for aspect_no, aspect, probs in ASPECTS:
        for p in probs:
            subs = SUBS.get(p) or [None]
            leader = leaders[(p - 1) % len(leaders)]
            for si, sub in enumerate(subs, 1):
                n = rng.randint(2, 5) if sub is None else rng.randint(1, 3)
                topic = sub or PROBLEMS[p]
                templates = rng.sample(MEASURE_TEMPLATES, n)
                for k in range(1, n + 1):
                    first = cycle[ui % len(cycle)]
                    ui += 1
                    extra = [u for u in rng.sample(LEDGER_UNITS, rng.choice((0, 0, 1, 1, 2))) if u != first]
                    sep = rng.choice(["、", "、", "、", "、", "，", "；", ",", ";"])
                    row = _row(
                        measure_id=f"{p}-{si}-{k}", aspect_no=aspect_no, aspect=aspect, problem_no=p,
                        problem=PROBLEMS[p], sub_problem=sub or "",
                        measure=templates[k - 1].format(t=topic),
                        lead_leader=leader if rng.random() < 0.9 else rng.choice(leaders),
                        units=sep.join([first] + extra))
                    _clean_state(row, rng, names)
                    rows.append(row)
    timelines = {r["measure_id"]: _clean_timeline(r, rng) for r in rows}

    # ---- planted scenarios ------------------------------------------------
    picks = rng.sample(range(len(rows)), 40)
    pick_iter = iter(picks)

    def nxt() -> dict:
        return rows[next(pick_iter)]

    D = dt.date

    def plain(row, kind, deadline, status, completed_on=None, signoff=True, tags=(), near=()):
        _set_state(row, rng, names, kind, deadline, status, completed_on, signoff)
        row["_tags"] = list(tags)
        row["_near"] = list(near)
        timelines[row["measure_id"]] = _clean_timeline(row, rng)
        return row

    # overdue (deadline < as_of, not completed)
    plain(nxt(), "限期整改", D(2020, 6, 29), "推进中", tags=["ledger.overdue"])
    plain(nxt(), "限期整改", D(2020, 3, 31), "推进中", tags=["ledger.overdue"])
    plain(nxt(), "立行立改", D(2019, 12, 31), "推进中", tags=["ledger.overdue"])
    plain(nxt(), "限期整改", D(2020, 5, 31), "未启动", tags=["ledger.overdue"])
    plain(nxt(), "限期整改", D(2020, 4, 30), "推进中", tags=["ledger.overdue"])
    plain(nxt(), "限期整改", D(2020, 6, 30), "推进中", near=["ledger.overdue"])
    plain(nxt(), "限期整改", D(2020, 6, 30), "未启动", near=["ledger.overdue"])
    plain(nxt(), "长期坚持", None, "推进中", near=["ledger.overdue"])
    # closed without sign-off
    r = plain(nxt(), "限期整改", D(2020, 5, 31), "已完成", D(2020, 5, 20), tags=["ledger.closed_without_signoff"])
    r["evidence"] = "无"
    r = plain(nxt(), "限期整改", D(2020, 4, 30), "已完成", D(2020, 4, 28), tags=["ledger.closed_without_signoff"])
    r["evidence"] = ""
    r = plain(nxt(), "立行立改", D(2020, 1, 31), "已完成", D(2020, 1, 10), tags=["ledger.closed_without_signoff"])
    r["signed_off_by"] = ""
    r = plain(nxt(), "限期整改", D(2020, 6, 30), "已完成", D(2020, 6, 12), tags=["ledger.closed_without_signoff"])
    r["signed_off_on"] = None
    r = plain(nxt(), "限期整改", D(2020, 3, 31), "已完成", D(2020, 3, 27), tags=["ledger.closed_without_signoff"])
    r["evidence"] = "/"
    r = plain(nxt(), "限期整改", D(2020, 5, 31), "已完成", D(2020, 5, 29), near=["ledger.closed_without_signoff"])
    r["evidence"] = "见附件（会议纪要及制度文件）"
    # completed late
    plain(nxt(), "限期整改", D(2020, 3, 31), "已完成", D(2020, 4, 1), tags=["ledger.completed_late"])
    plain(nxt(), "限期整改", D(2020, 4, 30), "已完成", D(2020, 5, 20), tags=["ledger.completed_late"])
    plain(nxt(), "立行立改", D(2019, 12, 31), "已完成", D(2020, 2, 28), tags=["ledger.completed_late"])
    plain(nxt(), "限期整改", D(2020, 5, 31), "已完成", D(2020, 5, 31), near=["ledger.completed_late"])

    # stalled: explicit timelines (index 13 is the report after as_of)
    def varied(n: int) -> list:
        pct = [rng.randint(3, 15)]
        return [_vary(rng, pct) for _ in range(n)]

    def stalled(row, deadline, entries, tags=(), near=(), status="推进中", kind="限期整改"):
        _set_state(row, rng, names, kind if deadline else "长期坚持", deadline, status)
        row["_tags"], row["_near"] = list(tags), list(near)
        timelines[row["measure_id"]] = entries
        return row

    N = STALL_NOTES
    T = "推进中"
    stalled(nxt(), D(2020, 9, 30), varied(9) + [(T, N[0])] * 5, tags=["ledger.stalled"])
    stalled(nxt(), None, varied(9) + [(T, "")] * 5, tags=["ledger.stalled"])
    stalled(nxt(), D(2020, 12, 31), varied(9) + [(T, N[1]), (T, N[1] + " "), (T, " " + N[1]), (T, N[1])]
            + varied(1), tags=["ledger.stalled"])
    stalled(nxt(), D(2020, 9, 30), varied(9) + [(T, N[2])] * 4 + [(T, "已完成主体工作，进入收尾阶段")],
            tags=["ledger.stalled"])
    stalled(nxt(), D(2020, 12, 31), varied(8) + [(T, N[3]), None] + [(T, N[3])] * 4,
            tags=["ledger.stalled"])
    stalled(nxt(), D(2020, 5, 31), varied(8) + [(T, N[4])] * 6, tags=["ledger.stalled", "ledger.overdue"])
    stalled(nxt(), D(2020, 9, 30), varied(10) + [(T, N[0])] * 3 + varied(1), near=["ledger.stalled"])
    stalled(nxt(), D(2020, 12, 31), [None] * 10 + [(T, N[1])] * 3 + [None], near=["ledger.stalled"])
    stalled(nxt(), D(2020, 9, 30), varied(10) + [(T, N[2])] * 4, near=["ledger.stalled"])
    stalled(nxt(), D(2020, 12, 31), [("未启动", "尚未启动，正在研究")] * 14, near=["ledger.stalled"],
            status="未启动")
    stalled(nxt(), D(2020, 9, 30), varied(9) + [(T, N[3])] * 3 + [(T, "已完成阶段任务，完成80%"), (T, N[3])],
            near=["ledger.stalled"])

    # regressed
    done = ("已完成", "已完成整改")
    stalled(nxt(), D(2020, 9, 30), varied(5) + [done] * 4 + varied(5), tags=["ledger.regressed"])
    stalled(nxt(), D(2020, 12, 31), [done] * 11 + [("未启动", "重新启动整改")] * 3, tags=["ledger.regressed"],
            status="未启动")
    r = nxt()
    _set_state(r, rng, names, "限期整改", D(2020, 6, 30), "已完成", WEEKS[3] - dt.timedelta(days=1))
    r["_tags"], r["_near"] = ["ledger.regressed"], []
    timelines[r["measure_id"]] = varied(3) + [done] * 4 + varied(1) + [done] * 6
    r = nxt()
    _set_state(r, rng, names, "限期整改", D(2020, 6, 30), "已完成", WEEKS[4] - dt.timedelta(days=2))
    r["_tags"], r["_near"] = [], ["ledger.regressed"]
    timelines[r["measure_id"]] = varied(4) + [done] * 9 + varied(1)

    # progress rows
    progress: list[dict] = []
    for wi, week in enumerate(WEEKS):
        for r in rows:
            e = timelines[r["measure_id"]][wi]
            if e is None:
                continue
            fmt = {}
            roll = rng.random()
            if roll < 0.06:
                fmt["week_of"] = "slash"
            elif roll < 0.10:
                fmt["week_of"] = "cn"
            progress.append(_row(week_of=week, measure_id=r["measure_id"], status=e[0], note=e[1], _fmt=fmt))
    for i, p in enumerate(progress, 1):
        p["id"] = f"ZB{i:05d}"
    for r in rows:
        if r["deadline"] is not None and rng.random() < 0.08:
            r["_fmt"]["deadline"] = "cn"
    return rows, progress


# --------------------------------------------------------------------------
# receptions
# --------------------------------------------------------------------------

def _headcount(rng: random.Random, amount: float) -> tuple[int, int]:
    pc = rng.uniform(85, 145)
    p = max(2, math.ceil(amount / pc))
    if p <= 13:
        hosts = min(3, max(1, p - 10, round(p / 4)))
    else:
        hosts = p // 4
    return p - hosts, hosts


def _gen_receptions(rng: random.Random, names: _Names):
    D = dt.date
    used_uvd: set = set()
    rows: list[dict] = []
    approvers = {u: [names.new() for _ in range(2)] for u in REC_UNITS}
    # units that carry the budget boundary cases keep clean, integer-amount rows only
    boundary = {("县商务局", 2020): "ratio_exact", ("县工业园区管委会", 2020): "ratio_over",
                ("白鹭镇人民政府", 2019): "min_exact", ("桃源镇人民政府", 2019): "min_over"}
    plant_units = [u for u in REC_UNITS if u not in {k[0] for k in boundary}]

    def guest(city_of_reception: str):
        while True:
            g = rng.choice(GUESTS)
            if not same_city(g[1], city_of_reception):
                return g

    def base(unit, date, amount, guests=None, hosts=None, **kw):
        city = kw.pop("city", None)
        if city is None:
            city = rng.choice(["青岚县", "青岚县", "青岚县", ""])
        g = guest(city or CITY)
        r = _row(unit=unit, date=date, guest_org=g[0], guest_city=g[1], city=city,
                 guests=guests, hosts=hosts, amount=amount, venue=rng.choice(VENUES),
                 letter_no=f"{g[2]}〔{date.year}〕{rng.randint(1, 150)}号", invoice_no=None,
                 approver=rng.choice(approvers[unit]), purpose=rng.choice(REC_PURPOSES))
        r.update(kw)
        return r

    def add(r, tags=(), near=(), track=True):
        r["_tags"], r["_near"] = list(tags), list(near)
        if track and r["venue"]:
            while (r["unit"], r["venue"], r["date"]) in used_uvd:
                r["venue"] = rng.choice(VENUES)
            used_uvd.add((r["unit"], r["venue"], r["date"]))
        rows.append(r)
        return r

    pu = iter(rng.sample(plant_units, len(plant_units)) * 10)

    def wd() -> dt.date:
        return rng.choice(_PERIOD_WORKDAYS)

    split_days = {D(2019, 11, 20), D(2020, 4, 15), D(2020, 4, 16), D(2020, 5, 13)}

    def pick_free(unit) -> dt.date:
        while True:
            d = wd()
            if d not in split_days and all((unit, v, d) not in used_uvd for v in VENUES):
                return d

    # -- no letter
    for letter in ["", "无", "/", "N/A", "—", "n/a"]:
        u = next(pu)
        add(base(u, pick_free(u), 960.0, 6, 2, letter_no=letter), tags=["reception.no_letter"])
    u = next(pu)
    add(base(u, pick_free(u), 1280.0, 8, 2, letter_no="吉市发改函〔2020〕3号"), near=["reception.no_letter"])
    # -- same city
    specs = [("青岚县人民医院", "青岚", "", "", ["reception.same_city", "reception.no_letter"]),
             ("青岚县农商银行", "青岚县", "青岚县", "青农商函〔2020〕2号", ["reception.same_city"]),
             ("青岚县城投公司", "青 岚 县", "", "青城投函〔2020〕5号", ["reception.same_city"]),
             ("江西某某建设集团南昌分公司", "南昌", "南昌市", "无", ["reception.same_city", "reception.no_letter"]),
             ("青岚县供电公司", "青岚县", "青岚", "青电函〔2019〕9号", ["reception.same_city"])]
    for org, gc, city, letter, tags in specs:
        u = next(pu)
        add(base(u, pick_free(u), 1150.0, 7, 2, guest_org=org, guest_city=gc, city=city, letter_no=letter),
            tags=tags)
    u = next(pu)
    add(base(u, pick_free(u), 1320.0, 8, 2, guest_org="江西省财政厅", guest_city="南昌市", city="南昌县",
             letter_no="赣财函〔2020〕17号"), near=["reception.same_city"])
    u = next(pu)
    add(base(u, pick_free(u), 880.0, 5, 2, guest_org="青岚镇中心学校考察团", guest_city="青岚镇", city="",
             letter_no="青岚镇函〔2020〕4号"), near=["reception.same_city"])
    # -- hosts over limit: (guests, hosts, amount, flagged?)
    for g, h, amt, flag in [(10, 3, 1650.0, False), (10, 4, 1680.0, True), (12, 4, 1920.0, False),
                            (12, 5, 2040.0, True), (11, 4, 1875.0, True), (2, 4, 690.0, True),
                            (30, 10, 4800.0, False), (31, 11, 5460.0, True)]:
        u = next(pu)
        kw = dict(tags=["reception.hosts_over_limit"]) if flag else dict(near=["reception.hosts_over_limit"])
        add(base(u, pick_free(u), amt, g, h), **kw)
    # -- per capita
    for g, h, amt, flag, txt in [(4, 1, 750.0, False, False), (4, 1, 750.05, True, False),
                                 (6, 2, 1500.0, True, False), (8, 2, 1499.9, False, False),
                                 (3, 1, 1200.0, True, True)]:
        u = next(pu)
        kw = dict(tags=["reception.per_capita_over_standard"]) if flag else \
            dict(near=["reception.per_capita_over_standard"])
        r = add(base(u, pick_free(u), amt, g, h), **kw)
        if txt:
            r["_fmt"]["amount"] = "text"
    # -- duplicate invoices: one pair with a text cell, a triple, another pair
    for inv, n, text_idx in [(36000007, 2, 1), (36000123, 3, None), (36004418, 2, None)]:
        for i in range(n):
            u = next(pu)
            r = add(base(u, pick_free(u), rng.choice([980.0, 1260.0, 1436.5]), 8, 2, invoice_no=inv),
                    tags=["reception.duplicate_invoice"])
            if text_idx == i:
                r["_fmt"]["invoice_no"] = "text"
    for inv in ["", "", "无", "无"]:
        u = next(pu)
        add(base(u, pick_free(u), 860.0, 5, 2, invoice_no=inv), near=["reception.duplicate_invoice"])
    # -- split reimbursements
    for unit, venue, date, amts in [("县交通运输局", "青岚宾馆", D(2020, 4, 15), [1480.0, 1450.0]),
                                    ("县财政局", "县机关食堂", D(2019, 11, 20), [1290.0, 1310.0, 1276.0])]:
        for a in amts:
            add(base(unit, date, a, 8, 2, venue=venue), tags=["reception.split"], track=False)
    # near misses: same unit and date, other venue; same venue and date, other unit; blank venue
    add(base("县财政局", D(2019, 11, 20), 1020.0, 6, 2, venue="青岚宾馆"), near=["reception.split"])
    add(base("县教育体育局", D(2020, 4, 15), 1100.0, 7, 2, venue="青岚宾馆"), near=["reception.split"])
    add(base("县交通运输局", D(2020, 4, 16), 990.0, 6, 2, venue="青岚宾馆"), near=["reception.split"])
    for a in (640.0, 720.0):
        add(base("县卫生健康委员会", D(2020, 5, 13), a, 4, 1, venue=""), near=["reception.split"], track=False)
    for k in [("县交通运输局", "青岚宾馆", D(2020, 4, 15)), ("县财政局", "县机关食堂", D(2019, 11, 20))]:
        used_uvd.add(k)
    # -- holidays
    for date, flag in [(D(2019, 10, 3), True), (D(2020, 1, 1), True), (D(2020, 1, 26), True),
                       (D(2020, 5, 2), True), (D(2020, 6, 25), True), (D(2019, 10, 12), False),
                       (D(2020, 1, 19), False), (D(2020, 6, 28), False)]:
        u = next(pu)
        kw = dict(tags=["reception.holiday"]) if flag else dict(near=["reception.holiday"])
        add(base(u, date, 1180.0, 7, 2), **kw)

    # -- clean rows: amounts log-uniform over one decade (Benford-conforming), stratified
    n_clean = 560
    strata = list(range(n_clean))
    rng.shuffle(strata)
    unit_w = [rng.uniform(0.6, 1.4) for _ in REC_UNITS]
    clean: list[dict] = []
    for k in range(n_clean):
        amount = round(300 * 10 ** ((strata[k] + rng.random()) / n_clean), 1)
        unit = rng.choices(REC_UNITS, weights=unit_w, k=1)[0]
        r = base(unit, wd(), amount)
        while (unit, r["venue"], r["date"]) in used_uvd:
            r["date"] = wd()
            r["venue"] = rng.choice(VENUES)
        if rng.random() < 0.03:
            r["venue"] = ""
        else:
            used_uvd.add((unit, r["venue"], r["date"]))
        if rng.random() < 0.04:
            r["invoice_no"] = ""
        clean.append(r)
    # budget boundary unit-years: integer amounts with an exact total
    targets = {}
    for (unit, year), kind in sorted(boundary.items()):
        grp = [r for r in clean if r["unit"] == unit and r["date"].year == year]
        natural = sum(r["amount"] for r in grp)
        if kind.startswith("ratio"):
            A = _exact_actual(20 * max(1100, round(natural / 0.95 / 20)))
            Dt = A - A // 20 - (1 if kind == "ratio_over" else 0)
        else:
            A = _exact_actual(1000 * min(19, max(6, round((natural + 1000) / 1000))))
            Dt = A - 1000 - (1 if kind == "min_over" else 0)
        _scale_to(grp, Dt)
        targets[(unit, year)] = (kind, A, Dt)
    for r in clean:
        r["guests"], r["hosts"] = _headcount(rng, r["amount"])
        if rng.random() < 0.06:
            r["_fmt"]["amount"] = "text"
        roll = rng.random()
        if roll < 0.05:
            r["_fmt"]["date"] = "cn"
        elif roll < 0.08:
            r["_fmt"]["date"] = "slash"
    rows.extend(clean)
    # invoices: unique numbers for every row still without one
    need = [r for r in rows if r["invoice_no"] is None]
    nums = rng.sample(range(36010000, 36999999), len(need))
    for r, n in zip(need, nums):
        r["invoice_no"] = n
    rows.sort(key=lambda r: (r["date"], REC_UNITS.index(r["unit"]), r["amount"]))
    for i, r in enumerate(rows, 1):
        r["id"] = f"JD{i:04d}"
    return rows, targets


def _exact_actual(A: int) -> int:
    """Nudge A (元) until A/10000 round-trips and 5 % of it is exact in binary floating point."""
    while True:
        w = A / 10000
        if w * 10000 == A and 0.05 * A == A // 20 and A % 20 == 0 and (A // 20) / A == 0.05:
            return A
        A += 20


def _scale_to(rows: list[dict], total: int) -> None:
    """Make rows' amounts integers summing exactly to total."""
    nat = sum(r["amount"] for r in rows)
    for r in rows:
        r["amount"] = float(max(120, round(r["amount"] * total / nat)))
    diff = total - int(sum(r["amount"] for r in rows))
    big = max(rows, key=lambda r: r["amount"])
    big["amount"] = float(big["amount"] + diff)


# --------------------------------------------------------------------------
# vehicles and fuel
# --------------------------------------------------------------------------

def _plate(rng: random.Random, used: set) -> str:
    while True:
        p = "赣C" + (rng.choice("ABDFGHJKLMNPQRSTUVWXYZ") if rng.random() < 0.3 else str(rng.randint(0, 9))) \
            + "".join(str(rng.randint(0, 9)) for _ in range(4))
        if p not in used:
            used.add(p)
            return p


def _gen_vehicles(rng: random.Random, names: _Names):
    D, DT = dt.date, dt.datetime
    used_plates: set = set()
    vehicles = []
    card_seq = iter(rng.sample(range(10**9, 10**10), 60))
    for unit, n in VEHICLE_UNITS:
        for _ in range(n):
            vehicles.append(dict(plate=_plate(rng, used_plates), unit=unit,
                                 card=f"100011360{next(card_seq)}",
                                 drivers=[names.new() for _ in range(rng.choice((1, 2)))],
                                 product=rng.choice(["92#汽油", "92#汽油", "92#汽油", "95#汽油", "0#柴油"])))
    # special plates for consumption cases; planted trips never use them
    special = rng.sample(vehicles, 4)
    sp_b, sp_c, sp_d, sp_z = special
    ordinary = [v for v in vehicles if v not in special]
    approval_seq: Counter = Counter()

    def approval(start: dt.datetime) -> str:
        approval_seq[start.date()] += 1
        return f"PC{start:%Y%m%d}{approval_seq[start.date()]:02d}"

    def dest_km() -> tuple[str, int]:
        c = rng.random()
        if c < 0.45:
            return rng.choice(TOWNS) + rng.choice(["", "人民政府", "扶贫点", "村委会", "中心小学"]), rng.randint(12, 70)
        if c < 0.80:
            return "吉安市" + rng.choice(["财政局", "发改委", "市政府", "自然资源局", "交通运输局", "行政中心"]), \
                rng.randint(150, 240)
        return "南昌市" + rng.choice(["省财政厅", "省发改委", "省交通运输厅", "省自然资源厅", "省政府"]), \
            rng.randint(380, 480)

    def trip(v, start: dt.datetime, km: int, dest: str, approval_no=None, tags=(), near=()) -> dict:
        minutes = round(km / 45 * 60) + rng.randint(30, 240)
        return _row(plate=v["plate"], unit=v["unit"], start_time=start,
                    end_time=start + dt.timedelta(minutes=minutes),
                    origin=rng.choice(["县机关大院", "县行政中心", v["unit"]]), destination=dest, km=km,
                    purpose=rng.choice(TRIP_PURPOSES), driver=rng.choice(v["drivers"]),
                    approval_no=approval(start) if approval_no is None else approval_no,
                    _tags=list(tags), _near=list(near))

    def work_start(ym, km: int = 0) -> dt.datetime:
        d = rng.choice(_MONTH_WORKDAYS[ym])
        if km > 300:        # the provincial capital: leave in the morning
            return DT(d.year, d.month, d.day, rng.randint(8, 10), rng.randint(0, 59))
        if rng.random() < 0.03:
            return DT(d.year, d.month, d.day, 18, 0)
        return DT(d.year, d.month, d.day, rng.randint(8, 17), rng.randint(0, 59))

    trips: list[dict] = []
    pm_trips: dict = defaultdict(list)
    for v in vehicles:
        for ym in MONTHS:
            for _ in range(rng.randint(2, 8)):
                dest, km = dest_km()
                t = trip(v, work_start(ym, km), km, dest)
                pm_trips[(v["plate"], ym)].append(t)

    # consumption cases: fixed trips for the special plate-months
    def fixed(v, ym, kms):
        pm_trips[(v["plate"], ym)] = [trip(v, work_start(ym), km, dest_km()[0]) for km in kms]

    fixed(sp_b, (2020, 3), [150, 130, 120])     # 400 km, 60 L → exactly 15 L/100km
    fixed(sp_c, (2020, 5), [160, 140, 100])     # 400 km, 60.5 L → 15.125
    fixed(sp_d, (2020, 1), [100, 80])           # 180 km, 207 L
    fixed(sp_z, (2020, 4), [])                  # fuel but no trip at all

    # fuel
    fuel: list[dict] = []

    def fill(v, when: dt.datetime, liters: float, bound=None, unit=None, card=None, tags=(), near=()):
        product = v["product"] if v else "92#汽油"
        price = round(PRICE_92[(when.year, when.month)] * PRODUCTS[product], 2)
        r = _row(card_no=card or v["card"], bound_plate=v["plate"] if bound is None else bound,
                 unit=unit or v["unit"], time=when, station=rng.choice(STATIONS), product=product,
                 liters=liters, amount=round(liters * price, 2), _tags=list(tags), _near=list(near))
        fuel.append(r)
        return r

    def fill_time(ym) -> dt.datetime:
        d = rng.choice(_MONTH_WORKDAYS[ym])
        return DT(d.year, d.month, d.day, rng.randint(7, 18), rng.randint(0, 59))

    pm_fuel: dict = defaultdict(list)
    fixed_fuel = {(sp_b["plate"], (2020, 3)): [35.0, 25.0],
                  (sp_c["plate"], (2020, 5)): [40.5, 20.0],
                  (sp_d["plate"], (2020, 1)): [70.0, 65.0, 72.0],
                  (sp_z["plate"], (2020, 4)): [45.2, 38.6]}
    vby = {v["plate"]: v for v in vehicles}
    for v in vehicles:
        for ym in MONTHS:
            key = (v["plate"], ym)
            if key in fixed_fuel:
                for lit in fixed_fuel[key]:
                    pm_fuel[key].append(fill(v, fill_time(ym), lit))
                continue
            km = sum(t["km"] for t in pm_trips[key])
            total = km * rng.uniform(9.5, 12.5) / 100
            if total < 12:
                continue
            n = max(1, round(total / 35))
            w = [rng.uniform(0.7, 1.3) for _ in range(n)]
            for wi in w:
                pm_fuel[key].append(fill(v, fill_time(ym), round(total * wi / sum(w), 2)))
    fuel_tags = {(sp_c["plate"], (2020, 5)), (sp_d["plate"], (2020, 1)), (sp_z["plate"], (2020, 4))}
    consumption_flag = [f"{p}@{y}-{m:02d}" for p, (y, m) in sorted(fuel_tags)]
    consumption_near = [f"{sp_b['plate']}@2020-03"]

    # planted fills on ordinary plates
    def big_pm(exclude=()):
        cands = [(sum(t["km"] for t in pm_trips[(v["plate"], ym)]), v["plate"], ym)
                 for v in ordinary for ym in MONTHS
                 if pm_fuel[(v["plate"], ym)] and (v["plate"], ym) not in exclude]
        cands.sort(reverse=True)
        return cands[rng.randint(0, 15)]

    touched = []
    for lit, flag in [(80.0, False), (80.01, True), (96.5, True)]:
        _, plate, ym = big_pm(touched)
        touched.append((plate, ym))
        f = pm_fuel[(plate, ym)][0]
        f["liters"] = lit
        price = round(PRICE_92[ym] * PRODUCTS[f["product"]], 2)
        f["amount"] = round(lit * price, 2)
        (f["_tags"] if flag else f["_near"]).append("fuel.over_tank")
        f["_planted"] = True
    for date, flag in [(D(2019, 10, 3), True), (D(2020, 1, 25), True), (D(2020, 5, 1), True),
                       (D(2020, 6, 27), True), (D(2020, 1, 19), False), (D(2020, 5, 9), False)]:
        ym = (date.year, date.month)
        cands = [v for v in ordinary if pm_fuel[(v["plate"], ym)] and (v["plate"], ym) not in touched]
        v = rng.choice(cands)
        touched.append((v["plate"], ym))
        f = next(x for x in pm_fuel[(v["plate"], ym)] if not x.get("_planted"))
        f["time"] = DT(date.year, date.month, date.day, 10, rng.randint(0, 59))
        (f["_tags"] if flag else f["_near"]).append("fuel.holiday")
        f["_planted"] = True
    # keep planted plate-months well under the consumption limit
    for key in touched:
        km = sum(t["km"] for t in pm_trips[key])
        while sum(f["liters"] for f in pm_fuel[key]) / max(km, 1) * 100 > 13.5:
            drop = [f for f in pm_fuel[key] if not f.get("_planted")]
            if drop:
                gone = drop[-1]
                pm_fuel[key] = [f for f in pm_fuel[key] if f is not gone]
                fuel[:] = [f for f in fuel if f is not gone]
            else:
                v = vby[key[0]]
                t = trip(v, work_start(key[1]), 220, "吉安市行政中心")
                pm_trips[key].append(t)
                km += 220
    # unbound cards (环卫 vehicles of 县城市管理局) and one card marked 无
    for card in ("1000113600000880012", "1000113600000880013"):
        for ym in rng.sample(MONTHS, 6):
            fill(None, fill_time(ym), round(rng.uniform(30, 70), 2), bound="", unit="县城市管理局", card=card,
                 tags=["fuel.unbound_card"])
    fill(None, fill_time((2020, 2)), 41.3, bound="无", unit="县林业局", card="1000113600000880021",
         tags=["fuel.unbound_card"])
    # a card bound to a private plate that never appears in the trip records
    private = _plate(rng, used_plates)
    pv = dict(plate=private, unit="县农业农村局", card="1000113600000880035", product="92#汽油", drivers=[])
    for ym, lits in [((2019, 12), [55.0]), ((2020, 2), [48.3, 50.1])]:
        for lit in lits:
            fill(pv, fill_time(ym), lit)
    consumption_flag += [f"{private}@2019-12", f"{private}@2020-02"]

    # planted trips (ordinary plates only; they only add kilometres)
    def wday(ym=None) -> dt.date:
        return rng.choice(_MONTH_WORKDAYS[ym] if ym else _PERIOD_WORKDAYS)

    def on(d: dt.date, h: int, m: int) -> dt.datetime:
        return DT(d.year, d.month, d.day, h, m)

    planted = []
    for (h, m), flag in [((22, 0), True), ((21, 59), False), ((5, 59), True), ((6, 0), False),
                         ((23, 40), True), ((0, 30), True), ((7, 58), False)]:
        kw = dict(tags=["vehicle.night_use"]) if flag else dict(near=["vehicle.night_use"])
        planted.append((on(wday(), h, m), "南昌市省政府", 420, None, kw))
    for d, flag in [(D(2020, 6, 25), True), (D(2020, 1, 25), True), (D(2019, 10, 2), True),
                    (D(2020, 5, 2), True), (D(2020, 1, 19), False), (D(2020, 6, 28), False),
                    (D(2019, 10, 12), False)]:
        kw = dict(tags=["vehicle.holiday_use"]) if flag else dict(near=["vehicle.holiday_use"])
        planted.append((on(d, 9, rng.randint(0, 50)), rng.choice(TOWNS) + "防汛值班点", 46, None, kw))
    for a in ["", "无", "-"]:
        planted.append((on(wday(), 10, 5), "吉安市财政局", 180, a, dict(tags=["vehicle.no_approval"])))
    for dest, flag in [("三清山景区", True), ("青岚温泉度假村", True), ("翠湖山庄", True), ("金色年华KTV", True),
                       ("景德镇市陶瓷产业园", False), ("吉安假日酒店", False), ("白鹭镇康庄村", False)]:
        kw = dict(tags=["vehicle.sensitive_destination"]) if flag else \
            dict(near=["vehicle.sensitive_destination"])
        planted.append((on(wday(), 9, 30), dest, 160, None, kw))
    planted.append((on(D(2020, 5, 2), 22, 30), "青岚温泉度假村", 64, "",
                    dict(tags=["vehicle.holiday_use", "vehicle.night_use", "vehicle.sensitive_destination",
                               "vehicle.no_approval"])))
    for start, dest, km, appr, kw in planted:
        v = rng.choice(ordinary)
        t = trip(v, start, km, dest, approval_no=appr, **kw)
        pm_trips[(v["plate"], (start.year, start.month))].append(t)

    for key in sorted(pm_trips):
        trips.extend(pm_trips[key])
    trips.sort(key=lambda t: (t["start_time"], t["plate"]))
    for i, t in enumerate(trips, 1):
        t["id"] = f"CC{i:05d}"
        roll = rng.random()
        t["_fmt"]["start_time"] = "iso" if roll < 0.6 else ("slash" if roll < 0.85 else "cn")
    fuel.sort(key=lambda f: (f["time"], f["card_no"]))
    for i, f in enumerate(fuel, 1):
        f["id"] = f"JY{i:05d}"
        f.pop("_planted", None)
        if rng.random() < 0.05:
            f["_fmt"]["amount"] = "text"
    return trips, fuel, consumption_flag, consumption_near


# --------------------------------------------------------------------------
# overseas trips
# --------------------------------------------------------------------------

def _gen_overseas(rng: random.Random, names: _Names):
    D = dt.date
    rows: list[dict] = []
    combos = {1: [["日本"], ["韩国"], ["新加坡"], ["泰国"], ["中国香港"], ["马来西亚"]],
              2: [["日本", "韩国"], ["德国", "法国"], ["美国", "加拿大"], ["新加坡", "马来西亚"]],
              3: [["德国", "法国", "意大利"], ["英国", "法国", "比利时"], ["泰国", "越南", "柬埔寨"]]}
    max_days = {1: 5, 2: 8, 3: 10}
    seq = 100

    def approval(year):
        nonlocal seq
        seq += rng.randint(1, 9)
        return f"赣外审〔{year}〕{seq}号"

    window = [d for d in _PERIOD_WORKDAYS if d <= D(2020, 1, 17)]
    for _ in range(13):
        unit = rng.choice(OVERSEAS_UNITS)
        k = _wchoice(rng, [(1, 5), (2, 4), (3, 2)])
        countries = rng.choice(combos[k])
        days = rng.randint(max(3, max_days[k] - 3), max_days[k])
        dep = rng.choice(window)
        ret = dep + dt.timedelta(days=days - 1)
        appr = approval(dep.year)
        sep = rng.choice(["、", "、", "，", ","])
        for _ in range(rng.randint(2, 4)):
            rows.append(_row(name=names.new(), unit=unit, depart_on=dep, return_on=ret,
                             countries=sep.join(countries), approval_no=appr,
                             cost=round(rng.uniform(9000, 16000) * (1 + 0.35 * (k - 1)) + days * 800, 2)))
    planted = [("泰国", 6, True, "overseas.over_days"), ("新加坡", 5, False, "overseas.over_days"),
               ("日本、韩国", 8, False, "overseas.over_days"), ("日本，韩国", 9, True, "overseas.over_days"),
               ("德国、法国、意大利", 10, False, "overseas.over_days"),
               ("英国;法国;德国", 11, True, "overseas.over_days"), ("新加坡、", 6, True, "overseas.over_days"),
               ("德国,法国；；意大利", 10, False, "overseas.over_days")]
    for countries, days, flag, cid in planted:
        dep = rng.choice(window)
        rows.append(_row(name=names.new(), unit=rng.choice(OVERSEAS_UNITS), depart_on=dep,
                         return_on=dep + dt.timedelta(days=days - 1), countries=countries,
                         approval_no=approval(dep.year), cost=round(rng.uniform(15000, 38000), 2),
                         _tags=[cid] if flag else [], _near=[] if flag else [cid]))
    for appr in ["", "无"]:
        dep = rng.choice(window)
        rows.append(_row(name=names.new(), unit=rng.choice(OVERSEAS_UNITS), depart_on=dep,
                         return_on=dep + dt.timedelta(days=4), countries="中国香港", approval_no=appr,
                         cost=round(rng.uniform(9000, 14000), 2), _tags=["overseas.no_approval"]))
    rows.sort(key=lambda r: (r["depart_on"], r["unit"], r["name"]))
    for i, r in enumerate(rows, 1):
        r["id"] = f"CG{i:03d}"
        roll = rng.random()
        if roll < 0.08:
            r["cost"] = None
        elif roll < 0.2:
            r["_fmt"]["cost"] = "text"
        if rng.random() < 0.1:
            r["_fmt"]["depart_on"] = "cn"
    return rows


# --------------------------------------------------------------------------
# 三公 budgets
# --------------------------------------------------------------------------

def _gen_budget(rng: random.Random, receptions, overseas, rec_targets):
    rec_sum: dict = defaultdict(list)
    for r in receptions:
        rec_sum[(r["unit"], r["date"].year)].append(r["amount"])
    ovs_sum: dict = defaultdict(list)
    for r in overseas:
        if r["cost"] is not None:
            ovs_sum[(r["unit"], r["depart_on"].year)].append(r["cost"])
    cats = ["公务接待费", "公务用车购置及运行维护费", "因公出国（境）费"]
    # planted
    rec_plant = {("县交通运输局", 2020): ("under", True), ("县农业农村局", 2019): ("over_detail", True),
                 ("县文化广电新闻出版旅游局", 2020): ("empty", False), ("县委办公室", 2020): ("over_budget", True)}
    veh_over = {("县财政局", 2019): 1.08, ("县住房和城乡建设局", 2019): 1.215, ("白鹭镇人民政府", 2020): 1.031}
    veh_equal = ("县自然资源局", 2019)
    ovs_units_years = sorted(k for k in ovs_sum)
    ovs_flag = ovs_units_years[0]
    ovs_near = ovs_units_years[1]
    rows = []
    for unit in REC_UNITS:
        for year in (2019, 2020):
            for cat in cats:
                tags, near = [], []
                if cat == "公务接待费":
                    D = math.fsum(rec_sum.get((unit, year), []))
                    actual: float | None = round(D / 10000, 2)
                    budget = round(max(D * rng.uniform(1.1, 1.6), 20000) / 10000, 2)
                    if (unit, year) in rec_targets:
                        kind, A, _ = rec_targets[(unit, year)]
                        actual = A / 10000
                        (tags if kind.endswith("over") else near).append("budget.detail_mismatch")
                    if actual is not None and actual > budget:
                        budget = round(actual * 1.2 + 0.5, 2)
                    plant = rec_plant.get((unit, year))
                    if plant:
                        kind, flag = plant
                        if kind == "under":
                            actual = round(D * 0.62 / 10000, 2)
                            tags.append("budget.detail_mismatch")
                        elif kind == "over_detail":
                            actual = round((D + 18800) / 10000, 2)
                            tags.append("budget.detail_mismatch")
                        elif kind == "empty":
                            actual = None
                            near += ["budget.detail_mismatch", "budget.over_budget"]
                        elif kind == "over_budget":
                            budget = round(actual * 0.9, 2)
                            tags.append("budget.over_budget")
                    if actual is not None and actual > budget and "budget.over_budget" not in tags:
                        budget = round(actual * 1.2 + 0.5, 2)
                elif cat == "因公出国（境）费":
                    D = math.fsum(ovs_sum.get((unit, year), []))
                    actual = round(D / 10000, 2)
                    if (unit, year) == ovs_flag:
                        actual = round(D * 0.5 / 10000, 2)
                        tags.append("budget.detail_mismatch")
                    elif (unit, year) == ovs_near:
                        actual = round((D + 900) / 10000, 2)
                        near.append("budget.detail_mismatch")
                    budget = round(actual * rng.uniform(1.05, 1.3) + (0 if D else rng.choice([0, 0, 2, 3])), 2)
                else:
                    budget = round(rng.uniform(12, 60), 2)
                    share = rng.uniform(0.75, 0.98) if year == 2019 else rng.uniform(0.3, 0.55)
                    actual = round(budget * share, 2)
                    if (unit, year) in veh_over:
                        actual = round(budget * veh_over[(unit, year)], 2)
                        tags.append("budget.over_budget")
                    elif (unit, year) == veh_equal:
                        actual = budget
                        near.append("budget.over_budget")
                rows.append(_row(unit=unit, year=year, category=cat, budget=budget, actual=actual,
                                 _tags=tags, _near=near))
    for i, r in enumerate(rows, 1):
        r["id"] = f"YS{i:03d}"
        if rng.random() < 0.05 and r["actual"] is not None:
            r["_fmt"]["actual"] = "text"
    return rows


# --------------------------------------------------------------------------
# land
# --------------------------------------------------------------------------

LAND_PROJECTS = ["年产{n}万件箱包生产线", "{n}万吨盐化工深加工", "智能装备制造基地", "LED照明产品生产",
                 "电子信息产业园{n}期", "生物医药研发生产基地", "新型建材生产线", "农产品精深加工",
                 "机械零部件制造", "食品加工产业园", "物流仓储中心", "新能源电池材料"]
COMPANY_PARTS = ["骏晖", "华远", "鑫源", "恒达", "赣青", "联创", "金盛", "宏图", "瑞丰", "天成", "博远",
                 "中宇", "新锐", "永昌", "盛世", "安泰", "岚峰", "汇通"]
COMPANY_KINDS = ["实业有限公司", "科技有限公司", "化工有限公司", "箱包有限公司", "电子有限公司",
                 "机械制造有限公司", "食品有限公司"]


def _gen_land(rng: random.Random):
    D = dt.date
    rows: list[dict] = []

    def parcel(status, approved, supplied=None, agreed=None, actual=None, completed=None, area=None,
               agreed_inv=None, investment=None, tax=None, reclaimed=None, developed=None, tags=(), near=()):
        area = area if area is not None else round(rng.uniform(12, 180), 2)
        if developed is None:
            developed = {"已竣工": area, "在建": round(area * rng.uniform(0.2, 0.8), 2),
                         "已供未建": 0.0}.get(status)
        return _row(project=rng.choice(LAND_PROJECTS).format(n=rng.randint(2, 50)),
                    company="江西" + rng.choice(COMPANY_PARTS) + rng.choice(COMPANY_KINDS) if status != "批而未供" else "",
                    approved_on=approved, supplied_on=supplied, agreed_start=agreed, actual_start=actual,
                    completed_on=completed, area_mu=area, developed_mu=developed, investment=investment,
                    agreed_investment=agreed_inv, annual_tax=tax, status=status, reclaimed_on=reclaimed,
                    _tags=list(tags), _near=list(near))

    def inv_for(supplied):
        if supplied is not None and PERIOD_START <= supplied <= AS_OF:
            return round(rng.uniform(2100, 30000), 2)
        return round(rng.uniform(800, 30000), 2)

    def chain(approved_lo, approved_hi):
        approved = _rand_date(rng, approved_lo, approved_hi)
        supplied = approved + dt.timedelta(days=rng.randint(60, 300))
        agreed = supplied + dt.timedelta(days=rng.randint(90, 180))
        return approved, supplied, agreed

    # 已竣工
    while sum(r["status"] == "已竣工" for r in rows) < 38:
        approved, supplied, agreed = chain(D(2012, 1, 1), D(2017, 6, 30))
        actual = agreed + dt.timedelta(days=rng.randint(-30, 120))
        completed = actual + dt.timedelta(days=rng.randint(300, 720))
        if completed > AS_OF:
            continue
        area = round(rng.uniform(12, 180), 2)
        if completed <= AS_OF - dt.timedelta(days=365):
            tax = round(area * rng.uniform(5.6, 28), 2)
        else:
            tax = round(area * rng.uniform(0.5, 8), 2) if rng.random() < 0.7 else None
        ai = inv_for(supplied)
        rows.append(parcel("已竣工", approved, supplied, agreed, actual, completed, area, ai,
                           round(ai * rng.uniform(0.95, 1.5), 2), tax))
    # 在建
    for _ in range(28):
        approved, supplied, agreed = chain(D(2016, 1, 1), D(2019, 3, 31))
        actual = min(AS_OF - dt.timedelta(days=10), agreed + dt.timedelta(days=rng.randint(-20, 150)))
        ai = inv_for(supplied)
        rows.append(parcel("在建", approved, supplied, agreed, actual, agreed_inv=ai,
                           investment=round(ai * rng.uniform(0.2, 0.8), 2)))
    # 已供未建, clean: agreed start less than a year ago
    for _ in range(12):
        approved = _rand_date(rng, D(2018, 9, 1), D(2019, 12, 31))
        supplied = approved + dt.timedelta(days=rng.randint(30, 150))
        agreed = max(D(2019, 7, 2), supplied + dt.timedelta(days=rng.randint(90, 180)))
        rows.append(parcel("已供未建", approved, supplied, agreed, agreed_inv=inv_for(supplied),
                           investment=0.0))
    # 批而未供, clean: approved within two years
    for _ in range(14):
        rows.append(parcel("批而未供", _rand_date(rng, D(2018, 7, 2), D(2020, 5, 31))))
    # 已收回 within the period
    for _ in range(7):
        approved, supplied, agreed = chain(D(2012, 1, 1), D(2016, 6, 30))
        rows.append(parcel("已收回", approved, supplied, agreed, agreed_inv=round(rng.uniform(800, 8000), 2),
                           investment=0.0, reclaimed=_rand_date(rng, D(2019, 10, 8), D(2020, 6, 20)),
                           developed=0.0))

    # -- planted: idle
    def idle_parcel(agreed, status="已供未建", tags=(), near=(), actual=None):
        supplied = agreed - dt.timedelta(days=rng.randint(100, 170))
        approved = supplied - dt.timedelta(days=rng.randint(60, 200))
        ai = round(rng.uniform(2100, 12000), 2)
        rows.append(parcel(status, approved, supplied, agreed, actual, agreed_inv=ai,
                           investment=round(ai * 0.05, 2), tags=tags, near=near))

    idle, reclaim = "land.idle", "land.idle_reclaimable"
    idle_parcel(D(2019, 6, 30), tags=[idle])
    idle_parcel(D(2019, 7, 1), near=[idle])
    idle_parcel(D(2018, 6, 30), tags=[idle, reclaim])
    idle_parcel(D(2018, 7, 1), tags=[idle], near=[reclaim])
    idle_parcel(D(2017, 3, 15), tags=[idle, reclaim])
    idle_parcel(D(2016, 9, 1), tags=[idle, reclaim])
    idle_parcel(D(2019, 2, 20), tags=[idle])
    idle_parcel(D(2018, 12, 1), status="在建", tags=[idle])   # status says 在建 but no actual start
    idle_parcel(D(2017, 5, 1), status="在建", actual=D(2017, 8, 9), near=[idle])
    # 已收回 before the period (not in the reclaimed indicator) and exactly on period_start
    for rec_on in (D(2019, 9, 30), D(2019, 10, 1)):
        approved, supplied, agreed = chain(D(2012, 1, 1), D(2015, 6, 30))
        rows.append(parcel("已收回", approved, supplied, agreed, agreed_inv=round(rng.uniform(800, 5000), 2),
                           investment=0.0, reclaimed=rec_on, developed=0.0, near=[idle]))
    # -- approved, unsupplied
    for approved, flag in [(D(2018, 6, 30), True), (D(2018, 7, 1), False), (D(2016, 5, 20), True),
                           (D(2017, 8, 11), True), (D(2015, 11, 3), True)]:
        rows.append(parcel("批而未供", approved, tags=["land.approved_unsupplied"] if flag else [],
                           near=[] if flag else ["land.approved_unsupplied"]))
    # -- low efficiency
    for completed, area, tax, flag in [(D(2018, 5, 10), 10.0, 50.0, False), (D(2018, 3, 2), 10.0, 49.9, True),
                                       (D(2019, 7, 1), 20.0, 60.0, True), (D(2019, 7, 2), 20.0, 60.0, False),
                                       (D(2017, 11, 20), 85.5, 120.3, True), (D(2016, 12, 8), 46.25, None, False),
                                       (D(2018, 9, 30), 64.0, 180.0, True)]:
        actual = completed - dt.timedelta(days=rng.randint(300, 600))
        agreed = actual - dt.timedelta(days=rng.randint(0, 60))
        supplied = agreed - dt.timedelta(days=rng.randint(90, 180))
        approved = supplied - dt.timedelta(days=rng.randint(60, 200))
        ai = round(rng.uniform(2100, 9000), 2)
        rows.append(parcel("已竣工", approved, supplied, agreed, actual, completed, area, ai,
                           round(ai * 1.1, 2), tax, tags=["land.low_efficiency"] if flag else [],
                           near=[] if flag else ["land.low_efficiency"]))
    # -- supply standard
    for supplied, ai, flag in [(D(2019, 10, 1), 1500.0, True), (D(2019, 9, 30), 1500.0, False),
                               (D(2020, 3, 16), 2000.0, False), (D(2020, 4, 20), 1999.99, True),
                               (D(2020, 5, 8), 800.0, True), (D(2020, 1, 9), None, False),
                               (D(2020, 6, 30), 1200.0, True)]:
        approved = supplied - dt.timedelta(days=rng.randint(60, 200))
        agreed = supplied + dt.timedelta(days=120)
        rows.append(parcel("已供未建", approved, supplied, agreed, agreed_inv=ai, investment=0.0,
                           tags=["land.supply_standard"] if flag else [],
                           near=[] if flag else ["land.supply_standard"]))

    rows.sort(key=lambda r: (r["approved_on"], r["area_mu"]))
    for i, r in enumerate(rows, 1):
        r["parcel_id"] = f"QLGY-{r['approved_on'].year}-{i:03d}"
        if rng.random() < 0.08 and r["investment"]:
            r["_fmt"]["investment"] = "text"
        if rng.random() < 0.06 and r["supplied_on"]:
            r["_fmt"]["supplied_on"] = "cn"
    return rows


# --------------------------------------------------------------------------
# clues and cases
# --------------------------------------------------------------------------

def _gen_clues(rng: random.Random, names: _Names):
    D = dt.date
    rows: list[dict] = []
    cut = AS_OF - dt.timedelta(days=90)           # 2020-04-01: received on or after → not overdue

    def clue(received, status, closed=None, disposition="", tags=(), near=()):
        return _row(source=_wchoice(rng, CLUE_SOURCES), received_on=received,
                    category=rng.choice(CLUE_CATEGORIES), subject=names.new(), rank=rng.choice(RANKS),
                    status=status, closed_on=closed, disposition=disposition, _tags=list(tags), _near=list(near))

    for _ in range(360):
        received = _rand_date(rng, D(2019, 1, 2), AS_OF)
        if received < cut:
            closed = min(AS_OF, received + dt.timedelta(days=rng.randint(10, 85)))
            rows.append(clue(received, "已办结", closed, _wchoice(rng, DISPOSITIONS)))
        else:
            st = _wchoice(rng, [("未办理", 20), ("核查中", 45), ("已办结", 35)])
            if st == "已办结" and (AS_OF - received).days < 8:
                st = "核查中"
            if st == "已办结":
                closed = received + dt.timedelta(days=rng.randint(5, min(60, (AS_OF - received).days)))
                rows.append(clue(received, st, closed, _wchoice(rng, DISPOSITIONS)))
            else:
                disp = "初步核实" if st == "核查中" and rng.random() < 0.5 else ""
                rows.append(clue(received, st, disposition=disp))
    # overdue
    rows.append(clue(cut - dt.timedelta(days=1), "核查中", disposition="初步核实", tags=["clues.overdue"]))
    rows.append(clue(cut, "核查中", disposition="初步核实", near=["clues.overdue"]))
    rows.append(clue(cut, "未办理", near=["clues.overdue"]))
    rows.append(clue(D(2020, 1, 15), "未办理", tags=["clues.overdue"]))
    for _ in range(12):
        st = rng.choice(["核查中", "核查中", "未办理"])
        rows.append(clue(_rand_date(rng, D(2019, 3, 1), D(2020, 3, 20)), st,
                         disposition="初步核实" if st == "核查中" else "", tags=["clues.overdue"]))
    # closed without disposition
    for _ in range(6):
        received = _rand_date(rng, D(2019, 6, 1), D(2020, 5, 20))
        closed = min(AS_OF, received + dt.timedelta(days=rng.randint(10, 40)))
        rows.append(clue(received, "已办结", closed, "", tags=["clues.closed_without_disposition"]))
    rows.append(clue(D(2020, 5, 6), "核查中", near=["clues.closed_without_disposition"]))

    rows.sort(key=lambda r: (r["received_on"], r["subject"]))
    for i, r in enumerate(rows, 1):
        r["clue_id"] = f"XS{r['received_on'].year}-{i:04d}"
        for col in ("received_on", "closed_on"):
            roll = rng.random()
            r["_fmt"][col] = ("iso" if roll < 0.55 else "slash" if roll < 0.75 else "cn" if roll < 0.9
                              else "serial")
    return rows


def _gen_cases(rng: random.Random, names: _Names, clues: list[dict]):
    D = dt.date
    linkable = [c["clue_id"] for c in clues if c["disposition"] in ("立案审查", "初步核实")]
    rng.shuffle(linkable)
    link = iter(linkable)
    sizes = [1] * 80 + [2] * 22 + [3] * 6 + [4] * 2
    rng.shuffle(sizes)
    persons: list[dict] = []
    forms = [("第一种形态", 45), ("第二种形态", 33), ("第三种形态", 14), ("第四种形态", 8)]
    for ci, size in enumerate(sizes, 1):
        filed = _rand_date(rng, D(2019, 10, 8), D(2020, 6, 15))
        closed = filed + dt.timedelta(days=rng.randint(20, 150))
        clue_id = next(link, "") if rng.random() < 0.6 else ""
        category = rng.choice(CLUE_CATEGORIES)
        unit = rng.choice(CASE_UNITS)
        for _ in range(size):
            form = _wchoice(rng, forms)
            acc = rng.random() < 0.15
            persons.append(_row(case_id=f"AJ{filed.year}-{ci:03d}", clue_id=clue_id, person=names.new(),
                                unit=unit, rank=rng.choice(RANKS), filed_on=filed,
                                closed_on=closed if closed <= AS_OF else None, category=category, form=form,
                                sanction=rng.choice(SANCTIONS_BY_FORM[form]),
                                accountability=acc))
    # planted form/sanction pairs in existing cases
    plants = [("第一种形态", "警告", True), ("第二种形态", "诫勉", True), ("第一种形态", "开除党籍", True),
              ("第四种形态", "撤职", True), ("第一种形态", " 严重警告 ", True), ("第二种形态", "留党察看", True),
              ("第三种形态", "开除党籍", False), ("第四种形态", "开除党籍", False), ("第四种形态", "开除", False),
              ("第二种形态", "党内警告处分", False), ("第三种形态", "撤销党内职务、降级", False),
              ("第一种形态", "诫勉谈话", False)]
    for (form, sanction, flag), p in zip(plants, rng.sample(persons, len(plants))):
        p["form"], p["sanction"] = form, sanction
        p["_tags"] = ["cases.form_sanction_mismatch"] if flag else []
        p["_near"] = [] if flag else ["cases.form_sanction_mismatch"]
    for i, p in enumerate(persons, 1):
        p["id"] = f"CF{i:04d}"
        roll = rng.random()
        p["_fmt"]["accountability"] = ("√" if roll < 0.3 else "是") if p["accountability"] else \
            ("" if roll < 0.3 else "否")
    return persons


# --------------------------------------------------------------------------
# generation and evaluation
# --------------------------------------------------------------------------

class Demo:
    """The generated round: typed rows per dataset plus the planted intentions."""

    def __init__(self, tables: dict[str, list[dict]], intended: dict[str, list[str]],
                 near: dict[str, list[str]]):
        self.tables = tables
        self.intended = intended
        self.near = near


_ID_COL = {"ledger": "measure_id", "progress": "id", "reception": "id", "vehicle_trips": "id", "fuel": "id",
           "overseas": "id", "sangong_budget": "id", "land": "parcel_id", "clues": "clue_id", "cases": "id"}


def generate(seed: int = DEMO_SEED) -> Demo:
    rng = random.Random(seed)
    names = _Names(rng)
    ledger, progress = _gen_ledger(rng, names)
    receptions, rec_targets = _gen_receptions(rng, names)
    trips, fuel, cons_flag, cons_near = _gen_vehicles(rng, names)
    overseas = _gen_overseas(rng, names)
    budget = _gen_budget(rng, receptions, overseas, rec_targets)
    land = _gen_land(rng)
    clues = _gen_clues(rng, names)
    cases = _gen_cases(rng, names, clues)
    tables = {"ledger": ledger, "progress": progress, "reception": receptions, "vehicle_trips": trips,
              "fuel": fuel, "overseas": overseas, "sangong_budget": budget, "land": land, "clues": clues,
              "cases": cases}
    intended: dict[str, list[str]] = {c: [] for c in CHECK_IDS}
    near: dict[str, list[str]] = {c: [] for c in CHECK_IDS}
    for ds, rows in tables.items():
        for r in rows:
            for c in r["_tags"]:
                intended[c].append(r[_ID_COL[ds]])
            for c in r["_near"]:
                near[c].append(r[_ID_COL[ds]])
    intended["fuel.consumption_anomaly"] = list(cons_flag)
    near["fuel.consumption_anomaly"] = list(cons_near)
    intended["generic.benford"] = ["fuel.amount"]
    near["generic.benford"] = ["reception.amount"]
    return Demo(tables, {k: sorted(v) for k, v in intended.items()}, {k: sorted(v) for k, v in near.items()})


MONEY_COLUMNS = [("reception", "amount"), ("fuel", "amount"), ("overseas", "cost"),
                 ("sangong_budget", "budget"), ("sangong_budget", "actual"), ("land", "investment"),
                 ("land", "agreed_investment"), ("land", "annual_tax")]


def evaluate(t: dict[str, list[dict]], th: dict | None = None) -> dict[str, list[str]]:
    """checks.md, read literally, over typed rows → {check_id: sorted record ids}."""
    th = th or THRESHOLDS
    F: dict[str, list[str]] = {c: [] for c in CHECK_IDS}

    # ledger
    for r in t["ledger"]:
        mid = r["measure_id"]
        if r["status"] != "已完成" and r["deadline"] is not None and r["deadline"] < AS_OF:
            F["ledger.overdue"].append(mid)
        if r["status"] == "已完成" and (is_empty(r["signed_off_by"]) or r["signed_off_on"] is None
                                       or is_empty(r["evidence"])):
            F["ledger.closed_without_signoff"].append(mid)
        if r["completed_on"] is not None and r["deadline"] is not None and r["completed_on"] > r["deadline"]:
            F["ledger.completed_late"].append(mid)
    reports: dict[str, list] = defaultdict(list)
    for p in t["progress"]:
        if p["week_of"] <= AS_OF:
            reports[p["measure_id"]].append(p)
    n = th["ledger_stall_weeks"]
    for mid, reps in reports.items():
        reps = sorted(reps, key=lambda p: p["week_of"])
        last = reps[-n:]
        if len(reps) >= n and all(p["status"] == "推进中" for p in last) \
                and len({(p["note"] or "").strip() for p in last}) == 1:
            F["ledger.stalled"].append(mid)
        done = False
        for p in reps:
            if p["status"] == "已完成":
                done = True
            elif done and p["status"] in ("推进中", "未启动"):
                F["ledger.regressed"].append(mid)
                break

    # receptions
    rec = t["reception"]
    inv = Counter(str(r["invoice_no"]).strip() for r in rec if not is_empty(r["invoice_no"]))
    split = Counter((r["unit"], r["venue"], r["date"]) for r in rec if not is_empty(r["venue"]))
    for r in rec:
        rid = r["id"]
        if is_empty(r["letter_no"]):
            F["reception.no_letter"].append(rid)
        city = r["city"] if not is_empty(r["city"]) else CITY
        if not is_empty(r["guest_city"]) and same_city(r["guest_city"], city):
            F["reception.same_city"].append(rid)
        g, h = r["guests"], r["hosts"]
        if (g <= 10 and h > 3) or (g > 10 and h * 3 > g):
            F["reception.hosts_over_limit"].append(rid)
        if r["amount"] / (g + h) > th["reception_per_capita_max"]:
            F["reception.per_capita_over_standard"].append(rid)
        if not is_empty(r["invoice_no"]) and inv[str(r["invoice_no"]).strip()] >= 2:
            F["reception.duplicate_invoice"].append(rid)
        if not is_empty(r["venue"]) and split[(r["unit"], r["venue"], r["date"])] >= 2:
            F["reception.split"].append(rid)
        if not is_workday(r["date"]):
            F["reception.holiday"].append(rid)

    # vehicles
    km_pm: dict = defaultdict(list)
    for r in t["vehicle_trips"]:
        rid, s = r["id"], r["start_time"]
        if is_empty(r["approval_no"]):
            F["vehicle.no_approval"].append(rid)
        if not is_workday(s.date()):
            F["vehicle.holiday_use"].append(rid)
        if s.hour >= th["vehicle_night_start"] or s.hour < th["vehicle_night_end"]:
            F["vehicle.night_use"].append(rid)
        if any(w in (r["destination"] or "") for w in th["sensitive_destinations"]):
            F["vehicle.sensitive_destination"].append(rid)
        km_pm[(r["plate"].strip(), f"{s:%Y-%m}")].append(r["km"])

    # fuel
    lit_pm: dict = defaultdict(list)
    for r in t["fuel"]:
        rid = r["id"]
        if is_empty(r["bound_plate"]):
            F["fuel.unbound_card"].append(rid)
        else:
            lit_pm[(r["bound_plate"].strip(), f"{r['time']:%Y-%m}")].append(r["liters"])
        if r["liters"] > th["fuel_tank_liters_max"]:
            F["fuel.over_tank"].append(rid)
        if not is_workday(r["time"].date()):
            F["fuel.holiday"].append(rid)
    for key, lits in lit_pm.items():
        liters = math.fsum(lits)
        km = math.fsum(km_pm.get(key, []))
        if liters > 0 and (km == 0 or liters / km * 100 > th["fuel_l_per_100km_max"]):
            F["fuel.consumption_anomaly"].append(f"{key[0]}@{key[1]}")

    # overseas
    limits = {1: 5, 2: 8}
    for r in t["overseas"]:
        if is_empty(r["approval_no"]):
            F["overseas.no_approval"].append(r["id"])
        days = (r["return_on"] - r["depart_on"]).days + 1
        k = len(split_list(r["countries"]))
        if k >= 1 and days > limits.get(k, 10):
            F["overseas.over_days"].append(r["id"])

    # budgets
    detail = {"公务接待费": defaultdict(list), "因公出国（境）费": defaultdict(list)}
    for r in rec:
        detail["公务接待费"][(r["unit"], r["date"].year)].append(r["amount"])
    for r in t["overseas"]:
        if r["cost"] is not None:
            detail["因公出国（境）费"][(r["unit"], r["depart_on"].year)].append(r["cost"])
    for r in t["sangong_budget"]:
        if r["actual"] is None:
            continue
        if r["actual"] > r["budget"]:
            F["budget.over_budget"].append(r["id"])
        if r["category"] in detail:
            a = r["actual"] * 10000
            d = math.fsum(detail[r["category"]].get((r["unit"], r["year"]), []))
            diff = abs(a - d)
            if diff > th["budget_mismatch_ratio"] * max(a, d) and diff > th["budget_mismatch_min"]:
                F["budget.detail_mismatch"].append(r["id"])

    # Benford (record id here: "dataset.column")
    for ds, col in MONEY_COLUMNS:
        n_vals, mad = benford_mad([r[col] for r in t[ds]])
        if n_vals >= 300 and mad > 0.015:
            F["generic.benford"].append(f"{ds}.{col}")

    # land
    floor = AS_OF - dt.timedelta(days=365)
    for r in t["land"]:
        pid = r["parcel_id"]
        if r["supplied_on"] is not None and r["actual_start"] is None and r["status"] != "已收回" \
                and r["agreed_start"] is not None and AS_OF >= add_years(r["agreed_start"], 1):
            F["land.idle"].append(pid)
            if AS_OF >= add_years(r["agreed_start"], 2):
                F["land.idle_reclaimable"].append(pid)
        if r["status"] == "批而未供" and (AS_OF - r["approved_on"]).days > th["land_unsupplied_years"] * 365:
            F["land.approved_unsupplied"].append(pid)
        if r["status"] == "已竣工" and r["annual_tax"] is not None and r["completed_on"] is not None \
                and r["completed_on"] <= floor and r["annual_tax"] / r["area_mu"] < th["land_tax_per_mu_min"]:
            F["land.low_efficiency"].append(pid)
        if r["supplied_on"] is not None and PERIOD_START <= r["supplied_on"] <= AS_OF \
                and r["agreed_investment"] is not None \
                and r["agreed_investment"] < th["land_supply_investment_min"]:
            F["land.supply_standard"].append(pid)

    # clues and cases
    for r in t["clues"]:
        if r["status"] != "已办结" and (AS_OF - r["received_on"]).days > th["clue_days_max"]:
            F["clues.overdue"].append(r["clue_id"])
        if r["status"] == "已办结" and is_empty(r["disposition"]):
            F["clues.closed_without_disposition"].append(r["clue_id"])
    for r in t["cases"]:
        s = r["sanction"].strip()
        own = SANCTIONS_BY_FORM[r["form"]]
        others = [x for f, lst in SANCTIONS_BY_FORM.items() if f != r["form"] for x in lst]
        if s in others and s not in own:
            F["cases.form_sanction_mismatch"].append(r["id"])
    return {k: sorted(v) for k, v in F.items()}


def indicators(t: dict[str, list[dict]], findings: dict[str, list[str]]) -> dict[str, Any]:
    """Every indicator of checks.md, from the typed rows (sums with math.fsum)."""
    led = t["ledger"]
    ind: dict[str, Any] = {}
    ind["ledger.aspects"] = len({r["aspect_no"] for r in led})
    ind["ledger.problems"] = len({r["problem_no"] for r in led})
    ind["ledger.measures"] = len(led)
    ind["ledger.leaders"] = len({r["lead_leader"].strip() for r in led if not is_empty(r["lead_leader"])})
    ind["ledger.units"] = len({u for r in led for u in split_list(r["units"])})
    ind["ledger.completed"] = sum(r["status"] == "已完成" for r in led)
    ind["ledger.in_progress"] = sum(r["status"] == "推进中" for r in led)
    ind["ledger.not_started"] = sum(r["status"] == "未启动" for r in led)
    ind["ledger.signed_off"] = sum(r["status"] == "已完成" and not is_empty(r["signed_off_by"])
                                   and r["signed_off_on"] is not None and not is_empty(r["evidence"])
                                   for r in led)
    ind["ledger.completion_rate"] = ind["ledger.completed"] / len(led) if led else None
    ind["ledger.overdue"] = len(findings["ledger.overdue"])
    ind["sangong.reception.count"] = len(t["reception"])
    ind["sangong.reception.amount"] = math.fsum(r["amount"] for r in t["reception"])
    ind["sangong.vehicle.trips"] = len(t["vehicle_trips"])
    ind["sangong.vehicle.km"] = math.fsum(r["km"] for r in t["vehicle_trips"])
    ind["sangong.fuel.liters"] = math.fsum(r["liters"] for r in t["fuel"])
    ind["sangong.fuel.amount"] = math.fsum(r["amount"] for r in t["fuel"])
    ind["sangong.overseas.trips"] = len(t["overseas"])
    ind["sangong.overseas.cost"] = math.fsum(r["cost"] for r in t["overseas"] if r["cost"] is not None)
    land = t["land"]
    rec = [r for r in land if r["status"] == "已收回" and r["reclaimed_on"] is not None
           and PERIOD_START <= r["reclaimed_on"] <= AS_OF]
    ind["land.reclaimed.parcels"] = len(rec)
    ind["land.reclaimed.area_mu"] = math.fsum(r["area_mu"] for r in rec)
    idle = set(findings["land.idle"])
    ind["land.idle.parcels"] = len(idle)
    ind["land.idle.area_mu"] = math.fsum(r["area_mu"] for r in land if r["parcel_id"] in idle)
    uns = [r for r in land if r["status"] == "批而未供"]
    ind["land.unsupplied.parcels"] = len(uns)
    ind["land.unsupplied.area_mu"] = math.fsum(r["area_mu"] for r in uns)
    clues = t["clues"]
    ind["cases.clues.received"] = len(clues)
    ind["cases.clues.closed"] = sum(r["status"] == "已办结" for r in clues)
    ind["cases.clues.verification_rate"] = ind["cases.clues.closed"] / len(clues) if clues else None
    cases = t["cases"]
    ind["cases.cases"] = len({r["case_id"] for r in cases})
    ind["cases.persons"] = len(cases)
    ind["cases.sanctioned"] = sum(r["sanction"].strip() in DISCIPLINARY for r in cases)
    ind["cases.first_form"] = sum(r["form"] == "第一种形态" for r in cases)
    ind["cases.accountability"] = sum(bool(r["accountability"]) for r in cases)
    return {k: ind[k] for k in INDICATOR_NAMES}


# --------------------------------------------------------------------------
# writing
# --------------------------------------------------------------------------

def _date_text(d: dt.date, style: str) -> str:
    if style == "slash":
        return f"{d.year}/{d.month}/{d.day}"
    if style == "cn":
        return f"{d.year}年{d.month}月{d.day}日"
    if style == "dot":
        return f"{d:%Y.%m.%d}"
    if style == "serial":
        return str((d - dt.date(1899, 12, 30)).days)
    return d.isoformat()


def _dt_text(t: dt.datetime, style: str) -> str:
    if style == "slash":
        return f"{t.year}/{t.month}/{t.day} {t:%H:%M}:00"
    if style == "cn":
        return f"{t.year}年{t.month}月{t.day}日 {t:%H:%M}"
    return f"{t:%Y-%m-%d %H:%M}"


def _num_text(v: float) -> str:
    return f"{v:,.2f}"


def _cell(r: dict, col: str, kind: str = "auto"):
    v = r.get(col)
    style = r["_fmt"].get(col)
    if v is None:
        return None
    if isinstance(v, bool):
        return "是" if v else "否"
    if style and isinstance(v, dt.datetime):
        return _dt_text(v, style)
    if style and isinstance(v, dt.date):
        return _date_text(v, style)
    if style == "text" and isinstance(v, (int, float)):
        return _num_text(v) if kind == "money" else str(v)
    if v == "" and kind != "keep":
        return None
    return v


def _save_xlsx(path: Path, sheet: str, headers: list[str], rows: list[list], titles: list[str] = (),
               money_cols: tuple[int, ...] = (), text_cols: tuple[int, ...] = (),
               widths: dict[int, float] | None = None) -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = sheet
    for t in titles:
        ws.append([t])
    if titles:
        ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(headers))
    ws.append(headers)
    for row in rows:
        ws.append(row)
    first = len(titles) + 2
    for c in range(1, len(headers) + 1):
        letter = get_column_letter(c)
        ws.column_dimensions[letter].width = (widths or {}).get(c, 14)
        for (cell,) in ws.iter_rows(min_row=first, min_col=c, max_col=c):
            v = cell.value
            if isinstance(v, dt.datetime):
                cell.number_format = "yyyy-mm-dd hh:mm"
            elif isinstance(v, dt.date):
                cell.number_format = "yyyy-mm-dd"
            elif c in money_cols and isinstance(v, (int, float)):
                cell.number_format = "#,##0.00"
            elif c in text_cols:
                cell.number_format = "@"
    ws.freeze_panes = ws.cell(row=first, column=1)
    wb.properties.created = FIXED_TIME
    wb.properties.modified = FIXED_TIME
    wb.properties.creator = "青岚县巡视整改工作领导小组办公室"
    wb.properties.lastModifiedBy = "青岚县巡视整改工作领导小组办公室"
    buf = io.BytesIO()
    archive = zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, allowZip64=True)
    ExcelWriter(wb, archive).save()      # save_workbook() would stamp the current time
    path.write_bytes(_normalise_zip(buf.getvalue()))


def _normalise_zip(data: bytes) -> bytes:
    zin = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            zi = zipfile.ZipInfo(info.filename, date_time=ZIP_TIME)
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.create_system = 3
            zi.external_attr = 0o600 << 16
            zout.writestr(zi, zin.read(info.filename))
    return out.getvalue()


def _save_csv(path: Path, headers: list[str], rows: list[list], encoding: str) -> None:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(headers)
    for row in rows:
        w.writerow(["" if v is None else v for v in row])
    path.write_bytes(buf.getvalue().encode(encoding))


def _write_round(out: Path) -> None:
    def val(v):
        if isinstance(v, dt.date):
            return v.isoformat()
        if isinstance(v, list):
            return "[" + ", ".join(val(x) for x in v) + "]"
        if isinstance(v, str):
            return json.dumps(v, ensure_ascii=False)
        return repr(v)

    lines = ["# The demo round: synthetic data with planted violations (toolkit.demo).", "[round]"]
    lines += [f"{k} = {val(v)}" for k, v in ROUND.items()]
    lines += ["", "[thresholds]"]
    lines += [f"{k} = {val(v)}" for k, v in THRESHOLDS.items()]
    (out / "round.toml").write_text("\n".join(lines) + "\n", encoding="utf-8")


def _write_files(demo: Demo, out: Path) -> None:
    t = demo.tables
    # ledger
    cols = ["measure_id", "aspect_no", "aspect", "problem_no", "problem", "sub_problem", "measure",
            "lead_leader", "units", "kind", "deadline", "status", "completed_on", "signed_off_by",
            "signed_off_on", "evidence"]
    heads = ["措施编号", "方面序号", "方面", "问题序号", "问题", "具体问题", "整改措施", "牵头领导", "责任单位",
             "整改类型", "完成时限", "整改状态", "完成日期", "销号审核人", "销号日期", "佐证材料"]
    _save_xlsx(out / FILES["ledger"], "整改台账", heads, [[_cell(r, c) for c in cols] for r in t["ledger"]],
               titles=["青岚县落实省委第一巡视组巡视反馈意见整改台账"],
               widths={3: 30, 5: 30, 6: 26, 7: 48, 9: 26, 16: 30})
    # progress (UTF-8 with BOM; canonical headers for two columns)
    _save_csv(out / FILES["progress"], ["id", "周报日期", "measure_id", "整改状态", "进展说明"],
              [[p["id"], _cell(p, "week_of") if p["_fmt"].get("week_of") else p["week_of"].isoformat(),
                p["measure_id"], p["status"], p["note"]] for p in t["progress"]], "utf-8-sig")
    # receptions
    cols = ["id", "unit", "date", "guest_org", "guest_city", "city", "guests", "hosts", "amount", "venue",
            "letter_no", "invoice_no", "approver", "purpose"]
    heads = ["编号", "接待单位", "接待日期", "来访单位", "来访单位所在地", "接待地", "接待对象人数（人）",
             "陪餐人数（人）", "金额（元）", "用餐地点", "公函编号", "发票号码", "审批人", "事由"]
    rows = []
    for r in t["reception"]:
        row = [_cell(r, c, "money" if c == "amount" else "auto") for c in cols]
        if r["_fmt"].get("invoice_no") == "text":
            row[cols.index("invoice_no")] = str(r["invoice_no"])
        rows.append(row)
    _save_xlsx(out / FILES["reception"], "公务接待", heads, rows,
               titles=["2020年度公务接待明细表", "填报单位：青岚县财政局    单位：元"], money_cols=(9,),
               widths={2: 22, 4: 26, 5: 14, 11: 22})
    # vehicle trips (GB18030)
    cols = ["id", "plate", "unit", "start_time", "end_time", "origin", "destination", "km", "purpose",
            "driver", "approval_no"]
    heads = ["出车编号", "车牌号", "使用单位", "出发时间", "返回时间", "出发地", "目的地", "里程(km)", "事由",
             "驾驶员", "审批单号"]
    rows = []
    for r in t["vehicle_trips"]:
        st = r["_fmt"]["start_time"]
        rows.append([r["id"], r["plate"], r["unit"], _dt_text(r["start_time"], st), _dt_text(r["end_time"], st),
                     r["origin"], r["destination"], r["km"], r["purpose"], r["driver"], r["approval_no"]])
    _save_csv(out / FILES["vehicle_trips"], heads, rows, "gb18030")
    # fuel
    cols = ["id", "card_no", "bound_plate", "unit", "time", "station", "product", "liters", "amount"]
    heads = ["编号", "加油卡号", "绑定车牌", "使用单位", "加油时间", "加油站", "油品", "升数（升）", "金额(元)"]
    _save_xlsx(out / FILES["fuel"], "加油记录", heads,
               [[_cell(r, c, "money" if c == "amount" else "auto") for c in cols] for r in t["fuel"]],
               money_cols=(9,), text_cols=(2,), widths={2: 22, 5: 18, 6: 28})
    # overseas
    cols = ["id", "name", "unit", "depart_on", "return_on", "countries", "approval_no", "cost"]
    heads = ["编号", "姓名", "单位", "出发日期", "返回日期", "国家地区", "批件号", "费用（元）"]
    _save_xlsx(out / FILES["overseas"], "因公出国（境）", heads,
               [[_cell(r, c, "money" if c == "cost" else "auto") for c in cols] for r in t["overseas"]],
               money_cols=(8,), widths={3: 24, 6: 22, 7: 22})
    # budgets (万元)
    cols = ["id", "unit", "year", "category", "budget", "actual"]
    heads = ["编号", "单位", "年度", "类别", "预算数（万元）", "决算数（万元）"]
    _save_xlsx(out / FILES["sangong_budget"], "三公经费", heads,
               [[_cell(r, c, "money") for c in cols] for r in t["sangong_budget"]],
               titles=["青岚县部门“三公”经费预算与决算情况表（2019—2020年度）"], money_cols=(5, 6),
               widths={2: 26, 4: 26})
    # land (亩, 平方米, 万元)
    cols = ["parcel_id", "project", "company", "approved_on", "supplied_on", "agreed_start", "actual_start",
            "completed_on", "area_mu", "developed_mu", "investment", "agreed_investment", "annual_tax", "status",
            "reclaimed_on"]
    heads = ["地块编号", "项目名称", "用地单位", "批准日期", "供地日期", "约定开工日期", "实际开工日期", "竣工日期",
             "面积（亩）", "已开发面积（平方米）", "投资额（万元）", "约定投资额（万元）", "年税收（万元）", "状态",
             "收回日期"]
    rows = []
    for r in t["land"]:
        row = [_cell(r, c, "money" if c in ("investment", "agreed_investment", "annual_tax") else "auto")
               for c in cols]
        if r["developed_mu"] is not None:
            row[cols.index("developed_mu")] = round(r["developed_mu"] * 10000 / 15, 2)
        rows.append(row)
    _save_xlsx(out / FILES["land"], "工业用地", heads, rows, money_cols=(11, 12, 13), widths={2: 26, 3: 30})
    # clues (GB18030, dates mixed incl. Excel serials)
    cols = ["clue_id", "source", "received_on", "category", "subject", "rank", "status", "closed_on",
            "disposition"]
    heads = ["线索编号", "来源", "受理日期", "类别", "被反映人", "职级", "办理状态", "办结日期", "处置方式"]
    _save_csv(out / FILES["clues"], heads, [[_cell(r, c) for c in cols] for r in t["clues"]], "gb18030")
    # cases
    cols = ["id", "case_id", "clue_id", "person", "unit", "rank", "filed_on", "closed_on", "category", "form",
            "sanction", "accountability"]
    heads = ["编号", "案件编号", "线索编号", "姓名", "单位", "职级", "立案日期", "结案日期", "问题类型", "形态",
             "处理结果", "问责"]
    rows = []
    for r in t["cases"]:
        row = [_cell(r, c) for c in cols]
        row[-1] = r["_fmt"]["accountability"] or None
        rows.append(row)
    _save_xlsx(out / FILES["cases"], "处分与处理", heads, rows, widths={5: 24})


_NOTES = {
    "generic.benford": "findings for generic.benford list the flagged money columns as 'dataset.column' "
                       "(the toolkit's findings carry an empty record_id, one per column).",
    "fuel.consumption_anomaly": "record ids are PLATE@YYYY-MM.",
    "empty": "checks.md's Empty (无, 没有, /, -, —, N/A in any case) applies to every 'empty'/'set' test: "
             "公函编号 '无' is no letter, 发票号码 '无' is no invoice (never a duplicate), 绑定车牌 '无' is an "
             "unbound card (and takes no part in the consumption check), 佐证材料 '无' or '/' is no evidence.",
    "indicators": "money and area sums are exact (math.fsum) sums of the values as written; compare with a "
                  "tolerance. cases.sanctioned compares the trimmed sanction cell.",
    "progress": "the report of 2020-07-03 lies after as_of and is ignored by every rule.",
    "near_misses": "records designed to sit exactly on the safe side of a boundary: none may be flagged by "
                   "the check they are listed under.",
}


def build_demo(out_dir: Path, seed: int = DEMO_SEED) -> Path:
    """Write the demo round into out_dir (created; dataset files overwritten) and return out_dir."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    ours = set(FILES.values())
    for path in sorted(out.iterdir()):      # stale copies of a dataset under another name or format
        if path.is_file() and path.suffix.lower() in (".xlsx", ".xls", ".csv") and path.name not in ours:
            if any(path.stem.lower() == s.lower() for stems in _DATASET_STEMS.values() for s in stems):
                path.unlink()
    demo = generate(seed)
    _write_round(out)
    _write_files(demo, out)
    findings = evaluate(demo.tables)
    truth = {
        "seed": seed,
        "as_of": AS_OF.isoformat(),
        "period_start": PERIOD_START.isoformat(),
        "files": dict(FILES),
        "rows": {ds: len(rows) for ds, rows in demo.tables.items()},
        "findings": findings,
        "near_misses": demo.near,
        "indicators": indicators(demo.tables, findings),
        "benford_mad": {f"{ds}.{col}": dict(zip(("n", "mad"), benford_mad([r[col] for r in demo.tables[ds]])))
                        for ds, col in MONEY_COLUMNS},
        "notes": _NOTES,
    }
    (out / ".truth.json").write_text(json.dumps(truth, ensure_ascii=False, indent=1, sort_keys=True) + "\n",
                                     encoding="utf-8")
    return out


def expected_truth(out_dir: Path) -> dict:
    """The truth file written by build_demo()."""
    return json.loads((Path(out_dir) / ".truth.json").read_text(encoding="utf-8"))
