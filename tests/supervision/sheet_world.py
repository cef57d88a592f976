"""A district office, one project with its lead and assisting units and its leader, and the people of a sheet's
story: the coordinator who issues it, the lead unit's two officers, an assisting officer, an officer of a unit
not on the project, the project's leader, and the neighbouring district's coordinator. The year is fixed and
every story pins its days (projects.clock.pinned), so a sheet's deadline means the same on any day it runs."""

import struct
import zlib
from dataclasses import dataclass
from datetime import date

from django.core.files.uploadedfile import SimpleUploadedFile

from accounts.models import User
from accounts.roles import Role
from projects import clock
from projects.models import Jurisdiction, Organization, Person, Plan, Project, ProjectOrganization, ProjectPerson
from supervision import sheets
from supervision.models import InstructionSheet
from tests.factories import make_jurisdiction, make_organization, make_person, make_plan, make_project, make_user

YEAR = 2026
ISSUED_ON = date(YEAR, 3, 10)
DEADLINE = date(YEAR, 3, 31)


@dataclass
class SheetWorld:
    district: Jurisdiction
    plan: Plan
    project: Project
    lead_unit: Organization
    assisting_unit: Organization
    other_unit: Organization
    leader_person: Person
    coordinator: User
    officer: User
    colleague: User
    assisting: User
    other_officer: User
    leader: User
    neighbour: User  # coordinator of 丰泽区


def build_sheet_world() -> SheetWorld:
    district = make_jurisdiction(name="鲤城区")
    fengze = make_jurisdiction(name="丰泽区", parent=district.parent)
    plan = make_plan(jurisdiction=district, year=YEAR)
    project = make_project(plan=plan, name="老旧小区改造")
    lead, helper, other = (make_organization(name=name, jurisdiction=district)
                           for name in ("区住建局", "区财政局", "区教育局"))
    ProjectOrganization.objects.create(project=project, organization=lead, role="lead")
    ProjectOrganization.objects.create(project=project, organization=helper, role="assisting")
    person = make_person(name="王伟", jurisdiction=district)
    ProjectPerson.objects.create(project=project, person=person, role="leader")

    def user(name, **fields):
        return make_user(username=name, password=None, **fields)

    return SheetWorld(
        district=district, plan=plan, project=project, lead_unit=lead, assisting_unit=helper, other_unit=other,
        leader_person=person,
        coordinator=user("duban", role=Role.COORDINATOR, jurisdiction=district, first_name="督查员"),
        officer=user("zhang", role=Role.OFFICER, organization=lead, last_name="张", first_name="三"),
        colleague=user("li", role=Role.OFFICER, organization=lead),
        assisting=user("chen", role=Role.OFFICER, organization=helper),
        other_officer=user("zhao", role=Role.OFFICER, organization=other),
        leader=user("wang", role=Role.LEADER, person=person),
        neighbour=user("fz_duban", role=Role.COORDINATOR, jurisdiction=fengze),
    )


def issue(world: SheetWorld, *, on: date = ISSUED_ON, deadline: date = DEADLINE, project: Project | None = None,
          **fields) -> InstructionSheet:
    """A sheet issued by the world's coordinator on `on`."""
    fields.setdefault("matter", "加快老旧小区改造进度")
    fields.setdefault("content", "请于月底前完成剩余 8 个小区的管网改造，并书面报告进展。")
    with clock.pinned(on):
        return sheets.issue_sheet(user=world.coordinator, project=project or world.project, deadline=deadline,
                                  **fields)


def tiny_png(shade: int = 200) -> bytes:
    """A real 1×1 PNG, recognised by its bytes."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(bytes([0, shade, 0, 0])))
            + chunk(b"IEND", b""))


def photo(name: str = "site.png", shade: int = 200) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, tiny_png(shade), content_type="image/png")
