"""bids rules: per rule the planted violation (found), the value exactly at the limit (not found), a clean row."""

from __future__ import annotations

import pandas as pd

from toolkit.areas.bids import mac_key, tender_spread


def test_shared_phone_and_mac_written_differently(bid_round):
    r = bid_round
    rows = [r.row("T1", "甲公司", phone="13800000001"), r.row("T1", "乙公司", phone="138 0000 0001"),
            r.row("T1", "丙公司"),
            r.row("T2", "丁公司", mac="00-1A-2B-3C-4D-5E"), r.row("T2", "戊公司", mac="001a.2b3c.4d5e"),
            r.row("T2", "己公司")]
    result = r.run(rows)
    assert r.flagged(result, "bids.shared_identity") == ["B001", "B002", "B004", "B005"]
    messages = result.findings.loc[result.findings["check_id"] == "bids.shared_identity", "message"].tolist()
    assert "联系电话" in messages[0] and "MAC地址" in messages[2]


def test_shared_identity_near_misses(bid_round):
    r = bid_round
    rows = [r.row("T1", "甲公司", phone="无", deposit_account="/"), r.row("T1", "乙公司", phone="无", deposit_account="/"),
            r.row("T1", "丙 公司", ip="10.9.9.9"), r.row("T1", "丙公司", ip="10.9.9.9"),   # one bidder, folded
            r.row("T2", "丁公司", phone="13900000999"), r.row("T3", "戊公司", phone="13900000999")]  # other tenders
    assert r.flagged(r.run(rows), "bids.shared_identity") == []


def test_mac_key():
    assert mac_key("00:1A:2B:3C:4D:5E") == mac_key(" 001A.2B3C.4D5E ") == "001a2b3c4d5e"


def test_identical_price_in_cents(bid_round):
    r = bid_round
    rows = [r.row("T1", "甲公司", price="1234567.8"), r.row("T1", "乙公司", price="1,234,567.80"),
            r.row("T1", "丙公司", price="1300000"),
            r.row("T2", "丁公司", price="2345678.90"), r.row("T2", "戊公司", price="2345678.91"),
            r.row("T2", "己公司", price="2500000"),
            r.row("T3", "庚公司", price="500000"), r.row("T3", "庚 公司", price="500000")]   # the same bidder twice
    result = r.run(rows)
    assert r.flagged(result, "bids.identical_price") == ["B001", "B002"]
    assert result.findings.loc[result.findings["check_id"] == "bids.identical_price", "amount"].tolist() == \
        [1234567.8, 1234567.8]


def test_low_spread_below_and_exactly_at_the_limit(bid_round):
    r = bid_round
    rows = [r.row("LOW", f"{c}公司", price=p) for c, p in zip("甲乙丙", ("100000", "101000", "102000"))]
    rows += [r.row("EDGE", f"{c}公司", price=p) for c, p in zip("甲乙丙丁", ("958000", "994000", "1006000", "1042000"))]
    rows += [r.row("TWO", "甲公司", price="100000"), r.row("TWO", "乙公司", price="100001"),
             r.row("TWO", "丙公司", price="")]
    result = r.run(rows)
    assert r.flagged(result, "bids.low_spread") == ["LOW"]
    found = result.findings[result.findings["check_id"] == "bids.low_spread"].iloc[0]
    assert pd.isna(found["amount"]) and found["unit"] == ""
    assert tender_spread(r.frame()).loc["EDGE", "cv"] == 0.03


def test_close_submission_60_and_61_seconds(bid_round):
    r = bid_round
    rows = [r.row("T1", "甲公司", submitted_at="2020-05-06 09:00:00"),
            r.row("T1", "乙公司", submitted_at="2020-05-06 09:01:00"),
            r.row("T1", "丙公司", submitted_at="2020-05-06 10:00:00"),
            r.row("T2", "丁公司", submitted_at="2020-05-07 09:00:00"),
            r.row("T2", "戊公司", submitted_at="2020-05-07 09:01:01"),
            r.row("T3", "己公司", submitted_at="2020-05-08"), r.row("T3", "庚公司", submitted_at="2020-05-08"),
            r.row("T4", "辛公司", submitted_at="2020-05-09 09:00:00"),
            r.row("T4", "辛 公司", submitted_at="2020-05-09 09:00:10")]   # one bidder
    assert r.flagged(r.run(rows), "bids.close_submission") == ["B001", "B002"]


def _entries(r, bidder: str, tenders: int) -> list[list[object]]:
    return [r.row(f"T{i}", bidder) for i in range(1, tenders + 1)]


def test_perennial_loser_at_five_tenders_not_four(bid_round):
    r = bid_round
    rows = _entries(r, "陪标（江西）公司", 1) + [r.row(f"T{i}", "陪标(江西)公司") for i in range(2, 6)]
    rows += _entries(r, "四次公司", 4)
    rows += [r.row("T1", "中标公司", won="是")] + [r.row(f"T{i}", "中标公司") for i in range(2, 7)]
    result = r.run(rows)
    assert r.flagged(result, "bids.perennial_loser") == ["陪标（江西）公司"]


def test_perennial_loser_needs_a_win_in_the_dataset(bid_round):
    r = bid_round
    assert r.flagged(r.run(_entries(r, "甲公司", 6)), "bids.perennial_loser") == []
