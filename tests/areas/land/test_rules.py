"""工业用地 rules: each check's violation, boundary and clean case; calendar-year arithmetic; units."""

from __future__ import annotations

import pandas as pd
import pytest

from toolkit.areas import land

AS_OF = pd.Timestamp("2020-06-30")  # the test round's as_of (tests/conftest.py)


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
def test_feb_29_agreed_start(parcels, as_of, idle):
    result = parcels.run([parcels.row("FEB", supplied_on="2015-06-01", agreed_start="2016-02-29")], as_of=as_of)
    assert parcels.flagged(result, "land.idle") == (["FEB"] if idle else [])
    assert parcels.flagged(result, "land.idle_reclaimable") == []


@pytest.mark.parametrize("as_of, reclaimable", [("2018-02-28", True), ("2018-02-27", False)])
def test_feb_29_two_years(parcels, as_of, reclaimable):
    result = parcels.run([parcels.row("FEB", supplied_on="2015-06-01", agreed_start="2016-02-29")], as_of=as_of)
    assert parcels.flagged(result, "land.idle") == ["FEB"]
    assert parcels.flagged(result, "land.idle_reclaimable") == (["FEB"] if reclaimable else [])


def test_idle_boundaries(parcels):
    result = parcels.run([
        parcels.idle("ONE_YEAR", "2019-06-30"),     # exactly one year → idle
        parcels.idle("SHORT", "2019-07-01"),        # one day short → not
        parcels.idle("TWO_YEARS", "2018-06-30"),    # exactly two years → both
        parcels.idle("TWO_SHORT", "2018-07-01"),    # one day short of two → idle only
        parcels.idle("STARTED", "2017-06-30", actual_start="2019-01-01", status="在建"),
        parcels.row("NOT_SUPPLIED", agreed_start="2017-06-30", status="批而未供"),
        parcels.idle("NO_AGREED", ""),              # no agreed start → no finding (documented)
        parcels.idle("RECLAIMED", "2016-06-30", status="已收回", reclaimed_on="2020-01-01"),
        parcels.idle("BUILDING_NO_DATE", "2017-06-30", status="在建"),  # status is not the test: actual_start is
    ])
    assert parcels.flagged(result, "land.idle") == ["BUILDING_NO_DATE", "ONE_YEAR", "TWO_SHORT", "TWO_YEARS"]
    assert parcels.flagged(result, "land.idle_reclaimable") == ["BUILDING_NO_DATE", "TWO_YEARS"]


def test_idle_finding_fields(parcels):
    result = parcels.run([parcels.idle("P1", "2018-06-30", area_mu="12.5")])
    idle = parcels.finding(result, "land.idle", "P1")
    assert idle["severity"] == "medium" and idle["area"] == "land" and idle["dataset"] == "land"
    assert idle["unit"] == "" and idle["amount"] == pytest.approx(12.5) and idle["row"] == 2
    assert "2018-06-30" in idle["message"] and "24个月" in idle["message"] and "12.5亩" in idle["message"]
    assert "项目P1" in idle["message"] and "土地闲置费" in idle["message"]
    reclaim = parcels.finding(result, "land.idle_reclaimable", "P1")
    assert reclaim["severity"] == "high" and "无偿收回" in reclaim["message"] and "满两年" in reclaim["message"]


def test_reclaimed_never_idle(parcels):
    result = parcels.run([parcels.idle("R", "2010-01-01", status="已收回", reclaimed_on="2012-01-01")])
    assert result.findings.empty


def test_approved_unsupplied_730_vs_731_days(parcels):
    result = parcels.run([
        parcels.row("D730", approved_on="2018-07-01", status="批而未供"),
        parcels.row("D731", approved_on="2018-06-30", status="批而未供"),
        parcels.row("SUPPLIED", approved_on="2010-01-01", supplied_on="2011-01-01", status="已竣工",
               actual_start="2011-02-01", completed_on="2012-01-01"),
    ])
    assert parcels.flagged(result, "land.approved_unsupplied") == ["D731"]
    f = parcels.finding(result, "land.approved_unsupplied", "D731")
    assert "731天" in f["message"] and "2018-06-30" in f["message"] and f["amount"] == 10


def test_approved_unsupplied_threshold_from_round(parcels):
    result = parcels.run([parcels.row("D365", approved_on="2019-07-01", status="批而未供"),
                             parcels.row("D366", approved_on="2019-06-30", status="批而未供")],
                 thresholds="land_unsupplied_years = 1\n")
    assert parcels.flagged(result, "land.approved_unsupplied") == ["D366"]


def test_low_efficiency(parcels):
    result = parcels.run([
        parcels.done("LOW", annual_tax="49.9"),             # 4.99 万元/亩 < 5
        parcels.done("AT", annual_tax="50"),                # exactly 5 → not
        parcels.done("D365", completed_on="2019-07-01", annual_tax="1"),  # 365 days before as_of → checked
        parcels.done("D364", completed_on="2019-07-02", annual_tax="1"),  # 364 days → not yet
        parcels.done("NOTAX", annual_tax=""),
        parcels.done("NODATE", completed_on="", annual_tax="1"),
        parcels.done("BUILDING", completed_on="", annual_tax="1", status="在建"),
    ])
    assert parcels.flagged(result, "land.low_efficiency") == ["D365", "LOW"]
    f = parcels.finding(result, "land.low_efficiency", "LOW")
    assert "4.99万元/亩" in f["message"] and "5万元/亩" in f["message"] and "49.9万元" in f["message"]
    assert f["amount"] == 10


def test_low_efficiency_threshold_from_round(parcels):
    result = parcels.run([parcels.done("A", annual_tax="50")], thresholds="land_tax_per_mu_min = 6\n")
    assert parcels.flagged(result, "land.low_efficiency") == ["A"]


def test_supply_standard(parcels):
    result = parcels.run([
        parcels.row("START", supplied_on="2019-10-01", agreed_investment="1000"),  # on period_start → in
        parcels.row("BEFORE", supplied_on="2019-09-30", agreed_investment="1000"),  # the day before → out
        parcels.row("ASOF", supplied_on="2020-06-30", agreed_investment="1999.99"),  # on as_of → in
        parcels.row("AFTER", supplied_on="2020-07-01", agreed_investment="1000"),  # after as_of → out
        parcels.row("AT", supplied_on="2020-01-01", agreed_investment="2000"),  # exactly the standard → not
        parcels.row("NOINV", supplied_on="2020-01-01", agreed_investment=""),
    ])
    assert parcels.flagged(result, "land.supply_standard") == ["ASOF", "START"]
    f = parcels.finding(result, "land.supply_standard", "START")
    assert "1,000万元" in f["message"] and "2,000万元" in f["message"] and "2019-10-01" in f["message"]


def test_checks_leave_clean_parcels_alone(parcels):
    result = parcels.run([
        parcels.done("GOOD", annual_tax="80"),
        parcels.row("NEW", approved_on="2020-01-01", status="批而未供"),
        parcels.idle("SOON", "2020-03-01"),
    ])
    assert result.findings.empty
    assert result.skipped == {}


@pytest.mark.parametrize("header, value, mu", [
    ("面积（平方米）", "6666.6667", 10.0),
    ("面积(公顷)", "2", 30.0),
    ("面积（亩）", "12.5", 12.5),
])
def test_area_units_converted_to_mu(parcels, header, value, mu):
    cols = [header if h == "面积" else h for h in parcels.header]
    result = parcels.run([parcels.idle("P", "2018-06-30", area_mu=value)], header=cols)
    assert parcels.finding(result, "land.idle", "P")["amount"] == pytest.approx(mu, abs=1e-4)
    assert result.indicators["land.idle.area_mu"] == pytest.approx(mu, abs=1e-4)


def test_tax_per_mu_uses_mu_after_conversion(parcels):
    # 2 公顷 = 30 亩; 140 万元 / 30 亩 = 4.67 < 5 (it would be 70 per 公顷)
    cols = [("面积(公顷)" if h == "面积" else h) for h in parcels.header]
    result = parcels.run([parcels.done("H", annual_tax="140", area_mu="2")], header=cols)
    assert parcels.flagged(result, "land.low_efficiency") == ["H"]
    assert "4.67万元/亩" in parcels.finding(result, "land.low_efficiency", "H")["message"]



def reference_full_months(start: pd.Series, end: pd.Timestamp) -> pd.Series:
    """Whole months stepped one start at a time with pd.DateOffset (the definition)."""
    out = []
    for value in start:
        if pd.isna(value):
            out.append(pd.NA)
            continue
        n = (end.year - value.year) * 12 + (end.month - value.month)
        if value + pd.DateOffset(months=n) > end:
            n -= 1
        out.append(n)
    return pd.Series(out, index=start.index, dtype="Int64")


@pytest.mark.parametrize("end", ["2020-06-30", "2020-02-29", "2021-02-28", "2020-03-31", "2019-12-01",
                                 "2020-06-30 08:30"])
def test_full_months_equals_stepping_by_months(end):
    days = pd.date_range("2015-12-25", "2021-03-05", freq="D")
    times = days + pd.to_timedelta((days.day % 3) * 4, unit="h")   # midnight, 04:00 and 08:00
    start = pd.Series([*times, pd.NaT], index=range(100, 100 + len(times) + 1)).astype("datetime64[ns]")
    end = pd.Timestamp(end)
    pd.testing.assert_series_equal(land.full_months(start, end), reference_full_months(start, end))


def test_each_check_names_the_thresholds_it_reads():
    assert {c.id: c.params for c in land.CHECKS} == {
        "land.idle": (), "land.idle_reclaimable": (), "land.approved_unsupplied": ("land_unsupplied_years",),
        "land.low_efficiency": ("land_tax_per_mu_min",), "land.supply_standard": ("land_supply_investment_min",)}
