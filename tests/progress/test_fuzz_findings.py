"""Defects the fuzz tests (tests/fuzz/) found on the report's page, each kept as the smallest POST that showed it."""

import pytest
from django.urls import reverse

from progress import services
from progress.models import Report
from tests.progress.world import build_world

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("version", ["①", "²"])
def test_a_withdrawal_posted_with_a_circled_or_superscript_digit_is_refused_not_a_server_error(client, version):
    # "①".isdigit() is true, but int("①") raises: the view took it for a version number.
    world = build_world()
    report = services.save_report(user=world.officer, project=world.project, month=world.period.month,
                                  data=services.ReportInput(progress="初稿"), version=0, submit=True)
    client.force_login(world.officer)

    response = client.post(reverse("progress:withdraw", args=[report.pk]), {"version": version}, follow=True)

    assert response.redirect_chain[0][0] == reverse("progress:report", args=[world.project.pk, world.period.month])
    # Refused as a save on another version is: no version of the report is written "①".
    assert "其他人刚刚修改了该进展，请先重新查看。" in response.content.decode()
    assert Report.objects.get().status == Report.Status.SUBMITTED
