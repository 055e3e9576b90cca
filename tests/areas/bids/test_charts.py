"""bids charts render with every Chinese glyph, on data and on an empty round."""

from __future__ import annotations

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
