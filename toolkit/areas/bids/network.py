"""围标团伙: the bidder graph (an edge where two bidders share a phone, IP, MAC or deposit account in any
tender) and its connected groups, with networkx. Imported by the notebook and the charts only, so
``toolkit check`` does not load networkx.
"""

from __future__ import annotations

import networkx as nx
import pandas as pd

from toolkit.areas.bids.rules import bidder_record
from toolkit.areas.bids.tables import identity_links

__all__ = ["bidder_graph", "collusion_groups"]


def bidder_graph(bids: pd.DataFrame) -> nx.Graph:
    """Nodes: bidders sharing something with another bidder (named as in their first row); edges: the links,
    with the shared fields as ``label``."""
    links = identity_links(bids)
    graph = nx.Graph()
    graph.add_edges_from((a, b, {"label": fields}) for a, b, fields in
                         links[["投标人A", "投标人B", "共用信息"]].itertuples(index=False, name=None))
    return graph


def collusion_groups(bids: pd.DataFrame) -> pd.DataFrame:
    """The connected groups of the bidder graph (围标团伙), largest first: members, shared fields, tenders, wins.

    >>> df = pd.DataFrame({"tender_id": ["T1", "T1", "T2"], "bidder": ["甲", "乙", "丙"], "won": [True, False, False],
    ...     "phone": ["1", "1", None], "ip": None, "mac": [None, "aa", "AA"], "deposit_account": None})
    >>> collusion_groups(df)[["团伙", "成员数", "成员"]].values.tolist()
    [['团伙1', 3, '丙、乙、甲']]
    """
    graph = bidder_graph(bids)
    links = identity_links(bids)
    record = bidder_record(bids).set_index("name")
    rows = []
    for members in sorted(nx.connected_components(graph), key=lambda c: (-len(c), sorted(c))):  # groups, not rows
        names = sorted(members)
        inside = links[links["投标人A"].isin(members)]
        tenders = sorted(set("、".join(inside["涉及标段"]).split("、")))
        rows.append({"成员数": len(names), "成员": "、".join(names),
                     "共用信息": "、".join(dict.fromkeys("、".join(inside["共用信息"]).split("、"))),
                     "涉及标段": "、".join(tenders), "中标次数": int(record.loc[names, "wins"].sum())})
    table = pd.DataFrame(rows, columns=["成员数", "成员", "共用信息", "涉及标段", "中标次数"])
    table.insert(0, "团伙", [f"团伙{i}" for i in range(1, len(table) + 1)])
    return table
