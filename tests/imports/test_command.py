"""`manage.py import_table` for scripts and cron: the same import, a JSON summary, an exit status."""

import json

import pytest
from django.core.management import call_command

from imports.models import ImportRecord
from projects.models import Plan, Project
from tests.imports.seeds import seed_path

pytestmark = pytest.mark.django_db


def run(capsys, *args) -> tuple[int, str]:
    try:
        call_command("import_table", *args)
        code = 0
    except SystemExit as exit:
        code = exit.code
    return code, capsys.readouterr().out


def test_json_summary_of_an_import(capsys):
    code, out = run(capsys, str(seed_path("001")), "--json")
    summary = json.loads(out)
    assert code == 0
    assert summary["plan"] | {"title": None} == {
        "jurisdiction": "泉州台商投资区", "year": 2024, "kind": "public_service", "title": None,
        "document_number": "", "issued_on": None, "report_schedule": None}
    assert summary["counts"] == {"projects": 41, "sub_projects": 4, "categories": 5, "organizations": 31,
                                 "people": 5, "milestones": 177, "progress_reports": 0}
    assert summary["totals"] == {"total_investment": "29162.79", "annual_investment": None, "by_source": {
        "上级补助": "4339", "区级补助": "23945.59", "镇村自筹": "878.2"}}
    assert "赖丽水" in summary["people"] and "区民生保障局" in summary["organizations"]
    assert all(check["ok"] for check in summary["checks"])
    assert (summary["created"], summary["updated"], summary["unchanged"], summary["errors"]) == (45, 0, 0, [])
    assert Project.objects.count() == 45


def test_dry_run_writes_nothing(capsys):
    code, out = run(capsys, str(seed_path("004")), "--dry-run")
    assert code == 0 and "dry run" in out
    assert Plan.objects.count() == 0 and ImportRecord.objects.count() == 0


def test_jurisdiction_and_year_can_be_given(capsys):
    code, out = run(capsys, str(seed_path("003")), "--jurisdiction", "温州市/鹿城区", "--json")
    assert json.loads(out)["plan"]["jurisdiction"] == "温州市 › 鹿城区"
    assert str(Plan.objects.get().jurisdiction) == "温州市 › 鹿城区"


def test_errors_give_a_non_zero_exit_status_and_are_recorded(capsys, tmp_path):
    table = tmp_path / "无表头.txt"
    table.write_text("2023年某区为民办实事项目\n只是一段文字\n", encoding="utf-8")
    code, out = run(capsys, str(table), "--json")
    summary = json.loads(out)
    assert code == 1 and summary["errors"]
    assert Plan.objects.count() == 0
    assert ImportRecord.objects.get().status == "failed"


def test_a_progress_bar_is_shown_on_a_terminal_only(tmp_path):
    import os
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}"}
    manage = [sys.executable, str(root / "manage.py")]
    subprocess.run([*manage, "migrate", "-v0"], cwd=root, env=env, check=True)
    command = [*manage, "import_table", str(seed_path("004")), "--dry-run"]
    piped = subprocess.run(command, cwd=root, env=env, capture_output=True, text=True, check=True)
    assert "%|" not in piped.stderr
    import fcntl
    import struct
    import termios

    leader, follower = os.openpty()
    # A terminal 100 columns wide: a new pseudo-terminal has none, and a bar needs room.
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))
    subprocess.run(command, cwd=root, env=env, stdout=follower, stderr=follower, check=True, timeout=120)
    os.close(follower)
    shown = b""
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:
            break
        if not chunk:
            break
        shown += chunk
    os.close(leader)
    assert "%|" in shown.decode() and "dry run" in shown.decode()
