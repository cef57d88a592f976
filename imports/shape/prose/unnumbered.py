"""Lists told without numbers: after 分别是 / 包括： / 为： in a sentence, or as lines each naming a work.

* After 分别是 / 分别为 / 依次是 / 包括： / 主要有： / 是： / 为：, to the end of the sentence: split at ；,
  or at 、 when every part is a name (MIN_NAME characters or more, no comma in the list), into as
  many parts as a count said before it (这8项…分别是); without a count, MIN_LIST parts at least.
  《A》《B》《C》 after 包括 are the titles in the marks (the 《通知》 before 包括 is none of them;
  《A》《B》等 are documents cited). A lead-in naming units (责任单位分别是：…) opens no list of
  projects, nor one whose sentence does not say it lists projects (see pieces.speaks_of_projects).
  The parts are numbered 1, 2, …; the rest of the sentence is a piece of its own.
* Lines each opening with a named work (旅游富民工程。投资3.2亿元，…), in a text with no number at
  all: MIN_LIST or more in a row, their names ending alike (工程, 行动); the name is the project's
  name, the rest its content.
* Two lists or more, each opened by a short label (6项重点建设项目为：…): the labels are categories.
"""

import re
from collections.abc import Iterator

from imports.foundation.numbering import HAN_DIGITS
from imports.read.base import RawRow
from imports.shape.prose.item_roles import ROLE_RE
from imports.shape.prose.levels import Marker
from imports.shape.prose.pieces import ITEM_RANK, LABEL_RANK, Piece, depths, lead_in, speaks_of_projects, value

_LEAD_IN_RE = re.compile(r"(?:分别是|分别为|依次是|依次为)[：:]?|(?:包括|主要有|具体是|具体为|是|为)[：:]|包括(?=《)")
_COUNT_RE = re.compile(rf"(\d{{1,2}}|[{HAN_DIGITS}两]{{1,3}})\s*(?:项|件|个|大|类|条|批)")
_NAMES_UNITS_RE = re.compile(r"单位|部门|领导|负责|责任")
_CLAUSE_END_RE = re.compile(r"[，,。；;]")
_COMMA_RE = re.compile(r"[，,]")
_TITLE_RE = re.compile(r"《([^《》]{2,80})》[、，,\s]*")
_NAMED_RE = re.compile(r"([^\s，,。；;：:、（(“”\"《》]{3,15})。(?=\S)")
_SENTENCE_MARKS_RE = re.compile(r"[。；;，,！!？?：:]")
MIN_LIST = 3  # parts of a list without a count; lines of named works in a row
MIN_NAME = 4  # characters of each part of a list split at 、 (各区、县（市）政府 is one unit, not a list)
LONGEST_LABEL = 20
MAX_LEAD_INS = 5  # tried per line: a hostile line of ten thousand 为： costs no more than a real one


def split_enumeration(row: RawRow, line: str) -> list[Piece] | None:
    """这七件民生实事分别是：A；B；C。 and 包括《A》《B》《C》: the lead-in, the items, the rest."""
    if ROLE_RE.search(line):
        return None
    for tried, found in enumerate(_LEAD_IN_RE.finditer(line)):
        if tried == MAX_LEAD_INS:
            break
        before = line[:found.start()]
        clause = _CLAUSE_END_RE.split(before)[-1]
        if not clause.strip() or _NAMES_UNITS_RE.search(clause):
            continue
        if line.startswith("《", found.end()):
            parts, stop = _titles(line, found.end())
        else:
            parts, stop = _parts(line, found.end(), _count(clause))
        if parts and speaks_of_projects(line, found.start(), stop):
            opening = Piece(row, line[:found.end()].strip(), text=before.strip())
            opening.label = len(before) <= LONGEST_LABEL and not _SENTENCE_MARKS_RE.search(before)
            items = [Piece(row, part, Marker(str(number), ITEM_RANK), part, sealed=True)
                     for number, part in enumerate(parts, 1)]
            return [opening, *items, *lead_in(row, line[stop:].lstrip("。"))]
    return None


def _titles(line: str, start: int) -> tuple[list[str], int]:
    titles = []
    position = start
    while match := _TITLE_RE.match(line, position):
        titles.append(match.group(1).strip())
        position = match.end()
    if len(titles) < 2 or line.startswith("等", position):
        return [], position
    return titles, position


def _parts(line: str, start: int, count: int | None) -> tuple[list[str], int]:
    """The parts of the list from `start` to the sentence's full stop, and where that stop is."""
    open_at = depths(line)
    stop = next((index for index in range(start, len(line)) if line[index] == "。" and not open_at[index]), len(line))
    body = line[start:stop]
    for separators in ("；;", "、"):
        cuts = [index for index, char in enumerate(body) if char in separators and not open_at[start + index]]
        parts = [part.strip() for part in _cut(body, cuts)]
        if len(parts) < 2 or not all(parts):
            continue
        if separators == "、" and (_COMMA_RE.search(body) or min(map(len, parts)) < MIN_NAME):
            continue
        if (count is None and len(parts) >= MIN_LIST) or count == len(parts):
            return parts, stop
    return [], stop


def _cut(text: str, cuts: list[int]) -> Iterator[str]:
    begin = 0
    for cut in cuts:
        yield text[begin:cut]
        begin = cut + 1
    yield text[begin:]


def _count(clause: str) -> int | None:
    """The count said before a list: 这8项…, 七件…."""
    counts = _COUNT_RE.findall(clause)
    return (value(counts[-1]) or None) if counts else None


def labels_to_categories(pieces: list[Piece]) -> None:
    """6项重点建设项目为：… and 6件惠民实事为：…: two lists, each under its label, are two categories."""
    labels = [piece for piece in pieces if piece.label]
    if len(labels) < 2:
        return
    for number, piece in enumerate(labels, 1):
        piece.marker = Marker(str(number), LABEL_RANK)


def named_works(pieces: list[Piece]) -> None:
    """Lines opening with a named work (旅游富民工程。…), in a text with no number: each a project."""
    index = 0
    while index < len(pieces):
        run: list[tuple[Piece, re.Match[str]]] = []
        while index + len(run) < len(pieces):
            piece = pieces[index + len(run)]
            match = _NAMED_RE.match(piece.line)
            if not match or ROLE_RE.search(piece.line) or (run and match.group(1)[-1] != run[0][1].group(1)[-1]):
                break
            run.append((piece, match))
        if len(run) >= MIN_LIST:
            for number, (piece, match) in enumerate(run, 1):
                # 名称：内容 reads as a name and its content; 名称。内容 would be a name whole, being short.
                piece.marker = Marker(str(number), ITEM_RANK)
                piece.text = f"{match.group(1)}：{piece.line[match.end():].strip()}"
                piece.sealed = True
        index += max(len(run), 1)
