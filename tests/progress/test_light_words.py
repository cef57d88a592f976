"""A green light's reason says what is true of the reports: a report handed in long after its due date is not
"on time"; the Chinese says exactly what the English does."""

from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import override

from progress import lights, services
from tests.progress.world import build_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    world = build_world()
    # Last-but-three year's plan: every period is long past its due date (the 22nd).
    world.plan.year = timezone.localdate().year - 4
    world.plan.save()
    return world


def hand_in(world, month: date) -> None:
    # 95 %: a past year's target is 100 %, and this story is about the words of a green light, not the gap.
    data = services.ReportInput(percent_complete=95, progress="完成管网改造。")
    services.save_report(user=world.officer, project=world.project, month=month, data=data, version=0, submit=True)


def test_a_green_light_after_a_report_handed_in_years_late_says_how_late_it_came(client, world):
    year = world.plan.year
    hand_in(world, date(year, 11, 1))
    hand_in(world, date(year, 12, 1))
    days = (timezone.localdate() - date(year, 12, 22)).days

    client.force_login(world.coordinator)
    page = client.get(reverse("projects:detail", args=[world.project.pk])).content.decode()
    assert world.project.status.light == "green"
    assert f"按计划推进：节点无滞后；最近一期（{year}-12）报告逾期 {days} 天才报送。" in page
    assert "按时" not in page


def test_a_green_light_of_reports_in_on_time_says_the_reports_are_in():
    reason = {"code": "on_plan"}
    with override("en"):
        assert lights.describe(reason) == "On plan: reports are in and no milestone is behind."
    with override("zh-hans"):
        assert lights.describe(reason) == "按计划推进：报告已报送，节点无滞后。"
    late = {"code": "on_plan_late", "period": "2022-12", "days": 1}
    with override("en"):
        assert lights.describe(late) == (
            "On plan: no milestone is behind; the latest report, for 2022-12, came in 1 day after its due date.")
