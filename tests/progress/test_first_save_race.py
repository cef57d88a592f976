"""Officers of one unit who open a new period's form together and save at once: one report is stored, and every
other officer is told someone saved first (409) with their own text kept, exactly as on a later save.

Real threads, each with its own database connection, released together by a barrier; run on SQLite and on
PostgreSQL (DATABASE_URL=postgres://… REQUIRE_DATABASE_VENDOR=postgresql)."""

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from accounts.roles import Role
from progress import services
from progress.models import AssistingNote, Report, Revision
from projects.schedule import Period
from tests.concurrency import at_once
from tests.factories import make_user
from tests.progress.world import World, build_world, report_form

pytestmark = pytest.mark.django_db(transaction=True)

OFFICERS = 4
# Several periods, each a fresh first save, so a race that loses words shows up in every run.
TRIES = 6


@pytest.fixture
def world(settings, tmp_path) -> World:
    settings.MEDIA_ROOT = tmp_path
    return build_world()


def officers(world: World) -> list[User]:
    extra = [make_user(username=f"officer{n}", role=Role.OFFICER, organization=world.officer.organization)
             for n in range(OFFICERS - 2)]
    return [world.officer, world.colleague, *extra]


def open_periods(world: World) -> list[Period]:
    today = timezone.localdate()
    return [p for p in world.plan.schedule.periods(world.plan.year) if p.opens <= today][-TRIES:]


def save_job(world: World, user: User, period: Period) -> Callable[[], Report]:
    data = services.ReportInput(percent_complete=30, progress=f"{user.username} 写的进展")
    return lambda: services.save_report(user=user, project=world.project, month=period.month, data=data, version=0,
                                        submit=False)


def test_concurrent_first_saves_store_one_report_and_the_others_get_a_conflict_with_the_winner(world):
    people = officers(world)
    for period in open_periods(world):
        results = at_once([save_job(world, user, period) for user in people])

        stored = Report.objects.get(project=world.project, period=period.month)
        saved = [result for result in results if isinstance(result, Report)]
        refused = [result for result in results if isinstance(result, services.ReportConflict)]
        assert len(saved) == 1 and len(refused) == OFFICERS - 1, results
        assert saved[0].pk == stored.pk and stored.version == 1
        assert stored.progress == f"{stored.reported_by.username} 写的进展"
        # Each loser is shown the winner's report, the one that is stored.
        assert {(clash.report.pk, clash.report.version, clash.report.progress) for clash in refused} == {
            (stored.pk, 1, stored.progress)}
        assert list(Revision.objects.filter(report=stored).values_list("version", flat=True)) == [1]


def post_job(world: World, user: User, period: Period, text: str) -> Callable[[], object]:
    client = Client()
    client.force_login(user)
    url = reverse("progress:report", args=[world.project.pk, period.month])
    data = {**report_form(world, progress=text), "save": "1"}
    data.pop("submit")
    return lambda: client.post(url, data)


def test_the_officers_who_lose_the_first_save_get_409_with_their_own_text_still_in_the_form(world):
    people = officers(world)
    for period in open_periods(world):
        texts = {user.username: f"{user.username}：本期完成 {n} 个小区" for n, user in enumerate(people)}
        responses = at_once([post_job(world, user, period, texts[user.username]) for user in people])

        assert sorted(response.status_code for response in responses) == [302] + [409] * (OFFICERS - 1), responses
        stored = Report.objects.get(project=world.project, period=period.month)
        winner = stored.reported_by.username
        assert stored.progress == texts[winner]
        for user, response in zip(people, responses, strict=True):
            if response.status_code != 409:
                continue
            page = response.content.decode()
            # Their own words in the form, the winner's above it, and the next save starts from the winner's version.
            assert texts[user.username] in page and texts[winner] in page
            assert "在您打开后于" in page and "您的修改未保存" in page
            assert response.context["form"].data["version"] == 1


def note_job(world: World, user: User, period: Period, text: str) -> Callable[[], AssistingNote]:
    return lambda: services.save_assisting_note(user=user, project=world.project, month=period.month, text=text)


def test_officers_of_an_assisting_unit_saving_the_first_note_at_once_store_one_note_and_see_no_error(world):
    unit = world.assisting.organization
    people = [world.assisting, *(make_user(username=f"helper{n}", role=Role.OFFICER, organization=unit)
                                 for n in range(OFFICERS - 1))]
    for period in open_periods(world):
        texts = [f"{user.username} 的协办说明" for user in people]
        results = at_once([note_job(world, user, period, text) for user, text in zip(people, texts, strict=True)])

        assert all(isinstance(result, AssistingNote) for result in results), results
        note = AssistingNote.objects.get(project=world.project, organization=unit, period=period.month)
        assert note.text in texts and note.text == f"{note.author.username} 的协办说明"
