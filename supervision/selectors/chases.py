"""What the chase page and the officers' task page read about chasing."""

from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import Count, F, Max, Prefetch, QuerySet

from accounts.models import User
from accounts.roles import Role
from projects import clock
from projects.access import roles_of, visible_projects
from projects.models import Organization
from supervision.chase_messages import Missing
from supervision.chasing import missing_by_unit, officer_addresses
from supervision.models import Chase, ChaseItem


def chases_for(user: User) -> QuerySet[Chase]:
    """The chases of an officer's unit, unread first, then the newest, with what each listed."""
    if Role.OFFICER not in roles_of(user) or not user.organization_id:
        return Chase.objects.none()
    return (Chase.objects.filter(organization_id=user.organization_id)
            .select_related("sent_by", "read_by")
            .prefetch_related(Prefetch("items", queryset=ChaseItem.objects.order_by("id")))
            .order_by(F("read_at").asc(nulls_first=True), "-sent_at", "-pk"))


@dataclass(frozen=True)
class Counted:
    count: int
    last_at: datetime | None


def chase_counts(units: list[Organization | int], *, since: date | None = None) -> dict[int, Counted]:
    """How often each unit was chased (since a day, if given) and when last; one query."""
    ids = [unit if isinstance(unit, int) else unit.pk for unit in units]
    rows = Chase.objects.filter(organization_id__in=ids)
    if since is not None:
        rows = rows.filter(sent_at__date__gte=since)
    found = {row["organization_id"]: Counted(row["count"], row["last_at"]) for row in
             rows.values("organization_id").annotate(count=Count("id"), last_at=Max("sent_at")).order_by()}
    return {pk: found.get(pk, Counted(0, None)) for pk in ids}


@dataclass(frozen=True)
class LateUnit:
    """A unit on the chase page: exactly what it owes, how often it was chased this year, whom the e-mail reaches."""

    unit: Organization
    items: list[Missing]
    chased: Counted
    recipients: int

    @property
    def most_days_late(self) -> int:
        return max(item.days_late for item in self.items)


def late_units(user: User) -> list[LateUnit]:
    """The units owing reports on the projects the user sees, the most owed first (a constant number of queries)."""
    today = clock.today()
    missing = missing_by_unit(projects=visible_projects(user), today=today)
    counts = chase_counts(list(missing), since=date(today.year, 1, 1))
    addresses = officer_addresses(unit.pk for unit in missing)
    rows = [LateUnit(unit, items, counts[unit.pk], len(addresses[unit.pk])) for unit, items in missing.items()]
    return sorted(rows, key=lambda row: (-len(row.items), -row.most_days_late, row.unit.name, row.unit.pk))
