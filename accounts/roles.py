"""The four roles of the product, kept as auth groups so the admin site can assign them."""

from django.db import models
from django.utils.translation import gettext_lazy as _

# App labels whose models every role may at least see.
DOMAIN_APPS = ("projects", "progress", "imports", "supervision")


class Role(models.TextChoices):
    # The value is the group's name as users see it in the admin site, so it is Chinese data.
    ADMIN = "管理员", _("administrator")
    COORDINATOR = "督查协调员", _("coordinator")
    OFFICER = "单位信息员", _("information officer")
    LEADER = "领导", _("leader")


# Which permissions each role's group holds: (app label, action) pairs, "*" for every model.
ROLE_PERMISSIONS: dict[Role, set[tuple[str, str]]] = {
    Role.ADMIN: {(app, action) for app in DOMAIN_APPS for action in ("view", "add", "change", "delete")}
    | {("accounts", "view"), ("audit", "view")},
    Role.COORDINATOR: {(app, "view") for app in DOMAIN_APPS} | {("progress", "change")},
    Role.OFFICER: {(app, "view") for app in DOMAIN_APPS} | {("progress", "add"), ("progress", "change")},
    Role.LEADER: {(app, "view") for app in DOMAIN_APPS},
}

# What the home page tells each role it may do.
ROLE_ABILITIES: dict[Role, list[str]] = {
    Role.ADMIN: [
        _("Load the annual responsibility tables (Excel, Word, CSV or pasted text)."),
        _("Manage plans, projects, units, people and accounts."),
    ],
    Role.COORDINATOR: [
        _("See every project of your jurisdiction and of those under it."),
        _("Accept or return submitted reports, and chase late reports by unit."),
        _("Download any plan's progress table for any period."),
        _("Close a month, publish its circular, issue instruction sheets and verify completed projects."),
    ],
    Role.OFFICER: [
        _("Write your unit's progress report for each project it leads, by the day each plan sets."),
        _("Add your unit's note to the projects it assists."),
        _("Sign for and answer the instruction sheets and leaders' instructions sent to your unit."),
    ],
    Role.LEADER: [
        _("Watch the projects you supervise and their status lights."),
        _("Close the coordination requests units raise."),
        _("Write instructions on projects and requests, and close them once answered."),
    ],
}
