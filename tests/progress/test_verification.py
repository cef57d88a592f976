"""A unit says its project is complete; it counts as done only once the supervision office verified it (销号).

The claim (a counted report saying 100 %) makes the light 'awaiting verification'. A coordinator returns it
with a reason (the report goes back to the unit with that comment), or verifies it, with a note and a site
photo (the report is accepted): then, and only then, the project is done, in its light and in the progress
table. Two coordinators acting at once decide once; the other is told."""

from datetime import date, timedelta
from io import BytesIO

import openpyxl
import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import override

from accounts.models import User
from accounts.roles import Role
from progress import services, verification
from progress.export import VERIFIED_MARK, progress_table
from progress.models import LightChange, ProjectStatus, Report, Revision, Verification
from progress.status_selectors import awaiting_verification, verification_panel
from projects import clock
from projects.access import visible_projects
from projects.models import Project, ProjectOrganization
from tests.concurrency import at_once
from tests.factories import make_jurisdiction, make_organization, make_plan, make_project, make_user
from tests.progress.test_permissions import tiny_png
from tests.progress.world import World, build_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(settings, tmp_path) -> World:
    settings.MEDIA_ROOT = tmp_path
    return build_world()


def june(world: World) -> date:
    return date(world.plan.year, 6, 1)


# 10 June of the world's year: June's report is open, and the days are the same on every run.
def day(world: World) -> date:
    return date(world.plan.year, 6, 10)


def claim(world: World, project: Project | None = None, *, version: int = 0, percent: int = 100) -> Report:
    """The lead unit hands in June's report saying `percent`."""
    with clock.pinned(day(world)):
        return services.save_report(user=world.officer, project=project or world.project, month=june(world),
                                    version=version, submit=True,
                                    data=services.ReportInput(percent_complete=percent, progress="全部完工。"))


def light(project: Project) -> ProjectStatus:
    return ProjectStatus.objects.get(project=project)


def said(response) -> str:
    """The message this request added (those of earlier requests stay until a page shows them)."""
    return [str(message) for message in get_messages(response.wsgi_request)][-1]


def test_a_claim_is_returned_claimed_again_verified_and_only_then_done(client, world):
    project = world.project
    report = claim(world)
    status = light(project)
    assert (status.light, status.reasons) == ("awaiting", [{"code": "awaiting_verification",
                                                            "period": f"{june(world):%Y-%m}"}])
    assert list(awaiting_verification(world.coordinator)) == [report]

    client.force_login(world.coordinator)
    with clock.pinned(day(world)):
        response = client.post(reverse("progress:return_completion", args=[project.pk]),
                                {"reason": "现场尚有两处路灯未安装", "version": report.version})
    assert response.status_code == 302 and response["Location"] == reverse("projects:detail", args=[project.pk])
    assert said(response) == "未予核验：进展已退回单位。"
    report.refresh_from_db()
    assert (report.status, report.review_comment, report.reviewed_by) == ("returned", "现场尚有两处路灯未安装",
                                                                          world.coordinator)
    returned = Verification.objects.get()
    assert (returned.outcome, returned.note, returned.report_version, returned.by) == (
        "returned", "现场尚有两处路灯未安装", 1, world.coordinator)
    # Without the claim the light is what the other reports make it: January to May are missing.
    assert light(project).light == "red"
    assert list(awaiting_verification(world.coordinator)) == []

    # The unit corrects its report and claims again.
    claim(world, version=report.version)
    assert light(project).light == "awaiting"

    photo = SimpleUploadedFile("现场.png", tiny_png(200), content_type="image/png")
    with clock.pinned(day(world)):
        response = client.post(reverse("progress:verify_completion", args=[project.pk]),
                               {"note": "现场核验，全部完工", "photo": photo, "version": 3})
    assert said(response) == "已核验完成：该项目计为已完成。"
    report.refresh_from_db()
    assert (report.status, report.version) == ("accepted", 4)
    assert list(Revision.objects.filter(report=report).order_by("version").values_list("action", flat=True)) == [
        "submitted", "returned", "submitted", "accepted"]
    verified = Verification.objects.get(outcome="verified")
    assert (verified.note, verified.report_version, verified.photo_type, verified.photo_name) == (
        "现场核验，全部完工", 3, "image/png", "现场.png")
    status = light(project)
    assert (status.light, status.reasons) == ("done", [{"code": "done"}])
    assert list(LightChange.objects.order_by("at", "id").values_list("before", "after")) == [
        ("awaiting", "red"), ("red", "awaiting"), ("awaiting", "done")]

    shown = client.get(reverse("progress:verification_photo", args=[verified.pk]))
    assert (b"".join(shown.streaming_content), shown["Content-Type"]) == (tiny_png(200), "image/png")

    # A second click, or a second coordinator: told it is done, nothing written.
    response = client.post(reverse("progress:verify_completion", args=[project.pk]), {"note": "再次核验"})
    assert said(response) == f"该项目已由 duban 于 {timezone.localdate(verified.at):%Y-%m-%d} 核验完成。"
    assert Verification.objects.count() == 2 and Report.objects.get().version == 4


def test_a_claim_returned_already_is_not_returned_twice(world):
    claim(world)
    other = make_user(username="duban2", role=Role.COORDINATOR, jurisdiction=world.plan.jurisdiction)
    verification.return_completion(user=world.coordinator, project=world.project, reason="照片不清")
    with pytest.raises(ValidationError) as refused:
        verification.return_completion(user=other, project=world.project, reason="资料不全")
    assert refused.value.messages == [
        f"该完成申报已由 duban 于 {timezone.localdate(Verification.objects.get().at):%Y-%m-%d} 退回单位。"]
    with pytest.raises(ValidationError):
        verification.verify_completion(user=other, project=world.project)
    assert Verification.objects.count() == 1 and Report.objects.get().review_comment == "照片不清"


@pytest.mark.parametrize("who", ["officer", "leader"])
def test_only_a_coordinator_decides(world, who):
    claim(world)
    with pytest.raises(PermissionDenied):
        verification.verify_completion(user=getattr(world, who), project=world.project)
    with pytest.raises(PermissionDenied):
        verification.return_completion(user=getattr(world, who), project=world.project, reason="不予核验")
    assert not Verification.objects.exists() and Report.objects.get().status == "submitted"


def test_a_return_without_a_reason_is_refused_in_words_and_writes_nothing(world):
    claim(world)
    with pytest.raises(ValidationError) as refused:
        verification.return_completion(user=world.coordinator, project=world.project, reason="  ")
    assert refused.value.messages == ["请说明不予核验的理由；单位将看到它作为审核意见。"]
    assert not Verification.objects.exists() and Report.objects.get().status == "submitted"
    assert light(world.project).light == "awaiting"


def test_a_coordinator_of_another_district_may_not_decide(world):
    claim(world)
    stranger = make_user(username="fz", role=Role.COORDINATOR, jurisdiction=make_jurisdiction(name="丰泽区"))
    with pytest.raises(PermissionDenied):
        verification.verify_completion(user=stranger, project=world.project)
    assert not Verification.objects.exists()


@pytest.mark.parametrize(("name", "data"), [
    ("说明.pdf", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n"),  # a document, not a photo
    ("photo.jpg", b"MZ\x90\x00" + bytes(60)),  # a program named .jpg
])
def test_a_photo_that_is_not_one_is_refused_and_nothing_is_written(world, name, data):
    claim(world)
    with pytest.raises(ValidationError) as refused:
        verification.verify_completion(user=world.coordinator, project=world.project,
                                       photo=SimpleUploadedFile(name, data))
    assert refused.value.messages[0].startswith(f"{name} 不是照片（JPEG、PNG、GIF、WebP、HEIC）")
    assert not Verification.objects.exists() and Report.objects.get().status == "submitted"


def test_a_decision_on_a_report_that_changed_meanwhile_is_refused(world):
    report = claim(world)
    with pytest.raises(ValidationError) as refused:
        verification.verify_completion(user=world.coordinator, project=world.project, version=report.version - 1)
    assert refused.value.messages == ["单位的进展已有变动，请先重新查看。"]
    with pytest.raises(ValidationError) as refused:
        verification.verify_completion(user=world.coordinator, project=make_project(plan=world.plan))
    assert refused.value.messages == ["没有待核验的完成申报：单位最近一期进展未称项目已完成。"]


def test_an_accepted_100_percent_report_still_awaits_and_a_return_sends_it_back(world):
    report = claim(world)
    services.review_report(user=world.coordinator, report=report, version=report.version, accept=True)
    assert light(world.project).light == "awaiting"
    verification.return_completion(user=world.coordinator, project=world.project, reason="未见竣工验收资料")
    report.refresh_from_db()
    assert (report.status, report.review_comment) == ("returned", "未见竣工验收资料")


def test_a_verified_project_counts_as_done_in_the_progress_table_and_a_claim_alone_does_not(world):
    waiting = make_project(plan=world.plan, name="口袋公园")
    ProjectOrganization.objects.create(project=waiting, organization=world.officer.organization, role="lead")
    claim(world)
    claim(world, waiting)
    verification.verify_completion(user=world.coordinator, project=world.project)
    assert (light(world.project).light, light(waiting).light) == ("done", "awaiting")

    sheet = openpyxl.load_workbook(BytesIO(progress_table(world.plan, june(world), Project.objects.all()))).active
    progress = {sheet.cell(row=row, column=3).value or sheet.cell(row=row, column=2).value:
                sheet.cell(row=row, column=5).value for row in range(3, sheet.max_row + 1)}
    assert progress == {"老旧小区改造": f"全部完工。\n{VERIFIED_MARK}", "口袋公园": "全部完工。"}
    # The table read back and exported again says it once.
    Report.objects.filter(project=world.project).update(progress=f"全部完工。\n{VERIFIED_MARK}")
    again = openpyxl.load_workbook(BytesIO(progress_table(world.plan, june(world), Project.objects.all()))).active
    assert again.cell(row=3, column=5).value.count(VERIFIED_MARK) == 1


def test_the_project_page_piece_shows_the_claim_with_the_forms_to_a_coordinator_only(world):
    claim(world)
    with override("zh-hans"):
        for_coordinator = render_to_string("progress/_verification.html", {
            "project": world.project, "panel": verification_panel(world.project, world.coordinator)})
        for_leader = render_to_string("progress/_verification.html", {
            "project": world.project, "panel": verification_panel(world.project, world.leader)})
    assert f"区住建局 在 {june(world):%Y-%m} 的进展中报告项目已完成。" in for_coordinator
    assert reverse("progress:verify_completion", args=[world.project.pk]) in for_coordinator
    assert 'enctype="multipart/form-data"' in for_coordinator and "核验通过" in for_coordinator
    assert "待核验" in for_leader and reverse("progress:verify_completion", args=[world.project.pk]) not in for_leader
    verification.verify_completion(user=world.coordinator, project=world.project, note="全部完工")
    with override("zh-hans"):
        done = render_to_string("progress/_verification.html", {
            "project": world.project, "panel": verification_panel(world.project, world.coordinator)})
    assert "已核验完成" in done and "由 duban 于" in done and "全部完工" in done and "<form" not in done


def test_the_coordinators_queue_lists_visible_claims_oldest_first_in_one_query(world, django_assert_num_queries):
    later = make_project(plan=world.plan, name="口袋公园")
    ProjectOrganization.objects.create(project=later, organization=world.officer.organization, role="lead")
    elsewhere = make_jurisdiction(name="丰泽区")
    hidden = make_project(plan=make_plan(jurisdiction=elsewhere, year=world.plan.year), name="背街小巷")
    unit = make_organization(name="区住建局", jurisdiction=elsewhere)
    ProjectOrganization.objects.create(project=hidden, organization=unit, role="lead")
    first = claim(world)
    second = claim(world, later)
    with clock.pinned(day(world)):
        services.save_report(user=make_user(username="fz", role=Role.OFFICER, organization=unit), project=hidden,
                             month=june(world), version=0, submit=True,
                             data=services.ReportInput(percent_complete=100))
    Report.objects.filter(pk=first.pk).update(submitted_at=second.submitted_at + timedelta(minutes=5))
    coordinator = User.objects.get(pk=world.coordinator.pk)  # nothing of its roles cached
    # Its roles, its jurisdictions (one level), the claims with their projects, plans and units.
    with django_assert_num_queries(3):
        queue = list(awaiting_verification(coordinator))
    assert queue == [second, first]
    with override("zh-hans"):
        shown = render_to_string("progress/_verification_queue.html", {"claims": queue, "claims_total": len(queue)})
    assert shown.index("口袋公园") < shown.index("老旧小区改造") and "背街小巷" not in shown
    assert f"{june(world):%Y-%m} 的进展" in shown and shown.count('class="light light-awaiting">待核验<') == 2
    assert list(awaiting_verification(world.officer)) == [] and list(awaiting_verification(world.leader)) == []
    assert hidden.pk not in visible_projects(coordinator).values_list("pk", flat=True)


# ---------------------------------------------------------------------------------------------
# Two coordinators at once: real threads, each with its own connection (SQLite and PostgreSQL).


@pytest.mark.django_db(transaction=True)
def test_two_coordinators_verifying_at_once_make_one_verification_and_the_other_is_told(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    world = build_world()
    second = make_user(username="duban2", role=Role.COORDINATOR, jurisdiction=world.plan.jurisdiction)
    month = world.period.month  # today's period: the threads go by the real date (clock.pinned is per thread)
    report = services.save_report(user=world.officer, project=world.project, month=month, version=0, submit=True,
                                  data=services.ReportInput(percent_complete=100, progress="全部完工。"))
    results = at_once([
        lambda user=user: verification.verify_completion(user=user, project=world.project, version=report.version)
        for user in (world.coordinator, second)])

    verified = [result for result in results if isinstance(result, Verification)]
    refused = [result for result in results if isinstance(result, ValidationError)]
    assert (len(verified), len(refused)) == (1, 1), results
    winner = verified[0].by.username
    assert refused[0].messages[0].startswith(f"该项目已由 {winner} 于 ")
    assert Verification.objects.count() == 1
    report.refresh_from_db()
    assert (report.status, report.version) == ("accepted", 2)
    assert Revision.objects.filter(report=report, action="accepted").count() == 1
    assert ProjectStatus.objects.get(project=world.project).light == "done"
