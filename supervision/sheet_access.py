"""Who may do what to an instruction sheet: one small function per kind of actor, asked by the services
before they act and by the sheet page before it shows a button. Who may SEE a sheet is
supervision.sheet_selectors.sheets_for (through visible_projects)."""

from accounts.models import User
from accounts.roles import Role
from projects.access import jurisdiction_ids_of, may_review, roles_of
from supervision.models import InstructionSheet

Status = InstructionSheet.Status


def may_issue_sheets(user: User) -> bool:
    """The supervision office: coordinators, administrators and superusers issue, return, close, reword."""
    return user.is_authenticated and may_review(user)


def issuing_jurisdiction_id(user: User, project_jurisdiction_id: int) -> int:
    """Whose sequence numbers a new sheet: the issuing office's own (a city's office issuing on a district's
    project prints 泉督办, not 鲤督办); a superuser without a jurisdiction issues as the project's office."""
    return user.jurisdiction_id or project_jurisdiction_id


def is_issuing_office(user: User, sheet: InstructionSheet) -> bool:
    """The office that issued the sheet, or one above it: returns answers, closes, rewords."""
    if not may_issue_sheets(user):
        return False
    ids = jurisdiction_ids_of(user)
    return ids is None or sheet.jurisdiction_id in ids


def is_lead_officer(user: User, sheet: InstructionSheet) -> bool:
    """An information officer of the sheet's lead unit: signs, disputes and answers for it."""
    return (user.is_authenticated and Role.OFFICER in roles_of(user) and user.organization_id is not None
            and user.organization_id == sheet.lead_unit_id)


def actions_for(user: User, sheet: InstructionSheet) -> set[str]:
    """The actions the user may take on the sheet as it stands now: sign, dispute, answer, return, close, reword."""
    actions = set()
    if is_lead_officer(user, sheet):
        if sheet.status == Status.ISSUED:
            actions |= {"sign", "dispute"}
        if sheet.status in (Status.SIGNED, Status.RETURNED):
            actions.add("answer")
    if is_issuing_office(user, sheet):
        if sheet.status == Status.ANSWERED:
            actions.add("return")
        if sheet.status == Status.DISPUTED:
            actions.add("reword")
        if sheet.status != Status.CLOSED:
            actions.add("close")
    return actions
