"""The demo round: determinism, shape, formats, and an exact truth file.

The truth is checked three ways: every planted record (and no near-miss) is in
it; it equals what toolkit.demo.evaluate computes from the generated rows; and
a few rules are re-derived here from the written files with local parsers.
Nothing here imports toolkit.areas or toolkit.checks. The contract is the
tests' copy in tests/contract/.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import math
import re
import tomllib
from collections import Counter, defaultdict
from pathlib import Path

import openpyxl
import pytest

from toolkit import demo
from toolkit.datasets import DATASETS
from toolkit.demo import DEMO_SEED, build_demo, expected_truth

CONTRACT = Path(__file__).parent / "contract"
AS_OF = dt.date(2020, 6, 30)
EMPTY = {"", "无", "没有", "/", "-", "—", "n/a"}


def _empty(v) -> bool:
    return v is None or str(v).strip().lower() in EMPTY


@pytest.fixture(scope="module")
def built(built_demo):
    """The session's demo round (tests/conftest.py): read only here."""
    return built_demo


@pytest.fixture(scope="module")
def truth(built):
    return expected_truth(built)


def _sheet_rows(path: Path) -> list[tuple]:
    wb = openpyxl.load_workbook(path, read_only=True)
    rows = list(wb.worksheets[0].iter_rows(values_only=True))
    wb.close()
    return rows


def _table(path: Path, first_header: str) -> tuple[list[str], list[tuple]]:
    rows = _sheet_rows(path)
    i = next(k for k, r in enumerate(rows) if r and r[0] == first_header)
    return list(rows[i]), [r for r in rows[i + 1:] if any(v is not None for v in r)]


def _csv(path: Path, encoding: str) -> tuple[list[str], list[list[str]]]:
    rows = list(csv.reader(io.StringIO(path.read_bytes().decode(encoding))))
    return rows[0], rows[1:]


def _digest(directory: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(directory.iterdir())}


# ---------------------------------------------------------------- determinism

def test_build_is_byte_identical(built, tmp_path):
    out = built   # how fast it builds is measured by benchmarks/bench_scale.py, not here
    again = build_demo(tmp_path / "again")
    assert again == tmp_path / "again"
    assert _digest(out) == _digest(again)


def test_other_seed_differs_and_rebuild_overwrites(tmp_path):
    out = tmp_path / "r"
    build_demo(out, seed=7)
    first = _digest(out)
    (out / "reception.csv").write_text("stale", encoding="utf-8")   # a stale copy under another name
    (out / "notes.txt").write_text("keep", encoding="utf-8")
    build_demo(out, seed=7)
    assert _digest(out) == {**first, "notes.txt": _digest(out)["notes.txt"]}
    assert not (out / "reception.csv").exists()
    assert (out / "notes.txt").exists()
    build_demo(out)
    assert _digest(out)[".truth.json"] != first[".truth.json"]


# ---------------------------------------------------------------- files and round.toml

def test_every_file_present(built):
    out = built
    names = {p.name for p in out.iterdir()}
    assert {"round.toml", ".truth.json", *demo.FILES.values()} <= names
    assert set(demo.FILES) == set(DATASETS)   # the demo writes every dataset of the contract


def test_round_toml(built):
    cfg = tomllib.loads((built / "round.toml").read_text(encoding="utf-8"))
    r = cfg["round"]
    assert r["slug"] == "demo"
    assert r["title"] == "省委第一巡视组巡视青岚县反馈意见整改（演示数据）"
    assert r["inspector"] == "省委第一巡视组" and r["target"] == "青岚县" and r["city"] == "青岚县"
    assert r["period_start"] == dt.date(2019, 10, 1) and r["as_of"] == AS_OF
    th = cfg["thresholds"]
    example = tomllib.loads((CONTRACT / "round.example.toml").read_text(encoding="utf-8"))
    assert th == example["thresholds"]
    assert th["reception_per_capita_max"] == 150 and th["ledger_stall_weeks"] == 4
    assert list(th) == list(example["thresholds"])


def test_encodings(built):
    out = built
    for name in ("vehicle_trips.csv", "问题线索.csv"):
        data = (out / name).read_bytes()
        with pytest.raises(UnicodeDecodeError):
            data.decode("utf-8")
        assert data.decode("gb18030").startswith(("出车编号", "线索编号"))
    progress = (out / "progress.csv").read_bytes()
    assert progress.startswith(b"\xef\xbb\xbf")
    progress.decode("utf-8-sig")


def test_reception_workbook_layout(built):
    rows = _sheet_rows(built / "公务接待.xlsx")
    assert rows[0][0] == "2020年度公务接待明细表"
    assert rows[1][0] == "填报单位：青岚县财政局    单位：元"
    header = list(rows[2])
    assert header[0] == "编号" and "金额（元）" in header and "发票号码" in header
    inv = header.index("发票号码")
    cells = [r[inv] for r in rows[3:]]
    assert sum(isinstance(c, int) for c in cells) > 500          # stored as numbers
    assert 36000007 in cells and "36000007" in cells              # one of the pair as a text cell
    money = [r[header.index("金额（元）")] for r in rows[3:]]
    assert any(isinstance(m, str) and re.fullmatch(r"\d{1,3}(,\d{3})*\.\d\d", m) for m in money)
    dates = [r[header.index("接待日期")] for r in rows[3:]]
    assert sum(isinstance(d, dt.datetime) for d in dates) > 500
    assert any(isinstance(d, str) and "年" in d for d in dates)


def test_other_formats(built):
    out = built
    head, rows = _csv(out / "vehicle_trips.csv", "gb18030")
    starts = [r[head.index("出发时间")] for r in rows]
    assert any(re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d", s) for s in starts)
    assert any(re.fullmatch(r"\d{4}/\d{1,2}/\d{1,2} \d\d:\d\d:00", s) for s in starts)
    assert any(re.fullmatch(r"\d{4}年\d{1,2}月\d{1,2}日 \d\d:\d\d", s) for s in starts)
    head, rows = _csv(out / "问题线索.csv", "gb18030")
    got = [r[head.index("受理日期")] for r in rows]
    assert any(re.fullmatch(r"4\d{4}", g) for g in got)           # Excel serial numbers
    assert any("年" in g for g in got) and any("/" in g for g in got) and any("-" in g for g in got)
    head, rows = _table(out / "加油记录.xlsx", "编号")
    assert all(isinstance(r[head.index("加油时间")], dt.datetime) for r in rows)
    assert all(isinstance(r[head.index("加油卡号")], str) for r in rows)
    head, _ = _table(out / "三公经费预算与决算.xlsx", "编号")
    assert "预算数（万元）" in head and "决算数（万元）" in head
    head, _ = _table(out / "工业用地.xlsx", "地块编号")
    assert "面积（亩）" in head and "已开发面积（平方米）" in head and "投资额（万元）" in head


# ---------------------------------------------------------------- realistic sizes

def test_row_counts(built, truth):
    out = built
    _, ledger = _table(out / "整改台账.xlsx", "措施编号")
    assert 100 <= len(ledger) <= 150
    assert len({r[1] for r in ledger}) == 4 and len({r[3] for r in ledger}) == 32
    assert len({r[7] for r in ledger if r[7]}) >= 15
    units = {u.strip() for r in ledger for u in re.split("[、，,;；]", r[8] or "") if u.strip()}
    assert len(units) >= 40
    head, progress = _csv(out / "progress.csv", "utf-8-sig")
    weeks = Counter(_parse_date(r[1]) for r in progress)
    fridays = [dt.date(2020, 4, 3) + dt.timedelta(weeks=i) for i in range(13)]
    assert sorted(weeks) == fridays + [dt.date(2020, 7, 3)]
    assert all(weeks[w] >= 0.8 * len(ledger) for w in fridays)
    sizes = {
        "reception": (_table(out / "公务接待.xlsx", "编号")[1], 550, 700),
        "vehicle_trips": (_csv(out / "vehicle_trips.csv", "gb18030")[1], 1300, 1800),
        "fuel": (_table(out / "加油记录.xlsx", "编号")[1], 700, 1100),
        "overseas": (_table(out / "因公出国（境）.xlsx", "编号")[1], 30, 60),
        "sangong_budget": (_table(out / "三公经费预算与决算.xlsx", "编号")[1], 90, 90),
        "land": (_table(out / "工业用地.xlsx", "地块编号")[1], 100, 150),
        "clues": (_csv(out / "问题线索.csv", "gb18030")[1], 350, 450),
        "cases": (_table(out / "处分与处理.xlsx", "编号")[1], 130, 170),
    }
    for name, (rows, lo, hi) in sizes.items():
        assert lo <= len(rows) <= hi, name
        assert truth["rows"][name] == len(rows)
    cases = sizes["cases"][0]
    assert 95 <= len({r[1] for r in cases}) <= 125


def _parse_date(text: str) -> dt.date:
    text = text.strip()
    if re.fullmatch(r"\d{5}", text):
        return dt.date(1899, 12, 30) + dt.timedelta(days=int(text))
    m = re.fullmatch(r"(\d{4})\D(\d{1,2})\D(\d{1,2})日?", text)
    return dt.date(int(m[1]), int(m[2]), int(m[3]))


def _parse_dt(text: str) -> dt.datetime:
    m = re.fullmatch(r"(\d{4})\D(\d{1,2})\D(\d{1,2})日? (\d\d):(\d\d)(:\d\d)?", text.strip())
    return dt.datetime(int(m[1]), int(m[2]), int(m[3]), int(m[4]), int(m[5]))


def _cell_date(v) -> dt.date:
    if isinstance(v, dt.datetime):
        return v.date()
    if isinstance(v, dt.date):
        return v
    return _parse_date(str(v))


def _money(v) -> float:
    return float(str(v).replace(",", "")) if isinstance(v, str) else float(v)


# ---------------------------------------------------------------- the truth

#: the second-wave sections of checks.md (the demo plants every one)
DEMO_SECOND_WAVE = ("bids", "allowances", "village", "loans", "dues", "benefits")


def _first_wave(text: str) -> tuple[list[str], list[str]]:
    """The contract's check ids and indicator names the demo plants: the sections before '## Second wave',
    and the second-wave sections of DEMO_SECOND_WAVE."""
    first = text[:text.index("## Second wave")]
    for area in DEMO_SECOND_WAVE:
        section = text[text.index(f"## {area} —"):]
        first += section[:section.index("\n## ", 1)]
    areas = re.findall(r"^## (\S+) —", first, flags=re.M)
    ids = re.findall(r"^\| `([a-z_]+\.[a-z_]+)` \|", first, flags=re.M)
    names = []
    for cell in re.findall(r"^\| (`[^|]+`) \| ", text[text.index("## Indicators"):], flags=re.M):
        parts = re.findall(r"`([^`]+)`", cell)
        names += [parts[0]] + [parts[0].rsplit(".", 1)[0] + extra for extra in parts[1:]]
    return ids, [n for n in names if n.split(".")[0] in areas]


def test_truth_covers_every_check_and_indicator(truth):
    ids = demo.CHECK_IDS
    contract_ids, contract_names = _first_wave((CONTRACT / "checks.md").read_text(encoding="utf-8"))
    assert set(contract_ids) <= set(ids)     # the second wave's areas add theirs
    assert set(contract_names) <= set(demo.INDICATOR_NAMES)
    assert sorted(truth["findings"]) == sorted(ids)
    for cid in ids:
        assert truth["findings"][cid], cid
        assert truth["findings"][cid] == sorted(truth["findings"][cid])
        assert all(isinstance(x, str) and x for x in truth["findings"][cid])
    assert truth["findings"]["generic.benford"] == ["fuel.amount"]
    assert all("@" in x for x in truth["findings"]["fuel.consumption_anomaly"])
    assert sorted(truth["indicators"]) == sorted(demo.INDICATOR_NAMES)
    assert all(v is not None for v in truth["indicators"].values())
    assert truth["as_of"] == "2020-06-30" and "generic.benford" in truth["notes"]


@pytest.mark.parametrize("seed", [DEMO_SEED, 1, 2020])
def test_truth_is_exactly_the_planted_set(seed):
    d = demo.generate(seed)
    found = demo.evaluate(d.tables)
    for cid in demo.CHECK_IDS:
        assert found[cid] == d.intended[cid], cid
        assert not set(found[cid]) & set(d.near[cid]), cid


def test_boundary_near_misses_are_planted(truth):
    near = truth["near_misses"]
    for cid in ["ledger.overdue", "ledger.stalled", "ledger.regressed", "ledger.completed_late",
                "reception.same_city", "reception.hosts_over_limit", "reception.per_capita_over_standard",
                "reception.holiday", "vehicle.night_use", "vehicle.holiday_use", "fuel.over_tank",
                "fuel.consumption_anomaly", "overseas.over_days", "budget.detail_mismatch",
                "budget.over_budget", "land.idle", "land.idle_reclaimable", "land.approved_unsupplied",
                "land.low_efficiency", "land.supply_standard", "clues.overdue",
                "cases.form_sanction_mismatch"]:
        assert near[cid], cid
        assert not set(near[cid]) & set(truth["findings"][cid]), cid


# ---------------------------------------------------------------- independent re-derivation from the files

def _same_city(a: str, b: str) -> bool:
    a, b = re.sub(r"[ \u3000]", "", a), re.sub(r"[ \u3000]", "", b)
    return a == b or (a[-1] in "市县区" and a[:-1] == b) or (b[-1] in "市县区" and b[:-1] == a)


def test_reception_rules_from_file(built, truth):
    head, rows = _table(built / "公务接待.xlsx", "编号")
    col = {h: i for i, h in enumerate(head)}
    got = defaultdict(list)
    invoices = Counter(str(r[col["发票号码"]]).strip() for r in rows if not _empty(r[col["发票号码"]]))
    for r in rows:
        rid = r[0]
        g, h = r[col["接待对象人数（人）"]], r[col["陪餐人数（人）"]]
        amount = _money(r[col["金额（元）"]])
        if _empty(r[col["公函编号"]]):
            got["reception.no_letter"].append(rid)
        city = r[col["接待地"]] if not _empty(r[col["接待地"]]) else "青岚县"
        if not _empty(r[col["来访单位所在地"]]) and _same_city(r[col["来访单位所在地"]], city):
            got["reception.same_city"].append(rid)
        if (g <= 10 and h > 3) or (g > 10 and 3 * h > g):
            got["reception.hosts_over_limit"].append(rid)
        if amount / (g + h) > 150:
            got["reception.per_capita_over_standard"].append(rid)
        inv = r[col["发票号码"]]
        if not _empty(inv) and invoices[str(inv).strip()] > 1:
            got["reception.duplicate_invoice"].append(rid)
    for cid, ids in got.items():
        assert sorted(ids) == truth["findings"][cid], cid
    total = math.fsum(_money(r[col["金额（元）"]]) for r in rows)
    assert truth["indicators"]["sangong.reception.count"] == len(rows)
    assert truth["indicators"]["sangong.reception.amount"] == pytest.approx(total, abs=1e-6)


def test_vehicle_and_fuel_rules_from_file(built, truth):
    out = built
    head, rows = _csv(out / "vehicle_trips.csv", "gb18030")
    col = {h: i for i, h in enumerate(head)}
    night, sensitive, km = [], [], defaultdict(float)
    words = ["景区", "度假", "山庄", "会所", "高尔夫", "温泉", "农家乐", "KTV", "洗浴"]
    for r in rows:
        start = _parse_dt(r[col["出发时间"]])
        assert _parse_dt(r[col["返回时间"]]) >= start
        if start.hour >= 22 or start.hour < 6:
            night.append(r[0])
        if any(w in r[col["目的地"]] for w in words):
            sensitive.append(r[0])
        km[(r[col["车牌号"]], f"{start:%Y-%m}")] += float(r[col["里程(km)"]])
    assert sorted(night) == truth["findings"]["vehicle.night_use"]
    assert sorted(sensitive) == truth["findings"]["vehicle.sensitive_destination"]
    head, fuel = _table(out / "加油记录.xlsx", "编号")
    col = {h: i for i, h in enumerate(head)}
    over = [r[0] for r in fuel if _money(r[col["升数（升）"]]) > 80]
    assert sorted(over) == truth["findings"]["fuel.over_tank"]
    liters = defaultdict(float)
    for r in fuel:
        if not _empty(r[col["绑定车牌"]]):
            liters[(r[col["绑定车牌"]], f"{r[col['加油时间']]:%Y-%m}")] += _money(r[col["升数（升）"]])
    anomalies = sorted(f"{p}@{m}" for (p, m), lit in liters.items()
                       if lit > 0 and (km[(p, m)] == 0 or lit / km[(p, m)] * 100 > 15))
    assert anomalies == truth["findings"]["fuel.consumption_anomaly"]
    # Benford, Nigrini's MAD on values ≥ 10
    for values, flagged in [([_money(r[col["金额(元)"]]) for r in fuel], True)]:
        vals = [v for v in values if v >= 10]
        first = Counter(int(str(v).lstrip("0.")[0]) for v in vals)
        mad = sum(abs(first[d] / len(vals) - math.log10(1 + 1 / d)) for d in range(1, 10)) / 9
        assert (mad > 0.015) is flagged
    assert truth["benford_mad"]["reception.amount"]["mad"] < 0.012
    assert truth["benford_mad"]["fuel.amount"]["mad"] > 0.03


def test_overseas_land_clues_rules_from_file(built, truth):
    out = built
    head, rows = _table(out / "因公出国（境）.xlsx", "编号")
    col = {h: i for i, h in enumerate(head)}
    over = []
    for r in rows:
        days = (_cell_date(r[col["返回日期"]]) - _cell_date(r[col["出发日期"]])).days + 1
        n = len([p for p in re.split("[、，,;；]", r[col["国家地区"]]) if p.strip()])
        if days > {1: 5, 2: 8}.get(n, 10):
            over.append(r[0])
    assert sorted(over) == truth["findings"]["overseas.over_days"]

    head, rows = _table(out / "工业用地.xlsx", "地块编号")
    col = {h: i for i, h in enumerate(head)}
    idle, unsupplied = [], []
    for r in rows:
        agreed, supplied = r[col["约定开工日期"]], r[col["供地日期"]]
        if supplied is not None and r[col["实际开工日期"]] is None and r[col["状态"]] != "已收回" and agreed:
            a = _cell_date(agreed)
            if AS_OF >= a.replace(year=a.year + 1):
                idle.append(r[0])
        if r[col["状态"]] == "批而未供" and (AS_OF - _cell_date(r[col["批准日期"]])).days > 730:
            unsupplied.append(r[0])
    assert sorted(idle) == truth["findings"]["land.idle"]
    assert sorted(unsupplied) == truth["findings"]["land.approved_unsupplied"]
    assert truth["indicators"]["land.unsupplied.parcels"] == sum(r[col["状态"]] == "批而未供" for r in rows)

    head, rows = _csv(out / "问题线索.csv", "gb18030")
    col = {h: i for i, h in enumerate(head)}
    overdue = [r[0] for r in rows
               if r[col["办理状态"]] != "已办结" and (AS_OF - _parse_date(r[col["受理日期"]])).days > 90]
    assert sorted(overdue) == truth["findings"]["clues.overdue"]
    closed = sum(r[col["办理状态"]] == "已办结" for r in rows)
    assert truth["indicators"]["cases.clues.closed"] == closed
    assert truth["indicators"]["cases.clues.verification_rate"] == pytest.approx(closed / len(rows))


def test_ledger_rules_from_files(built, truth):
    out = built
    head, rows = _table(out / "整改台账.xlsx", "措施编号")
    col = {h: i for i, h in enumerate(head)}
    overdue = [r[0] for r in rows if r[col["整改状态"]] != "已完成" and r[col["完成时限"]] is not None
               and _cell_date(r[col["完成时限"]]) < AS_OF]
    assert sorted(overdue) == truth["findings"]["ledger.overdue"]
    assert truth["indicators"]["ledger.measures"] == len(rows)
    assert truth["indicators"]["ledger.completed"] == sum(r[col["整改状态"]] == "已完成" for r in rows)
    head, reports = _csv(out / "progress.csv", "utf-8-sig")
    by = defaultdict(list)
    for r in reports:
        week = _parse_date(r[1])
        if week <= AS_OF:
            by[r[2]].append((week, r[3], r[4].strip()))
    stalled, regressed = [], []
    for mid, reps in by.items():
        reps.sort()
        last = reps[-4:]
        if len(reps) >= 4 and all(s == "推进中" for _, s, _ in last) and len({n for _, _, n in last}) == 1:
            stalled.append(mid)
        statuses = [s for _, s, _ in reps]
        if "已完成" in statuses and any(s != "已完成" for s in statuses[statuses.index("已完成"):]):
            regressed.append(mid)
    assert sorted(stalled) == truth["findings"]["ledger.stalled"]
    assert sorted(regressed) == truth["findings"]["ledger.regressed"]


def test_budget_detail_from_files(built, truth):
    out = built
    head, rec = _table(out / "公务接待.xlsx", "编号")
    col = {h: i for i, h in enumerate(head)}
    sums = defaultdict(list)
    for r in rec:
        sums[("公务接待费", r[col["接待单位"]], _cell_date(r[col["接待日期"]]).year)].append(
            _money(r[col["金额（元）"]]))
    head, ovs = _table(out / "因公出国（境）.xlsx", "编号")
    col = {h: i for i, h in enumerate(head)}
    for r in ovs:
        if r[col["费用（元）"]] is not None:
            sums[("因公出国（境）费", r[col["单位"]], _cell_date(r[col["出发日期"]]).year)].append(
                _money(r[col["费用（元）"]]))
    head, budget = _table(out / "三公经费预算与决算.xlsx", "编号")
    col = {h: i for i, h in enumerate(head)}
    over, mismatch = [], []
    for r in budget:
        actual = r[col["决算数（万元）"]]
        if actual is None:
            continue
        actual = _money(actual)
        if actual > _money(r[col["预算数（万元）"]]):
            over.append(r[0])
        key = (r[col["类别"]], r[col["单位"]], r[col["年度"]])
        if r[col["类别"]] != "公务用车购置及运行维护费":
            a, d = actual * 10000, math.fsum(sums.get(key, []))
            if abs(a - d) > 0.05 * max(a, d) and abs(a - d) > 1000:
                mismatch.append(r[0])
    assert sorted(over) == truth["findings"]["budget.over_budget"]
    assert sorted(mismatch) == truth["findings"]["budget.detail_mismatch"]


def test_cases_rules_from_file(built, truth):
    head, rows = _table(built / "处分与处理.xlsx", "编号")
    col = {h: i for i, h in enumerate(head)}
    lists = demo.SANCTIONS_BY_FORM
    bad = []
    for r in rows:
        s, form = r[col["处理结果"]].strip(), r[col["形态"]]
        if s not in lists[form] and any(s in v for f, v in lists.items() if f != form):
            bad.append(r[0])
    assert sorted(bad) == truth["findings"]["cases.form_sanction_mismatch"]
    ind = truth["indicators"]
    assert ind["cases.persons"] == len(rows)
    assert ind["cases.cases"] == len({r[col["案件编号"]] for r in rows})
    assert ind["cases.first_form"] == sum(r[col["形态"]] == "第一种形态" for r in rows)
    assert ind["cases.accountability"] == sum(r[col["问责"]] in ("是", "√") for r in rows)
