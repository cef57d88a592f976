"""Chasing (催报): which reports each unit owes, and the chase that tells it so.

A report is missing when its period's due date has passed and the office does not have it in hand:
a draft or a returned report does not count, as for the lights (Report.counts). Only this year's
plans are chased; a past year's reports are chased no more (projects/schedule.py), and a plan of a
later year has nothing due. Every lead unit of a project is chased for it, as every one of them
sees it due on its task page and can write it."""

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import override

from accounts.models import User
from accounts.roles import Role
from audit import recording
from audit.models import AuditEntry
from progress.models import Report
from projects import clock
from projects.access import may_review, roles_of, visible_projects
from projects.models import Organization, Project, ProjectOrganization
from supervision.chase_messages import Kind, Missing, compose, post_to_robot, send_email
from supervision.events import record
from supervision.models import Chase, ChaseItem, Event
from supervision.rules import Resolved, all_rules

COUNTED = [Report.Status.SUBMITTED, Report.Status.ACCEPTED]  # what Report.counts says, for a query
# A unit chased this recently is not chased again: a double click, or two coordinators at once.
AGAIN_AFTER = timedelta(minutes=10)

Owed = dict[Organization, list[Missing]]
BATCH = 1000


def _this_year(projects: QuerySet[Project], today: date) -> Iterator[Project]:
    """This year's projects with their lead units and the periods the office has a report for.

    A batch of projects at a time by id (3 queries a batch): a province's year held at once, with
    every report, would not fit the nightly run's memory."""
    mine, after = projects.filter(plan__year=today.year), 0
    while True:
        batch = list(mine.filter(pk__gt=after).select_related("plan").prefetch_related(
            Prefetch("unit_roles", to_attr="lead_roles", queryset=ProjectOrganization.objects
                     .filter(role=ProjectOrganization.Role.LEAD).select_related("organization__jurisdiction")
                     .order_by("position")),
            Prefetch("reports", to_attr="counted", queryset=Report.objects.filter(status__in=COUNTED).order_by()
                     .only("id", "project_id", "period")),
        ).order_by("pk")[:BATCH])
        yield from batch
        if len(batch) < BATCH:  # the last batch: no query to find nothing after it
            return
        after = batch[-1].pk


def _by_unit(projects: Iterator[Project], owed: Callable[[Project], list[Missing]]) -> Owed:
    found: Owed = defaultdict(list)
    for project in projects:
        items = owed(project)
        del project.counted  # only the projects owing something stay, without their reports
        for role in project.lead_roles if items else ():
            found[role.organization] += items
    for items in found.values():  # a unit's projects as its plans list them; a project's periods stay in order
        items.sort(key=lambda item: (item.project.plan_id, item.project.position))
    return dict(sorted(found.items(), key=lambda pair: (pair[0].name, pair[0].pk)))


def missing_by_unit(*, projects: QuerySet[Project], today: date | None = None) -> Owed:
    """Per lead unit, every report of this year's plans that is due and not handed in, oldest first within a project.

    A unit with nothing missing is absent."""
    today = today or clock.today()

    def owed(project: Project) -> list[Missing]:
        handed_in = {report.period for report in project.counted}
        return [Missing(project, period, (today - period.due).days)
                for period in project.plan.schedule.due_before(project.plan.year, today)
                if period.month not in handed_in]

    return _by_unit(_this_year(projects, today), owed)


def due_soon_by_unit(*, projects: QuerySet[Project], days: int, today: date | None = None) -> Owed:
    """Per lead unit, the reports of the current period due within `days` days and not handed in yet."""
    today = today or clock.today()

    def owed(project: Project) -> list[Missing]:
        period = project.plan.schedule.current(project.plan.year, today)
        if period is None or not 0 <= (period.due - today).days <= days:
            return []
        if period.month in {report.period for report in project.counted}:
            return []
        return [Missing(project, period, (today - period.due).days)]

    return _by_unit(_this_year(projects, today), owed)


def officer_addresses(unit_ids: Iterable[int]) -> dict[int, list[str]]:
    """The e-mail addresses of each unit's active information officers that have one."""
    found: dict[int, list[str]] = defaultdict(list)
    officers = (User.objects.filter(organization_id__in=list(unit_ids), is_active=True,
                                    groups__name=Role.OFFICER.value)
                .exclude(email="").order_by("pk").values_list("organization_id", "email"))
    for unit_id, email in officers:
        if email not in found[unit_id]:
            found[unit_id].append(email)
    return found


def chase_units(*, user: User | None, organizations: Iterable[int] | None = None) -> list[Chase]:
    """Chase the given units (or every unit the user sees that owes a report): per unit one Chase listing
    exactly its missing reports, one e-mail to its officers and one post to its group robot.

    Nothing goes to a unit with nothing missing, nor to one chased minutes ago. `user` None is
    refresh_status --chase, which chases every unit. The chases are stored (one transaction) before
    anything is sent; how each went out is written on it afterwards, and a failure never raises."""
    if user is not None and not may_review(user):
        raise PermissionDenied(_("Only coordinators and administrators chase units."))
    missing = missing_by_unit(projects=Project.objects.all() if user is None else visible_projects(user))
    if organizations is not None:
        wanted = set(organizations)
        missing = {unit: items for unit, items in missing.items() if unit.pk in wanted}
    chases = _store(missing, user)
    _deliver(chases, missing)
    return chases


@transaction.atomic
def _store(missing: Owed, user: User | None) -> list[Chase]:
    now, ids = clock.now(), [unit.pk for unit in missing]
    # The units' rows are locked in one order, so that two chases of the same unit queue, and the
    # second finds the first and leaves the unit alone.
    list(Organization.objects.select_for_update().filter(pk__in=ids).order_by("pk").values_list("pk"))
    recent = set(Chase.objects.filter(organization_id__in=ids, sent_at__gt=now - AGAIN_AFTER)
                 .values_list("organization_id", flat=True))
    chases, items = [], []
    with override(settings.LANGUAGE_CODE):
        for unit, owed in missing.items():
            if unit.pk in recent:
                continue
            chase = Chase.objects.create(organization=unit, sent_at=now, sent_by=user)
            chases.append(chase)
            items += [ChaseItem(chase=chase, project=item.project, project_name=str(item.project)[:530],
                                period=item.period.month, due=item.period.due, days_late=item.days_late)
                      for item in owed]
            record(subject=Event.Subject.CHASE, subject_id=chase.pk, action="sent", user=user,
                   note=compose(unit=unit, items=owed, kind=Kind.LATE).subject)
    ChaseItem.objects.bulk_create(items)
    return chases


def _deliver(chases: list[Chase], missing: Owed) -> None:
    """Send each stored chase by e-mail and to its jurisdiction's group robot, and write how it went on it."""
    addresses = officer_addresses(chase.organization_id for chase in chases)
    rules: dict[int, Resolved] = all_rules() if chases else {}
    # A robot that failed once in a round is not asked again in it: a dead address costs 5 s, not 5 s a unit.
    failed: dict[str, str] = {}
    with override(settings.LANGUAGE_CODE):
        for chase in chases:
            unit = chase.organization
            message = compose(unit=unit, items=missing[unit], kind=Kind.LATE)
            if addresses[unit.pk]:
                chase.email_error = send_email(message, addresses[unit.pk])
                chase.email_count = 0 if chase.email_error else len(addresses[unit.pk])
            robot = rules[unit.jurisdiction_id]
            if robot.webhook_url:
                if robot.webhook_url in failed:
                    error = _("Not posted: the group robot failed earlier in this round (%(error)s).") % {
                        "error": failed[robot.webhook_url]}
                else:
                    error = post_to_robot(url=robot.webhook_url, kind=robot.webhook_kind, text=message.text)
                    if error:
                        failed[robot.webhook_url] = error
                chase.webhook_status = Chase.Webhook.FAILED if error else Chase.Webhook.SENT
                chase.webhook_error = error
            sent = {"email_count": chase.email_count, "email_error": chase.email_error,
                    "webhook_status": chase.webhook_status, "webhook_error": chase.webhook_error}
            Chase.objects.filter(pk=chase.pk).update(**sent)
            # Written by update() (no signal): how the sending went, in the trail too.
            recording.record(AuditEntry.Action.CHANGED, obj=chase,
                             changes={name: [None, recording.as_text(value)] for name, value in sent.items()})


def send_reminders(waiting: Owed) -> tuple[int, list[str]]:
    """The reminders before reports fall due (refresh_status --remind): one e-mail per unit, the chase's words.

    Reminders go by e-mail only, as they always have: posting one per unit every day would flood
    the group (and pass its robot's 20 messages a minute). Returns how many were sent, and the failures."""
    addresses = officer_addresses(unit.pk for unit in waiting)
    sent, failures = 0, []
    for unit, items in waiting.items():
        if not addresses[unit.pk]:
            continue
        error = send_email(compose(unit=unit, items=items, kind=Kind.DUE_SOON), addresses[unit.pk])
        if error:
            failures.append(f"{unit.name}: {error}")
        else:
            sent += 1
    return sent, failures


@transaction.atomic
def mark_chase_read(*, user: User, chase: Chase) -> Chase:
    """An officer of the chased unit says they have seen the chase (on their task page)."""
    if Role.OFFICER not in roles_of(user) or user.organization_id != chase.organization_id:
        raise PermissionDenied(_("Only an information officer of the chased unit marks it read."))
    chase = Chase.objects.select_for_update().get(pk=chase.pk)
    if chase.read_at is not None:
        by = chase.read_by.get_full_name() or chase.read_by.username if chase.read_by else "—"
        raise ValidationError(_("%(name)s marked this chase read already.") % {"name": by})
    chase.read_at, chase.read_by = clock.now(), user
    chase.save(update_fields=["read_at", "read_by"])
    record(subject=Event.Subject.CHASE, subject_id=chase.pk, action="read", user=user)
    return chase
