"""工业用地: each check's violation, boundary and clean case; calendar-year arithmetic; indicators; units; demo truth.

The default test round (conftest.ROUND_TOML) has period_start 2019-10-01 and as_of 2020-06-30.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from toolkit.areas import land
from toolkit.checks.base import Context, run_checks
from toolkit.config import RoundConfig
from toolkit.ingest.load import load_round

HEADER = ["地块编号", "项目名称", "用地单位", "批准日期", "供地日期", "约定开工日期", "实际开工日期",
          "竣工日期", "面积", "约定投资额", "年税收", "状态", "收回日期"]
KEYS = ["parcel_id", "project", "company", "approved_on", "supplied_on", "agreed_start", "actual_start",
        "completed_on", "area_mu", "agreed_investment", "annual_tax", "status", "reclaimed_on"]
AS_OF = pd.Timestamp("2020-06-30")


def parcel(pid: str, **values) -> list[object]:
    """A land row: supplied, not started, nothing else set, unless overridden."""
    row = {"project": f"项目{pid}", "company": "某某实业有限公司", "approved_on": "2015-01-01",
           "supplied_on": "", "agreed_start": "", "actual_start": "", "completed_on": "",
           "area_mu": "10", "agreed_investment": "", "annual_tax": "", "status": "已供未建", "reclaimed_on": ""}
    row.update(parcel_id=pid, **values)
    return [row[k] for k in KEYS]


def idle_row(pid: str, agreed_start: str, **values) -> list[object]:
    return parcel(pid, supplied_on="2017-01-01", agreed_start=agreed_start, **values)


def run(round_dir, rows, thresholds: str = "", as_of: str | None = None, header=HEADER):
    toml = (round_dir.root / "round.toml").read_text(encoding="utf-8")
    if as_of:
        toml = toml.replace("as_of = 2020-06-30", f"as_of = {as_of}").replace(
            "period_start = 2019-10-01", "period_start = 2010-01-01")
    if thresholds:
        toml += "[thresholds]\n" + thresholds
    (round_dir.root / "round.toml").write_text(toml, encoding="utf-8")
    round_dir.csv("工业用地.csv", [header, *rows])
    data = load_round(round_dir.root)
    assert data.rejected.empty, data.rejected.to_dict("records")
    return run_checks(Context(data.frames, data.config), land.CHECKS, land.INDICATORS)


def flagged(result, check_id: str) -> list[str]:
    return sorted(result.findings.loc[result.findings["check_id"] == check_id, "record_id"])


def finding(result, check_id: str, record_id: str) -> pd.Series:
    f = result.findings
    return f[(f["check_id"] == check_id) & (f["record_id"] == record_id)].iloc[0]


# ---- calendar years ---------------------------------------------------------------------------

def test_year_arithmetic_is_calendar_exact():
    dates = pd.Series(pd.to_datetime(["2016-02-29", "2019-06-30", "2020-02-29", None]))
    assert land.add_years(dates, 1).tolist()[:3] == [pd.Timestamp("2017-02-28"), pd.Timestamp("2020-06-30"),
                                                    pd.Timestamp("2021-02-28")]
    assert land.add_years(dates, 4).iloc[0] == pd.Timestamp("2020-02-29")  # leap to leap
    assert pd.isna(land.add_years(dates, 1).iloc[3])


def test_full_months_agree_with_years():
    starts = pd.Series(pd.to_datetime(["2019-06-30", "2019-07-01", "2018-06-30", "2016-02-29"]))
    assert land.full_months(starts, AS_OF).tolist() == [12, 11, 24, 52]
    assert land.full_months(pd.Series(pd.to_datetime(["2016-02-29"])), pd.Timestamp("2017-02-28")).tolist() == [12]
    assert land.full_months(pd.Series(pd.to_datetime(["2016-02-29"])), pd.Timestamp("2017-02-27")).tolist() == [11]


@pytest.mark.parametrize("as_of, idle", [("2017-02-28", True), ("2017-02-27", False)])
def test_feb_29_agreed_start(round_dir, as_of, idle):
    result = run(round_dir, [parcel("FEB", supplied_on="2015-06-01", agreed_start="2016-02-29")], as_of=as_of)
    assert flagged(result, "land.idle") == (["FEB"] if idle else [])
    assert flagged(result, "land.idle_reclaimable") == []


@pytest.mark.parametrize("as_of, reclaimable", [("2018-02-28", True), ("2018-02-27", False)])
def test_feb_29_two_years(round_dir, as_of, reclaimable):
    result = run(round_dir, [parcel("FEB", supplied_on="2015-06-01", agreed_start="2016-02-29")], as_of=as_of)
    assert flagged(result, "land.idle") == ["FEB"]
    assert flagged(result, "land.idle_reclaimable") == (["FEB"] if reclaimable else [])


# ---- land.idle / land.idle_reclaimable --------------------------------------------------------

def test_idle_boundaries(round_dir):
    result = run(round_dir, [
        idle_row("ONE_YEAR", "2019-06-30"),         # exactly one year → idle
        idle_row("SHORT", "2019-07-01"),            # one day short → not
        idle_row("TWO_YEARS", "2018-06-30"),        # exactly two years → both
        idle_row("TWO_SHORT", "2018-07-01"),        # one day short of two → idle only
        idle_row("STARTED", "2017-06-30", actual_start="2019-01-01", status="在建"),
        parcel("NOT_SUPPLIED", agreed_start="2017-06-30", status="批而未供"),
        idle_row("NO_AGREED", ""),                  # no agreed start → no finding (documented)
        idle_row("RECLAIMED", "2016-06-30", status="已收回", reclaimed_on="2020-01-01"),
        idle_row("BUILDING_NO_DATE", "2017-06-30", status="在建"),   # status is not the test: actual_start is
    ])
    assert flagged(result, "land.idle") == ["BUILDING_NO_DATE", "ONE_YEAR", "TWO_SHORT", "TWO_YEARS"]
    assert flagged(result, "land.idle_reclaimable") == ["BUILDING_NO_DATE", "TWO_YEARS"]


def test_idle_finding_fields(round_dir):
    result = run(round_dir, [idle_row("P1", "2018-06-30", area_mu="12.5")])
    idle = finding(result, "land.idle", "P1")
    assert idle["severity"] == "medium" and idle["area"] == "land" and idle["dataset"] == "land"
    assert idle["unit"] == "" and idle["amount"] == pytest.approx(12.5) and idle["row"] == 2
    assert "2018-06-30" in idle["message"] and "24个月" in idle["message"] and "12.5亩" in idle["message"]
    assert "项目P1" in idle["message"] and "土地闲置费" in idle["message"]
    reclaim = finding(result, "land.idle_reclaimable", "P1")
    assert reclaim["severity"] == "high" and "无偿收回" in reclaim["message"] and "满两年" in reclaim["message"]


def test_reclaimed_never_idle(round_dir):
    result = run(round_dir, [idle_row("R", "2010-01-01", status="已收回", reclaimed_on="2012-01-01")])
    assert result.findings.empty


# ---- land.approved_unsupplied -----------------------------------------------------------------

def test_approved_unsupplied_730_vs_731_days(round_dir):
    result = run(round_dir, [
        parcel("D730", approved_on="2018-07-01", status="批而未供"),
        parcel("D731", approved_on="2018-06-30", status="批而未供"),
        parcel("SUPPLIED", approved_on="2010-01-01", supplied_on="2011-01-01", status="已竣工",
               actual_start="2011-02-01", completed_on="2012-01-01"),
    ])
    assert flagged(result, "land.approved_unsupplied") == ["D731"]
    f = finding(result, "land.approved_unsupplied", "D731")
    assert "731天" in f["message"] and "2018-06-30" in f["message"] and f["amount"] == 10


def test_approved_unsupplied_threshold_from_round(round_dir):
    result = run(round_dir, [parcel("D365", approved_on="2019-07-01", status="批而未供"),
                             parcel("D366", approved_on="2019-06-30", status="批而未供")],
                 thresholds="land_unsupplied_years = 1\n")
    assert flagged(result, "land.approved_unsupplied") == ["D366"]


# ---- land.low_efficiency ----------------------------------------------------------------------

def done(pid: str, completed_on: str = "2018-01-01", annual_tax: str = "30", **values) -> list[object]:
    return parcel(pid, supplied_on="2016-01-01", agreed_start="2016-06-01", actual_start="2016-06-01",
                  completed_on=completed_on, annual_tax=annual_tax, status=values.pop("status", "已竣工"), **values)


def test_low_efficiency(round_dir):
    result = run(round_dir, [
        done("LOW", annual_tax="49.9"),                     # 4.99 万元/亩 < 5
        done("AT", annual_tax="50"),                        # exactly 5 → not
        done("D365", completed_on="2019-07-01", annual_tax="1"),   # 365 days before as_of → checked
        done("D364", completed_on="2019-07-02", annual_tax="1"),   # 364 days → not yet
        done("NOTAX", annual_tax=""),
        done("NODATE", completed_on="", annual_tax="1"),
        done("BUILDING", completed_on="", annual_tax="1", status="在建"),
    ])
    assert flagged(result, "land.low_efficiency") == ["D365", "LOW"]
    f = finding(result, "land.low_efficiency", "LOW")
    assert "4.99万元/亩" in f["message"] and "5万元/亩" in f["message"] and "49.9万元" in f["message"]
    assert f["amount"] == 10


def test_low_efficiency_threshold_from_round(round_dir):
    result = run(round_dir, [done("A", annual_tax="50")], thresholds="land_tax_per_mu_min = 6\n")
    assert flagged(result, "land.low_efficiency") == ["A"]


# ---- land.supply_standard ---------------------------------------------------------------------

def test_supply_standard(round_dir):
    result = run(round_dir, [
        parcel("START", supplied_on="2019-10-01", agreed_investment="1000"),    # on period_start → in
        parcel("BEFORE", supplied_on="2019-09-30", agreed_investment="1000"),   # the day before → out
        parcel("ASOF", supplied_on="2020-06-30", agreed_investment="1999.99"),  # on as_of → in
        parcel("AFTER", supplied_on="2020-07-01", agreed_investment="1000"),    # after as_of → out
        parcel("AT", supplied_on="2020-01-01", agreed_investment="2000"),       # exactly the standard → not
        parcel("NOINV", supplied_on="2020-01-01", agreed_investment=""),
    ])
    assert flagged(result, "land.supply_standard") == ["ASOF", "START"]
    f = finding(result, "land.supply_standard", "START")
    assert "1,000万元" in f["message"] and "2,000万元" in f["message"] and "2019-10-01" in f["message"]


def test_checks_leave_clean_parcels_alone(round_dir):
    result = run(round_dir, [
        done("GOOD", annual_tax="80"),
        parcel("NEW", approved_on="2020-01-01", status="批而未供"),
        idle_row("SOON", "2020-03-01"),
    ])
    assert result.findings.empty
    assert result.skipped == {}


# ---- indicators -------------------------------------------------------------------------------

def test_indicators(round_dir):
    result = run(round_dir, [
        parcel("U1", status="批而未供", area_mu="3"),
        parcel("U2", status="批而未供", approved_on="2020-06-01", area_mu="4.5"),   # any age counts
        idle_row("I1", "2018-06-30", area_mu="10"),      # idle and reclaimable: counted once
        idle_row("I2", "2019-06-30", area_mu="2.5"),
        idle_row("NOT_YET", "2020-01-01", area_mu="100"),
        parcel("R_IN", status="已收回", reclaimed_on="2019-10-01", area_mu="6"),
        parcel("R_END", status="已收回", reclaimed_on="2020-06-30", area_mu="1"),
        parcel("R_BEFORE", status="已收回", reclaimed_on="2019-09-30", area_mu="50"),
        parcel("R_AFTER", status="已收回", reclaimed_on="2020-07-01", area_mu="70"),
    ])
    ind = result.indicators
    assert ind["land.reclaimed.parcels"] == 2 and ind["land.reclaimed.area_mu"] == pytest.approx(7)
    assert ind["land.idle.parcels"] == 2 and ind["land.idle.area_mu"] == pytest.approx(12.5)
    assert ind["land.unsupplied.parcels"] == 2 and ind["land.unsupplied.area_mu"] == pytest.approx(7.5)
    assert set(ind) == {f"land.{a}.{b}" for a in ("reclaimed", "idle", "unsupplied") for b in ("parcels", "area_mu")}
    assert all(isinstance(v, (int, float)) for v in ind.values())


def test_indicators_zero_when_present_but_nothing(round_dir):
    result = run(round_dir, [done("GOOD", annual_tax="80")])
    assert result.indicators["land.idle.parcels"] == 0 and result.indicators["land.idle.area_mu"] == 0
    assert result.indicators["land.reclaimed.parcels"] == 0


def test_indicators_null_when_land_missing():
    config = RoundConfig("t", AS_OF.date().replace(year=2019), AS_OF.date())
    result = run_checks(Context({}, config), land.CHECKS, land.INDICATORS)
    assert result.findings.empty
    assert set(result.skipped) == {c.id for c in land.CHECKS}
    assert result.indicators and all(v is None for v in result.indicators.values())


# ---- units ------------------------------------------------------------------------------------

@pytest.mark.parametrize("header, value, mu", [
    ("面积（平方米）", "6666.6667", 10.0),
    ("面积(公顷)", "2", 30.0),
    ("面积（亩）", "12.5", 12.5),
])
def test_area_units_converted_to_mu(round_dir, header, value, mu):
    cols = [header if h == "面积" else h for h in HEADER]
    result = run(round_dir, [idle_row("P", "2018-06-30", area_mu=value)], header=cols)
    assert finding(result, "land.idle", "P")["amount"] == pytest.approx(mu, abs=1e-4)
    assert result.indicators["land.idle.area_mu"] == pytest.approx(mu, abs=1e-4)


def test_tax_per_mu_uses_mu_after_conversion(round_dir):
    # 2 公顷 = 30 亩; 140 万元 / 30 亩 = 4.67 < 5 (it would be 70 per 公顷)
    cols = [("面积(公顷)" if h == "面积" else h) for h in HEADER]
    result = run(round_dir, [done("H", annual_tax="140", area_mu="2")], header=cols)
    assert flagged(result, "land.low_efficiency") == ["H"]
    assert "4.67万元/亩" in finding(result, "land.low_efficiency", "H")["message"]


# ---- tables -----------------------------------------------------------------------------------

def test_tables_do_not_mutate_and_agree_with_checks(round_dir):
    result = run(round_dir, [
        parcel("U1", status="批而未供", approved_on="2018-06-30", area_mu="3"),
        parcel("U2", status="批而未供", approved_on="2018-07-01", area_mu="4"),
        idle_row("I1", "2018-06-30"), idle_row("I2", "2019-06-30"),
        done("LOW", annual_tax="10"),
        parcel("S", supplied_on="2020-01-01", agreed_investment="500"),
        parcel("R", status="已收回", reclaimed_on="2020-01-01", area_mu="6"),
    ])
    data = load_round(round_dir.root)
    frame = data.frames["land"]
    before = frame.copy()
    start = pd.Timestamp("2019-10-01")
    chain = land.status_chain(frame)
    assert list(chain.index) == ["批而未供", "已供未建", "在建", "已竣工", "已收回"]
    assert chain["宗数"].sum() == len(frame) and chain.loc["批而未供", "面积（亩）"] == 7
    idle = land.idle_parcels(frame, AS_OF)
    assert idle["地块编号"].tolist() == ["I1", "I2"] and idle["逾期月数"].tolist() == [24, 12]
    assert idle["分组"].tolist() == [land.IDLE_GROUP_2, land.IDLE_GROUP_1]
    summary = land.idle_summary(frame, AS_OF)
    assert summary.loc["合计", "宗数"] == 2 and summary.loc[land.IDLE_GROUP_2, "宗数"] == 1
    ageing = land.unsupplied_ageing(frame, AS_OF, limit_years=2)
    assert ageing.loc[ageing["超期"], "宗数"].sum() == len(flagged(result, "land.approved_unsupplied")) == 1
    assert land.tax_per_mu(frame, AS_OF, 5)["低于标准"].sum() == 1
    assert land.tax_bands(frame, AS_OF, 5)["宗数"].sum() == 1
    assert land.supplied_below_standard(frame, start, AS_OF, 2000)["地块编号"].tolist() == ["S"]
    assert land.supplied_in_period(frame, start, AS_OF, 2000)["宗数"].tolist() == [1, 1, 1]
    assert land.reclaimed_in_period(frame, start, AS_OF)["地块编号"].tolist() == ["R"]
    cards = land.tracking_cards(frame, result.findings, AS_OF)
    advice = dict(zip(cards["地块编号"], cards["处置建议"]))
    assert advice["I1"].startswith("依法无偿收回") and "征缴土地闲置费" not in advice["I1"]
    assert advice["I2"].startswith("征缴土地闲置费") and "盘活或收回" in advice["LOW"]
    assert set(cards["地块编号"]) == {"U1", "I1", "I2", "LOW", "S"}
    everything = land.tracking_cards(frame, result.findings, AS_OF, all_parcels=True)
    assert "R" not in set(everything["地块编号"]) and "U2" in set(everything["地块编号"])
    lines = land.headline(frame, result.findings, start, AS_OF, 2)
    assert any("收回闲置低效土地：1宗，6亩" in line for line in lines)
    pd.testing.assert_frame_equal(frame, before)


def test_tables_on_empty_land():
    empty = land.empty_land()
    assert land.status_chain(empty)["宗数"].sum() == 0
    assert land.idle_parcels(empty, AS_OF).empty
    assert land.unsupplied_ageing(empty, AS_OF, limit_years=2)["宗数"].sum() == 0
    assert land.tax_per_mu(empty, AS_OF, 5).empty
    assert land.tracking_cards(empty, pd.DataFrame({"check_id": [], "record_id": []}), AS_OF).empty
    assert land.headline(None, pd.DataFrame(), AS_OF, AS_OF, 2)[0].startswith("本轮未提供")


# ---- the demo round ---------------------------------------------------------------------------

def test_demo_round_matches_truth(tmp_path: Path):
    from toolkit import demo
    out = tmp_path / "demo"
    demo.build_demo(out)
    truth = json.loads((out / ".truth.json").read_text(encoding="utf-8"))
    data = load_round(out)
    result = run_checks(Context(data.frames, data.config), land.CHECKS, land.INDICATORS)
    for check in land.CHECKS:
        assert flagged(result, check.id) == sorted(truth["findings"].get(check.id, [])), check.id
    for name, value in result.indicators.items():
        expected = truth["indicators"].get(name)
        assert value == pytest.approx(expected), name


def test_idle_indicator_equals_idle_findings_even_without_the_check(round_dir):
    rows = [idle_row("A", "2018-06-30", area_mu="4"), idle_row("B", "2019-06-30", area_mu="6"),
            idle_row("C", "2019-07-01", area_mu="100")]
    result = run(round_dir, rows)
    assert flagged(result, "land.idle") == ["A", "B"] and result.indicators["land.idle.area_mu"] == 10
    data = load_round(round_dir.root)
    only_indicators = run_checks(Context(data.frames, data.config), [], land.INDICATORS)
    assert only_indicators.indicators == result.indicators
