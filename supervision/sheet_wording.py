"""What an instruction sheet says, checked against its project: the matter and content, the deadline, the
feedback asked for, the contact, and the units and leaders it names (the project's own units, so that
their officers can see it; leaders of its jurisdiction or those above). The same for issuing and rewording."""

from dataclasses import dataclass, fields
from datetime import date

from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from projects import clock
from projects.models import Organization, Person, Project, ProjectOrganization, ProjectPerson, ancestor_ids
from supervision.models import InstructionSheet

Feedback = InstructionSheet.Feedback
MATTER_LENGTH, CONTENT_LENGTH = 200, 10000
MAX_FEEDBACK_DAYS = 90


@dataclass
class Wording:
    """What a sheet says, checked against its project: the same for issuing and for rewording."""

    matter: str
    content: str
    deadline: date
    instructing_leader: Person | None
    leader_name: str
    lead_unit: Organization
    assisting_units: list[Organization]
    responsible_leaders: list[Person]
    feedback: str
    feedback_days: int | None
    contact_name: str
    contact_phone: str


def units_for(project: Project) -> QuerySet[Organization]:
    """The units a sheet on the project may name: the project's own (so their officers can see it)."""
    return Organization.objects.filter(project_roles__project=project).distinct().order_by("name")


def people_for(project: Project) -> QuerySet[Person]:
    """The leaders a sheet on the project may name: its own and those of its jurisdiction and the ones above."""
    return (Person.objects.filter(Q(project_roles__project=project)
                                  | Q(jurisdiction_id__in=ancestor_ids(project.plan.jurisdiction_id)))
            .distinct().order_by("name"))


def defaults_for(project: Project) -> dict:
    """A new sheet's units and leaders as the project's responsibility table names them."""
    units = ProjectOrganization.objects.filter(project=project).select_related("organization").order_by("position")
    leaders = [role.person for role in ProjectPerson.objects.filter(project=project, role=ProjectPerson.Role.LEADER)
               .select_related("person").order_by("position")]
    lead = [role.organization for role in units if role.role == ProjectOrganization.Role.LEAD]
    return {"lead_unit": lead[0] if lead else None,
            "assisting_units": [role.organization for role in units if role.role == ProjectOrganization.Role.ASSISTING],
            "responsible_leaders": leaders, "instructing_leader": leaders[0] if leaders else None}


def checked_wording(project: Project, *, matter: str, content: str, deadline: date | None,
                    instructing_leader: Person | None, leader_name: str, lead_unit: Organization | None,
                    assisting_units: list[Organization], responsible_leaders: list[Person], feedback: str,
                    feedback_days: int | None, contact_name: str, contact_phone: str) -> Wording:
    """The wording trimmed and checked; every fault found is told at once (ValidationError), nothing written.

    `leader_name` empty: the instructing leader's name, as printed on the sheet."""
    matter, content = (matter or "").strip(), (content or "").strip()
    errors = []
    if not matter:
        errors.append(_("Say what the matter is."))
    if not content:
        errors.append(_("Say what must be done."))
    if len(matter) > MATTER_LENGTH or len(content) > CONTENT_LENGTH:
        errors.append(_("The matter may be at most %(matter)s characters and the content %(content)s.") % {
            "matter": MATTER_LENGTH, "content": CONTENT_LENGTH})
    if deadline is None or deadline < clock.today():
        errors.append(_("The deadline must be today or later."))
    if lead_unit is None:
        errors.append(_("Choose the lead unit: the project names none."))
    units = set(units_for(project).values_list("pk", flat=True))
    assisting_units = [unit for unit in (assisting_units or []) if lead_unit is None or unit.pk != lead_unit.pk]
    if (lead_unit is not None and lead_unit.pk not in units) or any(u.pk not in units for u in assisting_units):
        errors.append(_("A sheet may name only the project's own units."))
    people = set(people_for(project).values_list("pk", flat=True))
    named = [*(responsible_leaders or []), *([instructing_leader] if instructing_leader else [])]
    if any(person.pk not in people for person in named):
        errors.append(_("A sheet may name only leaders of the project's jurisdiction."))
    if feedback not in Feedback.values:
        errors.append(_("Choose how the unit gives feedback."))
    if feedback == Feedback.PERIODIC and not (feedback_days and 1 <= feedback_days <= MAX_FEEDBACK_DAYS):
        errors.append(_("Say every how many days (1 to %(most)s) the unit gives feedback.") % {
            "most": MAX_FEEDBACK_DAYS})
    leader_name = (leader_name or "").strip() or (instructing_leader.name if instructing_leader else "")
    contact_name, contact_phone = (contact_name or "").strip(), (contact_phone or "").strip()
    if len(leader_name) > 50 or len(contact_name) > 50 or len(contact_phone) > 30:
        errors.append(_("Names may be at most 50 characters and the phone number 30."))
    if errors:
        raise ValidationError(errors)
    return Wording(matter=matter, content=content, deadline=deadline, instructing_leader=instructing_leader,
                   leader_name=leader_name, lead_unit=lead_unit, assisting_units=assisting_units,
                   responsible_leaders=list(responsible_leaders or []), feedback=feedback,
                   feedback_days=feedback_days if feedback == Feedback.PERIODIC else None,
                   contact_name=contact_name, contact_phone=contact_phone)


def apply_wording(sheet: InstructionSheet, wording: Wording) -> None:
    for field in fields(Wording):
        if field.name not in ("assisting_units", "responsible_leaders"):
            setattr(sheet, field.name, getattr(wording, field.name))


def wording_text(sheet: InstructionSheet) -> dict[str, str]:
    """The sheet's wording as text, for the trail's before and after."""
    return {"matter": sheet.matter, "content": sheet.content, "deadline": sheet.deadline.isoformat(),
            "leader_name": sheet.leader_name, "lead_unit": sheet.lead_unit.name,
            "assisting_units": "、".join(unit.name for unit in sheet.assisting_units.order_by("name")),
            "responsible_leaders": "、".join(person.name for person in sheet.responsible_leaders.order_by("name")),
            "feedback": sheet.feedback, "feedback_days": str(sheet.feedback_days or ""),
            "contact_name": sheet.contact_name, "contact_phone": sheet.contact_phone}
