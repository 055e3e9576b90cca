"""投标记录: 40-odd ordinary tenders of 青岚县 public works, and tenders planted for every bids rule at its
limit — shared phone / MAC / IP / deposit account (two 围标团伙), identical prices, a low price spread (CV
below and exactly at bid_cv_min), submissions 60 and 61 seconds apart, and bidders who never win.

Draws only from its own ``random.Random(f"{seed}-bids")`` so the first-wave files do not change.
"""

from __future__ import annotations

import datetime as dt
import random

from toolkit.demo.draw import make_row, period_workdays
from toolkit.demo.spec import THRESHOLDS

SHARED, SAME_PRICE, SPREAD = "bids.shared_identity", "bids.identical_price", "bids.low_spread"
CLOSE, LOSER = "bids.close_submission", "bids.perennial_loser"

PARTS = ["宏远", "赣鑫", "青岚", "锦程", "华泰", "恒通", "振兴", "中昊", "鼎盛", "瑞景", "安居", "万隆", "隆达",
         "建昌", "明珠", "新城", "润泽", "广厦", "腾达", "卓越", "合力", "顺达", "诚信", "长兴", "金鼎", "九州"]
KINDS = ["建设工程有限公司", "建筑工程有限公司", "市政工程有限公司", "路桥工程有限公司", "水利水电工程有限公司",
         "园林绿化工程有限公司", "建设集团有限公司"]
PROJECTS = ["{t}农村公路硬化工程", "{t}中心小学教学楼改造工程", "{t}集镇污水管网工程", "{t}高标准农田建设项目",
            "{t}安置小区配套工程", "县城区道路提升改造工程（{n}标段）", "县人民医院住院楼装修工程",
            "{t}河道综合治理工程", "工业园区标准厂房（{n}期）", "{t}便民服务中心建设工程", "县城亮化工程（{n}标段）",
            "{t}饮水安全巩固提升工程"]
TOWNS = ["白鹭镇", "桃源镇", "石门乡", "柳溪镇", "云岭乡", "长埠镇", "枫林镇", "清江乡"]


class _Company:
    """A bidder with its own contact phone, IP, MAC and deposit account."""

    def __init__(self, rng: random.Random, name: str, n: int):
        self.name = name
        self.phone = f"1{rng.choice('3589')}{rng.randint(0, 9)}{rng.randint(10000000, 99999999)}"
        self.ip = f"117.{40 + n // 200}.{n % 200}.{rng.randint(2, 250)}"
        octets = [0x00, 0x1A] + [n % 256] + [rng.randint(0, 255) for _ in range(3)]
        self.mac = rng.choice(["-", ":"]).join(f"{o:02X}" for o in octets)
        self.account = f"6217{rng.randint(10 ** 14, 10 ** 15 - 1)}"


class _Tenders:
    """The bid register being written."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.rows: list[dict] = []
        self.tenders = 0
        self.spread_flag: list[str] = []
        self.spread_near: list[str] = []
        self.filler: list[_Company] = []
        days = period_workdays()
        self.days = days[5:-5]

    def tender(self, bidders: list[_Company], factors: list[float] | None = None, winner: int = 0,
               base: float | None = None, times: list[dt.datetime | None] | None = None, tags=None, near=None,
               prices: list[float | None] | None = None, tender_tags=(), tender_near=()) -> str:
        """One tender: a row per bidder; ``tags``/``near`` per row (lists of check ids); winner by index."""
        rng = self.rng
        self.tenders += 1
        tid = f"QLZB-2020-{self.tenders:03d}"
        project = rng.choice(PROJECTS).format(t=rng.choice(TOWNS), n=rng.randint(1, 6))
        base = base or rng.randint(60, 900) * 10000
        if prices is None:
            factors = factors or self.spread(len(bidders))
            prices = [round(base * f, 2) for f in factors]
        times = times or self.times(len(bidders))
        for i, company in enumerate(bidders):
            row = make_row(id="", tender_id=tid, project=project, bidder=company.name, price=prices[i],
                           phone=company.phone, ip=company.ip, mac=company.mac, deposit_account=company.account,
                           submitted_at=times[i], won=(i == winner) if rng.random() < 0.85 or i == winner else None,
                           _tags=list((tags or {}).get(i, [])), _near=list((near or {}).get(i, [])))
            self.rows.append(row)
        self.spread_flag += [tid] if tender_tags else []
        self.spread_near += [tid] if tender_near else []
        return tid

    def spread(self, n: int) -> list[float]:
        """Evenly spaced price factors 0.88 … 1.10 with a little jitter (CV ≈ 6–7 %), the lowest first."""
        return [0.88 + 0.22 * k / (n - 1) + self.rng.uniform(-0.004, 0.004) for k in range(n)]

    def times(self, n: int) -> list[dt.datetime]:
        """Submission times on one day, 2–40 minutes apart."""
        day = self.rng.choice(self.days)
        t = dt.datetime.combine(day, dt.time(8, 30)) + dt.timedelta(seconds=self.rng.randint(0, 3600))
        out = []
        for _ in range(n):
            out.append(t)
            t += dt.timedelta(seconds=self.rng.randint(120, 2400))
        return out


def _companies(rng: random.Random, n: int) -> list[_Company]:
    names = rng.sample([p + k for p in PARTS for k in KINDS], n)
    return [_Company(rng, "江西" + name, i) for i, name in enumerate(names)]


def _ordinary(reg: _Tenders, regular: list[_Company], losers: list[tuple[_Company, int]]) -> None:
    """40 tenders among the regular firms; the least-winning bidder wins; losers join ``count`` tenders each."""
    rng = reg.rng
    wins = {c.name: 0 for c in regular}
    joins = {c.name: sorted(rng.sample(range(40), k)) for c, k in losers}
    for t in range(40):
        bidders = rng.sample(regular, rng.randint(4, 7))
        winner = min(bidders, key=lambda c: (wins[c.name], rng.random()))
        wins[winner.name] += 1
        others = [c for c in bidders if c is not winner] + [c for c, _ in losers if t in joins[c.name]]
        rng.shuffle(others)
        times = reg.times(len(others) + 1)
        rng.shuffle(times)
        reg.tender([winner, *others], times=times)


def _plant_identity(reg: _Tenders, gang: list[_Company]) -> None:
    """Two 围标团伙: A–B share a phone, B–C a MAC (written differently), D–E a deposit account, F–G an IP;
    near misses: Empty phones (无), MACs one digit apart, and a phone shared only across two tenders."""
    a, b, c, d, e, f, g, h, i, j, k = gang
    b.phone = a.phone[:3] + " " + a.phone[3:7] + " " + a.phone[7:]
    c.mac = b.mac.replace("-", "").replace(":", "").lower()
    c.mac = f"{c.mac[:4]}.{c.mac[4:8]}.{c.mac[8:]}"
    e.account = d.account
    g.ip = f.ip
    filler = reg.filler
    reg.tender([a, b, filler[0], filler[1]], tags={0: [SHARED], 1: [SHARED]})
    reg.tender([b, c, filler[2], filler[3], filler[4]], winner=1, tags={0: [SHARED], 1: [SHARED]})
    reg.tender([d, e, filler[5], filler[6]], tags={0: [SHARED], 1: [SHARED]})
    reg.tender([f, g, filler[7], filler[0], filler[3]], winner=2, tags={0: [SHARED], 1: [SHARED]})
    h.phone = i.phone = "无"
    i.mac = h.mac[:-1] + ("0" if h.mac[-1] != "0" else "1")
    reg.tender([h, i, filler[1], filler[2]], near={0: [SHARED], 1: [SHARED]})
    k.phone = j.phone        # the same phone in two different tenders: a link, not a finding
    reg.tender([j, filler[4], filler[5]], near={0: [SHARED]})
    reg.tender([k, filler[6], filler[7]], near={0: [SHARED]})


def _plant_prices(reg: _Tenders, firms: list[_Company]) -> None:
    """Identical prices (one written as text), a cent apart; CV below and exactly at bid_cv_min; too few prices."""
    p, q, r, s, t, u, v, w = firms[:8]
    rng = reg.rng
    reg.tender([p, q, r, s], prices=[1234567.8, 1234567.8, 1301000.0, 1187600.5], winner=2,
               tags={0: [SAME_PRICE], 1: [SAME_PRICE]})
    reg.rows[-3]["_fmt"]["price"] = "text"
    reg.tender([t, u, v], prices=[2345678.9, 2345678.91, 2612000.0], winner=1,
               near={0: [SAME_PRICE], 1: [SAME_PRICE]})
    m = rng.randint(150, 400) * 10000
    low = [m * x for x in (0.985, 0.993, 1.0, 1.006, 1.012)]
    reg.tender([w, p, q, r, s], prices=[round(x, 2) for x in low], tender_tags=[SPREAD])
    reg.tender([t, u, v, w], prices=[958000.0, 994000.0, 1006000.0, 1042000.0], tender_near=[SPREAD])  # CV = 0.03
    reg.tender([p, r, t], prices=[880000.0, 881000.0, None], winner=1, tender_near=[SPREAD])  # two prices only


def _plant_times(reg: _Tenders, firms: list[_Company]) -> None:
    """Submissions exactly 60 s apart (found), 61 s apart (not), and two bare dates (not compared)."""
    day = dt.datetime.combine(reg.days[len(reg.days) // 2], dt.time(9, 40, 15))
    window = THRESHOLDS["bid_submit_window_seconds"]
    a, b, c, d, e, f = firms[:6]
    late = dt.timedelta(minutes=25)
    reg.tender([a, b, c], times=[day, day + dt.timedelta(seconds=window), day + late], tags={0: [CLOSE], 1: [CLOSE]})
    reg.rows[-2]["_fmt"]["submitted_at"] = "text"
    day2 = day + dt.timedelta(days=7)
    reg.tender([d, e, f], times=[day2, day2 + dt.timedelta(seconds=window + 1), day2 + late],
               near={0: [CLOSE], 1: [CLOSE]})
    midnight = dt.datetime.combine(day.date() + dt.timedelta(days=14), dt.time(0, 0))
    reg.tender([a, d, f], times=[midnight, midnight, midnight + late], winner=2, near={0: [CLOSE], 1: [CLOSE]})


def _losers(rows: list[dict]) -> tuple[list[str], dict[str, int]]:
    """The bidders (name as in their first row) in ≥ bid_loser_min_tenders tenders without a win; tenders per name."""
    first: dict[str, str] = {}
    tenders: dict[str, set] = {}
    won: set[str] = set()
    for r in rows:
        key = r["bidder"].replace("（", "(").replace("）", ")")
        first.setdefault(key, r["bidder"])
        tenders.setdefault(key, set()).add(r["tender_id"])
        if r["won"]:
            won.add(key)
    counts = {first[k]: len(v) for k, v in tenders.items() if k not in won}
    return sorted(n for n, c in counts.items() if c >= THRESHOLDS["bid_loser_min_tenders"]), counts


def gen_bids(seed: int) -> tuple[list[dict], dict[str, list[str]], dict[str, list[str]]]:
    """Bid rows in tender and submission order, ids TB0001…; and the tender-level and bidder-level plants
    (low_spread by tender_id, perennial_loser by name), as (rows, intended, near)."""
    rng = random.Random(f"{seed}-bids")
    reg = _Tenders(rng)
    firms = _companies(rng, 44)
    regular, gang, losers = firms[:30], firms[30:41], firms[41:]
    losers[1].name = losers[1].name.replace("江西", "江西(青岚)", 1)
    reg.filler = regular[-8:]
    _ordinary(reg, regular, [(losers[0], 6), (losers[1], 7), (losers[2], THRESHOLDS["bid_loser_min_tenders"] - 1)])
    _plant_identity(reg, gang)
    _plant_prices(reg, regular[:8])
    _plant_times(reg, regular[8:14])
    rows = sorted(reg.rows, key=lambda r: (r["tender_id"], r["submitted_at"]))
    seen = False
    for i, r in enumerate(rows, 1):
        r["id"] = f"TB{i:04d}"
        if r["bidder"] == losers[1].name:      # the same firm written with full-width brackets after its first bid
            r["bidder"] = r["bidder"].replace("(", "（").replace(")", "）") if seen else r["bidder"]
            seen = True
        if rng.random() < 0.1 and not r["_fmt"]:
            r["_fmt"]["submitted_at"] = "text"
    flagged, counts = _losers(rows)
    near = [n for n, c in counts.items() if c == THRESHOLDS["bid_loser_min_tenders"] - 1]
    return rows, {SPREAD: reg.spread_flag, LOSER: flagged}, {SPREAD: reg.spread_near, LOSER: near}
