"""Screenshots that show something: PNG decoding with zlib (no imaging library) and the blank check."""

import struct
import zlib
from collections import Counter
from pathlib import Path

SHOTS = Path("/tmp/browser-shots")  # copies for a person to look at


def png_pixels(data: bytes) -> tuple[int, int, list[bytes]]:
    """(width, height, rows of raw pixel bytes) of an 8-bit RGB or RGBA, non-interlaced PNG."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    position, idat, header = 8, [], None
    while position < len(data):
        (length,), kind = struct.unpack(">I", data[position:position + 4]), data[position + 4:position + 8]
        body = data[position + 8:position + 8 + length]
        position += 12 + length
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat.append(body)
        elif kind == b"IEND":
            break
    width, height, depth, colour, _compression, _filter, interlace = header
    assert depth == 8 and colour in (2, 6) and interlace == 0, f"unexpected PNG format {header}"
    bpp = 4 if colour == 6 else 3
    stride = width * bpp
    raw = zlib.decompress(b"".join(idat))
    rows, prior = [], bytearray(stride)
    for y in range(height):
        start = y * (stride + 1)
        kind, row = raw[start], bytearray(raw[start + 1:start + 1 + stride])
        if kind == 1:  # Sub
            for i in range(bpp, stride):
                row[i] = (row[i] + row[i - bpp]) & 0xFF
        elif kind == 2:  # Up
            row = bytearray((a + b) & 0xFF for a, b in zip(row, prior))
        elif kind == 3:  # Average
            for i in range(stride):
                row[i] = (row[i] + ((row[i - bpp] if i >= bpp else 0) + prior[i]) // 2) & 0xFF
        elif kind == 4:  # Paeth
            for i in range(stride):
                a, b, c = (row[i - bpp] if i >= bpp else 0), prior[i], (prior[i - bpp] if i >= bpp else 0)
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                row[i] = (row[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 0xFF
        rows.append(bytes(row))
        prior = row
    return width, height, rows


def assert_not_blank(path: Path, width: int) -> None:
    """The screenshot shows something: besides its background, other colours cover a real share of it."""
    png_width, height, rows = png_pixels(path.read_bytes())
    assert png_width == width, f"{path.name} is {png_width} px wide, not {width}"
    bpp = len(rows[0]) // png_width
    colours = Counter(row[i:i + 3] for row in rows for i in range(0, len(row), bpp))
    total = png_width * height
    (_background, most), *others = colours.most_common()
    assert most / total < 0.97, f"{path.name}: one colour covers {most / total:.1%} of the picture"
    shown = sum(1 for _colour, n in others if n / total >= 0.002)
    assert shown >= 2, f"{path.name} shows too little besides its background"
