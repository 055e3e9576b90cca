"""整改台账 and 整改周报: the ledger's measures, their weekly progress reports, and the planted ledger cases.

Clean measures are completed before their deadline, signed off with evidence,
and report varied notes; the planted ones are overdue, closed without sign-off,
completed late, stalled (the same note four weeks running) or regressed — each
with a near-miss that sits exactly on the safe side.
"""

from __future__ import annotations

import datetime as dt
import random

from toolkit.demo.draw import Names, doc_no, make_row, rand_date, wchoice
from toolkit.demo.spec import AS_OF, FEEDBACK_DAY, WEEKS
from toolkit.demo.vocabulary import (ASPECTS, LEDGER_UNITS, MEASURE_TEMPLATES, PROBLEMS, PROGRESS_NOTES,
                                     STALL_NOTES, SUBS)

D = dt.date
DONE = ("已完成", "已完成整改")
T = "推进中"


def _set_state(row: dict, rng: random.Random, names: Names, kind: str, deadline, status: str,
               completed_on=None, signoff: bool = True) -> None:
    row.update(kind=kind, deadline=deadline, status=status, completed_on=None, signed_off_by="",
               signed_off_on=None, evidence="")
    if status == "已完成":
        row["completed_on"] = completed_on
        if signoff:
            row["signed_off_by"] = names.new()
            row["signed_off_on"] = min(AS_OF, completed_on + dt.timedelta(days=rng.randint(0, 6)))
            ev = doc_no(rng, completed_on.year)
            if rng.random() < 0.3:
                ev += "；" + doc_no(rng, completed_on.year)
            row["evidence"] = ev


def _clean_state(row: dict, rng: random.Random, names: Names) -> None:
    kind = wchoice(rng, [("立行立改", 30), ("限期整改", 50), ("长期坚持", 20)])
    if kind == "立行立改":
        deadline = rng.choice([D(2019, 12, 31), D(2020, 1, 31), D(2020, 2, 29), D(2020, 3, 31)])
    elif kind == "限期整改":
        deadline = rng.choice([D(2020, 3, 31), D(2020, 4, 30), D(2020, 5, 31), D(2020, 6, 30), D(2020, 9, 30),
                               D(2020, 12, 31)])
    else:
        deadline = None
    if deadline is not None and deadline < AS_OF:
        status = "已完成"
    elif deadline is None:
        status = "推进中" if rng.random() < 0.8 else "已完成"
    else:
        status = wchoice(rng, [("推进中", 55), ("已完成", 30), ("未启动", 15)])
    completed = None
    if status == "已完成":
        hi = min(deadline or AS_OF, AS_OF)
        lo = max(FEEDBACK_DAY + dt.timedelta(days=5), hi - dt.timedelta(days=75))
        completed = rand_date(rng, lo, hi)
    _set_state(row, rng, names, kind, deadline, status, completed)


def _vary(rng: random.Random, pct: list[int]) -> tuple[str, str]:
    pct[0] += rng.randint(1, 5)
    return "推进中", rng.choice(PROGRESS_NOTES).format(p=pct[0])


def _clean_timeline(row: dict, rng: random.Random) -> list:
    """One (status, note) entry per week — None for a missed report — consistent with the measure's state."""
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


def _clean_measures(rng: random.Random, names: Names) -> list[dict]:
    """The ledger as a county writes it: 4 aspects, 32 problems, a few measures each, all in order."""
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
                    row = make_row(
                        measure_id=f"{p}-{si}-{k}", aspect_no=aspect_no, aspect=aspect, problem_no=p,
                        problem=PROBLEMS[p], sub_problem=sub or "",
                        measure=templates[k - 1].format(t=topic),
                        lead_leader=leader if rng.random() < 0.9 else rng.choice(leaders),
                        units=sep.join([first] + extra))
                    _clean_state(row, rng, names)
                    rows.append(row)
    return rows


class _Planter:
    """Rewrites 40 randomly picked measures (and their timelines) into the planted cases."""

    def __init__(self, rng: random.Random, names: Names, rows: list[dict], timelines: dict):
        self.rng, self.names, self.rows, self.timelines = rng, names, rows, timelines
        self.picks = iter(rng.sample(range(len(rows)), 40))

    def nxt(self) -> dict:
        return self.rows[next(self.picks)]

    def plain(self, row, kind, deadline, status, completed_on=None, signoff=True, tags=(), near=()) -> dict:
        _set_state(row, self.rng, self.names, kind, deadline, status, completed_on, signoff)
        row["_tags"] = list(tags)
        row["_near"] = list(near)
        self.timelines[row["measure_id"]] = _clean_timeline(row, self.rng)
        return row

    def varied(self, n: int) -> list:
        pct = [self.rng.randint(3, 15)]
        return [_vary(self.rng, pct) for _ in range(n)]

    def stalled(self, row, deadline, entries, tags=(), near=(), status="推进中", kind="限期整改") -> dict:
        """A measure with an explicit timeline (index 13 is the report after as_of)."""
        _set_state(row, self.rng, self.names, kind if deadline else "长期坚持", deadline, status)
        row["_tags"], row["_near"] = list(tags), list(near)
        self.timelines[row["measure_id"]] = entries
        return row


def _plant_deadlines(p: _Planter) -> None:
    """overdue, closed without sign-off, completed late."""
    p.plain(p.nxt(), "限期整改", D(2020, 6, 29), "推进中", tags=["ledger.overdue"])
    p.plain(p.nxt(), "限期整改", D(2020, 3, 31), "推进中", tags=["ledger.overdue"])
    p.plain(p.nxt(), "立行立改", D(2019, 12, 31), "推进中", tags=["ledger.overdue"])
    p.plain(p.nxt(), "限期整改", D(2020, 5, 31), "未启动", tags=["ledger.overdue"])
    p.plain(p.nxt(), "限期整改", D(2020, 4, 30), "推进中", tags=["ledger.overdue"])
    p.plain(p.nxt(), "限期整改", D(2020, 6, 30), "推进中", near=["ledger.overdue"])
    p.plain(p.nxt(), "限期整改", D(2020, 6, 30), "未启动", near=["ledger.overdue"])
    p.plain(p.nxt(), "长期坚持", None, "推进中", near=["ledger.overdue"])
    closed = "ledger.closed_without_signoff"
    for kind, deadline, completed, field, value, tags, near in [
            ("限期整改", D(2020, 5, 31), D(2020, 5, 20), "evidence", "无", [closed], []),
            ("限期整改", D(2020, 4, 30), D(2020, 4, 28), "evidence", "", [closed], []),
            ("立行立改", D(2020, 1, 31), D(2020, 1, 10), "signed_off_by", "", [closed], []),
            ("限期整改", D(2020, 6, 30), D(2020, 6, 12), "signed_off_on", None, [closed], []),
            ("限期整改", D(2020, 3, 31), D(2020, 3, 27), "evidence", "/", [closed], []),
            ("限期整改", D(2020, 5, 31), D(2020, 5, 29), "evidence", "见附件（会议纪要及制度文件）", [], [closed])]:
        r = p.plain(p.nxt(), kind, deadline, "已完成", completed, tags=tags, near=near)
        r[field] = value
    p.plain(p.nxt(), "限期整改", D(2020, 3, 31), "已完成", D(2020, 4, 1), tags=["ledger.completed_late"])
    p.plain(p.nxt(), "限期整改", D(2020, 4, 30), "已完成", D(2020, 5, 20), tags=["ledger.completed_late"])
    p.plain(p.nxt(), "立行立改", D(2019, 12, 31), "已完成", D(2020, 2, 28), tags=["ledger.completed_late"])
    p.plain(p.nxt(), "限期整改", D(2020, 5, 31), "已完成", D(2020, 5, 31), near=["ledger.completed_late"])


def _plant_stalled(p: _Planter) -> None:
    """the same 推进中 note for the last four reports — and five ways of narrowly not being stalled."""
    n = STALL_NOTES
    p.stalled(p.nxt(), D(2020, 9, 30), p.varied(9) + [(T, n[0])] * 5, tags=["ledger.stalled"])
    p.stalled(p.nxt(), None, p.varied(9) + [(T, "")] * 5, tags=["ledger.stalled"])
    p.stalled(p.nxt(), D(2020, 12, 31), p.varied(9) + [(T, n[1]), (T, n[1] + " "), (T, " " + n[1]), (T, n[1])]
              + p.varied(1), tags=["ledger.stalled"])
    p.stalled(p.nxt(), D(2020, 9, 30), p.varied(9) + [(T, n[2])] * 4 + [(T, "已完成主体工作，进入收尾阶段")],
              tags=["ledger.stalled"])
    p.stalled(p.nxt(), D(2020, 12, 31), p.varied(8) + [(T, n[3]), None] + [(T, n[3])] * 4,
              tags=["ledger.stalled"])
    p.stalled(p.nxt(), D(2020, 5, 31), p.varied(8) + [(T, n[4])] * 6, tags=["ledger.stalled", "ledger.overdue"])
    p.stalled(p.nxt(), D(2020, 9, 30), p.varied(10) + [(T, n[0])] * 3 + p.varied(1), near=["ledger.stalled"])
    p.stalled(p.nxt(), D(2020, 12, 31), [None] * 10 + [(T, n[1])] * 3 + [None], near=["ledger.stalled"])
    p.stalled(p.nxt(), D(2020, 9, 30), p.varied(10) + [(T, n[2])] * 4, near=["ledger.stalled"])
    p.stalled(p.nxt(), D(2020, 12, 31), [("未启动", "尚未启动，正在研究")] * 14, near=["ledger.stalled"],
              status="未启动")
    p.stalled(p.nxt(), D(2020, 9, 30), p.varied(9) + [(T, n[3])] * 3 + [(T, "已完成阶段任务，完成80%"), (T, n[3])],
              near=["ledger.stalled"])


def _plant_regressed(p: _Planter) -> None:
    """已完成 reported, then 推进中 or 未启动 again (反弹)."""
    p.stalled(p.nxt(), D(2020, 9, 30), p.varied(5) + [DONE] * 4 + p.varied(5), tags=["ledger.regressed"])
    p.stalled(p.nxt(), D(2020, 12, 31), [DONE] * 11 + [("未启动", "重新启动整改")] * 3, tags=["ledger.regressed"],
              status="未启动")
    r = p.nxt()
    _set_state(r, p.rng, p.names, "限期整改", D(2020, 6, 30), "已完成", WEEKS[3] - dt.timedelta(days=1))
    r["_tags"], r["_near"] = ["ledger.regressed"], []
    p.timelines[r["measure_id"]] = p.varied(3) + [DONE] * 4 + p.varied(1) + [DONE] * 6
    r = p.nxt()
    _set_state(r, p.rng, p.names, "限期整改", D(2020, 6, 30), "已完成", WEEKS[4] - dt.timedelta(days=2))
    r["_tags"], r["_near"] = [], ["ledger.regressed"]
    p.timelines[r["measure_id"]] = p.varied(4) + [DONE] * 9 + p.varied(1)


def _progress(rng: random.Random, rows: list[dict], timelines: dict) -> list[dict]:
    """The weekly reports, week by week in ledger order; a few dates written 2020/4/3 or 2020年4月3日."""
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
            progress.append(make_row(week_of=week, measure_id=r["measure_id"], status=e[0], note=e[1], _fmt=fmt))
    for i, p in enumerate(progress, 1):
        p["id"] = f"ZB{i:05d}"
    return progress


def gen_ledger(rng: random.Random, names: Names) -> tuple[list[dict], list[dict]]:
    """(ledger rows, progress rows)."""
    rows = _clean_measures(rng, names)
    timelines = {r["measure_id"]: _clean_timeline(r, rng) for r in rows}
    planter = _Planter(rng, names, rows, timelines)
    _plant_deadlines(planter)
    _plant_stalled(planter)
    _plant_regressed(planter)
    progress = _progress(rng, rows, timelines)
    for r in rows:
        if r["deadline"] is not None and rng.random() < 0.08:
            r["_fmt"]["deadline"] = "cn"
    return rows, progress
