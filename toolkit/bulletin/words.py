"""What a measure's words say: its status (已完成, 推进中, 未启动) and the document numbers it cites.

Status rule (:func:`classify_status`) — keywords, read clause by clause after
masking 《titles》 and “quotations”:

* 已完成 words: 已, 完成, 全部, 到位 (not 未完成, 不到位, 已X的 used as an adjective);
* 推进中 words: 正在/正加快…, 启动 (not 未启动), 推进 (not 推进的/进行推进), 尚未 (something is left);
* 未启动 words: 将 (future 将于/将在/将交付…, not 把-like 将…纳入), 即将,
  计划 (as a verb), 拟 (not 拟定/草拟), 适时, 近期, 预计, 准备, 未启动/尚未开始.

Precedence: (1) a future word, or a goal word (确保/力争/务必), governs the rest
of its clause, so 将于X月完成 and 确保整改到位 say nothing about completion;
outcome words (完成/全部/到位) stay governed until the end of the sentence
(计划…，秋季开学后全部回到…). (2) Over the whole measure: any 推进中 word wins
(正在 beats 已); done words together with future words mean part is done and
part planned, so 推进中; otherwise 已完成 or 未启动 by the words found; no
word at all leaves the status empty. ``status_basis`` lists the deciding words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

DONE, PROGRESS, NOT_STARTED = "已完成", "推进中", "未启动"

_MASKED = re.compile(r"《[^《》]*》|〈[^〈〉]*〉|“[^“”]*”|「[^「」]*」|『[^『』]*』|\"[^\"]*\"|<[^<>]*>")
_SENTENCE_END = "。；;！!？?\n"
_CLAUSE_END = "，,：:"
_FUTURE_AFTER_JIANG = ("于|在|适时|近期|尽快|择机|继续|进一步|积极|大幅|超过|交付|对照|对|上报|报送|启动|完成|实现|"
                       "建成|投入|投产|坚决|紧盯|严肃|加快|加大|持续|不断|着力|陆续|逐步|按|根据|依据|抓紧|召开|举办|"
                       "出台|印发|制定|修订|推进|推动|开工|竣工|达到|提高|可|能|会|形成|成立|建立|健全|完善|进行|"
                       "力争|争取|再|另行|视情|开展")
_NOUN_AFTER_JIHUA = set("书表单的和及与等内外中□）)》")

# (category, pattern); the FUTURE patterns are checked by _future_ok as well.
_SIGNALS: list[tuple[str, re.Pattern]] = [
    ("goal", re.compile(r"确保|力争|务必")),
    (NOT_STARTED, re.compile(r"(?:尚未|还未|未|没有)(?:启动|开始|开展|动工)|即将|"
                             rf"将(?:{_FUTURE_AFTER_JIANG})|计划|(?<![草起模虚])拟(?![定稿制])|适时|近期|预计|准备(?!工作|阶段)")),
    (PROGRESS, re.compile(r"正在|正(?=加快|抓紧|积极|着手|逐步|有序|全力|加紧)|(?<![未没])启动|(?<!进行)(?<!再)(?<!安排)推进(?!的|措施)|(?:尚未|还未|仍未)")),
    (DONE, re.compile(r"已经|已(?![\u4e00-\u9fff]{1,4}的)|(?<![未没])(?<!不能)完成|全部|(?<![不未没])(?<!不够)到位")),
]
_OUTCOME_WORDS = {"完成", "全部", "到位"}


@dataclass
class _Signal:
    position: int
    category: str
    word: str


def _clause_signals(clause: str) -> list[_Signal]:
    found: dict[int, _Signal] = {}
    for category, pattern in _SIGNALS:
        for match in pattern.finditer(clause):
            start = match.start()
            if any(s.position <= start < s.position + len(s.word) for s in found.values()):
                continue  # inside a longer word already found (未启动 vs 启动, 已经 vs 已)
            if category == NOT_STARTED and not _future_ok(clause, match):
                continue
            found[start] = _Signal(start, category, match.group(0))
    return sorted(found.values(), key=lambda s: s.position)


def _future_ok(clause: str, match: re.Match) -> bool:
    word = match.group(0)
    before, after = clause[:match.start()], clause[match.end():]
    if word == "计划":  # the verb (计划秋季扩班), not the noun (制定了学习计划, 上报了招聘计划)
        return bool(after) and after[0] not in _NOUN_AFTER_JIHUA and "了" not in before and "已" not in before
    if word == "近期":  # 近期将… is future, 近期召开了… is past
        return "了" not in after
    return True


def _split_clauses(text: str) -> list[tuple[str, bool]]:
    """(clause, ends_sentence) pairs."""
    pieces: list[tuple[str, bool]] = []
    start = 0
    for index, char in enumerate(text):
        # an ASCII full stop ends a sentence unless it is a decimal point (1.2万)
        period = char == "." and not text[index + 1:index + 2].isdigit()
        if char in _SENTENCE_END or char in _CLAUSE_END or period:
            pieces.append((text[start:index], char in _SENTENCE_END or period))
            start = index + 1
    pieces.append((text[start:], True))
    return pieces


def classify_status(text: str) -> tuple[str | None, str | None]:
    """(status, deciding words) of a measure's text; (None, None) when no word decides.

    >>> classify_status("已与南昌大学签订战略合作协议")
    ('已完成', '已')
    >>> classify_status("正在推进固废处理项目，已完成提升改造方案")
    ('推进中', '正在、推进')
    >>> classify_status("县委已完成自查，近期将抽调人员开展重点检查")
    ('推进中', '已、完成、近期')
    >>> classify_status("计划2020年秋季开学交付使用，届时全部完成")
    ('未启动', '计划')
    >>> classify_status("将习近平总书记重要讲话精神纳入学习内容")
    (None, None)
    """
    masked = _MASKED.sub("□", text)
    kept: list[_Signal] = []
    sentence_future = False
    for clause, ends_sentence in _split_clauses(masked):
        for signal in _clause_signals(clause):
            if signal.category == "goal":
                break  # 确保…到位: the rest of the clause is an aim, not a fact
            if sentence_future and signal.word in _OUTCOME_WORDS:
                continue
            kept.append(signal)
            if signal.category == NOT_STARTED:
                sentence_future = True
                break  # 将于X月完成: the rest of the clause is planned
        if ends_sentence:
            sentence_future = False
    words = {category: _unique([s.word for s in kept if s.category == category])
             for category in (DONE, PROGRESS, NOT_STARTED)}
    if words[PROGRESS]:
        return PROGRESS, "、".join(words[PROGRESS])
    if words[DONE] and words[NOT_STARTED]:
        return PROGRESS, "、".join(_unique([s.word for s in kept]))
    if words[DONE]:
        return DONE, "、".join(words[DONE])
    if words[NOT_STARTED]:
        return NOT_STARTED, "、".join(words[NOT_STARTED])
    return None, None


def _unique(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items))


# --------------------------------------------------------------------------- evidence

_DOC_NUMBER = re.compile(
    r"(?P<org>[A-Za-zＡ-Ｚａ-ｚ\u4e00-\u9fff]{1,14}?)\s*"
    r"(?:[〔［\[﹝【]\s*(?:\d{4}|[XＸ])\s*[〕］\]﹞】]|(?<=[字发函])[（(]\s*(?:\d{4}|[XＸ])\s*[）)])"
    r"\s*(?:\d+|[XＸ])\s*号")
_ORG_LEAD = re.compile(r"^.*(?:关于|贯彻|落实|根据|按照|依照|依据|参照|印发|下发|转发|执行|强调|重申|精神|文件|通知|"
                       r"的|了|和|及|与|对|将|按|依|以)")
_ORG_PLACEHOLDER = re.compile(r"[A-Za-zＡ-Ｚａ-ｚ].*$")


def find_document_numbers(text: str) -> list[str]:
    """Document numbers (文号) quoted in a text, in order, without repeats.

    >>> find_document_numbers("印发了《通知》（X办字〔2020〕12号），贯彻落实吉发〔2019〕3号文件精神")
    ['X办字〔2020〕12号', '吉发〔2019〕3号']
    >>> find_document_numbers("按照《办法》〔X府办字（2019）5号〕文件")
    ['X府办字（2019）5号']
    """
    numbers: list[str] = []
    for match in _DOC_NUMBER.finditer(text):
        org = match.group("org")
        trimmed = _ORG_LEAD.sub("", org)
        placeholder = _ORG_PLACEHOLDER.search(trimmed)  # 再次要求X办字 → X办字 (X stands for a place)
        if placeholder:
            trimmed = placeholder.group(0)
        if not trimmed:
            continue
        numbers.append(trimmed + match.group(0)[len(org):])
    return _unique(numbers)
