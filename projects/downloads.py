"""How a download is named: in Chinese, as the office files it, with an ASCII name for old clients."""

from urllib.parse import quote

from django.db.models.fields.files import FieldFile
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import render


def as_download(response: HttpResponse, name: str, fallback: str) -> HttpResponse:
    """Send `response` as a file named `name` (RFC 6266 / RFC 5987: filename*=UTF-8''…).

    Browsers take the UTF-8 name; a client that does not read filename* gets `fallback`, which must
    be ASCII (non-ASCII bytes in a header are read as Latin-1 and arrive as mojibake)."""
    plain = "".join(char for char in fallback if char.isascii() and char.isprintable() and char not in '"\\;')
    response["Content-Disposition"] = f"attachment; filename=\"{plain}\"; filename*=UTF-8''{quote(name, safe='')}"
    return response


def stored_file(request: HttpRequest, file: FieldFile, *, content_type: str, name: str,
                as_attachment: bool) -> HttpResponse:
    """An uploaded photo or document, served as what it was checked to be; a clear 404 page when its
    bytes are gone (a database restored without its media folder), never a 500."""
    try:
        opened = file.open("rb")
    except FileNotFoundError:
        return render(request, "projects/missing_file.html", {"name": name}, status=404)
    response = FileResponse(opened, content_type=content_type, filename=name, as_attachment=as_attachment)
    # Never sniffed as something else, and nothing in it may run as this site's page.
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'"
    return response
