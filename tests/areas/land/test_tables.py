"""The notebook's land tables agree with the checks and never change their input."""

from __future__ import annotations

import pandas as pd

from toolkit.areas import land
from toolkit.ingest.load import load_round

AS_OF = pd.Timestamp("2020-06-30")  # the test round's as_of (tests/conftest.py)


def test_tables_do_not_mutate_and_agree_with_checks(parcels, round_dir):
    result = parcels.run([
        parcels.row("U1", status="批而未供", approved_on="2018-06-30", area_mu="3"),
        parcels.row("U2", status="批而未供", approved_on="2018-07-01", area_mu="4"),
        parcels.idle("I1", "2018-06-30"), parcels.idle("I2", "2019-06-30"),
        parcels.done("LOW", annual_tax="10"),
        parcels.row("S", supplied_on="2020-01-01", agreed_investment="500"),
        parcels.row("R", status="已收回", reclaimed_on="2020-01-01", area_mu="6"),
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
    assert ageing.loc[ageing["超期"], "宗数"].sum() == len(parcels.flagged(result, "land.approved_unsupplied")) == 1
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



def test_ageing_and_headline_take_the_round_threshold(parcels):
    result = parcels.run([parcels.row("U1", status="批而未供", approved_on="2019-03-01", area_mu="3"),
                          parcels.row("U2", status="批而未供", approved_on="2018-03-01", area_mu="4")],
                         thresholds="land_unsupplied_years = 1\n")
    frame = parcels.frame()
    assert parcels.flagged(result, "land.approved_unsupplied") == ["U1", "U2"]
    ageing = land.unsupplied_ageing(frame, AS_OF, limit_years=1)
    assert ageing.loc[ageing["超期"], "宗数"].sum() == 2
    assert not land.unsupplied_ageing(frame, AS_OF, limit_years=None)["超期"].any()
    lines = land.headline(frame, result.findings, pd.Timestamp("2019-10-01"), AS_OF, 1)
    assert "批而未供超过1年：2宗，7亩" in lines
