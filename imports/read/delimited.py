"""CSV/TSV reader with encoding and delimiter detected from the content."""

import csv
import io
import re
from collections import Counter

from django.utils.translation import gettext as _

from imports.read.base import RawTable, ReadError, TableSize, make_row

DELIMITERS = (",", "\t", ";")
_SNIFF_RECORDS = 50
# A notice above a table is a few dozen lines at most; a table has at least three columns.
_NOTICE_RECORDS = 100
_TABLE_UNDER_NOTICE = 3
# C0 controls other than tab/newline/CR/form feed are not text. A real file may carry a stray one
# (a NUL left by the exporting system), which is passed on for the interpreter to drop with a
# warning; a binary file, or UTF-16 without its BOM, has them everywhere. Counted in the first
# 64K characters, a few per 1024 is the most text has.
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f]")
_CONTROLS_SAMPLE = 65536
_CONTROLS_PER_KB = 4


def decode_text(data: bytes) -> str:
    """Text of a file in UTF-8 (with or without BOM), UTF-16 with BOM or GB18030; newlines as \\n."""
    if data.startswith(b"\xef\xbb\xbf"):
        candidates = ["utf-8-sig"]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        # Excel's "Unicode text" export is UTF-16 with a BOM.
        candidates = ["utf-16"]
    else:
        # GB18030 is what Chinese Excel writes for CSV; it is a superset of GBK and GB2312.
        candidates = ["utf-8", "gb18030"]
    for encoding in candidates:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if not _is_binary(text[:_CONTROLS_SAMPLE]):
            return text.replace("\r\n", "\n").replace("\r", "\n")
    raise ReadError(_("The file is not text in a known encoding (UTF-8 or GB18030)."))


def _is_binary(sample: str) -> bool:
    allowed = max(_CONTROLS_PER_KB, len(sample) * _CONTROLS_PER_KB // 1024)
    return len(_CONTROL.findall(sample)) > allowed


def outside_quotes(text: str, delimiter: str) -> str:
    """The text with every quoted field emptied ("" left in its place), as CSV quoting reads it.

    A quoted cell may hold tabs, pipes and line breaks; what remains shows the shape of the file.
    """
    escaped = re.escape(delimiter)
    # Written as an unrolled loop so that a field of millions of characters is one fast repeat.
    quoted = re.compile(rf'(?:^|(?<={escaped}))"[^"]*(?:""[^"]*)*"(?={escaped}|$)', re.MULTILINE)
    return quoted.sub('""', text)


def sniff_delimiter(text: str, *, candidates: tuple[str, ...] = DELIMITERS) -> str | None:
    """The delimiter of `candidates` most first records agree on with at least two fields, or None.

    One-field records before the first record with several (the notice above a table: title,
    document number, addressees, as a program that does not pad rows writes them) are not counted;
    the table under such a notice must then be at least three columns wide.
    """
    best, best_score = None, 0
    for delimiter in candidates:
        counts = []
        notice = 0
        reader = csv.reader(io.StringIO(text), delimiter=delimiter)
        try:
            for record in reader:
                if not any(field.strip() for field in record):
                    continue
                if len(record) < 2 and not counts and notice < _NOTICE_RECORDS:
                    notice += 1
                    continue
                counts.append(len(record))
                if len(counts) >= _SNIFF_RECORDS:
                    break
        except csv.Error:
            continue
        if not counts:
            continue
        width, agreeing = Counter(counts).most_common(1)[0]
        # Prose has commas too, but rarely the same number on most lines.
        narrowest = _TABLE_UNDER_NOTICE if notice else 2
        if width >= narrowest and agreeing >= 2 and agreeing * 5 >= len(counts) * 3 and agreeing > best_score:
            best, best_score = delimiter, agreeing
    return best


def read_delimited(text: str, *, name: str, delimiter: str | None = None) -> RawTable:
    """Rows of a delimited text, located by file name and the line each record starts on."""
    delimiter = delimiter or sniff_delimiter(text) or ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    rows = []
    size = TableSize(name)
    last_line = 0
    while True:
        try:
            record = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            raise ReadError(
                _("Line %(line)d cannot be read as CSV: %(error)s") % {"line": last_line + 1, "error": exc}
            ) from exc
        row = size.add(make_row(name, last_line + 1, (field.strip() for field in record)))
        if row is not None:
            rows.append(row)
        last_line = reader.line_num
    return RawTable(name=name, rows=tuple(rows))

