"""Every message has its Chinese, and the compiled catalogue Django reads says the same."""

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
