from django.contrib.auth.models import Group, Permission
from django.db import transaction

from accounts.models import User
from accounts.roles import ROLE_PERMISSIONS, Role
from projects.models import Organization, Person


@transaction.atomic
def sync_role_permissions() -> None:
    """Give each role's group exactly the permissions ROLE_PERMISSIONS names, models added since included."""
    for role, grants in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=role.value)
        wanted = [
            permission
            for permission in Permission.objects.select_related("content_type")
            if (permission.content_type.app_label, permission.codename.split("_", 1)[0]) in grants
        ]
        group.permissions.set(wanted)


# One demo account per role. The passwords are printed by `manage.py demo`: demo data only.
DEMO_ACCOUNTS: list[tuple[str, str, Role]] = [
    ("admin", "demo-admin-2026", Role.ADMIN),
    ("coordinator", "demo-coordinator-2026", Role.COORDINATOR),
    ("officer", "demo-officer-2026", Role.OFFICER),
    ("leader", "demo-leader-2026", Role.LEADER),
]


@transaction.atomic
def create_demo_accounts(*, organization: Organization | None, person: Person | None) -> list[tuple[str, str, Role]]:
    """Create (or reset) one account per role; the officer speaks for `organization`, the leader is `person`.

    The coordinator and the administrator work for the city above the officer's district."""
    city = organization.jurisdiction if organization else None
    above = set()
    while city is not None and city.parent_id and city.parent_id not in above:  # a loop in the rows ends it
        above.add(city.pk)
        city = city.parent
    for username, password, role in DEMO_ACCOUNTS:
        user, _ = User.objects.get_or_create(username=username)
        user.set_password(password)
        user.is_staff = role == Role.ADMIN
        user.is_superuser = role == Role.ADMIN
        user.organization = organization if role == Role.OFFICER else None
        user.person = person if role == Role.LEADER else None
        tied = user.organization or user.person
        user.jurisdiction = tied.jurisdiction if tied else city
        user.save()
        user.groups.set([Group.objects.get(name=role.value)])
    return DEMO_ACCOUNTS
