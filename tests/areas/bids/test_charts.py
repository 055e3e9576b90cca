"""bids charts render with every Chinese glyph, on data and on an empty round."""

from __future__ import annotations

import networkx as nx

from toolkit.areas import bids
from toolkit.areas.bids import charts, network


def test_charts_render(bid_round, draw):
    r = bid_round
    r.run([r.row("T1", "甲公司", phone="13800000001", won="是"), r.row("T1", "乙公司", phone="13800000001"),
           r.row("T1", "丙公司")] + [r.row(f"T{i}", "丁公司") for i in range(2, 7)])
    frame = r.frame()
    draw(charts.spread_chart(bids.spread_table(frame, 0.03), 0.03))
    draw(charts.network_chart(network.bidder_graph(frame)))
    draw(charts.never_won_chart(bids.never_won(frame, 5), 5))


def test_empty_network_chart(draw):
    draw(charts.network_chart(network.bidder_graph(bids.empty_bids())))


def test_network_chart_title_counts_the_whole_graph_when_given_its_totals():
    small = nx.Graph([("甲", "乙", {"label": "联系电话"})])
    title = charts.network_chart(small, totals=(40, 12)).axes[0].get_title()
    assert "40家投标人、12个关联团伙" in title and "图中为最大的 1 个团伙" in title
    assert "2家投标人、1个关联团伙" in charts.network_chart(small).axes[0].get_title()
