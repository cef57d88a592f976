"""Excel 97-2003 .xls files for the tests: real ones saved by LibreOffice, hostile ones written here.

LibreOffice Calc (`soffice --convert-to xls`, Debian's libreoffice-calc-nogui, installed by dev.py)
saves a workbook built with openpyxl as Excel itself would, merged cells and numbers included. The
hostile files need records no office program writes, so `biff_workbook` writes the two layers by
hand: BIFF8 records (type, length, data) in a minimal OLE2 compound file (512-byte sectors, one FAT,
one directory sector, the Workbook stream in ordinary sectors).
"""

import struct
import subprocess
import tempfile
from pathlib import Path

# --- saved by LibreOffice --------------------------------------------------------------------


def as_xls(workbooks: dict[str, bytes]) -> dict[str, bytes]:
    """Each .xlsx (by a name without extension) saved as .xls, all in one LibreOffice run."""
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        sources = []
        for stem, data in workbooks.items():
            path = folder / f"{stem}.xlsx"
            path.write_bytes(data)
            sources.append(str(path))
        # A profile of its own: another soffice running (the circular's tests) must not be asked instead.
        result = subprocess.run(
            ["soffice", f"-env:UserInstallation={(folder / 'profile').as_uri()}", "--headless",
             "--convert-to", "xls", "--outdir", str(folder / "out"), *sources],
            capture_output=True, text=True, timeout=180,
        )  # fmt: skip
        converted = {stem: folder / "out" / f"{stem}.xls" for stem in workbooks}
        missing = [stem for stem, path in converted.items() if not path.exists()]
        assert not missing, f"LibreOffice did not save {missing} as .xls: {result.stdout} {result.stderr}"
        return {stem: path.read_bytes() for stem, path in converted.items()}


# --- written by hand -------------------------------------------------------------------------

BOF, EOF, BOUNDSHEET, DIMENSIONS, LABEL, NUMBER = 0x0809, 0x000A, 0x0085, 0x0200, 0x0204, 0x0203
SST, FILEPASS, MERGEDCELLS = 0x00FC, 0x002F, 0x00E5
_WORKBOOK_GLOBALS, _WORKSHEET = 0x0005, 0x0010
_END_OF_CHAIN, _FREE, _FAT_SECTOR, _NO_ENTRY = 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFD, 0xFFFFFFFF
_SECTOR = 512


def record(kind: int, body: bytes = b"") -> bytes:
    return struct.pack("<HH", kind, len(body)) + body


def label(row: int, column: int, text: str) -> bytes:
    """A LABEL cell: row, column, format 0, then the text as UTF-16 (flag 1)."""
    return record(LABEL, struct.pack("<HHHHB", row, column, 0, len(text), 1) + text.encode("utf-16-le"))


def number(row: int, column: int, value: float) -> bytes:
    return record(NUMBER, struct.pack("<HHHd", row, column, 0, value))


def dimensions(rows: int, columns: int) -> bytes:
    """First row, last row + 1, first column, last column + 1 (BIFF8: rows as 32 bits)."""
    return record(DIMENSIONS, struct.pack("<IIHHH", 0, rows, 0, columns, 0))


def merged(*ranges: tuple[int, int, int, int]) -> bytes:
    """MERGEDCELLS: (first row, last row, first column, last column) each."""
    return record(MERGEDCELLS, struct.pack("<H", len(ranges)) + b"".join(struct.pack("<HHHH", *r) for r in ranges))


def _bof(substream: int) -> bytes:
    return record(BOF, struct.pack("<HHHHII", 0x0600, substream, 0x0DBB, 0x07CC, 0, 0x06))


def biff_stream(sheets: dict[str, list[bytes]], *, globals_records: list[bytes] = (),
                positions: list[int] | None = None) -> bytes:
    """A Workbook stream: the globals (BOF, `globals_records`, one BOUNDSHEET a sheet, EOF), then each sheet.

    `positions` replaces the sheet positions the BOUNDSHEET records give (to make them lie)."""

    def boundsheet(position: int, name: str) -> bytes:
        return record(BOUNDSHEET, struct.pack("<IBBBB", position, 0, 0, len(name), 1) + name.encode("utf-16-le"))

    bodies = [_bof(_WORKSHEET) + b"".join(records) + record(EOF) for records in sheets.values()]
    head = _bof(_WORKBOOK_GLOBALS) + b"".join(globals_records)
    globals_length = len(head) + sum(len(boundsheet(0, name)) for name in sheets) + len(record(EOF))
    starts, offset = [], globals_length
    for body in bodies:
        starts.append(offset)
        offset += len(body)
    starts = positions if positions is not None else starts
    boundsheets = b"".join(boundsheet(start, name) for start, name in zip(starts, sheets, strict=True))
    return head + boundsheets + record(EOF) + b"".join(bodies)


def compound_file(streams: dict[str, bytes], *, chain: dict[int, int] | None = None,
                  sizes: dict[str, int] | None = None, fat_sectors: int | None = None) -> bytes:
    """An OLE2 file (version 3) holding `streams` at the top level, each at least 4096 bytes (padded).

    `chain` overrides FAT entries (sector -> next), `sizes` the sizes the directory declares and
    `fat_sectors` the number of FAT sectors the header declares: the ways a container can lie."""
    padded = {name: data.ljust(4096, b"\0") for name, data in streams.items()}
    counts = {name: -(-len(data) // _SECTOR) for name, data in padded.items()}
    data_sectors = sum(counts.values())
    fat_count = -(-(data_sectors + 2) // (_SECTOR // 4 - 1)) if data_sectors else 1
    directory_sector = fat_count
    fat = [_FAT_SECTOR] * fat_count + [_END_OF_CHAIN]
    starts, next_sector = {}, fat_count + 1
    for name, count in counts.items():
        starts[name] = next_sector
        fat += list(range(next_sector + 1, next_sector + count)) + [_END_OF_CHAIN]
        next_sector += count
    for sector, following in (chain or {}).items():
        fat[sector] = following
    fat += [_FREE] * (fat_count * _SECTOR // 4 - len(fat))

    def entry(name: str, kind: int, start: int, size: int, child: int = _NO_ENTRY, right: int = _NO_ENTRY) -> bytes:
        encoded = (name + "\0").encode("utf-16-le") if name else b""
        return (encoded.ljust(64, b"\0") + struct.pack("<HBB", len(encoded), kind, 1)
                + struct.pack("<III", _NO_ENTRY, right, child) + b"\0" * 36
                + struct.pack("<IQ", start, size))  # fmt: skip

    names = list(padded)
    entries = [entry("Root Entry", 5, _END_OF_CHAIN, 0, child=1)]
    for index, name in enumerate(names, start=1):
        # Siblings as a right-leaning chain: a valid red-black tree needs only to be a binary tree here.
        right = index + 1 if index < len(names) else _NO_ENTRY
        entries.append(entry(name, 2, starts[name], (sizes or {}).get(name, len(padded[name])), right=right))
    directory = b"".join(entries).ljust(-(-len(entries) * 128 // _SECTOR) * _SECTOR, b"\0")
    assert len(directory) == _SECTOR, "one directory sector holds four entries"

    difat = list(range(fat_count)) + [_FREE] * (109 - fat_count)
    header = (bytes.fromhex("d0cf11e0a1b11ae1") + b"\0" * 16
              + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6) + b"\0" * 6
              + struct.pack("<IIIIIIIII", 0, fat_sectors if fat_sectors is not None else fat_count,
                            directory_sector, 0, 4096, _END_OF_CHAIN, 0, _END_OF_CHAIN, 0)
              + struct.pack("<109I", *difat))  # fmt: skip
    fat_bytes = struct.pack(f"<{len(fat)}I", *fat)
    streams_bytes = b"".join(padded[name].ljust(counts[name] * _SECTOR, b"\0") for name in names)
    return header + fat_bytes + directory + streams_bytes


def biff_workbook(sheets: dict[str, list[bytes]], **options) -> bytes:
    """An .xls with these sheets' records (see `biff_stream`), in a well-formed container."""
    return compound_file({"Workbook": biff_stream(sheets, **options)})
