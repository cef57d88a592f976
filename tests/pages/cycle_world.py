"""The supervision cycle around tests/progress/world.py's district: chases, leaders' instructions, sheets, closes
without circulars, red runs that suggest a sheet, summons, and claims of completion, `n` more of each kind per
call, so that a page's queries can be counted with few rows and with many."""

from datetime import date, timedelta

from django.urls import reverse

from progress.models import ProjectStatus
from projects import clock
from projects.models import ProjectOrganization, ProjectPerson
from supervision import instructions, sheets
from supervision.models import Chase, ChaseItem, Escalation
from tests.factories import make_project
from tests.progress.world import World, report_form
from tests.supervision.factories import make_close

RED = ProjectStatus.Light.RED


def led_project(world: World, **fields):
    """A project of the world's plan, led by the officer's unit, assisted as the world's, under its leader."""
    lead = world.project.unit_roles.get(role="lead").organization
    helper = world.project.unit_roles.get(role="assisting").organization
    project = make_project(plan=world.plan, **fields)
    ProjectOrganization.objects.create(project=project, organization=lead, role="lead")
    ProjectOrganization.objects.create(project=project, organization=helper, role="assisting")
    ProjectPerson.objects.create(project=project, person=world.project.person_roles.get().person, role="leader")
    return project


def add_cycle(client, world: World, n: int) -> None:
    """n more of each kind of the cycle's rows, each where the officer, the coordinator or the leader meets it."""
    lead = world.project.unit_roles.get(role="lead").organization
    today = clock.today()
    for _ in range(n):
        project = led_project(world)
        chase = Chase.objects.create(organization=lead, sent_at=clock.now(), sent_by=world.coordinator)
        ChaseItem.objects.create(chase=chase, project=project, project_name=project.name,
                                 period=world.period.month, due=world.period.due, days_late=3)
        # One instruction the unit must answer, one it answered that waits for the leader.
        leader, officer = world.leader, world.officer
        instructions.write_instruction(user=leader, project=project, text="请加快进度", urgency="urgent")
        answered = instructions.write_instruction(user=leader, project=project, text="请报告资金", urgency="normal")
        instructions.answer_instruction(user=officer, instruction=answered, text="已落实", version=answered.version)
        # One sheet issued to the unit, one answered that waits for the office.
        sheets.issue_sheet(user=world.coordinator, project=project, matter="加快施工", content="请于期限内完成。",
                           deadline=today + timedelta(days=10))
        waiting = sheets.issue_sheet(user=world.coordinator, project=project, matter="补报资金", content="请补报。",
                                     deadline=today + timedelta(days=10))
        sheets.answer_sheet(user=world.officer, sheet=sheets.sign_sheet(user=world.officer, sheet=waiting),
                            text="已补报。")
        # Red in the plan's two latest closes: a sheet is suggested for it (none open on it), the closes wait
        # for their circulars, and it was summoned.
        red = led_project(world, name="红灯项目")
        Escalation.objects.create(project=red, step=Escalation.Step.SUMMON, year=world.plan.year, periods=3,
                                  reason="连续3期红灯。", at=clock.now())
        # The unit says the project is complete: the coordinator must verify it.
        client.force_login(world.officer)
        client.post(reverse("progress:report", args=[project.pk, world.period.month]),
                    report_form(world, percent_complete=100))
    # Two more closes, each month once, every red project red in both (the earlier closes stay as they were).
    reds = list(world.plan.projects.filter(name="红灯项目").order_by("pk"))
    done = world.plan.closes.count()
    for month in (done + 1, done + 2):
        make_close(plan=world.plan, month=date(world.plan.year, month, 1), rows=[(p, RED, 10) for p in reds])
