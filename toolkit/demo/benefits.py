"""惠民惠农补贴发放, 财政供养人员及村干部 and 死亡人员: the three lists 名单碰撞 crosses by ID number, for
2020-01 … 2020-06. Planted at their limits: 低保/特困 paid to staff on duty (and near-misses: retired staff,
a farmland subsidy to a cadre), payments after death (and in the month of death), duplicate payments, ID
numbers failing GB 11643 (and a birth exactly on as_of, a 15-digit old number, a lower-case x, full-width
digits). Draws from its own ``random.Random(f"{seed}-benefits")``.
"""

from __future__ import annotations

import datetime as dt
import random

from toolkit.demo.allowances import MONTHS
from toolkit.demo.draw import Names, make_row
from toolkit.demo.idnumbers import IdNumbers
from toolkit.demo.vocabulary import TOWNS

D = dt.date
STAFF, DEATH, DUP, BAD = "benefit.staff_recipient", "benefit.after_death", "benefit.duplicate", \
    "benefit.bad_id_number"
VILLAGES = ("桃源村", "石桥村", "新塘村", "上坊村", "下湾村", "李家村", "枫树村", "长岭村", "清水村", "荷塘村",
            "大塘村", "罗溪村", "茶园村", "龙泉村")
#: type → (monthly amount range in 元, birth years of its recipients)
TYPES = {"低保": ((320, 560), (1940, 1985)), "特困": ((680, 900), (1935, 1965)),
         "高龄补贴": ((50, 100), (1925, 1939)), "残疾人两项补贴": ((60, 90), (1950, 1995))}
FARMLAND = "耕地地力保护补贴"


class _Lists:
    """The three lists being written."""

    def __init__(self, rng: random.Random, employees: list[dict]):
        self.rng = rng
        self.names = Names(rng)
        self.ids = IdNumbers(rng)
        self.ids.used.update(e["id_number"] for e in employees)
        self.rows: list[dict] = []
        self.staff: list[dict] = [make_row(**{k: e[k] for k in ("id_number", "name", "unit", "role", "status",
                                                                 "left_on")}, _fmt=dict(e["_fmt"]))
                                  for e in employees]
        self.deaths: list[dict] = [make_row(id_number=e["id_number"], name=e["name"], died_on=e["left_on"])
                                   for e in employees if e["status"] == "死亡"]
        self.styles = {t: rng.choice(("dash", "cn", "six")) for t in TOWNS}

    def person(self, type_: str | None = None, id_number: str | None = None, name: str | None = None) -> dict:
        born = TYPES.get(type_, ((0, 0), (1950, 1990)))[1]
        town = self.rng.choice(TOWNS)
        roll = self.rng.random()
        village = None if roll < 0.1 else self.rng.choice(VILLAGES)
        return {"name": name or self.names.new(), "id_number": id_number or self.ids.new(*born),
                "town": None if roll < 0.03 else town, "village": village, "id_style": None}

    def pay(self, who: dict, type_: str, month: dt.date, amount: float, tags=(), near=()) -> dict:
        row = make_row(id=f"HM{len(self.rows) + 1:05d}", name=who["name"], id_number=who["id_number"], type=type_,
                       month=month, amount=amount, town=who["town"], village=who["village"], _tags=list(tags),
                       _near=list(near))
        row["_fmt"].update(id_number=who["id_style"], month=self.styles.get(who["town"], "dash"))
        self.rows.append(row)
        return row

    def monthly(self, who: dict, type_: str, months=MONTHS, tags=(), near=()) -> None:
        low, high = TYPES[type_][0]
        amount = float(self.rng.randrange(low, high, 10))
        for month in months:
            self.pay(who, type_, month, amount, tags, near)

    def staff_member(self, unit: str, role: str, status: str = "在职", left_on=None, ends_x=False) -> dict:
        name, number = self.names.new(), self.ids.new(1960, 1990, ends_x=ends_x)
        self.staff.append(make_row(id_number=number, name=name, unit=unit, role=role, status=status, left_on=left_on))
        return self.person("低保", id_number=number, name=name)


def _clean(lists: _Lists) -> None:
    """The county's regular recipients: one type each, some two; a farmland subsidy in April."""
    rng = lists.rng
    for type_, count in (("低保", 40), ("特困", 12), ("高龄补贴", 18), ("残疾人两项补贴", 10)):
        for _ in range(count):
            who = lists.person(type_)
            lists.monthly(who, type_)
            if type_ == "低保" and rng.random() < 0.2:
                lists.monthly(who, "残疾人两项补贴")
    for _ in range(15):
        lists.pay(lists.person(), FARMLAND, D(2020, 4, 1), round(rng.uniform(300, 2500), 2))
    for _ in range(6):     # cadres and civil servants not on any benefit, and deaths of people never paid
        lists.staff_member(f"{rng.choice(TOWNS)}{rng.choice(VILLAGES)}村民委员会", "村干部")
        died = D(2019, 11, 1) + dt.timedelta(days=rng.randint(0, 200))
        lists.deaths.append(make_row(id_number=lists.ids.new(1925, 1950), name=lists.names.new(), died_on=died))


def _staff_matches(lists: _Lists, employees: list[dict]) -> None:
    """低保/特困 to staff on duty (found); to retired or departed staff, or a farmland subsidy (not)."""
    cadre = lists.staff_member("白鹭镇桃源村村民委员会", "村干部", ends_x=True)
    cadre["id_style"] = "lower_x"                             # written with a lower-case x in the benefit list
    cadre.update(town="白鹭镇", village="桃源村")
    lists.monthly(cadre, "低保", MONTHS[2:], tags=[STAFF])
    clerk = next(e for e in employees if e["status"] == "在职" and not e["_fmt"].get("id_number"))
    civil = lists.person("特困", id_number=clerk["id_number"], name=clerk["name"])
    civil["id_style"] = "fullwidth"
    lists.monthly(civil, "特困", MONTHS[:2], tags=[STAFF])
    farmer = lists.staff_member("石门乡石桥村村民委员会", "村干部")
    lists.pay(farmer, FARMLAND, D(2020, 4, 1), 1260.0, near=[STAFF])
    old = lists.staff_member("县教育体育局", "事业编制", "退休", D(2018, 9, 30))
    lists.monthly(old, "低保", MONTHS[:3], near=[STAFF])
    moved = next(e for e in employees if e["status"] == "调离")
    lists.monthly(lists.person("低保", id_number=moved["id_number"], name=moved["name"]), "低保", MONTHS[4:],
                  near=[STAFF])


def _deaths(lists: _Lists) -> None:
    """Paid for months after the month of death (found); in the month of death (not)."""
    first = lists.person("低保")
    lists.deaths.append(make_row(id_number=first["id_number"], name=first["name"], died_on=D(2020, 2, 15)))
    lists.monthly(first, "低保", MONTHS[:1])
    lists.monthly(first, "低保", MONTHS[1:2], near=[DEATH])
    lists.monthly(first, "低保", MONTHS[2:], tags=[DEATH])
    old = lists.person("高龄补贴")
    row = make_row(id_number=old["id_number"], name=old["name"], died_on=D(2020, 4, 30))
    row["_fmt"]["id_number"] = "old15"                        # the register still has the 15-digit number
    lists.deaths.append(row)
    lists.monthly(old, "高龄补贴", MONTHS[:3])
    lists.monthly(old, "高龄补贴", MONTHS[3:4], near=[DEATH])
    lists.monthly(old, "高龄补贴", MONTHS[4:], tags=[DEATH])
    stopped = lists.person("特困")
    lists.deaths.append(make_row(id_number=stopped["id_number"], name=stopped["name"], died_on=D(2020, 6, 3)))
    lists.monthly(stopped, "特困", MONTHS[:5], near=[DEATH])


def _duplicates_and_ids(lists: _Lists) -> None:
    """Twice in one month (found), two types in one month (not); ID numbers failing the check (found) or
    written oddly but right (not)."""
    twice = lists.person("低保")
    lists.monthly(twice, "低保")
    regular = next(r for r in lists.rows if r["id_number"] == twice["id_number"] and r["month"] == MONTHS[2])
    regular["_tags"].append(DUP)                              # the regular March payment, and a second one
    lists.pay(twice, "低保", MONTHS[2], 430.0, tags=[DUP])
    both = lists.person("低保")
    lists.monthly(both, "低保", MONTHS[:1], near=[DUP])
    lists.monthly(both, "残疾人两项补贴", MONTHS[:1], near=[DUP])
    bad = [lists.ids.wrong_check(), lists.ids.with_birth("19890230"), lists.ids.with_birth("20200715")]
    for number, type_ in zip(bad, ("低保", "残疾人两项补贴", "低保")):
        lists.monthly(lists.person(type_, id_number=number), type_, MONTHS[3:], tags=[BAD])
    odd = [(lists.ids.with_birth("20200630"), None), (lists.ids.new(1940, 1960), "old15"),
           (lists.ids.new(1950, 1970, ends_x=True), "lower_x"), (lists.ids.new(1950, 1970), "spaced")]
    for number, style in odd:
        who = lists.person("低保", id_number=number)
        who["id_style"] = style
        lists.monthly(who, "低保", MONTHS[4:], near=[BAD])


def gen_benefits(seed: int, employees: list[dict]) -> tuple[list[dict], list[dict], list[dict]]:
    """(benefit payments, staff list, death register) of the demo county; ``employees`` are the civil
    servants of :func:`toolkit.demo.allowances.gen_allowances` (they head the staff list)."""
    lists = _Lists(random.Random(f"{seed}-benefits"), employees)
    _clean(lists)
    _staff_matches(lists, employees)
    _deaths(lists)
    _duplicates_and_ids(lists)
    return lists.rows, lists.staff, lists.deaths
