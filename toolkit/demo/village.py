"""村级财务: vouchers of a dozen villages over the period — income, expense by invoice, receipt or 白条, cash
and transfers — with 白条入账, 公款私存, 大额现金 and split payments planted at their limits.

Drawn from its own ``random.Random(f"{seed}-village_finance")`` so the first-wave files never change.
Fewer than 300 amounts (generic.benford needs 300 values ≥ 10), so the Benford screen never applies.
"""

from __future__ import annotations

import datetime as dt
import random

from toolkit.demo.draw import make_row, month_workdays
from toolkit.demo.spec import MONTHS

VILLAGES = [("白鹭镇", "桃花村"), ("白鹭镇", "石桥村"), ("桃源镇", "竹林村"), ("桃源镇", "上坪村"),
            ("石门乡", "枫树村"), ("柳溪镇", "新塘村"), ("云岭乡", "高岭村"), ("长埠镇", "河东村")]
INCOME = [("上级转移支付资金", 20000, 80000), ("集体山林发包收入", 5000, 30000), ("村集体厂房租金", 8000, 36000),
          ("光伏发电收益", 3000, 12000)]
EXPENSE = [("村道硬化工程款", "青岚县通达路桥工程有限公司", 12000, 60000),
           ("办公用品购置", "青岚县文华办公用品店", 300, 1800),
           ("村干部误工补贴", "", 800, 1800), ("水渠清淤劳务费", "青岚县安顺劳务服务队", 2000, 4600),
           ("路灯电费", "国网青岚县供电公司", 500, 1500), ("环境卫生保洁费", "青岚县洁美保洁服务部", 1500, 3800)]
SPLIT_PAYEE = "青岚县顺达建筑劳务队"

_WS, _IP, _LC, _SP = "village.white_slip", "village.income_to_personal", "village.large_cash", "village.split_payment"


def _day(rng: random.Random, month: tuple[int, int], used: set, key: tuple) -> dt.date:
    """A working day of the month not yet used for this (town, village, payee)."""
    days = [d for d in month_workdays()[month] if (*key, d) not in used]
    day = rng.choice(days)
    used.add((*key, day))
    return day


def _clean(rng: random.Random, used: set) -> list[dict]:
    rows: list[dict] = []
    for town, village in VILLAGES:
        for month in MONTHS:
            memo, low, high = rng.choice(INCOME)
            rows.append(make_row(town=town, village=village, direction="收入", amount=round(rng.uniform(low, high), 2),
                                 receipt=rng.choice(["收据", "发票"]), payee="", account="对公", cash=False, memo=memo,
                                 date=_day(rng, month, used, (town, village, "收入"))))
            for memo, payee, low, high in rng.sample(EXPENSE, 2):
                amount = round(rng.uniform(low, high), 2)
                cash = amount <= 1800 and rng.random() < 0.5
                rows.append(make_row(town=town, village=village, direction="支出", amount=amount,
                                     receipt="收据" if payee == "" else "发票", payee=payee or None,
                                     account=None if cash else "对公", cash=cash, memo=memo,
                                     date=_day(rng, month, used, (town, village, payee))))
    return rows


def _expense(town_village, amount, day, tags=(), near=(), **kw) -> dict:
    town, village = town_village
    values = dict(receipt="发票", payee="青岚县宏远农资经营部", account="对公", cash=False, memo="购买农资")
    values.update(kw)
    return make_row(town=town, village=village, direction="支出", amount=amount, date=day, _tags=list(tags),
                    _near=list(near), **values)


def _planted(rng: random.Random) -> list[dict]:
    v = VILLAGES
    d = lambda m, i: month_workdays()[m][i]   # noqa: E731  (the i-th working day of a month)
    rows = [
        _expense(v[0], 3200.0, d((2019, 11), 3), [_WS], receipt="白条", payee="王建华", memo="招待费"),
        _expense(v[2], 1260.5, d((2020, 1), 6), [_WS], receipt="白条", payee=None, memo="购买慰问品"),
        _expense(v[4], 5800.0, d((2020, 3), 2), [_WS], receipt="无", payee="李桂英", memo="青苗补偿"),
        _expense(v[6], 880.0, d((2020, 5), 4), [_WS], receipt="无", payee=None, memo="杂支"),
        _expense(v[1], 2300.0, d((2020, 2), 5), near=[_WS], receipt=None, memo="购买种子"),
        make_row(town=v[3][0], village=v[3][1], direction="收入", amount=1500.0, date=d((2019, 12), 4),
                 receipt="白条", payee=None, account="对公", cash=True, memo="零星收入", _near=[_WS, _LC]),
        make_row(town=v[5][0], village=v[5][1], direction="收入", amount=26000.0, date=d((2020, 4), 7),
                 receipt="收据", payee=None, account="个人", cash=False, memo="山林发包收入", _tags=[_IP]),
        make_row(town=v[7][0], village=v[7][1], direction="收入", amount=4350.0, date=d((2019, 10), 9),
                 receipt="收据", payee=None, account="个人", cash=True, memo="鱼塘承包费", _tags=[_IP]),
        _expense(v[1], 1800.0, d((2020, 4), 3), [], [_IP], payee="刘志强", account="个人", memo="劳务费"),
        _expense(v[0], 2000.01, d((2020, 1), 8), [_LC], cash=True, account=None, payee="张冬生", memo="购买树苗"),
        _expense(v[3], 4500.0, d((2020, 6), 3), [_LC], cash=True, account=None, payee="陈秀英", memo="房屋维修"),
        _expense(v[5], 2000.0, d((2020, 2), 10), near=[_LC], cash=True, account=None, payee="周平", memo="修缮材料"),
        _expense(v[7], 9000.0, d((2020, 5), 6), near=[_LC], memo="购买化肥"),
    ]
    return rows + _splits(v, d)


def _splits(v, d) -> list[dict]:
    """Split groups: three payments of 5300 in all, two of exactly 5000; near groups of 4999.99, over two days,
    and one with a payment at the limit."""
    a, b = d((2019, 12), 10), d((2020, 3), 12)
    return [
        _expense(v[2], 2000.0, a, [_SP], payee=SPLIT_PAYEE, memo="水渠清淤劳务费（一）"),
        _expense(v[2], 1800.0, a, [_SP], payee="青岚县 顺达建筑劳务队", memo="水渠清淤劳务费（二）"),
        _expense(v[2], 1500.0, a, [_SP], payee=SPLIT_PAYEE, memo="水渠清淤劳务费（三）"),
        _expense(v[6], 2500.0, b, [_SP], payee="青岚县鑫源石材厂", memo="购买石料"),
        _expense(v[6], 2500.0, b, [_SP], payee="青岚县鑫源石材厂", memo="购买石料"),
        _expense(v[4], 2499.99, b, near=[_SP], payee="青岚县鑫源石材厂", memo="购买石料"),
        _expense(v[4], 2500.0, b, near=[_SP], payee="青岚县鑫源石材厂", memo="购买石料"),
        _expense(v[0], 3000.0, a, near=[_SP], payee="青岚县利民五金店", memo="五金材料"),
        _expense(v[0], 3000.0, a + dt.timedelta(days=1), near=[_SP], payee="青岚县利民五金店", memo="五金材料"),
        _expense(v[3], 5000.0, b, near=[_SP], payee="青岚县利民五金店", memo="五金材料"),
        _expense(v[3], 1000.0, b, near=[_SP], payee="青岚县利民五金店", memo="五金材料"),
    ]


def gen_village(seed: int) -> list[dict]:
    """Vouchers sorted by date and village, ids PZ0001…; dates and amounts in mixed written styles."""
    rng = random.Random(f"{seed}-village_finance")
    used: set = set()
    rows = _clean(rng, used) + _planted(rng)
    rows.sort(key=lambda r: (r["date"], r["town"], r["village"], r["direction"]))
    for i, r in enumerate(rows, 1):
        r["id"] = f"PZ{i:04d}"
        r["_fmt"]["date"] = rng.choice(["iso", "iso", "slash", "cn", "dot"])
        if rng.random() < 0.15:
            r["_fmt"]["amount"] = "text"
    return rows
