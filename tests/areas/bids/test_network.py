"""The bidder graph's groups: components on integer codes agree with networkx; the groups table's columns."""

from __future__ import annotations

import random

import networkx as nx
import numpy as np

from toolkit.areas.bids import network


def test_components_agree_with_networkx_on_a_random_sparse_graph():
    rng = random.Random(7)
    n = 300
    edges = [(rng.randrange(n), rng.randrange(n)) for _ in range(250)] + [(i, i - 1) for i in range(299, 200, -1)]
    a, b = np.array([e[0] for e in edges]), np.array([e[1] for e in edges])
    label = network.components(a, b, n)
    graph = nx.Graph(edges)
    graph.add_nodes_from(range(n))
    expected = {min(c): sorted(c) for c in nx.connected_components(graph)}
    assert {k: sorted(np.flatnonzero(label == k).tolist()) for k in set(label.tolist())} == expected


def test_collusion_groups_shared_fields_in_order_of_appearance_and_tenders_sorted(bid_round):
    r = bid_round
    r.run([r.row("T9", "甲公司", mac="AA-BB-CC-00-00-01", won="是"), r.row("T2", "乙公司", mac="aabbcc000001"),
           r.row("T2", "乙公司", phone="13800000001"), r.row("T1", "丙公司", phone="138 0000 0001", won="是"),
           r.row("T5", "丁公司", ip="10.1.1.1"), r.row("T6", "戊公司", ip="10.1.1.1")])
    frame = r.frame()
    groups = network.collusion_groups(frame)
    assert groups.values.tolist() == [
        ["团伙1", 3, "丙公司、乙公司、甲公司", "联系电话、MAC地址", "T1、T2、T9", 2],
        ["团伙2", 2, "丁公司、戊公司", "IP地址", "T5、T6", 0]]
    assert [sorted(g) for g in network.groups_of(network.bidder_graph(frame))] == [
        ["丙公司", "乙公司", "甲公司"], ["丁公司", "戊公司"]]


def test_largest_groups_graph_keeps_the_largest_groups_links_in_order_and_counts_all(bid_round):
    r = bid_round
    r.run([r.row("T1", "甲公司", phone="1"), r.row("T1", "乙公司", phone="1"), r.row("T1", "丙公司", phone="1"),
           r.row("T2", "丁公司", ip="10.1.1.1"), r.row("T2", "戊公司", ip="10.1.1.1"), r.row("T3", "己公司")])
    frame = r.frame()
    links = network.identity_links(frame)
    whole = network.bidder_graph(frame, links)
    graph, totals = network.largest_groups_graph(frame, links, 1)
    assert totals == (5, 2)
    largest = [n for n in whole if n in {"甲公司", "乙公司", "丙公司"}]
    assert list(graph) == largest and list(graph.edges(data="label")) == list(whole.edges(largest, data="label"))
    graph, totals = network.largest_groups_graph(frame, links, 9)
    assert list(graph) == list(whole) and totals == (5, 2)
    assert network.largest_groups_graph(frame, links.iloc[0:0], 9)[1] == (0, 0)


def test_group_tenders_are_distinct_and_sorted_as_python_sorts_text(bid_round):
    r = bid_round
    r.run([r.row("标段2", "甲公司", phone="1"), r.row("T10", "乙公司", phone="1"), r.row("T9", "甲公司", phone="1"),
           r.row("T9", "乙公司", phone="1"), r.row("Ｔ1", "丙公司", ip="9"), r.row("a1", "丁公司", ip="9")])
    groups = network.collusion_groups(r.frame())
    assert sorted(groups["涉及标段"]) == sorted(["、".join(sorted({"标段2", "T10", "T9"})), "、".join(sorted({"Ｔ1", "a1"}))])
