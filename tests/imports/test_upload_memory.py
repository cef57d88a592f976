"""A 20 MB upload of any format is read in bounded memory: well under 1 GB at its peak.

A 19 MB CSV of short rows (900,000 of them) took 1.9 GB and five minutes, every row kept as cells,
then as a draft, before anything said that a responsibility table has at most 20,000 rows
(IMPORT_MAX_ROWS). Each upload here goes through the browser's path (the upload form, the preview,
its record) in a process of its own, whose peak resident memory is measured."""

import io
import os
import random
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from docx import Document

from tests.imports.test_hostile_files import (
    database,  # noqa: F401 - the child processes' migrated SQLite
    with_sheet_xml,
)

ROOT = Path(__file__).resolve().parents[2]
MEGABYTES = 19.5
PEAK_LIMIT_MB = 1024
TITLE = "合肥市蜀山区2024年民生实事项目责任分解表"

CHILD = """
import os, resource, sys
import django
django.setup()
from django.conf import settings
from django.test import Client
from accounts.models import User
from imports.models import ImportRecord
settings.MEDIA_ROOT = sys.argv[3]
user, _ = User.objects.get_or_create(username="root", defaults={"is_superuser": True, "is_staff": True})
client = Client()
client.force_login(user)
path, field = sys.argv[1], sys.argv[2]
with open(path, "rb") as file:
    posted = {"text": file.read().decode()} if field == "text" else {"file": file}
    response = client.post("/imports/", posted)
record = ImportRecord.objects.order_by("-pk").first()
peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
print(response.status_code, record.status if record else None, peak_mb)
"""


def short_rows_text(separator: str) -> bytes:
    """A title, a header, then numbered short rows until the file is MEGABYTES large."""
    lines, size, number = [TITLE, separator.join(("序号", "项目名称", "承办单位"))], 0, 0
    while size < MEGABYTES * 1024 * 1024:
        number += 1
        lines.append(separator.join((str(number), f"项目{number}", "区教育局")))
        size += len(lines[-1].encode()) + 1
    return "\n".join(lines).encode()


def random_text(length: int, rng: random.Random) -> str:
    # Characters drawn from the whole CJK block hardly compress: the packed file stays as large as it says.
    return "".join(chr(rng.randrange(0x4E00, 0x9FA5)) for _ in range(length))


def long_rows(rng: random.Random, rows: int = 19_000, length: int = 380) -> list[tuple[str, ...]]:
    """A full-sized table within the limits: 19,000 projects, each with a long content."""
    return [(str(n), f"项目{n}", random_text(length, rng), "区教育局") for n in range(1, rows + 1)]


def xlsx_upload() -> bytes:
    rng = random.Random(1)

    def cell(ref: str, text: str) -> str:
        return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'

    def rows():
        yield f'<row r="1">{cell("A1", TITLE)}</row>'
        header = ("序号", "项目名称", "主要内容", "承办单位")
        yield f'<row r="2">{"".join(cell(f"{c}2", t) for c, t in zip("ABCD", header))}</row>'
        for index, values in enumerate(long_rows(rng), start=3):
            yield f'<row r="{index}">{"".join(cell(f"{c}{index}", t) for c, t in zip("ABCD", values))}</row>'

    return with_sheet_xml(stream_rows=rows())


def docx_upload() -> bytes:
    rng = random.Random(2)
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'

    def row(values) -> str:
        return "<w:tr>" + "".join(f"<w:tc><w:p><w:r><w:t>{v}</w:t></w:r></w:p></w:tc>" for v in values) + "</w:tr>"

    body = "".join([f"<w:p><w:r><w:t>{TITLE}</w:t></w:r></w:p><w:tbl><w:tblGrid>", "<w:gridCol/>" * 4, "</w:tblGrid>",
                    row(("序号", "项目名称", "主要内容", "承办单位")), *map(row, long_rows(rng)), "</w:tbl>"])
    buffer = io.BytesIO()
    Document().save(buffer)
    output = io.BytesIO()
    with zipfile.ZipFile(buffer) as source, zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "word/document.xml":
                content = f'<?xml version="1.0" encoding="UTF-8"?><w:document {w}><w:body>{body}</w:body></w:document>'
            target.writestr(info.filename, content)
    return output.getvalue()


@pytest.mark.parametrize(("name", "field", "build", "status"), [
    ("短行.csv", "file", lambda: short_rows_text(","), "failed"),
    ("粘贴文本.txt", "text", lambda: short_rows_text("\t"), "failed"),
    ("长内容.xlsx", "file", xlsx_upload, "previewed"),
    ("长内容.docx", "file", docx_upload, "previewed"),
], ids=["csv-900000-short-rows", "pasted-900000-short-rows", "xlsx-19000-long-rows",
        "docx-19000-long-rows"])  # fmt: skip
def test_a_20_mb_upload_stays_well_under_a_gigabyte(tmp_path, database, name, field, build, status):  # noqa: F811
    path = tmp_path / name
    path.write_bytes(build())
    assert 15 * 1024 * 1024 < path.stat().st_size <= 20 * 1024 * 1024

    env = {**os.environ, "DATABASE_URL": database, "DJANGO_SETTINGS_MODULE": "config.settings",
           "ALLOWED_HOSTS": "testserver", "SECURE_SSL_REDIRECT": "0"}
    result = subprocess.run([sys.executable, "-c", CHILD, str(path), field, str(tmp_path / "media")], cwd=ROOT,
                            env=env, capture_output=True, text=True, timeout=600)

    assert result.returncode == 0, result.stderr[-3000:]
    code, recorded, peak_mb = result.stdout.split()
    assert (code, recorded) == ("302", status)  # too many rows: a message; within the limits: the preview
    assert int(peak_mb) < PEAK_LIMIT_MB, f"peak {peak_mb} MB"
