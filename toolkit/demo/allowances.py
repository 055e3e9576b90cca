"""津补贴发放 and 津补贴清单: the county's staff paid their monthly allowances for 2020-01 … 2020-06, with
items outside the approved list, ineligible units, amounts over the cap (in cents, at the cent), duplicate
payments and payments after the person left planted at their limits. Draws from its own
``random.Random(f"{seed}-allowances")``, so the first-wave files stay as they were.

Returns the employees too: they are the staff list's civil servants (:mod:`toolkit.demo.benefits`).
"""

from __future__ import annotations

import datetime as dt
import random

from toolkit.demo.draw import Names, make_row
from toolkit.demo.idnumbers import IdNumbers
from toolkit.demo.vocabulary import REC_UNITS

D = dt.date
MONTHS = [D(2020, m, 1) for m in range(1, 7)]
TOWN_UNITS = ("白鹭镇人民政府", "桃源镇人民政府")
OVERTIME_UNITS = ("县财政局", "县发展和改革委员会", "县委办公室")
NOT_IN, UNIT, CAP, DUP, LEAVE = ("allowance.not_in_catalog", "allowance.unit_not_eligible", "allowance.over_cap",
                                 "allowance.duplicate", "allowance.after_leave")
#: (item, monthly cap in 元, units as written): Empty units mean every unit
CATALOG = [("岗位津贴", 800.0, ""), ("交通补贴", 500.0, "无"), ("通讯补贴", 200.0, None),
           ("加班补贴", 600.0, "县财政局、县发展和改革委员会，县委办公室"),
           ("乡镇工作补贴", 400.0, "白鹭镇人民政府；桃源镇人民政府"), ("值班补贴", None, "")]
MONTH_STYLES = ("cn", "six", "dash", "slash", "date")
LEAVER_UNITS = ("县自然资源局", "县商务局", "县农业农村局")


class _Payroll:
    """The payments being written, with the employees they go to."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.names = Names(rng)
        self.ids = IdNumbers(rng)
        self.employees: list[dict] = []
        self.rows: list[dict] = []
        self.style = {u: rng.choice(MONTH_STYLES) for u in REC_UNITS}      # each unit writes months its way
        quiet = [u for u in REC_UNITS if u not in LEAVER_UNITS]
        self.no_ids = set(rng.sample(quiet, 3))                             # units that leave 身份证号 blank

    def employee(self, unit: str, status: str = "在职", left_on: dt.date | None = None, name: str | None = None,
                 id_style: str | None = None) -> dict:
        person = make_row(name=name or self.names.new(), id_number=self.ids.new(1962, 1998), unit=unit,
                          role=self.rng.choice(("公务员", "公务员", "事业编制", "参公管理")), status=status,
                          left_on=left_on)
        person["_fmt"]["id_number"] = id_style
        self.employees.append(person)
        return person

    def pay(self, person: dict, month: dt.date, item: str, amount: float, tags=(), near=(), *, id_blank=False,
            unit: str | None = None) -> dict:
        unit = unit or person["unit"]
        blank = id_blank or unit in self.no_ids
        row = make_row(id=f"JB{len(self.rows) + 1:05d}", name=person["name"],
                       id_number=None if blank else person["id_number"], unit=unit, month=month, item=item,
                       amount=amount, _tags=list(tags), _near=list(near))
        row["_fmt"].update(month=self.style.get(unit, "dash"), id_number=person["_fmt"].get("id_number"),
                           amount="text" if self.rng.random() < 0.15 else None)
        self.rows.append(row)
        return row


def _monthly(pay: _Payroll, person: dict, months=MONTHS, skip: tuple[str, ...] = ()) -> None:
    """A person's regular allowances, each under its cap and only where the unit is eligible."""
    rng = pay.rng
    level = rng.randrange(400, 790, 10)
    traffic = rng.choice((0, 300, 400, 450))
    phone = rng.choice((0, 100, 150))
    for month in months:
        if "岗位津贴" not in skip:
            pay.pay(person, month, "岗位津贴", float(level))
        if traffic and "交通补贴" not in skip:
            pay.pay(person, month, "交通补贴", float(traffic))
        if phone:
            pay.pay(person, month, "通讯补贴", float(phone))
        if person["unit"] in OVERTIME_UNITS and rng.random() < 0.5:
            pay.pay(person, month, "加班补贴", float(rng.randrange(200, 600, 50)))
        if person["unit"] in TOWN_UNITS:
            pay.pay(person, month, "乡镇工作补贴", float(rng.choice((300, 350, 400))))
        if "值班补贴" not in skip and rng.random() < 0.12:
            pay.pay(person, month, "值班补贴", round(rng.uniform(50, 2400), 2))


def _fresh(pay: _Payroll, count: int) -> list[dict]:
    """Employees paid only what a plant gives them (so no planted row joins a regular group)."""
    return [pay.employee(pay.rng.choice(REC_UNITS)) for _ in range(count)]


def _plant_catalog(pay: _Payroll) -> None:
    """Items outside the list, ineligible units, and groups over / exactly at the cap (in cents)."""
    a, b, c, d, e, f, g = _fresh(pay, 7)
    pay.pay(a, MONTHS[2], "误餐补贴", 300.0, tags=[NOT_IN])
    pay.pay(b, MONTHS[0], "节日慰问金", 1000.0, tags=[NOT_IN])
    pay.pay(c, MONTHS[4], "岗位　津贴", 560.0, near=[NOT_IN])            # the same name (full-width space)
    pay.pay(d, MONTHS[1], "ＩＴ补助", 200.0, tags=[NOT_IN])
    transport, finance, office = (pay.employee(u) for u in ("县交通运输局", "县财政局", "县委办公室"))
    pay.pay(transport, MONTHS[3], "加班补贴", 400.0, tags=[UNIT])
    pay.pay(finance, MONTHS[3], "乡镇工作补贴", 300.0, tags=[UNIT])
    pay.pay(office, MONTHS[5], "加班补贴", 550.0, near=[UNIT])            # listed after a "，"
    pay.pay(e, MONTHS[2], "岗位津贴", 800.01, tags=[CAP])                 # one cent over
    pay.pay(f, MONTHS[2], "岗位津贴", 800.0, near=[CAP])                  # exactly the cap
    pay.pay(g, MONTHS[3], "通讯补贴", 200.004, near=[CAP])                # 200.00 in cents
    pay.pay(g, MONTHS[4], "通讯补贴", 200.005, tags=[CAP])                # 200.01 in cents


def _plant_groups(pay: _Payroll) -> None:
    """Duplicates (two rows of one name, unit, month, item), over the cap together or exactly at it."""
    h, i, j, k = _fresh(pay, 4)
    pay.pay(h, MONTHS[1], "交通补贴", 300.0, tags=[CAP, DUP])
    pay.pay(h, MONTHS[1], "交通补贴", 200.01, tags=[CAP, DUP])
    pay.pay(i, MONTHS[2], "交通补贴", 250.0, tags=[DUP], near=[CAP])
    pay.pay(i, MONTHS[2], "交通补贴", 250.0, tags=[DUP], near=[CAP])
    pay.pay(j, MONTHS[4], "值班补贴", 600.0, tags=[DUP])
    pay.pay(j, MONTHS[4], "值班补贴", 600.0, tags=[DUP])
    pay.pay(k, MONTHS[0], "值班补贴", 150.0, near=[DUP])
    pay.pay(k, MONTHS[1], "值班补贴", 150.0, near=[DUP])                  # the next month: not a duplicate


def _leavers(pay: _Payroll) -> None:
    """People who left: paid after the month they left (吃空饷), in that month, or after retiring."""
    left = pay.employee("县自然资源局", "调离", D(2020, 3, 15))
    _monthly(pay, left, MONTHS[:3], skip=("岗位津贴",))
    for month in MONTHS[:2]:
        pay.pay(left, month, "岗位津贴", 650.0)
    pay.pay(left, MONTHS[2], "岗位津贴", 650.0, near=[LEAVE])            # the month of leaving
    for month in MONTHS[3:5]:
        pay.pay(left, month, "岗位津贴", 650.0, tags=[LEAVE])
    quit_ = pay.employee("县商务局", "辞职", D(2020, 1, 31), id_style="lower_x")
    pay.pay(quit_, MONTHS[0], "岗位津贴", 520.0)
    pay.pay(quit_, MONTHS[1], "岗位津贴", 520.0, tags=[LEAVE])
    dead = pay.employee("县农业农村局", "死亡", D(2020, 2, 10), id_style="fullwidth")
    pay.pay(dead, MONTHS[2], "岗位津贴", 610.0, tags=[LEAVE])
    pay.pay(dead, MONTHS[2], "交通补贴", 300.0, tags=[LEAVE])
    retired = pay.employee("县卫生健康委员会", "退休", D(2019, 12, 31))
    for month in MONTHS[:3]:
        pay.pay(retired, month, "通讯补贴", 100.0, near=[LEAVE])           # 退休: allowances continue
    gone = pay.employee("县住房和城乡建设局", "调离", D(2020, 2, 20))
    pay.pay(gone, MONTHS[3], "岗位津贴", 480.0, near=[LEAVE], id_blank=True)   # no 身份证号 to match


def gen_allowances(seed: int) -> tuple[list[dict], list[dict], list[dict]]:
    """(payments, catalog rows, employees) of the demo county."""
    rng = random.Random(f"{seed}-allowances")
    pay = _Payroll(rng)
    for unit in REC_UNITS:
        for _ in range(4):
            pay.employee(unit, id_style=rng.choice((None,) * 12 + ("spaced", "fullwidth")))
    namesake = pay.employee("县教育体育局", name=pay.employees[0]["name"])       # 同名 in another unit
    people = list(pay.employees)
    for person in people:
        _monthly(pay, person, skip=("值班补贴",) if person["name"] == namesake["name"] else ())
    pay.pay(namesake, MONTHS[0], "值班补贴", 120.0, near=[DUP])
    pay.pay(people[0], MONTHS[0], "值班补贴", 120.0, near=[DUP])
    _plant_catalog(pay)
    _plant_groups(pay)
    _leavers(pay)
    catalog = [make_row(item=item, monthly_cap=cap, units=units) for item, cap, units in CATALOG]
    return pay.rows, catalog, pay.employees
