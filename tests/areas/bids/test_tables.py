"""bids tables and the bidder graph: dispersion per tender, suspicious bids, links across tenders, groups, losers."""

from __future__ import annotations

from toolkit.areas import bids
from toolkit.areas.bids import network


def _frame(r):
    rows = [r.row("T1", "甲公司", phone="13800000001", won="是"), r.row("T1", "乙公司", phone="138 0000 0001"),
            r.row("T1", "丙公司"),
            r.row("T2", "乙公司", mac="AA-BB-CC-00-00-01"), r.row("T2", "丁公司", mac="aabb.cc00.0001", won="是"),
            r.row("T3", "戊公司", deposit_account="62170001"), r.row("T4", "己公司", deposit_account="62170001")]
    r.run(rows)
    return r.frame()


def test_links_and_groups_across_tenders(bid_round):
    frame = _frame(bid_round)
    links = bids.identity_links(frame)
    assert sorted(map(tuple, links[["投标人A", "投标人B", "共用信息"]].values.tolist())) == [
        ("丁公司", "乙公司", "MAC地址"), ("乙公司", "甲公司", "联系电话"), ("己公司", "戊公司", "保证金账户")]
    groups = network.collusion_groups(frame)
    assert groups[["团伙", "成员数", "中标次数"]].values.tolist() == [["团伙1", 3, 2], ["团伙2", 2, 0]]
    assert network.bidder_graph(frame).number_of_nodes() == 5


def test_suspicious_bids_and_losers(bid_round):
    frame = _frame(bid_round)
    suspicious = bids.suspicious_bids(frame, 60)
    assert suspicious["编号"].tolist() == ["B001", "B002", "B004", "B005"]
    assert suspicious["共用信息"].tolist() == ["联系电话", "联系电话", "MAC地址", "MAC地址"]
    losers = bids.never_won(frame, 2)
    assert losers.loc[losers["投标人"] == "乙公司", "陪标专业户"].tolist() == [True]
    assert losers["陪标专业户"].sum() == 1


def test_spread_table_marks_the_low_tender(bid_round):
    r = bid_round
    r.run([r.row("T1", f"{c}公司", price=p) for c, p in zip("甲乙丙", ("100000", "100100", "100200"))]
          + [r.row("T2", f"{c}公司", price=p) for c, p in zip("甲乙丙", ("100000", "120000", "140000"))])
    spread = bids.spread_table(r.frame(), 0.03)
    assert spread[["标段编号", "低于阈值"]].values.tolist() == [["T1", True], ["T2", False]]


def test_headline_without_data():
    assert bids.headline(None, None, 0.03, 60) == ["本轮未提供投标记录（投标记录.xlsx），招投标指标为空。"]


def test_tables_of_a_round_without_bids():
    empty = bids.empty_bids()
    assert bids.spread_table(empty, 0.03).empty and bids.suspicious_bids(empty, 60).empty
    assert bids.identity_links(empty).empty and network.collusion_groups(empty).empty
    assert bids.never_won(empty, 5).empty


def test_identity_links_one_pair_for_a_value_shared_in_many_rows(bid_round):
    r = bid_round
    r.run([r.row(f"T{i}", name, phone="13800000001") for i in (1, 2, 3) for name in ("甲公司", "乙公司")]
          + [r.row("T4", "丙公司", phone="13900000009")])
    links = bids.identity_links(r.frame())
    assert links[["投标人A", "投标人B", "共用信息", "涉及标段"]].values.tolist() == [["乙公司", "甲公司", "联系电话", "T1、T2、T3"]]


def test_identity_links_fields_in_field_order_and_tenders_sorted_once(bid_round):
    r = bid_round
    r.run([r.row("T3", "乙公司", phone="13800000001", mac="AA-BB-CC-00-00-01"), r.row("T1", "甲公司", phone="13800000001"),
           r.row("T2", "甲公司", mac="aabb.cc00.0001"), r.row("T3", "甲公司", mac="aa:bb:cc:00:00:01"),
           r.row("T4", "丙公司", ip="10.9.9.9"), r.row("T5", "甲公司", ip="10.9.9.9")])
    links = bids.identity_links(r.frame())
    assert links[["投标人A", "投标人B", "共用信息", "涉及标段"]].values.tolist() == [
        ["丙公司", "甲公司", "IP地址", "T4、T5"], ["乙公司", "甲公司", "联系电话、MAC地址", "T1、T2、T3"]]
    assert links["key_a"].tolist() == ["丙公司", "乙公司"] and str(links["key_a"].dtype) == "str"


def test_join_runs_joins_each_run():
    import numpy as np

    from toolkit.areas.bids.tables import join_runs
    assert join_runs(np.array(["a", "b", "c", "d"], dtype=object), np.array([0, 1, 3])) == ["a", "b、c", "d"]
