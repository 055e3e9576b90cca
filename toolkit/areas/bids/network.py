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


def bidder_graph(bids: pd.DataFrame, links: pd.DataFrame | None = None) -> nx.Graph:
    """Nodes: bidders sharing something with another bidder (named as in their first row); edges: the links,
    with the shared fields as ``label``. ``links``: :func:`identity_links` of ``bids`` when already computed."""
    links = identity_links(bids) if links is None else links
    graph = nx.Graph()
    graph.add_edges_from(zip(links["投标人A"], links["投标人B"], ({"label": f} for f in links["共用信息"])))
    return graph


def groups_of(graph: nx.Graph) -> list[set[str]]:
    """The connected groups of the graph, largest first (then by their sorted names)."""
    return sorted(nx.connected_components(graph), key=lambda c: (-len(c), sorted(c)))


def _joined(frame: pd.DataFrame, column: str, *, sort: bool) -> pd.Series:
    """Per group ``g``: the distinct '、'-separated parts of ``column``, in order of appearance or sorted, joined."""
    parts = frame.assign(part=frame[column].str.split("、"))[["g", "part"]].explode("part").drop_duplicates()
    parts = parts.sort_values(["g", "part"] if sort else ["g"], kind="stable")
    return parts.groupby("g", sort=True)["part"].agg("、".join)


def collusion_groups(bids: pd.DataFrame, links: pd.DataFrame | None = None) -> pd.DataFrame:
    """The connected groups of the bidder graph (围标团伙), largest first: members, shared fields, tenders, wins.

    >>> df = pd.DataFrame({"tender_id": ["T1", "T1", "T2"], "bidder": ["甲", "乙", "丙"], "won": [True, False, False],
    ...     "phone": ["1", "1", None], "ip": None, "mac": [None, "aa", "AA"], "deposit_account": None})
    >>> collusion_groups(df)[["团伙", "成员数", "成员"]].values.tolist()
    [['团伙1', 3, '丙、乙、甲']]
    """
    links = identity_links(bids) if links is None else links
    columns = ["团伙", "成员数", "成员", "共用信息", "涉及标段", "中标次数"]
    groups = groups_of(bidder_graph(bids, links))
    if not groups:
        return pd.DataFrame(columns=columns)
    sizes = pd.Series([len(g) for g in groups])
    group_of = pd.Series(range(len(groups))).repeat(sizes.to_numpy())
    members = pd.DataFrame({"name": [n for g in groups for n in g], "g": group_of.to_numpy()})
    wins = bidder_record(bids).groupby("name")["wins"].sum()
    members = members.assign(wins=wins.reindex(members["name"]).fillna(0).to_numpy())
    inside = links.assign(g=links["投标人A"].map(pd.Series(members["g"].to_numpy(), index=members["name"])))
    table = pd.DataFrame({"成员数": sizes.to_numpy(),
                          "成员": _joined(members.rename(columns={"name": "n"}), "n", sort=True).to_numpy(),
                          "共用信息": _joined(inside, "共用信息", sort=False).to_numpy(),
                          "涉及标段": _joined(inside, "涉及标段", sort=True).to_numpy(),
                          "中标次数": members.groupby("g")["wins"].sum().astype("int64").to_numpy()})
    table.insert(0, "团伙", [f"团伙{i}" for i in range(1, len(table) + 1)])
    return table[columns]
