"""What a file really holds, from its first bytes, whatever its name says.

Files reach a round folder renamed and re-exported: an .xls that is a web page (what many
systems call "导出 Excel"), an .xlsx that is a CSV or an old .xls, a workbook with an opening
password, a .csv that is a workbook or UTF-16 text. :func:`file_kind` tells them apart so that
the readers can read a workbook by its content and say in one line what any other file is.
"""

from __future__ import annotations

from pathlib import Path

ZIP, CFB, HTML, XML_2003, UTF16, TEXT, BINARY, EMPTY = (
    "zip", "cfb", "html", "xml2003", "utf16", "text", "binary", "empty")
WORKBOOKS = (ZIP, CFB)
_ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")  # a zip with members, an empty zip
_CFB_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # OLE2 compound file: .xls, or an encrypted .xlsx
_HEAD = 8192
_ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")

_NOT_A_WORKBOOK = {
    EMPTY: "文件为空",
    HTML: "文件实际是网页（HTML）格式，不是 Excel 工作簿：请用 Excel 打开后另存为 .xlsx",
    XML_2003: "文件实际是 XML 表格（Excel 2003 XML）格式：请用 Excel 打开后另存为 .xlsx",
    TEXT: "文件实际是文本（CSV）格式，不是 Excel 工作簿：请把扩展名改为 .csv，或用 Excel 打开后另存为 .xlsx",
    UTF16: "文件实际是文本（UTF-16 编码）格式，不是 Excel 工作簿：请用 Excel 打开后另存为 .xlsx",
    BINARY: "不是 Excel 文件（文件损坏或格式不符）",
}
_NOT_A_CSV = {
    ZIP: "文件实际是 Excel 工作簿（.xlsx），不是 CSV：请把扩展名改为 .xlsx",
    CFB: "文件实际是 Excel 工作簿（.xls），不是 CSV：请把扩展名改为 .xls",
    UTF16: "文件是 UTF-16 编码（Excel 的“Unicode 文本”），无法按 CSV 读取：请另存为“CSV UTF-8（逗号分隔）”或 .xlsx",
}
ENCRYPTED = "文件已加密（设有打开密码），无法读取：请在 Excel 中取消密码后另存"


def kind_of(head: bytes) -> str:
    """The kind of a file from its first bytes.

    >>> [kind_of(h) for h in (b"PK\\x03\\x04..", b"", b"\\xef\\xbb\\xbf<html>", b"a,b\\n1,2\\n", "编号".encode("gbk"))]
    ['zip', 'empty', 'html', 'text', 'text']
    >>> kind_of(b"\\xff\\xfe" + "编号".encode("utf-16-le")), kind_of(b"\\x00\\x01\\x02\\xff")
    ('utf16', 'binary')
    """
    if head.startswith(_ZIP_MAGIC):
        return ZIP
    if head.startswith(_CFB_MAGIC):
        return CFB
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return UTF16
    if not head.strip():
        return EMPTY
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if start.startswith(b"<"):
        return XML_2003 if b"urn:schemas-microsoft-com:office:spreadsheet" in head else HTML
    if b"\x00" in head:
        return BINARY
    return TEXT if _decodes(head) else BINARY


def _decodes(head: bytes) -> bool:
    """UTF-8 or GB18030 text (the head may end inside a character)."""
    for encoding in ("utf-8", "gb18030"):
        for cut in range(4):
            try:
                head[:len(head) - cut].decode(encoding)
                return True
            except UnicodeDecodeError:
                continue
    return False


def file_kind(path: Path) -> str:
    with path.open("rb") as handle:
        return kind_of(handle.read(_HEAD))


def not_a_workbook(kind: str) -> str | None:
    """Why a file of this kind cannot be read as a workbook (None for a zip or compound file)."""
    return _NOT_A_WORKBOOK.get(kind)


def not_a_csv(data: bytes) -> str | None:
    """Why these bytes cannot be read as a CSV (None when they may be).

    >>> not_a_csv(b"PK\\x03\\x04rest")
    '文件实际是 Excel 工作簿（.xlsx），不是 CSV：请把扩展名改为 .xlsx'
    >>> not_a_csv("编号,金额\\n".encode()) is None
    True
    """
    return _NOT_A_CSV.get(kind_of(data[:_HEAD]))


def is_encrypted(path: Path) -> bool:
    """An OLE2 compound file holding an ``EncryptedPackage`` stream: an .xlsx with an opening password."""
    tail = b""
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 20):
            if _ENCRYPTED_STREAM in tail + chunk:
                return True
            tail = chunk[-len(_ENCRYPTED_STREAM):]
    return False
