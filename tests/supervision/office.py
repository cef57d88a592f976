"""A Word file opened by LibreOffice as a recipient's office suite would, and read back from its PDF.

Shared by the circular's and the instruction sheet's tests; each skips when soffice is not installed."""

import shutil
import subprocess
from pathlib import Path

import pytest

needs_soffice = pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")


def as_pdf(data: bytes, folder: Path, name: str = "document") -> Path:
    """The .docx converted by `soffice --headless --convert-to pdf`; fails the test if LibreOffice refuses it."""
    source = folder / f"{name}.docx"
    source.write_bytes(data)
    # A profile of its own: another LibreOffice running on the machine would otherwise take the job.
    done = subprocess.run(
        ["soffice", f"-env:UserInstallation={(folder / 'profile').as_uri()}", "--headless", "--convert-to", "pdf",
         "--outdir", str(folder), str(source)],
        capture_output=True, text=True, timeout=180)
    pdf = folder / f"{name}.pdf"
    assert done.returncode == 0 and pdf.exists(), done.stderr
    assert pdf.read_bytes().startswith(b"%PDF")
    return pdf


def pdf_text(pdf: Path) -> str:
    """The PDF's text by pdftotext (poppler-utils), without white space; skips the test without pdftotext."""
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed: the PDF was made but its text cannot be read")
    done = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    # Without white space: lines wrap where the page or the table cell ends, and pdftotext sets
    # spaces between Chinese characters and digits (1 号) where the PDF only has a narrower gap.
    return "".join(done.stdout.split())
