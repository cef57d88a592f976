"""An officer's report form posted with random values saves exactly them, or refuses them in words; never half.

Each example starts the period's report in one state (not written, a draft, returned, withdrawn, submitted),
then posts the form through Django's test client as the lead unit's officer: percent, texts of any
length and character, money by funding source, a photo or bytes that are none, and a version number that
may be right, stale, missing, negative, huge or no number at all. The answer is the page refusing the
form (400, with Chinese errors), the conflict page (409), a refusal to write (403), or the saved report
(302 back to it) — and the database holds, across report, disbursements, revisions and attachments,
either what it held or exactly what the form cleaned. Unexpected errors, which the product answers with
a polite redirect, fail the test (tests/fuzz/watch.py)."""

from dataclasses import dataclass
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from progress import services
from progress.forms import LONG_TEXT, ReportForm
from progress.models import Attachment, Disbursement, Report, Revision
from tests.fuzz.budget import budget
from tests.fuzz.outcome import assert_clear, rolled_back
from tests.imports.test_bad_input import contents
from tests.progress.test_conflicts_and_bad_input import PNG
from tests.progress.world import build_world

pytestmark = pytest.mark.django_db

MISSING = object()  # a field left out of the POST altogether

TEXTS = st.one_of(
    st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=60),
    st.text(st.sampled_from("完成改造小区管网。\n\r\t 1%"), max_size=60),
    st.sampled_from([LONG_TEXT - 1, LONG_TEXT, LONG_TEXT + 1]).map(lambda n: "长" * n),
)
NOT_NUMBERS = ["", "abc", "1.5", "1e2", "①", "٣", "１２", " 2 ", "0x1", "9" * 40, "-0", "NaN", "Infinity"]
PERCENTS = st.one_of(st.integers(-10, 200).map(str), st.sampled_from(NOT_NUMBERS), st.just(MISSING))
AMOUNTS = st.one_of(
    st.decimals(min_value=-10, max_value=10**15, allow_nan=False, allow_infinity=False, places=4).map(str),
    st.decimals(min_value=0, max_value=1000, allow_nan=False, allow_infinity=False, places=6).map(str),
    st.sampled_from([*NOT_NUMBERS, "1,000", "0.00001", "99999999999999"]), st.just(MISSING))
STATES = ["none", "draft", "draft twice", "returned", "withdrawn", "submitted"]


@pytest.fixture
def world(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path  # where attachments are stored
    return build_world()


def start(world, state: str) -> Report | None:
    """The period's report in `state`, written through the services as the officers and the office would."""
    if state == "none":
        return None
    save = services.save_report
    args = {"user": world.officer, "project": world.project, "month": world.period.month}
    report = save(**args, data=services.ReportInput(percent_complete=10, progress="初稿"), version=0,
                  submit=state in ("returned", "withdrawn", "submitted"))
    if state == "draft twice":
        report = save(**args, data=services.ReportInput(percent_complete=20, progress="二稿"), version=1, submit=False)
    if state == "returned":
        report = services.review_report(user=world.coordinator, report=report, version=report.version, accept=False,
                                        comment="请补充照片")
    if state == "withdrawn":
        report = services.withdraw_report(user=world.officer, report=report, version=report.version)
    return report


@dataclass
class Post:
    state: str  # the report's state before the POST
    fields: dict  # what is posted, the button aside
    submit: bool  # 提交 rather than 保存草稿
    photo: str | None  # None, "png" (a real one) or "garbage" (bytes that are no picture)


@st.composite
def posts(draw, world) -> Post:
    """A POST of the report form, each field drawn from what a person (or a script) could send."""
    versions = st.one_of(st.sampled_from(["0", "1", "2", "3", "4"]), st.integers(-5, 10**6).map(str),
                         st.sampled_from(NOT_NUMBERS), st.just(MISSING))
    fields = {
        "version": draw(versions), "percent_complete": draw(PERCENTS), "progress": draw(TEXTS),
        "milestone_status": draw(st.sampled_from(["", *Report.Milestone.values, "done", MISSING])),
        "milestone_note": draw(TEXTS), "problems": draw(TEXTS | st.just(MISSING)), "next_plan": draw(TEXTS),
        **{f"disbursed_{funding.source_id}": draw(AMOUNTS) for funding in world.project.fundings.all()},
    }
    photo = draw(st.sampled_from([None, "png", "garbage"]))
    if photo:
        # Garbage starts as a program does: random bytes could, now and then, start as a JPEG.
        content = PNG if photo == "png" else b"MZ\x90\x00" + draw(st.binary(max_size=64))
        fields["photo"] = SimpleUploadedFile("现场.png", content, content_type="image/png")
    fields = {name: value for name, value in fields.items() if value is not MISSING}
    return Post(draw(st.sampled_from(STATES)), fields, draw(st.booleans()), photo)


def facts() -> tuple:
    """What a save writes: the report, its disbursements, revisions and attachments."""
    return (list(Report.objects.values_list()), sorted(Disbursement.objects.values_list("report", "source", "amount")),
            Revision.objects.count(), Attachment.objects.count())


def expected(before: Report | None, form: ReportForm, post: Post) -> int:
    """The status the view must answer: the form (Django's own validation) and the version decide it."""
    if before is not None and not before.editable:
        return 403
    valid = form.is_valid()
    if valid and post.submit:
        form.check_submission()
        valid = form.is_valid()
    if not valid or post.photo == "garbage":
        return 400
    version = form.cleaned_data["version"]
    if before is None:
        return 302 if version == 0 else 400
    return 302 if version == before.version else 409


def assert_saved_exactly(world, before: Report | None, form: ReportForm, post: Post, revisions_before: int) -> None:
    data = form.to_input()
    report = Report.objects.get(project=world.project, period=world.period.month)
    assert report.version == (before.version if before else 0) + 1
    assert report.status == (Report.Status.SUBMITTED if post.submit else Report.Status.DRAFT)
    for name in services.TEXT_FIELDS:
        assert getattr(report, name) == getattr(data, name), name
    stored = {d.source_id: d.amount for d in report.disbursements.all()}
    assert stored == {source: amount.quantize(Decimal("0.0001")) for source, amount in data.disbursed.items()}
    assert list(Revision.objects.filter(report=report).values_list("version", flat=True).order_by("version"))[-1] \
        == report.version
    assert Revision.objects.count() == revisions_before + 1
    assert report.attachments.count() == (before.attachments.count() if before else 0) + (post.photo == "png")


@given(data=st.data())
@budget(80)
def test_a_report_posted_with_random_values_is_saved_exactly_or_refused_in_words(client, world, data):
    client.force_login(world.officer)
    url = reverse("progress:report", args=[world.project.pk, world.period.month])
    with rolled_back():
        post = data.draw(posts(world))
        before = start(world, post.state)
        posted = {**post.fields, "submit" if post.submit else "save": "1"}
        form = ReportForm({k: v for k, v in posted.items() if k != "photo"}, project=world.project)
        status = expected(before, form, post)
        rows, facts_before, revisions = contents(), facts(), Revision.objects.count()

        response = client.post(url, posted)

        assert response.status_code == status, (response.status_code, status, form.errors)
        if status == 302:
            assert response["Location"] == url
            assert_saved_exactly(world, before, form, post, revisions)
            return
        assert facts() == facts_before and contents() == rows, "a refused save wrote to the database"
        if status == 400:
            page = response.context["form"]
            assert_clear([message for errors in page.errors.values() for message in errors])
        if status == 409:
            assert response.context["conflict"].version == before.version
            # The person's own text is still in the form, to merge and save again.
            assert response.context["form"].data.get("progress", "") == post.fields.get("progress", "")


@given(version=st.one_of(st.integers(-3, 10**20).map(str), st.sampled_from(NOT_NUMBERS)),
       state=st.sampled_from(STATES[1:]))
@budget(30)
def test_a_withdrawal_posted_with_any_version_withdraws_or_says_why_not(client, world, version, state):
    client.force_login(world.officer)
    with rolled_back():
        report = start(world, state)
        rows = contents()
        response = client.post(reverse("progress:withdraw", args=[report.pk]), {"version": version})

        assert response.status_code == 302
        assert response["Location"] == reverse("progress:report", args=[world.project.pk, world.period.month])
        # The version the page showed, in any decimal digits; anything else refuses, as does a report withdrawn.
        withdrawn = version.isdecimal() and int(version) == report.version and state != "withdrawn"
        report.refresh_from_db()
        if withdrawn:
            assert report.status == Report.Status.WITHDRAWN
        else:
            assert contents() == rows
