"""The people of bench/load.py, created through the ORM in the benchmark database with one password.

Six in ten are information officers, each of a different unit that leads this year's projects with a
report they may still write (a draft or a returned report of an open period), so no two of them save
the same report and a refused save (409) would be a fault, not a race; two in ten are coordinators
(half of the city, or the province, who see every district, half of one district); two in ten are leaders of districts.
"""

from collections import defaultdict
from datetime import date

PASSWORD = "bench-load-2026"
PREFIX = "load-"
LIST_QUERIES = ["", "light=red&year={year}", "q=口袋公园", "sort=-total_investment", "late=1", "page=3",
                "jurisdiction={district}", "jurisdiction={district}&light=yellow"]


def writable_reports(year: int, today: date) -> dict[int, list[tuple[int, str]]]:
    """Per lead unit, (project, "YYYY-MM") of this year's reports its officer may save now."""
    from django.core.exceptions import ValidationError

    from progress.models import Report
    from progress.services import reportable_period
    by_unit = defaultdict(list)
    editable = [Report.Status.DRAFT, Report.Status.RETURNED, Report.Status.WITHDRAWN]
    for report in (Report.objects.filter(project__plan__year=year, status__in=editable)
                   .select_related("project__plan").order_by("organization_id", "-period", "project_id")):
        try:
            reportable_period(report.project, report.period, today)
        except ValidationError:
            continue
        if len(by_unit[report.organization_id]) < 12:
            by_unit[report.organization_id].append((report.project_id, f"{report.period:%Y-%m}"))
    return by_unit


def make_people(users: int, today: date) -> list[dict]:
    """Replace the load-* accounts by `users` new ones; what each will do, for bench/load_client.py."""
    from django.contrib.auth.hashers import make_password
    from django.contrib.auth.models import Group
    from django.db import transaction

    from accounts.models import User
    from accounts.roles import Role
    from projects.models import Jurisdiction, Organization, Person, Plan, Project
    officers = round(users * 0.6)
    coordinators = round(users * 0.2)
    leaders = users - officers - coordinators
    year = today.year
    # The top of the tree (the city, or the province) and the jurisdictions with this year's plans (districts).
    top = Jurisdiction.objects.filter(parent=None).order_by("pk").first()
    districts = sorted(set(Plan.objects.filter(year=year).values_list("jurisdiction_id", flat=True)))
    reports = writable_reports(year, today)
    unit_district = dict(Organization.objects.filter(pk__in=reports).values_list("pk", "jurisdiction_id"))
    # Units taken district by district in turn, so the officers are spread over the city.
    queues = defaultdict(list)
    for unit in sorted(reports):
        queues[unit_district[unit]].append(unit)
    units = [queue[i] for i in range(max(map(len, queues.values()), default=0)) for queue in queues.values()
             if i < len(queue)][:officers]
    persons = [list(Person.objects.filter(jurisdiction=district).order_by("pk").values_list("pk", "jurisdiction_id"))
               for district in districts]
    persons = [row[i] for i in range(max(map(len, persons), default=0)) for row in persons if i < len(row)][:leaders]
    hashed = make_password(PASSWORD)  # hashed once: every account has the same password
    groups = {role: Group.objects.get(name=role.value) for role in Role}
    people = []
    with transaction.atomic():
        User.objects.filter(username__startswith=PREFIX).delete()
        for i, unit in enumerate(units):
            user = User.objects.create(username=f"{PREFIX}officer-{i}", password=hashed, organization_id=unit,
                                       jurisdiction_id=unit_district[unit])
            user.groups.add(groups[Role.OFFICER])
            people.append({"username": user.username, "role": "officer", "reports": reports[unit]})
        for i in range(coordinators):
            district = districts[i % len(districts)]
            whole = i % 2 == 0
            user = User.objects.create(username=f"{PREFIX}coordinator-{i}", password=hashed,
                                       jurisdiction_id=top.pk if whole else district)
            user.groups.add(groups[Role.COORDINATOR])
            projects = list(Project.objects.filter(plan__year=year, plan__jurisdiction=district)
                            .order_by("pk").values_list("pk", flat=True)[:50])
            dashboards = [(top.pk, top.level), (district, "district")] if whole else [(district, "district")]
            people.append({"username": user.username, "role": "coordinator", "projects": projects,
                           "dashboards": dashboards,
                           "lists": [q.format(year=year, district=district) for q in LIST_QUERIES]})
        for i, (person, district) in enumerate(persons):
            user = User.objects.create(username=f"{PREFIX}leader-{i}", password=hashed, person_id=person,
                                       jurisdiction_id=district)
            user.groups.add(groups[Role.LEADER])
            people.append({"username": user.username, "role": "leader", "person": person})
    if len(units) < officers or len(persons) < leaders:
        print(f"only {len(units)} units with a report to write now and {len(persons)} leaders: "
              f"{len(people)} people instead of {users}")
    return people
