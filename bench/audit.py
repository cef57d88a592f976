"""What the audit trail costs: loading rows (the values kept at load), bulk deletes (Django can no longer delete
a recorded model in one statement) and a recorded save (the entry written beside it).

    python bench/audit.py [--rows N] [--repeat R] [--database-url postgres://user@host:port/db]

On PostgreSQL the script drops and creates `shishi_bench_audit` on that server (the URL's own database is not
used); without a URL, a new SQLite file. Each figure is the median of R runs, with the audit's receivers connected
("on") and disconnected ("off"), the two alternating so that drift on a shared machine hits both."""

import argparse
import os
import statistics
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
NAME = "shishi_bench_audit"


def prepare(url: str | None, workdir: Path) -> str:
    if not url:
        return f"sqlite:///{workdir / 'bench.sqlite3'}"
    import psycopg

    parts = urlsplit(url)
    with psycopg.connect(urlunsplit(parts._replace(path="/postgres")), autocommit=True) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {NAME} WITH (FORCE)")
        connection.execute(f"CREATE DATABASE {NAME}")
    return urlunsplit(parts._replace(path=f"/{NAME}"))


def switch(on: bool) -> None:
    """Connect or disconnect the trail's model receivers and its load hook (audit/model_writes.py)."""
    from django.db import models
    from django.db.models.signals import m2m_changed, post_delete, post_save

    from audit import model_writes

    if on:
        model_writes.connect()
        return
    for model in model_writes.recorded_models():
        uid = f"audit.{model._meta.label_lower}"
        if "from_db" in model.__dict__:
            del model.from_db  # Django's own again
        assert model.from_db.__func__ is models.Model.from_db.__func__
        for signal in (post_save, post_delete):
            signal.disconnect(sender=model, dispatch_uid=uid)
        for field in model._meta.local_many_to_many:
            m2m_changed.disconnect(sender=field.remote_field.through, dispatch_uid=f"{uid}.{field.name}")


def timed(action) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--database-url")
    options = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="shishi_bench_audit_"))
    os.environ.update(DATABASE_URL=prepare(options.database_url, workdir), DJANGO_SETTINGS_MODULE="config.settings",
                      SECRET_KEY="bench-audit-" + "x" * 50)
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import transaction

    call_command("migrate", verbosity=0)
    from audit.recording import summarised
    from projects.models import Jurisdiction, Organization, Plan, Project, ProjectOrganization

    district = Jurisdiction.objects.create(name="基准区")
    plan = Plan.objects.create(jurisdiction=district, year=2026, kind="public_service", title="基准计划")
    unit = Organization.objects.create(jurisdiction=district, name="基准局")
    Project.objects.bulk_create([Project(plan=plan, position=n, number=str(n), key=f"k{n}", name=f"基准项目{n}",
                                         content="内容" * 40, total_investment=Decimal("12.5"))
                                 for n in range(options.rows)])
    ids = list(Project.objects.values_list("pk", flat=True))

    def load():
        list(Project.objects.all())

    def delete_links():
        with transaction.atomic():
            ProjectOrganization.objects.bulk_create([ProjectOrganization(project_id=pk, organization=unit, role="lead")
                                                     for pk in ids])
            with summarised("bench"):  # as an import deletes the rows of its changed projects
                ProjectOrganization.objects.filter(project_id__in=ids).delete()

    def saves():
        with transaction.atomic():
            for project in Project.objects.filter(pk__in=ids[:200]):
                project.name += "改"
                project.save()

    figures = {}
    for label, action in (("load", load), ("delete", delete_links), ("save", saves)):
        runs = {True: [], False: []}
        for _ in range(options.repeat):
            for on in (True, False):
                switch(on)
                runs[on].append(timed(action))
        switch(True)
        figures[label] = (statistics.median(runs[True]), statistics.median(runs[False]))
    vendor = "PostgreSQL" if options.database_url else "SQLite"
    print(f"{vendor}, {options.rows} projects, median of {options.repeat}:")
    rows = {"load": f"load {options.rows} projects", "delete": f"delete {options.rows} unit links in bulk",
            "save": "save 200 projects one by one"}
    for label, (on, off) in figures.items():
        print(f"  {rows[label]:<36} audit on {on * 1000:8.1f} ms   off {off * 1000:8.1f} ms   x{on / off:.2f}")


if __name__ == "__main__":
    main()
