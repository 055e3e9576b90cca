"""Tests for toolkit.bulletin.read: a bulletin file (.txt in any common encoding, .docx) → its paragraphs."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from toolkit.bulletin.read import read_bulletin_text
from toolkit.errors import InputError

EXAMPLE = Path(__file__).parent / "fixtures" / "bulletins" / "example.txt"


def test_read_encodings_give_the_same_paragraphs(tmp_path):
    text = "\n\n  （1）关于“学习不够”的问题  \r\n\u3000\u3000整改情况：一是已补学。\n"
    expected = ["（1）关于“学习不够”的问题", "整改情况：一是已补学。"]
    for name, data in [("u8.txt", text.encode("utf-8")), ("bom.txt", text.encode("utf-8-sig")),
                       ("gb.txt", text.encode("gb18030")), ("u16.txt", text.encode("utf-16"))]:
        path = tmp_path / name
        path.write_bytes(data)
        assert read_bulletin_text(path) == expected, name
    (tmp_path / "UPPER.TXT").write_bytes(text.encode("utf-8"))
    assert read_bulletin_text(tmp_path / "UPPER.TXT") == expected


@pytest.mark.parametrize("name, data, reason", [
    ("empty.txt", b"", "文件为空"),
    ("blank.txt", " \r\n\n\t".encode(), "文件为空"),
    ("bom_only.txt", b"\xef\xbb\xbf\r\n", "文件为空"),
    ("binary.txt", b"\x00\x01\x02\xff\xfe\x00abc", "无法识别文件编码"),
    ("empty.docx", b"", "文件为空"),
    ("corrupt.docx", b"PK\x03\x04 this is not a real zip", "无法读取 Word 文件"),
    ("text.docx", "一是已补学。".encode(), "无法读取 Word 文件"),
    ("report.pdf", b"%PDF-1.4", "不支持的文件类型 .pdf"),
    ("old.doc", b"\xd0\xcf\x11\xe0", "另存为 .docx"),
    ("noext", "一是已补学。".encode(), "不支持的文件类型"),
])
def test_unreadable_files_raise_input_error(tmp_path, name, data, reason):
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(InputError) as info:
        read_bulletin_text(path)
    message = str(info.value)
    assert reason in message
    assert message.startswith(name + ": ")
    assert "\n" not in message


def test_missing_file(tmp_path):
    with pytest.raises(InputError, match="文件不存在"):
        read_bulletin_text(tmp_path / "nope.txt")


def test_example_paragraph_list():
    example_lines = read_bulletin_text(EXAMPLE)
    assert example_lines[0] == "县委关于省委巡视反馈意见整改进展情况的通报"
    assert len(example_lines) == 96
    assert all(line == line.strip() and line for line in example_lines)


def test_docx_without_text_is_empty(tmp_path):
    document = docx.Document()
    document.add_paragraph("   ")
    path = tmp_path / "blank.docx"
    document.save(str(path))
    with pytest.raises(InputError, match="文件为空"):
        read_bulletin_text(path)
