"""An amount in 万元 reads the same on every page: 12345.5 on the list, the project page, the report and the
dashboard, never 12345.5000 on one and 12,345.5 on the next."""

import re
from decimal import Decimal

import pytest
from django.urls import reverse

from projects.models import Funding
from tests.progress.world import build_world, report_form

pytestmark = pytest.mark.django_db


def test_every_page_writes_an_amount_one_way(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    world = build_world()
    project = world.project
    project.total_investment = Decimal("12345.5000")
    project.save()
    Funding.objects.filter(project=project, source__name="区财政").update(amount=Decimal("12245.5000"))
    client.force_login(world.officer)
    report = reverse("progress:report", args=[project.pk, world.period.month])
    assert client.post(report, report_form(world)).status_code == 302  # 区财政 80, 上级补助 20.5 paid out
    client.force_login(world.coordinator)
    pages = {
        "list": reverse("projects:list"),
        "project": reverse("projects:detail", args=[project.pk]),
        "report": report,
        "dashboard": reverse("dashboard") + f"?jurisdiction={world.plan.jurisdiction_id}&year={world.plan.year}",
    }
    shows = {
        "list": ["12345.5"],
        "project": ["12345.5", "12245.5", "20.5"],
        "report": ["20.5"],
        "dashboard": ["12345.5", "12245.5", "20.5"],
    }
    for name, url in pages.items():
        response = client.get(url)
        assert response.status_code == 200, name
        text = re.sub(r"<[^>]+>", " ", response.content.decode())
        for amount in shows[name]:
            assert re.search(rf"(?<![\d.,]){re.escape(amount)}(?![\d.,])", text), f"{name} does not show {amount}"
        # No trailing zeros, no thousands separator: the way the tables and the exports write it.
        assert not re.search(r"\b(?:12345|12245|20)\.\d*0\b|12,[23]45", text), name
