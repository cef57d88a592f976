"""Reminders before a report falls due, following each plan's schedule; sent by refresh_status --remind."""

from collections import defaultdict
from datetime import date

from django.conf import settings
from django.core.mail import send_mass_mail
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import override

from accounts.roles import Role
from progress.lights import with_facts
from projects.models import Organization, Project
from projects.schedule import Period


def due_soon(projects: QuerySet[Project], today: date, days: int) -> dict[Organization, list[tuple[Project, Period]]]:
    """Per lead unit, its projects whose current report is due within `days` days and not yet handed in."""
    waiting: dict[Organization, list[tuple[Project, Period]]] = defaultdict(list)
    for project in with_facts(projects.filter(plan__year=today.year)).order_by("plan_id", "position"):
        period = project.plan.schedule.current(project.plan.year, today)
        if period is None or not 0 <= (period.due - today).days <= days or not project.lead_roles:
            continue
        if any(r.period == period.month and r.counts for r in project.reports.all()):
            continue
        waiting[project.lead_roles[0].organization].append((project, period))
    return waiting


def send_reminders(waiting: dict[Organization, list[tuple[Project, Period]]]) -> int:
    """One e-mail per unit to its information officers that have an address; returns how many were sent."""
    from accounts.models import User

    officers = defaultdict(list)
    for user in User.objects.filter(organization__in=list(waiting), is_active=True, groups__name=Role.OFFICER.value) \
            .exclude(email=""):
        officers[user.organization_id].append(user.email)
    messages = []
    with override(settings.LANGUAGE_CODE):
        for unit, items in waiting.items():
            if not officers[unit.pk]:
                continue
            lines = [_("%(project)s: the report for %(period)s is due by %(due)s.") % {
                "project": project, "period": period.key, "due": period.due.isoformat()} for project, period in items]
            subject = _("%(count)s progress reports due soon") % {"count": len(items)}
            messages.append((subject, "\n".join(lines), settings.DEFAULT_FROM_EMAIL, officers[unit.pk]))
    return send_mass_mail(messages, fail_silently=False) if messages else 0
