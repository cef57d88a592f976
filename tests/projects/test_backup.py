"""Backup and restore (README: Backup and restore), on whichever database the suite runs on (CI runs it on
SQLite and on PostgreSQL): a year of reports with photos written to one archive, the database and the
media folder emptied, the archive restored, and every table compared row by row and every file byte by
byte. A restore into a database or media folder that holds anything is refused and changes nothing; a
damaged archive is found by the check and refused by the restore."""

import io
import tarfile
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError

from accounts.models import User
from imports import staged_files
from progress import services
from progress.models import Attachment
from projects.backup import BackupError, check_backup, restore_backup, write_backup
from projects.backup.tables import backed_up_models
from projects.models import Organization, Project
from tests.projects.conftest import report_on_2022
from tests.supervision.sheet_world import photo

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def media(settings, tmp_path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def year(media):
    """Seed 000 with reports, a verification and an open request; two photos on a report; a staged import file."""
    plan, _coordinator = report_on_2022()
    officer = User.objects.get(username="zjj")
    leads = Project.objects.filter(plan=plan, unit_roles__organization=officer.organization, unit_roles__role="lead")
    seven = leads.exclude(number__in=["8", "9"]).first()
    month = plan.schedule.periods(2022)[-1].month
    services.save_report(user=officer, project=seven, month=month, version=0, submit=False,
                         data=services.ReportInput(percent_complete=30, progress="基础施工"),
                         files=[photo("基坑.png", 120), photo("围挡.png", 210)])
    staged_files.stage(checksum="0" * 64, data="序号,项目名称\n1,口袋公园\n".encode())
    return plan


def everything() -> tuple[dict[str, list[tuple]], dict[str, bytes]]:
    """Every row of every table by primary key, and every file of the media folder with its bytes."""
    rows = {model._meta.label: list(model._base_manager.order_by("pk").values_list(
        *[field.attname for field in model._meta.concrete_fields])) for model in backed_up_models()}
    root = Path(settings.MEDIA_ROOT)
    files = {path.relative_to(root).as_posix(): path.read_bytes() for path in root.rglob("*") if path.is_file()}
    return rows, files


def empty_everything(media: Path) -> None:
    """What a new server has: a migrated database (with what `migrate` writes itself) and no uploads."""
    call_command("flush", interactive=False, verbosity=0)
    for path in sorted(media.rglob("*"), key=lambda path: -len(path.parts)):
        path.unlink() if path.is_file() else path.rmdir()


def test_a_backup_restored_into_a_new_database_gives_back_every_row_and_file(year, media, tmp_path):
    before_rows, before_files = everything()
    assert Attachment.objects.count() == 2 and len(before_files) == 3
    archive = tmp_path / "shishi.tar.gz"
    out = io.StringIO()
    call_command("backup", str(archive), stdout=out)
    assert "备份已写入" in out.getvalue()
    assert not archive.with_name("shishi.tar.gz.partial").exists()

    empty_everything(media)
    assert not Project.objects.exists() and not any(media.rglob("*"))
    call_command("restore", str(archive), stdout=out)

    after_rows, after_files = everything()
    assert after_files == before_files
    for label, rows in before_rows.items():
        assert after_rows[label] == rows, label
    # What the year wrote is in the comparison (and not only empty tables).
    assert all(before_rows[label] for label in (
        "accounts.User", "auth.Group", "projects.Project", "projects.Funding", "progress.Report",
        "progress.Attachment", "progress.Revision", "progress.Verification", "progress.CoordinationRequest",
        "progress.ProjectStatus", "imports.ImportRecord"))
    # New rows follow the restored ids (PostgreSQL's sequences were moved past them).
    Organization.objects.create(name="新单位", jurisdiction=year.jurisdiction)


def test_the_check_reads_a_whole_archive_and_finds_a_changed_byte(year, tmp_path):
    archive = tmp_path / "shishi.tar"
    write_backup(archive)
    manifest = check_backup(archive)
    assert {table["model"] for table in manifest["tables"]} >= {"projects.Project", "progress.Attachment"}
    assert len(manifest["files"]) == 3
    with tarfile.open(archive) as tar:
        member = tar.getmember("data/projects.Project.jsonl")
    with open(archive, "r+b") as file:
        file.seek(member.offset_data + 5)
        byte = file.read(1)
        file.seek(-1, io.SEEK_CUR)
        file.write(bytes([byte[0] ^ 1]))
    with pytest.raises(CommandError, match="data/projects.Project.jsonl 与校验值不符"):
        call_command("backup", "--check", str(archive))


def test_a_restore_into_a_database_that_holds_data_is_refused_and_changes_nothing(year, media, tmp_path):
    archive = tmp_path / "shishi.tar.gz"
    write_backup(archive)
    before = everything()
    with pytest.raises(BackupError, match="数据库不是空的"):
        restore_backup(archive)
    assert everything() == before


def test_a_restore_into_a_media_folder_that_holds_files_is_refused_and_changes_nothing(year, media, tmp_path):
    archive = tmp_path / "shishi.tar.gz"
    write_backup(archive)
    empty_everything(media)
    (media / "imports").mkdir(parents=True)
    (media / "imports" / "left-over").write_bytes(b"x")
    before = everything()
    with pytest.raises(CommandError, match="上传文件目录.*不是空的"):
        call_command("restore", str(archive))
    assert everything() == before and not Project.objects.exists()


def test_a_damaged_archive_is_refused_before_anything_is_written(year, media, tmp_path):
    archive = tmp_path / "shishi.tar"
    write_backup(archive)
    empty_everything(media)
    with tarfile.open(archive) as tar:
        member = tar.getmember(next(name for name in tar.getnames() if name.startswith("media/attachments/")))
    with open(archive, "r+b") as file:
        file.seek(member.offset_data)
        file.write(b"\0\0\0\0")
    before = everything()
    with pytest.raises(BackupError, match="已损坏"):
        restore_backup(archive)
    assert everything() == before


def test_what_is_not_a_backup_is_refused_with_a_message(tmp_path):
    stray = tmp_path / "notes.tar"
    stray.write_bytes(b"not a tar file at all" * 100)
    with pytest.raises(CommandError, match="不是本系统的备份文件"):
        call_command("restore", str(stray))
    with pytest.raises(CommandError, match="文件不存在"):
        call_command("backup", "--check", str(tmp_path / "missing.tar"))

