"""Draw a chart in the house style and fail on a glyph the font lacks (as tests/areas/conftest.py does)."""

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
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        fig.savefig(io.BytesIO(), format="png")
    missing = [str(w.message) for w in caught if "missing from font" in str(w.message)]
    assert not missing, missing[:3]
    return fig


@pytest.fixture
def draw() -> Iterator[Callable[[Figure], Figure]]:
    with mpl.rc_context():
        plots.use_house_style()
        yield _draw
