"""Read a rectification progress bulletin (整改进展情况通报) as paragraphs: .txt or .docx.

Text files may be UTF-8, UTF-8 with BOM, UTF-16 with BOM or GB18030; a .docx is read paragraph by
paragraph (soft line breaks split). Every paragraph is stripped (full-width spaces, BOM and
zero-width spaces included) and empty ones are dropped. An unreadable file is an
:class:`~toolkit.errors.InputError` with one line, Chinese then English.
"""

from __future__ import annotations

import re
from pathlib import Path

import docx

from toolkit.errors import InputError

TEXT_SUFFIXES = {".txt"}
DOCX_SUFFIXES = {".docx"}

def read_bulletin_text(path: Path) -> list[str]:
    """The non-empty, stripped paragraphs of a bulletin (.txt or .docx).

    Raises :class:`~toolkit.errors.InputError` (one line, Chinese then English)
    when the file is missing, of an unsupported type, unreadable or empty.
    """
    path = Path(path)
    if not path.is_file():
        raise InputError(f"{path.name}: 文件不存在 (file not found)")
    suffix = path.suffix.lower()
    if suffix in TEXT_SUFFIXES:
        text = _decode_text(path.read_bytes(), path.name)
        paragraphs = split_paragraphs(text)
    elif suffix in DOCX_SUFFIXES:
        paragraphs = _read_docx(path)
    else:
        hint = "，请另存为 .docx" if suffix == ".doc" else ""
        raise InputError(f"{path.name}: 不支持的文件类型 {suffix or '（无扩展名）'}，只读 .txt 或 .docx{hint}"
                         f" (unsupported file type)")
    if not paragraphs:
        raise InputError(f"{path.name}: 文件为空 (empty file)")
    return paragraphs


def split_paragraphs(text: str) -> list[str]:
    r"""Text → its non-empty lines, stripped (incl. full-width spaces, BOM, zero-width spaces).

    >>> split_paragraphs("\ufeff 标题\r\n\r\n\u3000\u3000正文。\u200b\n")
    ['标题', '正文。']
    """
    lines = re.split(r"\r\n|[\r\n\v\f\u2028\u2029\x85]", text)
    cleaned = (line.replace("\ufeff", "").replace("\u200b", "").strip() for line in lines)
    return [line for line in cleaned if line]


def _decode_text(data: bytes, name: str) -> str:
    if not data.strip():
        raise InputError(f"{name}: 文件为空 (empty file)")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            pass
    elif b"\x00" not in data:
        for encoding in ("utf-8-sig", "gb18030"):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                continue
    raise InputError(f"{name}: 无法识别文件编码，应为 UTF-8 或 GB18030 的文本 (unreadable text encoding)")


def _read_docx(path: Path) -> list[str]:
    if path.stat().st_size == 0:
        raise InputError(f"{path.name}: 文件为空 (empty file)")
    try:
        document = docx.Document(str(path))
        texts = [p.text for p in document.paragraphs]
    except Exception as exc:  # python-docx raises several unrelated types for corrupt files
        raise InputError(f"{path.name}: 无法读取 Word 文件，文件损坏或不是 .docx "
                         f"(unreadable .docx: {type(exc).__name__})") from None
    return [line for text in texts for line in split_paragraphs(text)]
