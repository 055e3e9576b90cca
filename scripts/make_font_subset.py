#!/usr/bin/env python3
"""Build the CJK font subset shipped in ``toolkit/fonts/`` (dev script).

Not imported by the package. Needs the full Noto Sans CJK collections, which
Debian's ``fonts-noto-cjk`` installs under /usr/share/fonts/opentype/noto/:

    python scripts/make_font_subset.py                 # Regular + Bold
    python scripts/make_font_subset.py --regular-only
    python scripts/make_font_subset.py --print-command # pyftsubset equivalent

It picks the "Noto Sans CJK SC" face out of each .ttc by its family name
(name ID 1), subsets it to the Unicode ranges in ``RANGES`` with
``fontTools.subset`` and writes CFF-flavoured OpenType (.otf).

The subset's family is renamed to ``Noto Sans CJK SC Subset`` (name IDs 1, 3,
4, 6, 16 and the CFF top-dict names). Noto declares no Reserved Font Name, so
the OFL does not require this; it is done so that matplotlib's findfont()
resolves our family name to the shipped file, never to a system-wide
"Noto Sans CJK SC" that happens to be installed.
"""

from __future__ import annotations

import argparse
import shlex
import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTCollection, TTFont

SRC_DIR = Path("/usr/share/fonts/opentype/noto")
OUT_DIR = Path(__file__).resolve().parents[1] / "toolkit" / "fonts"
SOURCE_FAMILY = "Noto Sans CJK SC"
NEW_FAMILY = "Noto Sans CJK SC Subset"
NEW_PS_FAMILY = "NotoSansCJKSCSubset"

# (first, last, description) -- inclusive code point ranges.
RANGES: list[tuple[int, int, str]] = [
    (0x0020, 0x007E, "Basic Latin"),
    (0x00A0, 0x00FF, "Latin-1 Supplement (incl. × ÷ ± · ¥ ° ² ³)"),
    (0x0391, 0x03A9, "Greek capitals (statistics: Σ Δ ...)"),
    (0x03B1, 0x03C9, "Greek small (α β μ σ χ ...)"),
    (0x2000, 0x206F, "General Punctuation (— ‘’ “” … ‰ ※ •)"),
    (0x2103, 0x2103, "℃"),
    (0x2116, 0x2116, "№"),
    (0x2160, 0x216B, "Roman numerals Ⅰ–Ⅻ"),
    (0x2170, 0x217B, "Roman numerals ⅰ–ⅻ"),
    (0x2190, 0x2193, "Arrows ← ↑ → ↓"),
    (0x21D2, 0x21D2, "⇒"),
    (0x2212, 0x2212, "− minus sign"),
    (0x221A, 0x221A, "√"),
    (0x221E, 0x221E, "∞"),
    (0x2236, 0x2236, "∶ ratio"),
    (0x2248, 0x2248, "≈"),
    (0x2260, 0x2260, "≠"),
    (0x2264, 0x2265, "≤ ≥"),
    (0x2460, 0x2473, "Circled numbers ①–⑳"),
    (0x2474, 0x2487, "Parenthesised numbers ⑴–⒇"),
    (0x2488, 0x249B, "Numbers with full stop ⒈–⒛"),
    (0x2500, 0x2500, "─ box drawing horizontal"),
    (0x25A0, 0x25A1, "■ □"),
    (0x25B2, 0x25B3, "▲ △"),
    (0x25BC, 0x25BD, "▼ ▽"),
    (0x25C6, 0x25C7, "◆ ◇"),
    (0x25CB, 0x25CB, "○"),
    (0x25CE, 0x25CF, "◎ ●"),
    (0x2605, 0x2606, "★ ☆"),
    (0x2713, 0x2713, "✓"),
    (0x3000, 0x303F, "CJK Symbols and Punctuation (、。〈〉《》「」『』【】〔〕〇)"),
    (0x30FB, 0x30FB, "・ katakana middle dot (foreign names)"),
    (0x3220, 0x3229, "Parenthesised ideographs ㈠–㈩"),
    (0x338E, 0x338F, "㎎ ㎏"),
    (0x339C, 0x339E, "㎜ ㎝ ㎞"),
    (0x33A1, 0x33A1, "㎡"),
    (0x33C4, 0x33C4, "㏄"),
    (0x4E00, 0x9FFF, "CJK Unified Ideographs (full block)"),
    (0xFE30, 0xFE4F, "CJK Compatibility Forms (﹏ ...)"),
    (0xFF00, 0xFFEF, "Halfwidth and Fullwidth Forms (（）：；！？，％￥)"),
]

LAYOUT_FEATURES = ["ccmp", "liga", "calt", "kern", "mark", "palt", "halt"]

STYLES = {"Regular": "NotoSansCJK-Regular.ttc", "Bold": "NotoSansCJK-Bold.ttc"}


def unicodes() -> list[int]:
    out: set[int] = set()
    for first, last, _ in RANGES:
        out.update(range(first, last + 1))
    return sorted(out)


def unicodes_arg() -> str:
    parts = []
    for first, last, _ in RANGES:
        parts.append(f"U+{first:04X}" if first == last else f"U+{first:04X}-{last:04X}")
    return ",".join(parts)


def options() -> subset.Options:
    opts = subset.Options()
    opts.name_IDs = ["*"]  # keep copyright (0), licence (13) and licence URL (14)
    opts.name_legacy = True
    opts.name_languages = ["*"]
    opts.notdef_outline = True
    opts.recalc_bounds = True
    opts.drop_tables += ["VORG", "vhea", "vmtx"]  # no vertical writing in charts
    # Only features horizontal chart text can use. Dropping locl/vert/aalt/
    # fwid/hwid/... keeps their closure (JP/KR/TC/HK forms, vertical forms)
    # from nearly doubling the glyph count.
    opts.layout_features = LAYOUT_FEATURES
    # Drop CFF stem hints: saves ~1 MB per face (keeps the Regular+Bold pair
    # near 10 MB); at chart sizes and 110-150 dpi anti-aliased output is
    # indistinguishable.
    opts.hinting = False
    return opts


def print_command() -> str:
    """The pyftsubset command that does the same subsetting (before renaming)."""
    ttc = SRC_DIR / STYLES["Regular"]
    index = face_index(ttc) if ttc.exists() else 2  # 2 in Noto CJK 2.004 .ttc
    args = [
        "pyftsubset",
        "NotoSansCJK-Regular.ttc",
        f"--font-number={index}",
        f"--unicodes={unicodes_arg()}",
        "--name-IDs=*",
        "--name-legacy",
        "--name-languages=*",
        "--notdef-outline",
        "--recalc-bounds",
        "--no-hinting",
        "--drop-tables+=VORG,vhea,vmtx",
        f"--layout-features={','.join(LAYOUT_FEATURES)}",
        "--output-file=NotoSansSC-Regular-subset.otf",
    ]
    return " ".join(shlex.quote(a) for a in args)


def face_index(ttc: Path, family: str = SOURCE_FAMILY) -> int:
    coll = TTCollection(str(ttc), lazy=True)
    for i, font in enumerate(coll.fonts):
        if font["name"].getDebugName(1) == family:
            return i
    raise SystemExit(f"{family!r} not found in {ttc}")


def rename(font: TTFont, style: str) -> None:
    name = font["name"]
    full = f"{NEW_FAMILY} {style}" if style != "Regular" else NEW_FAMILY
    ps = f"{NEW_PS_FAMILY}-{style}"
    version = name.getDebugName(5) or ""
    for rec in list(name.names):
        if rec.nameID in (1, 16):
            rec.string = NEW_FAMILY
        elif rec.nameID == 3:
            rec.string = f"{ps};subset of {SOURCE_FAMILY} {version}"
        elif rec.nameID == 4:
            rec.string = full
        elif rec.nameID == 6:
            rec.string = ps
    cff = font["CFF "].cff
    cff.fontNames = [ps]
    top = cff[0]
    top.FullName = full
    top.FamilyName = NEW_FAMILY
    for fd in getattr(top, "FDArray", []) or []:
        # FDArray font names carry the original PostScript name as a prefix.
        if hasattr(fd, "FontName"):
            fd.FontName = fd.FontName.replace(fd.FontName.split("-")[0], NEW_PS_FAMILY, 1)


def build(style: str, src_dir: Path, out_dir: Path) -> Path:
    ttc = src_dir / STYLES[style]
    idx = face_index(ttc)
    font = TTFont(str(ttc), fontNumber=idx, lazy=False, recalcBBoxes=False)
    version = font["name"].getDebugName(5)
    sub = subset.Subsetter(options())
    sub.populate(unicodes=unicodes())
    sub.subset(font)
    rename(font, style)
    out_dir.mkdir(parents=True, exist_ok=True)
    out = out_dir / f"NotoSansSC-{style}-subset.otf"
    font.save(str(out))
    n = len(font.getBestCmap())
    print(f"{out}: face {idx} of {ttc.name} ({version}); {n} code points, "
          f"{len(font.getGlyphOrder())} glyphs, {out.stat().st_size / 1e6:.2f} MB")
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--src-dir", type=Path, default=SRC_DIR)
    ap.add_argument("--out-dir", type=Path, default=OUT_DIR)
    ap.add_argument("--regular-only", action="store_true")
    ap.add_argument("--print-command", action="store_true")
    args = ap.parse_args(argv)
    if args.print_command:
        print(print_command())
        return 0
    styles = ["Regular"] if args.regular_only else ["Regular", "Bold"]
    for style in styles:
        build(style, args.src_dir, args.out_dir)
    return 0


if __name__ == "__main__":
    sys.exit(main())
