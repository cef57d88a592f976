"""The demo's site photos: small PNG pictures drawn here, so that a finished project's report shows a photo
(and a backup has uploads to carry) without shipping image files. Each project's picture differs, as
real photos do, so each is its own stored file."""

import struct
import zlib

from django.core.files.uploadedfile import SimpleUploadedFile

WIDTH, HEIGHT = 160, 120


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def site_photo(seed: int) -> SimpleUploadedFile:
    """A PNG of sky over a green site with a grey building, shifted by `seed`."""
    left = 20 + seed * 7 % 80
    rows = []
    for y in range(HEIGHT):
        row = bytearray(b"\x00")  # PNG filter: none
        for x in range(WIDTH):
            if left <= x < left + 50 and 40 <= y < 95:
                row += bytes((150, 150, 155))
            elif y < 60:
                row += bytes((120 + y, 170 + y // 2, 235))
            else:
                row += bytes((60, 140 + (x + seed) % 40, 70))
        rows.append(bytes(row))
    header = struct.pack(">IIBBBBB", WIDTH, HEIGHT, 8, 2, 0, 0, 0)
    data = (b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header) + _chunk(b"IDAT", zlib.compress(b"".join(rows), 9))
            + _chunk(b"IEND", b""))
    return SimpleUploadedFile(f"现场照片-{seed}.png", data, content_type="image/png")
