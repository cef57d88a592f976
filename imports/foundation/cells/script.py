"""Traditional characters (繁體) are read as simplified and given back as they were written."""

from collections.abc import Callable

import opencc

_to_simplified = opencc.OpenCC("t2s")


def simplified(text: str) -> str:
    """Text in simplified characters, for recognising words; data keeps what was written."""
    # Figures and Latin text have nothing to convert, and they are most money cells.
    return text if text.isascii() else _to_simplified.convert(text)


def _same(piece: str) -> str:
    return piece


def read_as_simplified(text: str) -> tuple[str, Callable[[str], str]]:
    """The text in simplified characters, and a function that gives a piece of it back as written.

    The conversion maps character to character, so a piece found in the simplified text is
    turned back by the same pairs; a text whose length the conversion changed is left simplified."""
    plain = simplified(text)
    if plain == text or len(plain) != len(text):
        return plain, _same
    written = {s: t for s, t in zip(plain, text) if s != t}
    return plain, lambda piece: "".join(written.get(char, char) for char in piece)
