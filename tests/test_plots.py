"""Tests for toolkit.plots: the shipped CJK font and the house style."""

from __future__ import annotations

import logging
import math
import warnings
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib as mpl  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from fontTools import ttLib  # noqa: E402
from matplotlib import font_manager  # noqa: E402
from matplotlib.backends.backend_agg import FigureCanvasAgg  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.font_manager import FontProperties  # noqa: E402

from toolkit import plots, png  # noqa: E402

TITLE = "三公经费支出（万元）"
TICKS = ["市委办公室", "财政局", "住房和城乡建设局", "教育局"]
# Typography used in Chinese reports, all promised by toolkit/fonts/README.md.
REPORT_CHARS = "、。，；：！？（）《》〈〉【】「」『』“”‘’…—·①②③④⑤⑥⑦⑧⑨⑩℃㎡×÷≥≤％￥〇㈠⑴Ⅻ"


@pytest.fixture
def house_style():
    """Apply the house style and restore rcParams afterwards."""
    with mpl.rc_context():
        plots.use_house_style()
        yield


def _render_with_warnings(fig: Figure) -> list[str]:
    """Rasterise *fig* with Agg (a bare Figure's canvas draws nothing)."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        FigureCanvasAgg(fig).draw()
    return [str(w.message) for w in caught]


def _chinese_figure() -> tuple[Figure, object]:
    fig = Figure(figsize=(6, 3.5))
    ax = fig.add_subplot()
    plots.bar(ax, TICKS, [123456, 98765.4, None, 45678], title=TITLE, ylabel="金额（元）")
    ax.set_xlabel(REPORT_CHARS)
    return fig, ax


def _is_shipped(path: str) -> bool:
    return Path(path).resolve().parent == plots.FONT_DIR.resolve()


def test_shipped_font_files_present_and_small():
    files = [plots.FONT_DIR / name for name in plots.FONT_FILES]
    assert all(f.is_file() for f in files)
    assert (plots.FONT_DIR / "OFL.txt").is_file()
    assert (plots.FONT_DIR / "README.md").is_file()
    assert "SIL OPEN FONT LICENSE Version 1.1" in (plots.FONT_DIR / "OFL.txt").read_text("utf-8")
    total = sum(f.stat().st_size for f in files)
    assert total < 12_000_000


def test_shipped_font_covers_report_characters():
    font = ttLib.TTFont(str(plots.FONT_DIR / plots.FONT_FILES[0]), lazy=True)
    assert font["name"].getDebugName(1) == plots.FONT_FAMILY
    assert "CFF " in font
    cmap = font.getBestCmap()
    missing = [c for c in TITLE + "".join(TICKS) + REPORT_CHARS if ord(c) not in cmap]
    assert missing == []
    # the CJK Unified Ideographs block, as far as Noto 2.004 covers it
    assert sum(1 for cp in range(0x4E00, 0xA000) if cp in cmap) >= 20_976


def test_register_is_idempotent():
    with mpl.rc_context():
        before = len(font_manager.fontManager.ttflist)
        family = plots.register_cjk_font()
        after_first = len(font_manager.fontManager.ttflist)
        assert plots.register_cjk_font() == family == plots.FONT_FAMILY
        assert len(font_manager.fontManager.ttflist) == after_first
        assert after_first >= before
        assert mpl.rcParams["font.sans-serif"][0] == family
        assert mpl.rcParams["font.sans-serif"].count(family) == 1
        assert mpl.rcParams["font.family"] == ["sans-serif"]
        assert mpl.rcParams["axes.unicode_minus"] is False


def test_family_resolves_to_shipped_files(house_style):
    regular = font_manager.findfont(FontProperties(family=plots.FONT_FAMILY), fallback_to_default=False)
    bold = font_manager.findfont(
        FontProperties(family=plots.FONT_FAMILY, weight="bold"), fallback_to_default=False
    )
    assert regular == str(plots.FONT_DIR / "NotoSansSC-Regular-subset.otf")
    assert bold == str(plots.FONT_DIR / "NotoSansSC-Bold-subset.otf")
    # the generic family the style uses resolves to it too
    assert _is_shipped(font_manager.findfont(FontProperties(family=["sans-serif"])))


def test_chinese_renders_without_missing_glyphs(house_style, caplog, tmp_path):
    fig, ax = _chinese_figure()
    with caplog.at_level(logging.WARNING, logger="matplotlib.font_manager"):
        messages = _render_with_warnings(fig)
    assert not [m for m in messages if "missing from font" in m], messages
    assert not [r for r in caplog.records if "not found" in r.getMessage()]

    title = ax.title
    assert title.get_text() == TITLE
    assert _is_shipped(font_manager.findfont(title.get_fontproperties()))
    for label in ax.get_xticklabels():
        assert label.get_text() in TICKS
        assert _is_shipped(font_manager.findfont(label.get_fontproperties()))

    out = plots.save(fig, tmp_path / "nested" / "dir" / "chart.png")
    assert out.is_file() and out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_missing_glyph_warning_is_detectable():
    """Negative control: the warning the test above looks for does fire."""
    with mpl.rc_context({"font.family": ["DejaVu Sans"]}):
        fig = Figure()
        fig.add_subplot().set_title(TITLE)
        messages = _render_with_warnings(fig)
    assert any("missing from font" in m for m in messages)


def test_house_style_settings(house_style):
    rc = mpl.rcParams
    assert rc["figure.dpi"] == 110
    assert rc["axes.spines.top"] is False and rc["axes.spines.right"] is False
    assert rc["axes.grid"] is True
    assert rc["axes.prop_cycle"].by_key()["color"][: len(plots.PALETTE)] == list(plots.PALETTE)


def test_bar_labels_and_orientation(house_style):
    fig = Figure()
    ax = fig.add_subplot()
    out = plots.bar(
        ax, ["甲", "乙", "丙"], [1.25, float("nan"), 30], title="标题", xlabel="单位", ylabel="万元",
        fmt="{:.1f}",
    )
    assert out is ax
    assert [t.get_text() for t in ax.texts] == ["1.2", "—", "30.0"]
    assert ax.get_title() == "标题" and ax.get_xlabel() == "单位" and ax.get_ylabel() == "万元"
    assert [p.get_height() for p in ax.patches] == [1.25, 0.0, 30.0]

    fig2 = Figure()
    ax2 = fig2.add_subplot()
    plots.bar(ax2, ["甲", "乙"], [20000, 10000], title="横向", horizontal=True)
    assert [p.get_width() for p in ax2.patches] == [20000, 10000]
    assert ax2.yaxis_inverted()  # first label on top
    FigureCanvasAgg(fig2).draw()
    assert [t.get_text() for t in ax2.texts] == ["20,000", "10,000"]
    assert any("," in t.get_text() for t in ax2.get_xticklabels())


def test_bar_length_mismatch():
    with pytest.raises(ValueError):
        plots.bar(Figure().add_subplot(), ["甲"], [1, 2], title="x")


@pytest.mark.parametrize("layout", [None, "constrained"])   # content at the figure's edge or not: both ways of png_bytes
def test_save_png_150dpi(tmp_path, layout):
    fig = Figure(figsize=(2, 1), dpi=72, layout=layout)
    fig.add_subplot().plot([0, 1])
    out = plots.save(fig, tmp_path / "a" / "b" / "chart")
    assert out == tmp_path / "a" / "b" / "chart.png"
    from PIL import Image

    with Image.open(out) as img:
        assert img.format == "PNG"
        dpi = img.info.get("dpi")
        assert dpi is not None and round(dpi[0]) == 150


@pytest.mark.parametrize(
    ("value", "pct", "wan", "wan_text"),
    [
        (0.1234, "12.3%", 0.1234 / 10000, "0.00万元"),
        (12345.6, "1234560.0%", 1.23456, "1.23万元"),
        (0, "0.0%", 0.0, "0.00万元"),
        (None, "—", math.nan, "—"),
        (float("nan"), "—", math.nan, "—"),
    ],
)
def test_format_helpers(value, pct, wan, wan_text):
    assert plots.fmt_pct(value) == pct
    got = plots.yuan_to_wan(value)
    assert (math.isnan(got) and math.isnan(wan)) or got == pytest.approx(wan)
    assert plots.fmt_wan(value) == wan_text


def test_format_helpers_pandas_missing():
    assert plots.fmt_pct(pd.NA) == "—"
    assert plots.fmt_wan(pd.NA) == "—"
    assert math.isnan(plots.yuan_to_wan(pd.NA))
    assert plots.fmt_wan(pd.Series([50000.0]).iloc[0]) == "5.00万元"


# ---- show: the one way a notebook emits a chart ---------------------------------------------------

@pytest.fixture
def shown(monkeypatch) -> list:
    """What plots.show displays (IPython's display replaced by a list)."""
    import IPython.display

    displayed: list = []
    monkeypatch.setattr(IPython.display, "display", displayed.append)
    return displayed


def test_show_saves_displays_and_closes_a_pyplot_figure(shown, tmp_path):
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots()
    ax.plot([1, 2])
    path = plots.show(fig, "trend", tmp_path / "charts")
    assert path == tmp_path / "charts" / "trend.png" and path.read_bytes().startswith(b"\x89PNG")
    assert shown == [fig]
    assert fig.number not in plt.get_fignums()


def test_show_displays_a_figure_built_without_pyplot_as_png(shown):
    from IPython.display import Image

    fig = Figure(figsize=(2, 1))
    fig.add_subplot().plot([1, 2])
    assert plots.show(fig, "bars") is None
    assert len(shown) == 1 and isinstance(shown[0], Image) and shown[0].data.startswith(b"\x89PNG")


def _pixels(data: bytes):
    import io

    import numpy as np
    from PIL import Image

    return np.asarray(Image.open(io.BytesIO(data)).convert("RGB"))


def test_png_is_cropped_to_its_content_with_a_tenth_of_an_inch_of_white(house_style):
    from matplotlib.figure import Figure

    fig = Figure(figsize=(6, 4))
    fig.subplots().barh(["青岚县财政局", "教育局"], [3, 5])
    picture = _pixels(plots.png_bytes(fig, 100))
    ink = (picture != 255).any(axis=2)
    pad = 10                                                             # 0.1 inch at 100 dpi
    assert not ink[:pad].any() and not ink[-pad:].any() and not ink[:, :pad].any() and not ink[:, -pad:].any()
    assert ink[pad].any() and ink[-pad - 1].any() and ink[:, pad].any() and ink[:, -pad - 1].any()


def test_white_around_the_content_is_cropped(house_style):
    from matplotlib.figure import Figure

    fig = Figure(figsize=(6, 4), layout="none")
    fig.add_axes((0.4, 0.4, 0.2, 0.2)).plot([0, 1], [0, 1])
    height, width = _pixels(plots.png_bytes(fig, 100)).shape[:2]
    assert height < 200 and width < 250


def test_content_beyond_the_figure_widens_the_picture(house_style):
    from matplotlib.figure import Figure

    fig = Figure(figsize=(4, 2))
    fig.subplots().plot([0, 1], [0, 1])
    fig.text(1.05, 0.5, "图外的说明文字")                                 # right of the figure's edge
    width = _pixels(plots.png_bytes(fig, 100)).shape[1]
    assert width > 400                                                   # bbox_inches="tight" took it in


def _bar_chart(bars: int, **figure) -> Figure:
    fig = Figure(figsize=(8, 0.3 * bars + 1), **figure)
    ax = fig.subplots()
    plots.bar(ax, [f"第{i}单位（青岚县）" for i in range(bars)], [1000 * (i + 1) for i in range(bars)],
              title="各单位支出（元）", xlabel="金额（元）", ylabel="单位", horizontal=True)
    return fig


def test_a_one_axes_chart_laid_out_in_one_measurement_is_the_constrained_layouts_picture(house_style, monkeypatch):
    once = _pixels(plots.png_bytes(_bar_chart(40), 100))
    monkeypatch.setattr(png, "_laid_out_once", lambda fig, renderer: False)   # matplotlib's two-pass layout
    twice = _pixels(plots.png_bytes(_bar_chart(40), 100))
    assert once.shape == twice.shape and (once == twice).all()


def test_the_one_measurement_layout_leaves_other_figures_to_matplotlib(house_style):
    renderer = FigureCanvasAgg(Figure()).get_renderer()
    two_axes = Figure(layout="constrained")
    two_axes.subplots(1, 2)
    titled = _bar_chart(3, layout="constrained")
    titled.suptitle("总标题")
    for fig in (two_axes, titled, _bar_chart(3, layout="tight"), _bar_chart(3, layout="none")):
        positions = [ax.get_position().bounds for ax in fig.axes]
        assert not png._laid_out_once(fig, renderer)
        assert [ax.get_position().bounds for ax in fig.axes] == positions


def test_the_one_measurement_layout_gives_the_figure_its_layout_back(house_style):
    fig = _bar_chart(5, layout="constrained")
    engine = fig.get_layout_engine()
    plots.png_bytes(fig, 100)
    assert fig.get_layout_engine() is engine
