#!/usr/bin/env python3
"""Set-up for a fresh machine that has only Python: the README's two commands.

    python3 dev.py demo    install, create the SQLite database, load the demo, serve 127.0.0.1:8000
    python3 dev.py test    install and run the whole test suite (arguments go to pytest)
    python3 dev.py lint    install and run ruff over the code (what .ci/run does first)

Everything is installed into .venv from requirements.lock, so every machine gets the same set.
Standard library only: this file runs before anything is installed.
"""

import hashlib
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
LOCK = ROOT / "requirements.lock"
PYTHON = VENV / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
STAMP = VENV / ".installed-lock-sha256"


def run(*command: str | Path, env: dict | None = None) -> None:
    print("+", " ".join(str(part) for part in command), flush=True)
    completed = subprocess.run([str(part) for part in command], cwd=ROOT, env=env)
    if completed.returncode != 0:
        sys.exit(completed.returncode)


def install() -> None:
    """Create .venv and install the locked packages, unless the same lock is installed already."""
    # No stamp: never installed, or a first install cut short (Ctrl-C while the venv was made leaves
    # a Python without pip), so the venv is made afresh.
    if not PYTHON.exists() or not STAMP.exists():
        print(f"Creating {VENV} …", flush=True)
        venv.EnvBuilder(with_pip=True, clear=True).create(VENV)
    wanted = hashlib.sha256(LOCK.read_bytes()).hexdigest()
    if STAMP.exists() and STAMP.read_text() == wanted:
        return
    run(PYTHON, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "-r", LOCK)
    STAMP.write_text(wanted)


# Debian packages the tests use: chromium (and CJK fonts) for the browser tests, Playwright never downloading
# one; LibreOffice's writer and poppler's pdftotext to turn the circular and the instruction sheet into PDF and
# read them back, as an office opening our .docx would; LibreOffice's calc to save the importer's test
# workbooks as Excel 97-2003 .xls. Each package is known installed by its command, or by a file when it
# brings no command of its own (calc runs inside soffice).
SYSTEM_PACKAGES = {"chromium": "chromium", "fonts-noto-cjk": None, "libreoffice-writer-nogui": "soffice",
                   "libreoffice-calc-nogui": "/usr/lib/libreoffice/program/libsclo.so", "poppler-utils": "pdftotext"}


def install_system_packages() -> None:
    """Install the Debian packages whose command is missing (fonts go with chromium)."""
    missing = [package for package, marker in SYSTEM_PACKAGES.items()
               if marker and not (shutil.which(marker) or os.path.exists(marker))]
    if not missing:
        return
    if "chromium" in missing:
        missing.append("fonts-noto-cjk")
    if not shutil.which("apt-get") or os.geteuid() != 0:
        print(f"{', '.join(missing)} missing and cannot be installed here (needs root and apt-get): the tests that "
              f"need them fail or skip until `apt-get install {' '.join(missing)}` is run.", flush=True)
        return
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    run("apt-get", "update", "-qq", env=env)
    run("apt-get", "install", "-y", "-qq", "--no-install-recommends", *missing, env=env)


def manage(*args: str, env: dict) -> None:
    run(PYTHON, ROOT / "manage.py", *args, env=env)


def demo() -> None:
    # The demo is a developer's laptop: debug pages, plain HTTP, SQLite unless told otherwise.
    env = {**os.environ, "DEBUG": "1"}
    (ROOT / "var").mkdir(exist_ok=True)
    manage("migrate", "--noinput", env=env)
    manage("demo", env=env)
    print("\nOpen http://127.0.0.1:8000/ and sign in with one of the accounts above.\n", flush=True)
    manage("runserver", "127.0.0.1:8000", env=env)


def test(pytest_args: list[str]) -> None:
    install_system_packages()
    run(PYTHON, "-m", "pytest", *pytest_args)


def lint() -> None:
    run(VENV / "bin" / "ruff", "check", ".")


def main() -> None:
    if len(sys.argv) < 2 or sys.argv[1] not in {"demo", "test", "lint"}:
        sys.exit(__doc__)
    install()
    if sys.argv[1] == "demo":
        demo()
    elif sys.argv[1] == "lint":
        lint()
    else:
        test(sys.argv[2:])


if __name__ == "__main__":
    main()
