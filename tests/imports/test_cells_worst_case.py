"""Hostile unit and people cells: the work grows with the cell, never faster.

Each case runs in a fresh interpreter that is killed after TIMEOUT seconds, so a parser that
goes exponential again fails its test instead of hanging the suite (or exhausting its memory).
The timeout is a guard, not a speed measurement: the old parsers needed minutes or all memory.
"""

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TIMEOUT = 20
PRELUDE = """
import json, time
import django
django.setup()
from imports.foundation.cells.people import parse_people
from imports.foundation.cells.units import _split_run_together, parse_units


def timed(parse, text):
    start = time.perf_counter()
    result = parse(text)
    return result, time.perf_counter() - start
"""


def run_bounded(code: str) -> object:
    """Run code after PRELUDE in a fresh interpreter; what it prints is read as JSON."""
    completed = subprocess.run(
        [sys.executable, "-c", PRELUDE + textwrap.dedent(code)],
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        cwd=ROOT,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings"},
    )
    assert completed.returncode == 0, completed.stderr
    return json.loads(completed.stdout) if completed.stdout else None


def test_sixty_characters_without_a_separator_are_not_guessed_as_people():
    # 60 characters ran out of memory after 42 s while every way of cutting them was listed.
    result = run_bounded("""
        result, seconds = timed(parse_people, "王伟张剑辉" * 12)
        print(json.dumps({"names": result.names, "warnings": result.warnings}))
    """)
    assert all(len(name) <= 4 for name in result["names"])
    assert len(result["warnings"]) == 1
    assert "王伟张剑辉" * 12 in result["warnings"][0]


@pytest.mark.parametrize("times", [24, 1200])
def test_a_unit_repeated_without_a_separator_is_split_without_recursion(times):
    # 24 took over a minute and 1,200 ended in a RecursionError.
    result = run_bounded(f"""
        result, seconds = timed(parse_units, "区教育局" * {times})
        print(json.dumps({{"names": [unit.name for unit in result.units], "warnings": result.warnings}}))
    """)
    assert result == {"names": ["区教育局"], "warnings": []}


def test_a_run_whose_last_name_is_cut_short_is_kept_whole_with_a_warning():
    # The unfinished 区教育 made the old search try every earlier cut again: twice the work per name.
    result = run_bounded("""
        result, seconds = timed(parse_units, "区教育局" * 24 + "区教育")
        print(json.dumps({"names": [unit.name for unit in result.units], "warnings": result.warnings}))
    """)
    assert result["names"] == ["区教育局" * 24 + "区教育"]
    assert len(result["warnings"]) == 1


def test_three_names_run_together_are_still_three():
    result = run_bounded("""
        print(json.dumps({
            "pieces": _split_run_together("区教育局" * 3),
            "repeated": [unit.name for unit in parse_units("区教育局" * 3).units],
            "different": [unit.name for unit in parse_units("区教育局区财政局区住建局").units],
        }))
    """)
    assert result["pieces"] == ["区教育局"] * 3
    assert result["repeated"] == ["区教育局"]  # one unit, one role, however often it is printed
    assert result["different"] == ["区教育局", "区财政局", "区住建局"]
