"""How a download is named: in Chinese, as the office files it, with an ASCII name for old clients."""

from urllib.parse import quote

from django.http import HttpResponse


def as_download(response: HttpResponse, name: str, fallback: str) -> HttpResponse:
    """Send `response` as a file named `name` (RFC 6266 / RFC 5987: filename*=UTF-8''…).

    Browsers take the UTF-8 name; a client that does not read filename* gets `fallback`, which must
    be ASCII (non-ASCII bytes in a header are read as Latin-1 and arrive as mojibake)."""
    plain = "".join(char for char in fallback if char.isascii() and char.isprintable() and char not in '"\\;')
    response["Content-Disposition"] = f"attachment; filename=\"{plain}\"; filename*=UTF-8''{quote(name, safe='')}"
    return response
