"""问题线索 and 处分与处理: clues handled within 90 days, cases with their persons, and the planted overdue clues,
clues closed without disposition and form/sanction mismatches.
"""

from __future__ import annotations

import datetime as dt
import random

from toolkit.demo.draw import Names, make_row, rand_date, wchoice
from toolkit.demo.rules import SANCTIONS_BY_FORM
from toolkit.demo.spec import AS_OF
from toolkit.demo.vocabulary import CASE_UNITS, CLUE_CATEGORIES, CLUE_SOURCES, DISPOSITIONS, RANKS

D = dt.date
CUT = AS_OF - dt.timedelta(days=90)           # 2020-04-01: received on or after → not overdue
FORMS = [("第一种形态", 45), ("第二种形态", 33), ("第三种形态", 14), ("第四种形态", 8)]
#: (form, sanction as written, flagged?)
FORM_SANCTIONS = [("第一种形态", "警告", True), ("第二种形态", "诫勉", True), ("第一种形态", "开除党籍", True),
                  ("第四种形态", "撤职", True), ("第一种形态", " 严重警告 ", True), ("第二种形态", "留党察看", True),
                  ("第三种形态", "开除党籍", False), ("第四种形态", "开除党籍", False), ("第四种形态", "开除", False),
                  ("第二种形态", "党内警告处分", False), ("第三种形态", "撤销党内职务、降级", False),
                  ("第一种形态", "诫勉谈话", False)]


class _Clues:
    def __init__(self, rng: random.Random, names: Names):
        self.rng, self.names = rng, names
        self.rows: list[dict] = []

    def add(self, received, status, closed=None, disposition="", tags=(), near=()) -> None:
        rng = self.rng
        self.rows.append(make_row(
            source=wchoice(rng, CLUE_SOURCES), received_on=received, category=rng.choice(CLUE_CATEGORIES),
            subject=self.names.new(), rank=rng.choice(RANKS), status=status, closed_on=closed,
            disposition=disposition, _tags=list(tags), _near=list(near)))


def _clean_clues(c: _Clues) -> None:
    """Clues received before the cut are closed in 10–85 days; later ones are at any stage."""
    rng = c.rng
    for _ in range(360):
        received = rand_date(rng, D(2019, 1, 2), AS_OF)
        if received < CUT:
            closed = min(AS_OF, received + dt.timedelta(days=rng.randint(10, 85)))
            c.add(received, "已办结", closed, wchoice(rng, DISPOSITIONS))
            continue
        st = wchoice(rng, [("未办理", 20), ("核查中", 45), ("已办结", 35)])
        if st == "已办结" and (AS_OF - received).days < 8:
            st = "核查中"
        if st == "已办结":
            closed = received + dt.timedelta(days=rng.randint(5, min(60, (AS_OF - received).days)))
            c.add(received, st, closed, wchoice(rng, DISPOSITIONS))
        else:
            c.add(received, st, disposition="初步核实" if st == "核查中" and rng.random() < 0.5 else "")


def _planted_clues(c: _Clues) -> None:
    rng = c.rng
    c.add(CUT - dt.timedelta(days=1), "核查中", disposition="初步核实", tags=["clues.overdue"])
    c.add(CUT, "核查中", disposition="初步核实", near=["clues.overdue"])
    c.add(CUT, "未办理", near=["clues.overdue"])
    c.add(D(2020, 1, 15), "未办理", tags=["clues.overdue"])
    for _ in range(12):
        st = rng.choice(["核查中", "核查中", "未办理"])
        c.add(rand_date(rng, D(2019, 3, 1), D(2020, 3, 20)), st,
              disposition="初步核实" if st == "核查中" else "", tags=["clues.overdue"])
    for _ in range(6):
        received = rand_date(rng, D(2019, 6, 1), D(2020, 5, 20))
        closed = min(AS_OF, received + dt.timedelta(days=rng.randint(10, 40)))
        c.add(received, "已办结", closed, "", tags=["clues.closed_without_disposition"])
    c.add(D(2020, 5, 6), "核查中", near=["clues.closed_without_disposition"])


def gen_clues(rng: random.Random, names: Names) -> list[dict]:
    """Clues sorted by receipt, ids XS<year>-<n>; dates written in four styles (Excel serials included)."""
    c = _Clues(rng, names)
    _clean_clues(c)
    _planted_clues(c)
    rows = c.rows
    rows.sort(key=lambda r: (r["received_on"], r["subject"]))
    for i, r in enumerate(rows, 1):
        r["clue_id"] = f"XS{r['received_on'].year}-{i:04d}"
        for col in ("received_on", "closed_on"):
            roll = rng.random()
            r["_fmt"][col] = ("iso" if roll < 0.55 else "slash" if roll < 0.75 else "cn" if roll < 0.9
                              else "serial")
    return rows


def _persons(rng: random.Random, names: Names, clues: list[dict]) -> list[dict]:
    linkable = [c["clue_id"] for c in clues if c["disposition"] in ("立案审查", "初步核实")]
    rng.shuffle(linkable)
    link = iter(linkable)
    sizes = [1] * 80 + [2] * 22 + [3] * 6 + [4] * 2
    rng.shuffle(sizes)
    persons: list[dict] = []
    for ci, size in enumerate(sizes, 1):
        filed = rand_date(rng, D(2019, 10, 8), D(2020, 6, 15))
        closed = filed + dt.timedelta(days=rng.randint(20, 150))
        clue_id = next(link, "") if rng.random() < 0.6 else ""
        category = rng.choice(CLUE_CATEGORIES)
        unit = rng.choice(CASE_UNITS)
        for _ in range(size):
            form = wchoice(rng, FORMS)
            acc = rng.random() < 0.15
            persons.append(make_row(case_id=f"AJ{filed.year}-{ci:03d}", clue_id=clue_id, person=names.new(),
                                    unit=unit, rank=rng.choice(RANKS), filed_on=filed,
                                    closed_on=closed if closed <= AS_OF else None, category=category, form=form,
                                    sanction=rng.choice(SANCTIONS_BY_FORM[form]), accountability=acc))
    return persons


def gen_cases(rng: random.Random, names: Names, clues: list[dict]) -> list[dict]:
    """One row per person, ids CF0001…, cases AJ<year>-<n> of 1–4 persons, some linked to a clue."""
    persons = _persons(rng, names, clues)
    for (form, sanction, flagged), p in zip(FORM_SANCTIONS, rng.sample(persons, len(FORM_SANCTIONS))):
        p["form"], p["sanction"] = form, sanction
        p["_tags"] = ["cases.form_sanction_mismatch"] if flagged else []
        p["_near"] = [] if flagged else ["cases.form_sanction_mismatch"]
    for i, p in enumerate(persons, 1):
        p["id"] = f"CF{i:04d}"
        roll = rng.random()
        p["_fmt"]["accountability"] = ("√" if roll < 0.3 else "是") if p["accountability"] else \
            ("" if roll < 0.3 else "否")
    return persons
