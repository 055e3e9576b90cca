"""Shared by the area tests: draw a chart in the house style and report glyphs the font lacked."""

from __future__ import annotations

import io
import warnings
from collections.abc import Callable, Iterator

import matplotlib

matplotlib.use("Agg")

import matplotlib as mpl  # noqa: E402
import pytest  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from toolkit import plots  # noqa: E402


def _draw(fig: Figure) -> Figure:
    """Render ``fig`` to PNG; fail when a glyph (Chinese text) is missing from the fonts."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        fig.savefig(io.BytesIO(), format="png")
    missing = [str(w.message) for w in caught if "missing from font" in str(w.message)]
    assert not missing, missing[:3]
    return fig


@pytest.fixture
def draw() -> Iterator[Callable[[Figure], Figure]]:
    """The house style (shipped CJK font) for the test, and a function that renders a figure in it."""
    with mpl.rc_context():
        plots.use_house_style()
        yield _draw
