"""Reports imported before reports had a workflow are kept, as accepted reports of their period."""

from datetime import date

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("progress", "0001_initial"), ("projects", "0001_initial"), ("accounts", "0002_role_groups")]
AFTER = [("progress", "0003_report_workflow"), ("accounts", "0003_user_jurisdiction")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.fixture
def back_to_latest():
    yield
    migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())


def test_an_imported_monthly_report_becomes_an_accepted_report(back_to_latest):
    old = migrate(BEFORE)
    district = old.get_model("projects", "Jurisdiction").objects.create(name="鹿城区")
    plan = old.get_model("projects", "Plan").objects.create(jurisdiction=district, year=2023, kind="progress_report",
                                                            title="进展表")
    project = old.get_model("projects", "Project").objects.create(plan=plan, position=1, key="1", name="幼有所育")
    unit = old.get_model("projects", "Organization").objects.create(jurisdiction=district, name="区卫生健康局")
    old.get_model("progress", "MonthlyReport").objects.create(project=project, organization=unit,
                                                              month=date(2023, 6, 1), progress="已建设 15 家")
    officer = old.get_model("accounts", "User").objects.create(username="xxy", organization=unit)

    new = migrate(AFTER)
    report = new.get_model("progress", "Report").objects.get()
    assert (report.period, report.status, report.progress, report.version) == (
        date(2023, 6, 1), "accepted", "已建设 15 家", 1)
    assert new.get_model("accounts", "User").objects.get(pk=officer.pk).jurisdiction_id == district.pk
