"""围标团伙: the bidder graph (an edge where two bidders share a phone, IP, MAC or deposit account in any
tender) and its connected groups, with networkx. Imported by the notebook and the charts only, so
``toolkit check`` does not load networkx.

:func:`collusion_groups` finds the groups on integer codes of the links (no graph), the same groups as
:func:`groups_of` of :func:`bidder_graph`.
"""

from __future__ import annotations

import networkx as nx
import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components

from toolkit.areas.bids.rules import bidder_record
from toolkit.areas.bids.tables import identity_links, join_runs, run_starts

__all__ = ["bidder_graph", "groups_of", "components", "collusion_groups", "largest_groups_graph"]


def bidder_graph(bids: pd.DataFrame, links: pd.DataFrame | None = None) -> nx.Graph:
    """Nodes: bidders sharing something with another bidder (named as in their first row); edges: the links,
    with the shared fields as ``label``. ``links``: :func:`identity_links` of ``bids`` when already computed."""
    links = identity_links(bids) if links is None else links
    graph = nx.Graph()
    graph.add_edges_from(zip(links["投标人A"].tolist(), links["投标人B"].tolist(),
                             ({"label": f} for f in links["共用信息"].tolist())))
    return graph


def _largest_first(groups: list[list[str]] | list[set[str]]) -> list[set[str]]:
    """Groups largest first, then by their sorted names."""
    return [set(g) for g in sorted(groups, key=lambda c: (-len(c), sorted(c)))]   # groups, not rows


def groups_of(graph: nx.Graph) -> list[set[str]]:
    """The connected groups of the graph, largest first (then by their sorted names)."""
    return _largest_first(list(nx.connected_components(graph)))


def components(a: np.ndarray, b: np.ndarray, n: int) -> np.ndarray:
    """Connected components of nodes 0…n-1 joined by the edges a[i]–b[i]: each node's smallest fellow node.

    >>> components(np.array([0, 3, 4]), np.array([1, 2, 2]), 6).tolist()
    [0, 0, 2, 2, 2, 5]
    """
    edges = coo_matrix((np.ones(len(a), dtype=np.int8), (a, b)), shape=(n, n))
    count, label = connected_components(edges, directed=False)
    smallest = np.full(count, n)
    np.minimum.at(smallest, label, np.arange(n))
    return smallest[label]


def _members(links: pd.DataFrame) -> tuple[list[set[str]], pd.Series]:
    """The groups of the links' bidders, largest first, and each link's group number (by its 投标人A)."""
    names, uniques = pd.factorize(pd.concat([links["投标人A"], links["投标人B"]], ignore_index=True))
    label = components(names[:len(links)], names[len(links):], len(uniques))
    order = np.lexsort((np.arange(len(uniques)), label))
    starts = run_starts(label[order])
    bounds = [*starts.tolist(), len(order)]
    found = [uniques[order[s:e]].tolist() for s, e in zip(bounds[:-1], bounds[1:])]   # one slice per group
    groups = _largest_first(found)
    number = {name: i for i, group in enumerate(groups) for name in group}   # names of the groups' members
    return groups, links["投标人A"].map(number)


def largest_groups_graph(bids: pd.DataFrame, links: pd.DataFrame, count: int) -> tuple[nx.Graph, tuple[int, int]]:
    """:func:`bidder_graph` of the links of the ``count`` largest groups only (what the network chart draws:
    the same nodes and edges in the same order), and the whole graph's (bidders, groups) for its title.

    >>> df = pd.DataFrame({"tender_id": "T1", "bidder": ["甲", "乙", "丙", "丁", "戊"], "won": None,
    ...     "phone": ["1", "1", "1", "2", "2"], "ip": None, "mac": None, "deposit_account": None})
    >>> graph, totals = largest_groups_graph(df, identity_links(df), 1)
    >>> sorted(graph.nodes), totals
    (['丙', '乙', '甲'], (5, 2))
    """
    if links.empty:
        return bidder_graph(bids, links), (0, 0)
    groups, group = _members(links)
    return bidder_graph(bids, links[(group < count).to_numpy()]), (sum(map(len, groups)), len(groups))


def _shared_words(links: pd.DataFrame, group: pd.Series) -> list[str]:
    """Per group: the distinct shared fields of its links, in order of first appearance, joined with 、."""
    codes, uniques = pd.factorize(links["共用信息"])
    parts = pd.Series(list(uniques), dtype="object").str.split("、").explode()   # the few distinct texts
    words = pd.DataFrame({"code": parts.index, "word": parts.to_numpy(), "k": parts.groupby(level=0).cumcount()})
    first = pd.DataFrame({"g": group.to_numpy(), "code": codes, "pos": np.arange(len(links))}) \
        .groupby(["g", "code"], sort=False)["pos"].min().reset_index()
    seen = first.merge(words, on="code").sort_values(["g", "pos", "k"], kind="stable").drop_duplicates(["g", "word"])
    return join_runs(seen["word"].to_numpy(dtype=object), run_starts(seen["g"].to_numpy()))


def _group_tenders(links: pd.DataFrame, group: pd.Series) -> list[str]:
    """Per group: the distinct tenders of its links, sorted (by code point, as Python sorts), joined with 、."""
    parts = pc.split_pattern(pa.array(links["涉及标段"].astype("str").array), "、")
    encoded = pc.dictionary_encode(pc.list_flatten(parts))
    order = pc.sort_indices(encoded.dictionary).to_numpy()
    rank = np.empty(len(order), dtype=np.int64)
    rank[order] = np.arange(len(order))
    names = np.asarray(encoded.dictionary.take(order).to_numpy(zero_copy_only=False), dtype=object)
    link = pc.list_parent_indices(parts).to_numpy()
    found = np.unique(group.to_numpy(np.int64)[link] * len(names) + rank[encoded.indices.to_numpy()])
    return join_runs(names[found % len(names)], run_starts(found // len(names)))


def collusion_groups(bids: pd.DataFrame, links: pd.DataFrame | None = None) -> pd.DataFrame:
    """The connected groups of the bidder graph (围标团伙), largest first: members, shared fields, tenders, wins.

    >>> df = pd.DataFrame({"tender_id": ["T1", "T1", "T2"], "bidder": ["甲", "乙", "丙"], "won": [True, False, False],
    ...     "phone": ["1", "1", None], "ip": None, "mac": [None, "aa", "AA"], "deposit_account": None})
    >>> collusion_groups(df)[["团伙", "成员数", "成员", "涉及标段"]].values.tolist()
    [['团伙1', 3, '丙、乙、甲', 'T1、T2']]
    """
    links = identity_links(bids) if links is None else links
    columns = ["团伙", "成员数", "成员", "共用信息", "涉及标段", "中标次数"]
    if links.empty:
        return pd.DataFrame(columns=columns)
    groups, group = _members(links)
    members = [sorted(g) for g in groups]   # the groups' member lists
    sizes = np.array([len(m) for m in members])
    wins = bidder_record(bids).groupby("name")["wins"].sum().reindex([n for m in members for n in m]).fillna(0)
    table = pd.DataFrame({"成员数": sizes, "成员": ["、".join(m) for m in members],
                          "共用信息": _shared_words(links, group),
                          "涉及标段": _group_tenders(links, group),
                          "中标次数": np.bincount(np.repeat(np.arange(len(members)), sizes), wins.to_numpy(),
                                              len(members)).astype("int64")})
    table.insert(0, "团伙", [f"团伙{i}" for i in range(1, len(table) + 1)])
    return table[columns]
