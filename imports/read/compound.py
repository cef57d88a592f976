"""The streams of an OLE2 compound file (the container of .xls and .doc), read in bounded time.

An OLE2 file is a little file system: a header, a table of sector chains (the FAT, itself listed
by the header and the DIFAT chain), a directory of named streams, and small streams kept in a
mini stream with a FAT of its own. Every number in it is the writer's word, so each chain is
followed at most as many steps as the file has sectors (a longer chain loops), each sector must
lie inside the file and each stream's size must fit in its chain: a broken or hostile container is
refused in time and memory proportional to the file's size, never followed into a loop.

olefile reads these too, but it is one more dependency for the ~150 lines needed here, and the
bounds are what matters: here each one is visible and tested.
"""

import struct
import sys
from array import array
from dataclasses import dataclass

from django.utils.translation import gettext as _

from imports.read.base import ReadError

SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_HEADER = 512
_END_OF_CHAIN = 0xFFFFFFFE
_NO_ENTRY = 0xFFFFFFFF
_HEADER_DIFAT = 109  # FAT sector numbers held by the header itself
_ENTRY = 128
_STREAM, _ROOT = 2, 5
_MINI_SECTOR = 64
_MINI_CUTOFF = 4096  # streams smaller than this live in the mini stream


def damaged() -> ReadError:
    return ReadError(_("The workbook is damaged and cannot be read."))


@dataclass(frozen=True)
class Entry:
    name: str
    kind: int
    start: int
    size: int
    left: int
    right: int
    child: int


class CompoundFile:
    """The directory of an OLE2 file and the bytes of any stream in it; ReadError when broken."""

    def __init__(self, data: bytes):
        if len(data) < _HEADER or not data.startswith(SIGNATURE):
            raise damaged()
        self.data = data
        shift, mini_shift = struct.unpack_from("<HH", data, 0x1E)
        if shift not in (9, 12) or mini_shift != 6:
            raise damaged()
        self.sector_size = 1 << shift
        # Sector n starts at (n + 1) * sector size; a last sector cut short by its writer still counts.
        self.sectors = max(0, -(-(len(data) - self.sector_size) // self.sector_size))
        fat_count, directory_start = struct.unpack_from("<II", data, 0x2C)
        mini_fat_start, mini_fat_count, difat_start, difat_count = struct.unpack_from("<IIII", data, 0x3C)
        if fat_count > self.sectors or difat_count > self.sectors or mini_fat_count > self.sectors:
            raise damaged()
        self.fat = self._table(self._fat_sectors(fat_count, difat_start, difat_count))
        self.entries = self._directory(directory_start)
        root = self.entries[0] if self.entries and self.entries[0].kind == _ROOT else None
        if root is None:
            raise damaged()
        self.mini_fat = self._table(self.chain(mini_fat_start) if mini_fat_count else [])
        self.mini_stream = self._read(self.chain(root.start), root.size) if root.size else b""

    def top_level_streams(self) -> dict[str, Entry]:
        """The streams directly in the root storage, by name (not those of embedded objects)."""
        found: dict[str, Entry] = {}
        pending, seen = [self.entries[0].child], set()
        # A red-black tree of siblings; each entry visited once, so a tree that loops ends too.
        while pending:
            index = pending.pop()
            if index == _NO_ENTRY or index in seen:
                continue
            if index >= len(self.entries):
                raise damaged()
            seen.add(index)
            entry = self.entries[index]
            if entry.kind == _STREAM:
                found[entry.name] = entry
            pending += [entry.left, entry.right]
        return found

    def stream(self, entry: Entry) -> bytes:
        if entry.size >= _MINI_CUTOFF:
            return self._read(self.chain(entry.start), entry.size)
        chain = self._chain(entry.start, self.mini_fat, len(self.mini_stream) // _MINI_SECTOR)
        if entry.size > len(chain) * _MINI_SECTOR:
            raise damaged()
        return b"".join(self.mini_stream[n * _MINI_SECTOR : (n + 1) * _MINI_SECTOR] for n in chain)[: entry.size]

    def chain(self, start: int) -> list[int]:
        return self._chain(start, self.fat, self.sectors)

    @staticmethod
    def _chain(start: int, table: array, limit: int) -> list[int]:
        """The sectors of a chain; a chain longer than the sectors there are loops."""
        chain, sector = [], start
        while sector != _END_OF_CHAIN:
            if sector >= limit or sector >= len(table) or len(chain) >= limit:
                raise damaged()
            chain.append(sector)
            sector = table[sector]
        return chain

    def _sector(self, number: int) -> bytes:
        if number >= self.sectors:
            raise damaged()
        start = (number + 1) * self.sector_size
        return self.data[start : start + self.sector_size].ljust(self.sector_size, b"\0")

    def _read(self, chain: list[int], size: int) -> bytes:
        if size > len(chain) * self.sector_size:
            raise damaged()
        return b"".join(self._sector(number) for number in chain)[:size]

    def _table(self, sectors: list[int]) -> array:
        """Sector numbers as 32-bit entries (the FAT or the mini FAT), 4 bytes each, not a Python int each."""
        table = array("I", b"".join(self._sector(number) for number in sectors))
        if sys.byteorder == "big":
            table.byteswap()
        return table

    def _fat_sectors(self, count: int, difat_start: int, difat_count: int) -> list[int]:
        numbers = list(struct.unpack_from(f"<{_HEADER_DIFAT}I", self.data, 0x4C))[: min(count, _HEADER_DIFAT)]
        per_sector = self.sector_size // 4 - 1  # the last entry of a DIFAT sector points to the next one
        sector = difat_start
        for _step in range(difat_count):
            if len(numbers) >= count:
                break
            entries = struct.unpack(f"<{per_sector + 1}I", self._sector(sector))
            numbers += entries[:per_sector][: count - len(numbers)]
            sector = entries[per_sector]
        if len(numbers) < count:
            raise damaged()
        return numbers

    def _directory(self, start: int) -> list[Entry]:
        raw = b"".join(self._sector(number) for number in self.chain(start))
        entries = []
        for offset in range(0, len(raw) - _ENTRY + 1, _ENTRY):
            name_bytes, kind = struct.unpack_from("<H B", raw, offset + 64)
            left, right, child = struct.unpack_from("<III", raw, offset + 68)
            start_sector, size = struct.unpack_from("<IQ", raw, offset + 116)
            if self.sector_size == 512:
                size &= 0xFFFFFFFF  # version 3 files may leave garbage in the high half
            if kind in (_STREAM, _ROOT) and size > len(self.data):
                raise damaged()  # a stream cannot hold more than the whole file
            name = raw[offset : offset + min(name_bytes, 64)].decode("utf-16-le", "replace").rstrip("\0")
            entries.append(Entry(name, kind, start_sector, size, left, right, child))
        return entries
