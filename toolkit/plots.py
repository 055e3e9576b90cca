"""Plotting helpers with a shipped CJK font (图表中文字体与报告样式).

Charts must draw Chinese on a bare machine, so the package ships a subset of
Noto Sans CJK SC in ``toolkit/fonts/`` (see its README.md; licence OFL 1.1).
Notebooks call :func:`use_house_style` once::

    from toolkit import plots
    plots.use_house_style()
    fig, ax = plt.subplots()
    plots.bar(ax, ["甲单位", "乙单位"], [120000, 80000], title="三公经费支出（元）")
    plots.show(fig, "sangong", out_dir)       # display, save out_dir/sangong.png when set, close

Importing this module has no side effects: nothing is registered and no
rcParams change until :func:`register_cjk_font` or :func:`use_house_style`
is called. It is a leaf helper: it imports only :mod:`toolkit.formatting`
(whose :func:`~toolkit.formatting.pct` and :func:`~toolkit.formatting.wan`
:func:`fmt_pct` and :func:`fmt_wan` are), and only notebooks and chart modules
import it.

>>> yuan_to_wan(123456), fmt_wan(12345.6), fmt_pct(0.1234), fmt_pct(None)
(12.3456, '1.23万元', '12.3%', '—')
"""

from __future__ import annotations

import io
import math
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import matplotlib as mpl
import pandas as pd
from cycler import cycler
from matplotlib import font_manager
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter

from toolkit.formatting import MISSING, is_missing, pct, wan
from toolkit.png import png_bytes, png_size

__all__ = [
    "FONT_DIR",
    "FONT_FAMILY",
    "FONT_FILES",
    "PALETTE",
    "MISSING",
    "register_cjk_font",
    "use_house_style",
    "bar",
    "save",
    "show",
    "png_bytes",
    "yuan_to_wan",
    "fmt_pct",
    "fmt_wan",
]

FONT_DIR: Path = Path(__file__).resolve().parent / "fonts"
"""Directory holding the shipped font subsets, OFL.txt and README.md."""

FONT_FAMILY = "Noto Sans CJK SC Subset"
"""Family name of the shipped fonts (renamed subset of Noto Sans CJK SC)."""

FONT_FILES: tuple[str, ...] = (
    "NotoSansSC-Regular-subset.otf",
    "NotoSansSC-Bold-subset.otf",
)

# Okabe & Ito (2008) colour-blind-safe palette, black moved last, yellow
# (poor contrast on white) second to last.
PALETTE: tuple[str, ...] = (
    "#0072B2",  # blue
    "#E69F00",  # orange
    "#009E73",  # bluish green
    "#D55E00",  # vermillion
    "#CC79A7",  # reddish purple
    "#56B4E9",  # sky blue
    "#F0E442",  # yellow
    "#000000",  # black
)

"""Text shown for a missing number (None / NaN)."""


def _font_paths() -> list[Path]:
    return [FONT_DIR / name for name in FONT_FILES if (FONT_DIR / name).is_file()]


def register_cjk_font() -> str:
    """Make the shipped CJK font matplotlib's first sans-serif font.

    Idempotent: each shipped file is added to
    ``matplotlib.font_manager.fontManager`` at most once. Sets
    ``font.family`` to sans-serif with the shipped family first in
    ``font.sans-serif`` (the rest stay as fallbacks) and turns
    ``axes.unicode_minus`` off. Returns the family name to use.

    >>> import matplotlib as mpl
    >>> with mpl.rc_context():
    ...     print(register_cjk_font(), register_cjk_font())  # idempotent
    ...     print(mpl.rcParams["font.sans-serif"][0])
    Noto Sans CJK SC Subset Noto Sans CJK SC Subset
    Noto Sans CJK SC Subset
    """
    paths = _font_paths()
    if not paths:
        raise FileNotFoundError(
            f"no shipped CJK font in {FONT_DIR}; expected {', '.join(FONT_FILES)} "
            "(run scripts/make_font_subset.py)"
        )
    fm = font_manager.fontManager
    known = {entry.fname for entry in fm.ttflist}
    for path in paths:
        if str(path) not in known:
            fm.addfont(str(path))

    sans = [FONT_FAMILY] + [f for f in mpl.rcParams["font.sans-serif"] if f != FONT_FAMILY]
    mpl.rcParams["font.sans-serif"] = sans
    mpl.rcParams["font.family"] = ["sans-serif"]
    mpl.rcParams["axes.unicode_minus"] = False
    return FONT_FAMILY


def use_house_style() -> None:
    """Register the CJK font and apply the report style (报告图表样式).

    Light grid behind the data, no top/right spines, the colour-blind-safe
    :data:`PALETTE` as the colour cycle, sizes that keep Chinese legible.

    >>> import matplotlib as mpl
    >>> with mpl.rc_context():
    ...     use_house_style()
    ...     print(mpl.rcParams["font.sans-serif"][0], mpl.rcParams["figure.dpi"])
    Noto Sans CJK SC Subset 110.0
    """
    register_cjk_font()
    mpl.rcParams.update(
        {
            "figure.dpi": 110,
            "figure.figsize": (8.0, 4.5),
            "figure.facecolor": "white",
            "figure.constrained_layout.use": True,
            "savefig.dpi": 150,
            "savefig.bbox": "tight",
            "savefig.facecolor": "white",
            "font.size": 11,
            "axes.titlesize": 14,
            "axes.titleweight": "bold",
            "axes.titlepad": 10,
            # titles at the top of their axes, where no chart puts ticks: Matplotlib then does not measure
            # every tick label on each draw to see whether a title must move up (~15 % of a 60-bar chart)
            "axes.titley": 1.0,
            "axes.labelsize": 11,
            "axes.labelcolor": "#333333",
            "axes.edgecolor": "#888888",
            "axes.linewidth": 0.8,
            "axes.spines.top": False,
            "axes.spines.right": False,
            "axes.grid": True,
            "axes.axisbelow": True,
            "axes.prop_cycle": cycler(color=list(PALETTE)),
            "grid.color": "#E5E5E5",
            "grid.linewidth": 0.6,
            "grid.linestyle": "-",
            "xtick.labelsize": 10,
            "ytick.labelsize": 10,
            "xtick.color": "#333333",
            "ytick.color": "#333333",
            "legend.fontsize": 10,
            "legend.frameon": False,
            "lines.linewidth": 2.0,
            "patch.edgecolor": "none",
        }
    )


def bar(
    ax: Axes,
    labels: Iterable[Any],
    values: Iterable[Any],
    *,
    title: str,
    xlabel: str | None = None,
    ylabel: str | None = None,
    fmt: str = "{:,.0f}",
    horizontal: bool = False,
) -> Axes:
    """Bar chart with each bar's value printed on it.

    Missing values (None/NaN) get no bar and the label ``—``. With
    ``horizontal=True`` the first label is at the top and the grid runs
    along the value axis only.

    >>> fig = Figure()
    >>> ax = bar(fig.add_subplot(), ["甲", "乙"], [1200, None], title="示例")
    >>> [t.get_text() for t in ax.texts]
    ['1,200', '—']
    """
    labels = [str(label) for label in labels]
    raw: Sequence[Any] = list(values)
    if len(raw) != len(labels):
        raise ValueError(f"{len(labels)} labels but {len(raw)} values")
    missing = [is_missing(v) for v in raw]
    heights = [0.0 if m else float(v) for v, m in zip(raw, missing)]
    texts = [MISSING if m else fmt.format(v) for v, m in zip(heights, missing)]

    if horizontal:
        container = ax.barh(labels, heights, height=0.6)
        ax.invert_yaxis()  # first label on top, as read in a table
        ax.grid(False, axis="y")
        ax.margins(x=0.12)
    else:
        container = ax.bar(labels, heights, width=0.6)
        ax.grid(False, axis="x")
        ax.margins(y=0.12)
    ax.bar_label(container, labels=texts, padding=3, fontsize="small")
    present = [abs(h) for h, m in zip(heights, missing) if not m]
    if present and max(present) >= 10_000:
        # 120000 -> 120,000 on the value axis, matching the bar labels
        value_axis = ax.xaxis if horizontal else ax.yaxis
        value_axis.set_major_formatter(FuncFormatter(lambda v, _pos: f"{v:,.0f}"))

    ax.set_title(title)
    if xlabel is not None:
        ax.set_xlabel(xlabel)
    if ylabel is not None:
        ax.set_ylabel(ylabel)
    return ax


MAX_BARS = 60    # a chart of units, villages, branches, parcels or people draws at most this many rows


def top_rows(table: pd.DataFrame, by: pd.Series | None = None, limit: int = MAX_BARS,
             word: str = "个") -> tuple[pd.DataFrame, str]:
    """At most ``limit`` rows of ``table`` for a chart — those with the largest ``by`` (None: the first ones),
    in the table's order — and a title note saying how many there are ('' when nothing was cut).

    >>> frame = pd.DataFrame({"v": [1, 5, 3]}, index=list("abc"))
    >>> kept, note = top_rows(frame, frame["v"], 2)
    >>> list(kept.index), note
    (['b', 'c'], '（前 2 个，共 3 个）')
    >>> top_rows(frame, limit=3)[1], list(top_rows(frame, limit=1, word="村")[0].index)
    ('', ['a'])
    """
    if len(table) <= limit:
        return table, ""
    note = f"（前 {limit} {word}，共 {len(table)} {word}）"
    if by is None:
        return table.head(limit), note
    order = by.reset_index(drop=True).sort_values(ascending=False, kind="stable").index[:limit]
    return table.iloc[sorted(order)], note


SAVE_DPI = 150


def save(fig: Figure, path: str | Path) -> Path:
    """Save *fig* as a 150 dpi PNG with a tight bounding box.

    Creates missing parent directories; a path without a suffix gets
    ``.png``. Returns the path written.
    """
    return _write_png(path, png_bytes(fig, SAVE_DPI))


def _write_png(path: str | Path, data: bytes) -> Path:
    path = Path(path)
    if not path.suffix:
        path = path.with_suffix(".png")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def show(fig: Figure, name: str, out_dir: str | Path | None = None) -> Path | None:
    """The one way a notebook emits a chart: display it, save it as ``out_dir/name.png`` when
    ``out_dir`` is set, and close it (so it is neither shown twice nor kept in memory).

    A figure built without pyplot (``Figure()``, as chart modules do) is drawn once, as the 150 dpi PNG
    that is saved, and displayed at the size of its own dpi; a pyplot figure through the notebook's
    backend. Returns the PNG written, or None.
    """
    import matplotlib.pyplot as plt
    from IPython.display import Image, display  # optional: only notebooks call show()

    path = None
    if fig.canvas.manager is not None:
        path = save(fig, Path(out_dir) / name) if out_dir else None
        display(fig)
    elif out_dir:
        data = png_bytes(fig, SAVE_DPI)
        path = _write_png(Path(out_dir) / name, data)
        display(Image(data=data, width=round(png_size(data)[0] * fig.dpi / SAVE_DPI)))
    else:
        display(Image(png_bytes(fig)))
    plt.close(fig)
    return path


def yuan_to_wan(x: Any) -> float:
    """元 → 万元. Missing values give NaN.

    >>> yuan_to_wan(25000)
    2.5
    >>> import math; math.isnan(yuan_to_wan(None))
    True
    """
    if is_missing(x):
        return math.nan
    return float(x) / 10_000


def fmt_pct(x: Any) -> str:
    """Fraction → percentage text with one decimal; None/NaN → ``—`` (:func:`toolkit.formatting.pct`).

    >>> fmt_pct(0.1234), fmt_pct(1), fmt_pct(float("nan"))
    ('12.3%', '100.0%', '—')
    """
    return pct(x)


def fmt_wan(x: Any) -> str:
    """Amount in 元 → text in 万元 with 2 decimals; None/NaN → ``—`` (:func:`toolkit.formatting.wan`).

    >>> fmt_wan(12345.6), fmt_wan(123456789), fmt_wan(-5000), fmt_wan(None)
    ('1.23万元', '12,345.68万元', '-0.50万元', '—')
    """
    return wan(x)
