"""Lists flattened into one line: the paragraphs read_prose reads, with each item on a line of its own.

A page copied from the web loses its line breaks, and a news report tells a list in one sentence:

* Numbers inside a line: 分别是：（1）…（2）…, 一是…二是…, ①…②…, and a numbered line holding the next
  item after its bracket or full stop (（一）…（省财政厅负责）（二）…, 1.…。2.…). The line is cut at each
  number of a run counting up by one from the line's own number, or from 1 after a lead-in whose
  sentence says it lists projects. 1. and 一、 count only after a full stop, a semicolon or a
  closing bracket (一是 after a comma too), never inside a bracket, so 2.5亿元, 第1、2批 and 统一是
  are no numbers.
* Lists without numbers, and lines each naming a work: unnumbered.py.

Items of a list told inside a paragraph end with it: the rest of its sentence and the paragraphs
after it are notes, not their continuation (read_prose is told which items are sealed so). A list
inside an item (under a numbered line that is not a short heading) is the item's own text, and
one under a heading over what is not a task (三、保障措施) is no list of projects: both stay whole.
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from imports.foundation.numbering import HAN_DIGITS
from imports.read.base import RawRow
from imports.shape.prose.levels import (
    Marker,
    Paragraph,
    heading_word,
    no_projects_heading,
    read_paragraph,
    row_lines,
)
from imports.shape.prose.pieces import ITEM_RANK, Piece, depths, lead_in, speaks_of_projects, value
from imports.shape.prose.unnumbered import labels_to_categories, named_works, split_enumeration

_HAN = HAN_DIGITS
_AFTER_STOP = "。；;！!？?）)】 \t"
_FIRST_AFTER = _AFTER_STOP + "，,：:"  # the first number after a lead-in: 分别是：（1）, 包括：一是
_SENTENCE_MARKS_RE = re.compile(r"[。；;，,！!？?：:]")
LONGEST_HEADING = 30
MAX_STARTS = 5  # numbers 1 tried per style and line: a hostile line costs no more than a real one


@dataclass(frozen=True)
class _Style:
    pattern: re.Pattern[str]  # group 1: the number
    after: str | None  # what a number inside a line follows; None: anything
    printed: bool  # read_paragraph knows the form; else the piece is given its marker


_STYLES = (
    _Style(re.compile(r"[（(]\s*(\d{1,2})\s*[)）]"), None, True),
    _Style(re.compile(rf"[（(]\s*([{_HAN}]{{1,3}})\s*[)）]"), None, True),
    _Style(re.compile("([\u2460-\u2473])"), None, True),  # ① … ⑳
    _Style(re.compile("([\u2474-\u2487])"), None, True),  # ⑴ … ⒇
    _Style(re.compile(rf"([{_HAN}]{{1,3}})是"), _FIRST_AFTER, False),
    _Style(re.compile(r"(\d{1,2})\s*(?:[.．](?!\d)|、)"), _AFTER_STOP, True),
    _Style(re.compile(rf"([{_HAN}]{{1,3}})\s*[、.．]"), _AFTER_STOP, True),
)


def read_paragraphs(rows: Sequence[RawRow]) -> list[Paragraph]:
    """The rows' paragraphs with flattened lists split; the items of a list told inside a paragraph sealed."""
    pieces: list[Piece] = []
    read: dict[int, Paragraph] = {}  # by id of its piece: a line left whole is read once
    inside = False  # under an item, or a heading over what is not a task: lists there stay whole
    numbered = False  # some line has a number, printed or found inside it
    for row in rows:
        for line in row_lines(row):
            paragraph = read_paragraph(row, line)
            found = None
            if paragraph.marker is not None:
                found = _split_numbered(row, line)
                last = read_paragraph(row, found[-1].line) if found else paragraph
                inside = not _short_heading(last.text) or no_projects_heading(last.text)
                numbered = True
            elif _short_heading(line) and (heading_word(line) or no_projects_heading(line)):
                inside = no_projects_heading(line)  # 教育方面 ends the item above; 保障措施 opens no list
            elif not inside:
                found = _split_after_lead_in(row, line) or split_enumeration(row, line)
                numbered |= found is not None
            if found is None:
                found = [Piece(row, line)]
                read[id(found[0])] = paragraph
            pieces.extend(found)
    labels_to_categories(pieces)
    if not numbered:
        named_works(pieces)
    return [_paragraph(piece, read.get(id(piece))) for piece in pieces]


def _paragraph(piece: Piece, read: Paragraph | None) -> Paragraph:
    if piece.marker is None:
        paragraph = read or read_paragraph(piece.row, piece.line)
        return replace(paragraph, sealed=True) if piece.sealed else paragraph
    paragraph = read_paragraph(piece.row, piece.text)
    return replace(paragraph, line=piece.line, text=piece.text, marker=piece.marker, sealed=piece.sealed)


def _short_heading(text: str) -> bool:
    text = text.rstrip("：:")
    return len(text) <= LONGEST_HEADING and not _SENTENCE_MARKS_RE.search(text)


def _run(line: str, style: _Style, first: re.Match[str], open_at: list[int]) -> list[re.Match[str]]:
    """The numbers of `style` counting up by one from `first`, each where an item can start."""
    run = [first]
    wanted = value(first.group(1)) + 1
    for match in style.pattern.finditer(line, first.end()):
        start = match.start()
        if open_at[start] or (style.after is not None and line[start - 1] not in style.after):
            continue
        number = value(match.group(1))
        if number == wanted:
            run.append(match)
            wanted += 1
        elif len(run) == 1 and number == wanted - 1:
            break  # the same number again before the next: no run from here (and each try stays short)
    return run


def _pieces(row: RawRow, line: str, run: list[re.Match[str]], style: _Style, sealed: bool) -> list[Piece] | None:
    """The line cut at each number of the run; None when a number has no text after it."""
    pieces = []
    for index, match in enumerate(run):
        end = run[index + 1].start() if index + 1 < len(run) else len(line)
        text = line[match.end():end].strip()
        if not text:
            return None
        piece = Piece(row, line[match.start():end].strip(), sealed=sealed)
        if not style.printed:
            piece.marker, piece.text = Marker(match.group(1), ITEM_RANK), text
        pieces.append(piece)
    return pieces


def _split_numbered(row: RawRow, line: str) -> list[Piece] | None:
    """A numbered line holding the items after it, glued on (（一）…（X负责）（二）…)."""
    for style in _STYLES:
        first = style.pattern.match(line)
        if first is not None and style.printed:
            run = _run(line, style, first, depths(line))
            return _pieces(row, line, run, style, False) if len(run) > 1 else None
    return None


def _split_after_lead_in(row: RawRow, line: str) -> list[Piece] | None:
    """分别是：（1）…（2）…: the lead-in, then its items, sealed."""
    best: tuple[int, _Style, list[re.Match[str]]] | None = None
    open_at = depths(line)
    for style in _STYLES:
        tried = 0
        for match in style.pattern.finditer(line, 1):
            start = match.start()
            if (best is not None and start >= best[0]) or tried == MAX_STARTS:
                break
            if value(match.group(1)) == 1 and not open_at[start] and line[start - 1] in _FIRST_AFTER:
                tried += 1
                run = _run(line, style, match, open_at)
                if len(run) > 1:
                    best = (start, style, run)
                    break
    if best is None or not speaks_of_projects(line, best[0], len(line)):
        return None
    start, style, run = best
    items = _pieces(row, line, run, style, True)
    return [*lead_in(row, line[:start]), *items] if items else None
