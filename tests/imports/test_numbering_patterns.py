"""The numbering patterns, now built from the pieces of imports/foundation/numbering.py, match exactly
what each module's own spelling of them matched before (issue 17: one module owns them, no behaviour change).

Each old pattern is kept here as it was written, and both are run over every string of up to two
characters of an alphabet of numerals, brackets and marks, thousands of longer random strings of it
(a fixed seed) and hand-picked lines: the same match, at the same place, with the same groups. A
deliberate change of a numbering rule later changes the old spelling here with it."""

import random
import re
from itertools import product

import pytest

from imports.foundation import numbering
from imports.foundation.cells import quarters
from imports.interpret.partial_rows import LED_BY
from imports.read import blocks
from imports.shape.preamble import CHINESE_DIGITS, DATE_LIST, MONTH_DAY, MONTHLY_DAY
from imports.shape.roles_from_cells import DATE_RE

OLD_HAN = "一二三四五六七八九十百零〇"
OLD_DAY = r"(\d{1,2}|[一二三四五六七八九十廿]{1,3})\s*[日号]"
# name: (the pattern as its module spelled it, the pattern built now)
PAIRS = {
    "records.NUMBER": (r"^\s*(?:第\s*)?(\d{1,3}|[一二三四五六七八九十]{1,3})(?:\s*[、.．]\s*|\s+|$)",
                       numbering.RECORD_NUMBER),
    "interpret.NUMBER": (r"^[（(]?\s*(\d{1,5}|[一二三四五六七八九十]{1,3})\s*[)）.、．]?$", numbering.NUMBER_CELL),
    "inference.NUMBER_RE": (r"^[（(]?(?:\d{1,4}|[一二三四五六七八九十]{1,3})[)）]?[.、．]?$", numbering.NUMBER_LIKE),
    "inference.DATE_RE": (r"\d{1,2}月|[一二三四1-4]季度|年底|年末|年内|全年|上半年|下半年|\d{4}年", DATE_RE),
    "segments.SECTION_START": (
        r"^(?:[一二三四五六七八九十]{1,3}[、.．]|[（(][一二三四五六七八九十\d]{1,3}[)）]|"
        r"第[一二三四五六七八九十\d]{1,3}[部分类项章节篇组]|[A-Za-z][、.．])", numbering.SECTION_START),
    "segments.HEADING_NUMBER": (r"^(?:[一二三四五六七八九十]{1,3}[、.．]?|[（(][一二三四五六七八九十]{1,3}[)）])$",
                                numbering.HEADING_NUMBER),
    "rows.LED_BY": (r"^(?:[一二三四五六七八九十]{1,3}[、.．]|[（(][一二三四五六七八九十\d]{1,3}[)）])?\s*"
                    r"([\u4e00-\u9fff]{2,30}?)(?:负责|牵头)(?:的|推进|落实)?(?:重点)?(?:工作|事项|任务)", LED_BY),
    "blocks._ROW_NUMBER": (r"^\W*(\d{1,6})\W*$", numbering.ROW_NUMBER),
    "blocks._SECTION_MARK": (
        r"^(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十]+[)）]|第[一二三四五六七八九十]+[部分章节类篇]|(?:备)?注[:：])",
        blocks._SECTION_MARK),
    "wrapped_headers._NUMBER_BLOCK": (r"^[\W_]*[0-9０-９一二三四五六七八九十]+[\W_]*$", numbering.NUMBER_ALONE),
    "wrapped_headers._HEADING_BLOCK": (r"^(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十]+[)）])",
                                       numbering.HEADING_START),
    "quarters.QUARTER_LABELS_RE": (
        r"(?:第?[一二三四1-4](?:季度)?\s*[、，,和及至\-—~]\s*)*第?[一二三四1-4]季度\s*[:：]?",
        quarters.QUARTER_LABELS_RE),
    "quarters.ITEM_RE": (r"[①②③④⑤⑥⑦⑧⑨⑩]", quarters.ITEM_RE),
    "preamble.MONTHLY_DAY": (r"每个?月(?:的)?\s*" + OLD_DAY, MONTHLY_DAY),
    "preamble.MONTH_DAY": (r"(?:20\d\d\s*年\s*)?(?:每年\s*)?(\d{1,2})\s*月\s*" + OLD_DAY, MONTH_DAY),
    "preamble.DATE_LIST": (
        r"(?:20\d\d\s*年\s*)?(?:每年\s*)?\d{1,2}\s*月\s*[\d一二三四五六七八九十廿]{1,3}\s*[日号]"
        r"(?:\s*(?:、|，|,|和|及|与|以及)\s*(?:20\d\d\s*年\s*)?\d{1,2}\s*月\s*[\d一二三四五六七八九十廿]{1,3}\s*[日号])*",
        DATE_LIST),
    "prose._AFTER_SYMBOL": (r"\s*[、.．]?\s*", numbering.AFTER_SYMBOL),
}
OLD_LIST_MARKERS = (
    (0, rf"第([{OLD_HAN}]{{1,4}}|\d{{1,3}})[项件]\s*[：:、.．，,]?\s*"),
    (0, rf"([{OLD_HAN}]{{1,4}})\s*[、.．]\s*"),
    (1, rf"[（(]\s*([{OLD_HAN}]{{1,4}})\s*[)）]\s*[、.．]?\s*"),
    (2, r"(\d{1,5})\s*(?:[.．](?!\d)|、)\s*"),
    (3, r"(?:[（(]\s*(\d{1,3})\s*[)）]|(\d{1,3})[)）])\s*[、.．]?\s*"),
)
PAIRS.update({f"prose._MARKERS[{index}]": (old, numbering.LIST_MARKERS[index][1])
              for index, (_rank, old) in enumerate(OLD_LIST_MARKERS)})

ALPHABET = ("一二三四五九十百零〇廿1209０９（()）、.．,，:：第项件部类组章Az注备月日号季度年每个前①⑩⑪⒈⑴★_ \n"
            "县局住建牵头负责工作重点")
LINES = [
    "一、教育方面", "（一）城建", "(3)", "3.", "1.5万平方米", "第一项 新建学校", "第3类", "A、总则",
    "01 项目名称：学校", "⒈新建", "⑴改造", "①完成", "⑳", "一百零一、", "县住建局牵头工作",
    "二、李晓峰常务副县长牵头重点工作",
    "（12）区教育局负责的重点任务", "每月22日前报送", "2023年6月25日、12月25日前报送", "每年六月廿五日和12月5号",
    "第一、二季度：完成", "第三季度、第四季度", "1季度", "一季度末", "★12", "１２", "注：以上", "备注:", "第二部分",
]


def samples() -> list[str]:
    chosen = ["", *LINES, *("".join(chars) for size in (1, 2) for chars in product(ALPHABET, repeat=size))]
    rng = random.Random(17)
    chosen += ["".join(rng.choice(ALPHABET) for _ in range(rng.randint(3, 14))) for _ in range(20_000)]
    # Longer lines built from the pieces of real ones, so the lazy and repeated parts are exercised too.
    chosen += ["".join(rng.choice(LINES) for _ in range(rng.randint(1, 3))) for _ in range(3_000)]
    return chosen


SAMPLES = samples()


def outcome(found: re.Match[str] | None):
    return None if found is None else (found.span(), found.groups())


@pytest.mark.parametrize("name", sorted(PAIRS))
def test_each_numbering_pattern_matches_what_its_old_spelling_matched(name):
    old, new = re.compile(PAIRS[name][0]), PAIRS[name][1]
    differ = [text for text in SAMPLES
              if outcome(old.match(text)) != outcome(new.match(text))
              or outcome(old.search(text)) != outcome(new.search(text))]
    assert differ == []
    # The sample does reach the pattern: a pattern no sample matches would prove nothing.
    assert any(new.search(text) for text in SAMPLES)


def test_the_prose_list_markers_keep_their_levels_symbols_and_starts():
    assert [rank for rank, _pattern in numbering.LIST_MARKERS] == [rank for rank, _old in OLD_LIST_MARKERS]
    old_symbols = {
        **{chr(0x2488 + index): (2, str(index + 1)) for index in range(20)},
        **{chr(0x2474 + index): (3, str(index + 1)) for index in range(20)},
        **{chr(0x2460 + index): (4, str(index + 1)) for index in range(20)},
    }
    assert numbering.SYMBOL_MARKERS == old_symbols
    assert numbering.MARKER_STARTS == frozenset(OLD_HAN + "0123456789（(第")


def _old_split_marker(line: str):
    """prose/numbering.py's _number as it was, on the old patterns."""
    symbol = numbering.SYMBOL_MARKERS.get(line[0])
    if symbol is not None:
        rank, number = symbol
        text = line[re.compile(r"\s*[、.．]?\s*").match(line, 1).end():]
        return ((number, rank), text) if text else (None, line)
    if line[0] not in frozenset(OLD_HAN + "0123456789（(第"):
        return None, line
    for rank, pattern in OLD_LIST_MARKERS:
        match = re.compile(pattern).match(line)
        if match and match.end() < len(line):
            return (next(group for group in match.groups() if group), rank), line[match.end():]
    return None, line


def test_a_list_line_splits_into_the_same_number_level_and_text():
    for text in filter(None, SAMPLES):
        marker, rest = numbering.split_marker(text)
        assert ((marker.number, marker.rank) if marker else None, rest) == _old_split_marker(text), text


def test_the_numeral_tables_are_those_written_out_before():
    assert CHINESE_DIGITS == {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
    assert list(quarters.QUARTER_NUMERALS.items()) == [
        ("一", 1), ("二", 2), ("三", 3), ("四", 4), ("1", 1), ("2", 2), ("3", 3), ("4", 4)]
    # The quarter words whose seams a wrapped header may be cut at (read/wrapped_headers.py).
    assert [f"第{digit}季" for digit in "1234" + numbering.QUARTER_HAN] == [
        f"第{digit}季" for digit in "1234一二三四"]
