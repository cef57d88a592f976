"""The office's month, in the browser at 1366 px: the coordinator closes the latest period that has come due,
drafts its circular, rewords a sentence, publishes it, and downloads the Word file, whose number and figures
are those of the close. Every page fits the screen and its screenshot shows something (var/screens/).

The pages judge by the real date (the live server runs in its own thread: clock.pinned does not reach it),
so the plan is this year's, or last year's in the first days of January before any report has come due."""

import re
from datetime import datetime, time, timedelta
from decimal import Decimal
from urllib.parse import urlsplit

import docx
import pytest
from django.utils import timezone

from accounts.roles import Role
from progress.models import Disbursement, Report
from projects.models import Funding, FundingSource, ProjectOrganization
from supervision.models import Circular, PeriodClose, Rules
from tests.browser.cycle import OFFICE, looked_at, sign_in
from tests.factories import make_jurisdiction, make_organization, make_plan, make_project, make_user
from tests.supervision.circular_figures import check_every_figure

pytestmark = pytest.mark.django_db(transaction=True)
REWORDED = "今年，鲤城区委、区政府共为群众办理民生实事3件。"


def at(day, hour: int = 10) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour)))


def month_with_reports():
    """A district's plan of three projects and its latest period come due: one report on time, one late, one
    missing. Returns the plan and the period the office will close."""
    today = timezone.localdate()
    district = make_jurisdiction(name="鲤城区")
    Rules.objects.create(jurisdiction=district, circular_prefix="鲤督通")
    plan = make_plan(jurisdiction=district, year=today.year, title=f"{today.year}年鲤城区为民办实事项目")
    if not plan.schedule.due_before(plan.year, today):  # 1–22 January: last year's December is the latest due
        plan.year -= 1
        plan.save(update_fields=["year"])
    period = plan.schedule.due_before(plan.year, today)[-1]
    source = FundingSource.objects.get_or_create(name="区财政")[0]
    rows = [("老旧小区改造", "区住建局", 40, period.due), ("中小学食堂改造", "区教育局", 35,
                                                          min(period.due + timedelta(days=2), today)),
            ("社区卫生服务站", "区卫健局", None, None)]
    for n, (name, unit_name, percent, sent) in enumerate(rows, start=1):
        project = make_project(plan=plan, number=str(n), position=n, name=name)
        unit = make_organization(name=unit_name, jurisdiction=district)
        ProjectOrganization.objects.create(project=project, organization=unit, role="lead")
        Funding.objects.create(project=project, source=source, amount=Decimal("100"))
        if sent is not None:
            report = Report.objects.create(project=project, organization=unit, period=period.month,
                                           status=Report.Status.SUBMITTED, percent_complete=percent,
                                           submitted_at=at(sent), progress=f"{name}完成{percent}%")
            Disbursement.objects.create(report=report, source=source, amount=Decimal(percent) / 2)
    make_user(username="duban", role=Role.COORDINATOR, jurisdiction=district, first_name="督查室")
    return plan, period


def test_a_coordinator_closes_the_month_and_publishes_its_circular_as_a_word_file(page, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    plan, period = month_with_reports()
    page.set_viewport_size(OFFICE)
    sign_in(page, "duban")

    # No header link to the closes yet (the "wiring" branch adds it): the office goes by the address.
    page.goto(page.base + "/supervision/closes/")
    page.select_option("select[name=plan]", str(plan.pk))
    offered = page.locator("select[name=period] option").evaluate_all("options => options.map(o => o.value)")
    assert offered[0] == period.key  # the most recently due first
    page.select_option("select[name=period]", period.key)
    looked_at(page, "cycle-closes")
    with page.expect_navigation():
        page.locator("form.close-period button[type=submit]", has_text="关账").click()
    close = PeriodClose.objects.get(plan=plan, period=period.month)
    assert urlsplit(page.url).path == f"/supervision/closes/{close.pk}/"
    assert "已关账" in page.inner_text("ul.messages")
    looked_at(page, "cycle-close")

    page.goto(page.base + "/supervision/circulars/")
    with page.expect_navigation():
        page.locator("button", has_text="起草通报").click()
    circular = Circular.objects.get(close=close)
    assert urlsplit(page.url).path == f"/supervision/circulars/{circular.pk}/"

    with page.expect_navigation():
        page.locator("a.action", has_text="修改文字").click()
    opening = page.locator("textarea[name=opening]")
    first_sentence = re.match(r"[^。]*。", opening.input_value()).group(0)
    opening.fill(opening.input_value().replace(first_sentence, REWORDED, 1))
    looked_at(page, "cycle-circular-edit")
    with page.expect_navigation():
        page.locator("button[type=submit]", has_text="保存文字").click()
    assert REWORDED in page.inner_text("main")

    with page.expect_navigation():
        page.locator("button", has_text="编号并印发").click()
    number = f"鲤督通〔{timezone.localdate().year}〕1号"
    assert number in page.inner_text("main")
    looked_at(page, "cycle-circular-published")

    with page.expect_download() as downloading:
        page.locator("a.action", has_text="下载（.docx）").click()
    download = downloading.value
    assert number in download.suggested_filename
    saved = tmp_path / "circular.docx"
    download.save_as(saved)
    document = docx.Document(str(saved))
    paragraphs = [p.text for p in document.paragraphs if p.text]
    assert paragraphs[:2] == [number, f"关于{period.month.year}年{period.month.month}月为民办实事项目进展情况的通报"]
    text = check_every_figure(document, close)
    assert REWORDED in text and first_sentence not in text
    assert "按时报送1份，逾期报送1份，未报送1份。" in text
