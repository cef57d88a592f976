"""Who may do what to an instruction sheet: one small function per kind of actor, asked by the services
before they act and by the sheet page before it shows a button. Who may SEE a sheet is
supervision.sheet_selectors.sheets_for (through visible_projects)."""

from accounts.models import User
from accounts.roles import Role
from projects.access import may_review, roles_of
from supervision.models import InstructionSheet

Status = InstructionSheet.Status


def may_issue_sheets(user: User) -> bool:
    """The supervision office: coordinators, administrators and superusers issue, return, close, reword."""
    return user.is_authenticated and may_review(user)


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
    if may_issue_sheets(user):
        if sheet.status == Status.ANSWERED:
            actions.add("return")
        if sheet.status == Status.DISPUTED:
            actions.add("reword")
        if sheet.status != Status.CLOSED:
            actions.add("close")
    return actions
