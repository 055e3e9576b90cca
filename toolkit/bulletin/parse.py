"""A rectification progress bulletin (整改进展情况通报) → the contract's ``ledger`` table.

The bulletin is read as paragraphs (:func:`toolkit.bulletin.read.read_bulletin_text`:
.txt in UTF-8, UTF-8 with BOM or GB18030, or .docx) and parsed
(:func:`parse_bulletin_lines`) into one row per rectification measure:

* **Sections** ``一、整改工作组织情况 / 二、整改落实情况 / 三、下一步整改工作打算``
  bound the parsed part: only the 整改落实情况 section yields measures (if no
  section title says so, the sections that hold problem headings; if the text
  has no section headings, the whole text).
* **Aspects** ``1.“…”方面``, ``1、“…”方面``, ``1．…方面``, ``（一）在“…”方面``,
  ``(一)关于"…"方面``.
* **Problems** ``（1）关于“…”的问题``, ``(1)关于"…"问题``, ``1.关于“…”问题的整改``.
  Numbers are kept as written when they are unique in the document; if they
  restart (per aspect) or repeat, every problem is renumbered 1…n in order.
* **Sub-problems** ``针对“…”的整改情况：`` set ``sub_problem`` until the next
  sub-problem or problem heading.
* **Measures** the text after ``整改情况：`` (or after a heading), split at
  一是/二是/…/十一是…; a paragraph without enumeration is one measure and a
  paragraph that follows a measure without starting a new one continues it.

Full-width and ASCII punctuation are both accepted (“”"" 「」, （）(), ．. 、).

A measure's status and the document numbers it cites come from its words
(:mod:`toolkit.bulletin.words`).

>>> lines = ["二、整改落实情况", "1.“学习”方面", "（1）关于“学习不够”的问题",
...          "整改情况：一是已完成补学。二是正在制定计划。三是将于6月完成督查。"]
>>> df = parse_bulletin_lines(lines)
>>> df[["measure_id", "status", "status_basis"]].values.tolist()
[['1-1-1', '已完成', '已、完成'], ['1-1-2', '推进中', '正在'], ['1-1-3', '未启动', '将于']]
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from toolkit.bulletin.read import read_bulletin_text
from toolkit.bulletin.words import classify_status, find_document_numbers
from toolkit.datasets import DATASETS
from toolkit.formatting import chinese_ordinal
from toolkit.report.outputs import write_csv

LEDGER_COLUMNS = list(DATASETS["ledger"].names)   # the contract's ledger columns, in order
EXTRA_COLUMNS = ["status_basis", "source_line"]
INT_COLUMNS = {"aspect_no", "problem_no", "source_line"}
DATE_COLUMNS = {"deadline", "completed_on", "signed_off_on"}

# --------------------------------------------------------------------------- numbers

_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
              "八": 8, "九": 9}
_FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")


def parse_number(text: str) -> int:
    """Arabic (half/full width) or Chinese numeral → int.

    >>> [parse_number(t) for t in ("12", "１２", "一", "十", "十一", "二十", "二十三", "一百零五")]
    [12, 12, 1, 10, 11, 20, 23, 105]
    """
    text = text.strip().translate(_FULLWIDTH_DIGITS)
    if text.isdigit():
        return int(text)
    total, digit = 0, 0
    for char in text:
        if char in _CN_DIGITS:
            digit = _CN_DIGITS[char]
        elif char == "十":
            total += (digit or 1) * 10
            digit = 0
        elif char == "百":
            total += (digit or 1) * 100
            digit = 0
        else:
            raise ValueError(f"not a number: {text!r}")
    return total + digit


# --------------------------------------------------------------------------- headings

_NUM = r"[0-9０-９]+|[零〇一二三四五六七八九十百两]+"
_OPEN = "“\"「『"
_CLOSE = "”\"」』"
_HEAD_PREFIX = re.compile(rf"^\s*(?:[（(]\s*(?P<pnum>{_NUM})\s*[）)]|(?P<dnum>{_NUM})\s*[.．、])\s*")
_INTRO = re.compile(r"(?:在|关于|对)?\s*")
_QUOTED_TITLE = re.compile(rf"[{_OPEN}](?P<title>.+?)[{_CLOSE}]\s*(?P<kind>方面|的?问题)")
_UNQUOTED_ASPECT = re.compile(r"(?P<title>[^。；;，,：:]{1,60}?)\s*方面\s*[。：:；;]?\s*$")
_UNQUOTED_PROBLEM = re.compile(r"(?P<title>[^。；;：:]{1,80}?)\s*的?问题\s*(?P<tail>(?:的?整改\S{0,6})?)\s*$")
_HEADING_TAIL = re.compile(r"^\s*(?:存在的问题|存在问题|的问题|问题)?\s*(?:的?整改(?:落实|进展)?(?:情况)?)?\s*[。：:；;，,]?\s*")
_SUB_QUOTED = re.compile(rf"^\s*针对\s*[{_OPEN}](?P<title>.+?)[{_CLOSE}]\s*(?:等?问题)?\s*的?整改(?:落实|进展)?情况\s*[：:。，,]?\s*")
_SUB_UNQUOTED = re.compile(r"^\s*针对(?P<title>[^，,。；;：:“”\"]{1,60}?)的整改(?:落实|进展)?情况\s*[：:]\s*")
_SECTION = re.compile(r"^\s*(?P<num>[一二三四五六七八九十]+)\s*[、.．]\s*(?P<title>[^。；;，,：:“”\"「」]{2,30}?)\s*$")
_IMPLEMENTATION_TITLE = re.compile(r"整改(?:落实|进展)?情况|落实情况")
_BODY_LEAD = re.compile(r"^\s*整改(?:落实|进展)?情况\s*[：:]\s*")


@dataclass
class Heading:
    """A classified paragraph: section, aspect, problem, sub (sub-problem) or body."""

    kind: str
    number: int | None = None
    title: str | None = None
    rest: str = ""  # measure text following the heading in the same paragraph


def classify_line(line: str) -> Heading:
    """What one paragraph is.

    >>> classify_line("1.“贯彻落实党的路线方针政策存在差距”方面")
    Heading(kind='aspect', number=1, title='贯彻落实党的路线方针政策存在差距', rest='')
    >>> classify_line('(一)在"党的建设"方面')
    Heading(kind='aspect', number=1, title='党的建设', rest='')
    >>> classify_line("（12）关于“履行主体责任不够到位”的问题")
    Heading(kind='problem', number=12, title='履行主体责任不够到位', rest='')
    >>> classify_line("2.关于“学习不够”问题的整改情况：一是补学。")
    Heading(kind='problem', number=2, title='学习不够', rest='一是补学。')
    >>> classify_line("针对“文旅融合不深”的整改情况：一是加强维护。").kind
    'sub'
    >>> classify_line("二、整改落实情况")
    Heading(kind='section', number=2, title='整改落实情况', rest='')
    >>> classify_line("整改情况：一是深化理论学习。").kind
    'body'
    """
    line = line.strip()
    heading = _numbered_heading(line)
    if heading is not None:
        return heading
    sub = _SUB_QUOTED.match(line) or _SUB_UNQUOTED.match(line)
    if sub:
        return Heading("sub", None, sub.group("title").strip(), line[sub.end():].strip())
    section = _SECTION.match(line)
    if section:
        return Heading("section", parse_number(section.group("num")), section.group("title").strip())
    return Heading("body", rest=line)


def _numbered_heading(line: str) -> Heading | None:
    prefix = _HEAD_PREFIX.match(line)
    if not prefix:
        return None
    number = parse_number(prefix.group("pnum") or prefix.group("dnum"))
    rest = line[prefix.end():]
    intro = _INTRO.match(rest)
    body = rest[intro.end():]
    if body and body[0] in _OPEN:
        quoted = _QUOTED_TITLE.match(body)
        if not quoted:
            return None
        kind = "aspect" if quoted.group("kind") == "方面" else "problem"
        tail = body[quoted.end():]
        tail = tail[_HEADING_TAIL.match(tail).end():]
        return Heading(kind, number, quoted.group("title").strip(), tail.strip())
    aspect = _UNQUOTED_ASPECT.match(body)
    if aspect:
        return Heading("aspect", number, aspect.group("title").strip())
    if intro.group(0).strip() == "关于":
        problem = _UNQUOTED_PROBLEM.match(body)
        if problem:
            return Heading("problem", number, problem.group("title").strip())
    return None


# --------------------------------------------------------------------------- parsing


@dataclass
class _Problem:
    aspect_no: int | None
    aspect: str | None
    number: int
    title: str
    aspect_index: int = -1  # position in the aspects list; -1 before any aspect heading
    measures: list[dict] = field(default_factory=list)


@dataclass
class _State:
    aspect_no: int | None = None
    aspect: str | None = None
    problem: _Problem | None = None
    sub_problem: str | None = None
    current: dict | None = None  # the measure a continuation paragraph extends
    ordinal: int = 0             # the last 一是/二是 number seen in this block


def _find_marker(text: str, number: int, start: int = 0) -> int:
    """Position of ``<number>是`` (一是, 十一是) at a word boundary, or -1."""
    token = chinese_ordinal(number) + "是"
    position = text.find(token, start)
    while position >= 0:
        if position == 0 or not text[position - 1].isalnum():
            return position
        position = text.find(token, position + 1)
    return -1


_TRIM_HEAD = " \t\u3000，,：:；;、。．."
_TRIM_TAIL = " \t\u3000，,：:；;、"


def _trim(text: str) -> str:
    """A measure's text without the punctuation left over from splitting (keeps a final 。)."""
    return text.lstrip(_TRIM_HEAD).rstrip(_TRIM_TAIL)


def _add_measure(state: _State, text: str, line_no: int) -> None:
    if not _trim(text):
        return
    measure = {"sub_problem": state.sub_problem, "parts": [text.strip()], "source_line": line_no}
    state.problem.measures.append(measure)
    state.current = measure


def _continue_measure(state: _State, text: str) -> None:
    if _trim(text):
        state.current["parts"].append(text.strip())


def _body(state: _State, text: str, line_no: int) -> None:
    """Measures of one paragraph (or of the text after a heading)."""
    if state.problem is None:
        return  # text under an aspect before its first problem is no measure
    text = _BODY_LEAD.sub("", text).strip()
    if not text:
        return
    starts = [(_find_marker(text, n), n) for n in {1, state.ordinal + 1}]
    starts = [(p, n) for p, n in starts if p >= 0]
    if not starts:
        if state.current is not None:
            _continue_measure(state, text)
        else:
            _add_measure(state, text, line_no)
        return
    position, number = min(starts)
    lead = text[:position].strip()
    if _trim(lead):
        if state.current is not None:
            _continue_measure(state, lead)
        elif not lead.endswith(("：", ":")):
            _add_measure(state, lead, line_no)
        # a lead-in ending in a colon (采取以下措施：) introduces the list and is no measure
    while position >= 0:
        body_start = position + len(chinese_ordinal(number)) + 1
        following = _find_marker(text, number + 1, body_start)
        end = following if following >= 0 else len(text)
        _add_measure(state, text[body_start:end], line_no)
        state.ordinal = number
        position, number = following, number + 1


def _active_lines(headings: list[Heading]) -> list[bool]:
    """Which paragraphs lie in the part that yields measures (see module doc)."""
    bounds = [i for i, h in enumerate(headings) if h.kind == "section"]
    if not bounds:
        return [True] * len(headings)
    spans = [(None, 0, bounds[0])] + [
        (headings[b].title, b + 1, bounds[k + 1] if k + 1 < len(bounds) else len(headings))
        for k, b in enumerate(bounds)]
    chosen = [s for s in spans if s[0] and _IMPLEMENTATION_TITLE.search(s[0])]
    if not chosen:
        chosen = [s for s in spans if any(h.kind == "problem" for h in headings[s[1]:s[2]])]
    active = [False] * len(headings)
    for _, start, end in chosen:
        for index in range(start, end):
            active[index] = True
    return active


def _renumber(numbers: list[int | None]) -> list[int | None]:
    """Numbers as written when unique, else 1…n in order of appearance."""
    present = [n for n in numbers if n is not None]
    if len(set(present)) == len(present):
        return numbers
    return list(range(1, len(numbers) + 1))


def parse_bulletin_lines(lines: list[str]) -> pd.DataFrame:
    """Bulletin paragraphs → the ledger table, one row per measure.

    Columns: :data:`LEDGER_COLUMNS` + ``status_basis`` (the words that decided
    the status) + ``source_line`` (1-based position in ``lines`` of the
    paragraph where the measure's text starts). What the text does not say
    (lead_leader, units, kind, deadline, …) stays empty; ``evidence`` holds the
    document numbers the measure quotes.
    """
    headings = [classify_line(line) if line and line.strip() else Heading("blank") for line in lines]
    active = _active_lines(headings)
    state = _State()
    problems: list[_Problem] = []
    aspects: list[list] = []  # [number as written, title, problems]
    for line_no, (heading, is_active) in enumerate(zip(headings, active), start=1):
        if not is_active or heading.kind in ("blank", "section"):
            continue
        if heading.kind == "aspect":
            state = _State(aspect_no=heading.number, aspect=heading.title)
            aspects.append([heading.number, heading.title])
            continue
        if heading.kind == "problem":
            state.problem = _Problem(state.aspect_no, state.aspect, heading.number, heading.title,
                                     aspect_index=len(aspects) - 1)
            problems.append(state.problem)
            state.sub_problem, state.current, state.ordinal = None, None, 0
        elif heading.kind == "sub":
            if state.problem is None:
                continue
            state.sub_problem, state.current, state.ordinal = heading.title, None, 0
        _body(state, heading.rest, line_no)

    aspect_numbers = _renumber([a[0] for a in aspects])
    problem_numbers = _renumber([p.number for p in problems])
    rows: list[dict] = []
    for problem, problem_no in zip(problems, problem_numbers):
        aspect_no = aspect_numbers[problem.aspect_index] if problem.aspect_index >= 0 else None
        for index, measure in enumerate(problem.measures, start=1):
            text = _trim("\n".join(measure["parts"]))
            status, basis = classify_status(text)
            evidence = find_document_numbers(text)
            prefix = f"{aspect_no}-" if aspect_no is not None else ""
            rows.append({
                "measure_id": f"{prefix}{problem_no}-{index}",
                "aspect_no": aspect_no,
                "aspect": problem.aspect,
                "problem_no": problem_no,
                "problem": problem.title,
                "sub_problem": measure["sub_problem"],
                "measure": text,
                "status": status,
                "evidence": "；".join(evidence) or None,
                "status_basis": basis,
                "source_line": measure["source_line"],
            })
    return ledger_frame(rows)


def ledger_frame(rows: list[dict]) -> pd.DataFrame:
    """Rows (dicts) → the typed ledger frame: Int64 numbers, datetime64 dates, ``str`` text, NA for empty."""
    data = {}
    for column in LEDGER_COLUMNS + EXTRA_COLUMNS:
        items = [row.get(column) for row in rows]
        items = [None if isinstance(v, str) and not v.strip() else v for v in items]
        if column in INT_COLUMNS:
            data[column] = pd.array(items, dtype="Int64")
        elif column in DATE_COLUMNS:
            data[column] = pd.to_datetime(pd.Series(items, dtype="object")).astype("datetime64[ns]").array
        else:
            data[column] = pd.array(items, dtype="str")
    return pd.DataFrame(data, columns=LEDGER_COLUMNS + EXTRA_COLUMNS)


def parse_bulletin(path: Path) -> pd.DataFrame:
    """Read a bulletin file and parse it into the ledger table."""
    return parse_bulletin_lines(read_bulletin_text(Path(path)))


def write_ledger_csv(df: pd.DataFrame, out: Path) -> None:
    """Write the ledger as UTF-8-with-BOM CSV with canonical column names as the header.

    The toolkit's ingest matches canonical names, so the file reads back as the
    ``ledger`` dataset; ``status_basis``/``source_line`` follow when present (ingest ignores them).
    Text that would start a spreadsheet formula gets a leading ``'`` (:func:`~toolkit.report.outputs.write_csv`).
    """
    frame = df.copy()
    for column in LEDGER_COLUMNS:
        if column not in frame.columns:
            frame[column] = pd.NA
    columns = LEDGER_COLUMNS + [c for c in EXTRA_COLUMNS if c in frame.columns]
    write_csv(Path(out), frame[columns], date_format="%Y-%m-%d")
