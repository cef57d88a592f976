"""Every message has its Chinese, and the compiled catalogue Django reads says the same."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import polib

LOCALE = Path(__file__).resolve().parents[2] / "locale" / "zh_Hans" / "LC_MESSAGES"


def test_every_message_is_translated_and_none_is_fuzzy():
    po = polib.pofile(str(LOCALE / "django.po"))
    assert po.untranslated_entries() == []
    assert po.fuzzy_entries() == []


def test_compiled_catalogue_matches_the_source():
    po = {entry.msgid: entry.msgstr for entry in polib.pofile(str(LOCALE / "django.po")) if not entry.obsolete}
    mo = {entry.msgid: entry.msgstr for entry in polib.mofile(str(LOCALE / "django.mo"))}
    stale = {msgid for msgid, msgstr in po.items() if mo.get(msgid) != msgstr}
    assert not stale, f"run manage.py compilemessages: {sorted(stale)[:5]}"


def test_every_string_the_code_marks_is_in_the_catalogue(tmp_path):
    """makemessages, run on a copy of the code, finds no message the catalogue lacks.

    Run on a copy: makemessages rewrites the catalogue it extracts into, and the test must not."""
    root = LOCALE.parents[2]
    copy = tmp_path / "code"
    shutil.copytree(root, copy, ignore=shutil.ignore_patterns(".*", "var", "staticfiles", "__pycache__", "fixtures",
                                                              "bench", "tests", "*.sqlite3"))
    done = subprocess.run([sys.executable, "manage.py", "makemessages", "-l", "zh_Hans", "--no-location"],
                          cwd=copy, capture_output=True, text=True, env={**os.environ, "DEBUG": "1"})
    assert done.returncode == 0, done.stderr
    extracted = polib.pofile(str(copy / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"))
    missing = sorted(entry.msgid for entry in extracted if not entry.obsolete and not entry.translated())
    assert not missing, f"add these to locale/zh_Hans/LC_MESSAGES/django.po: {missing[:10]}"
