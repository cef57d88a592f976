from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.roles import Role


class User(AbstractUser):
    """A person who signs in; an information officer speaks for one unit, a leader is one Person.

    Everyone sees the plans of their jurisdiction and of the jurisdictions under it
    (projects/access.py); an officer's and a leader's jurisdiction is that of their unit or person."""

    jurisdiction = models.ForeignKey(
        "projects.Jurisdiction", models.PROTECT, null=True, blank=True, related_name="users",
        verbose_name=_("jurisdiction"),
        help_text=_("The user sees the plans of this jurisdiction and of those under it."),
    )

    organization = models.ForeignKey(
        "projects.Organization", models.SET_NULL, null=True, blank=True, related_name="users",
        verbose_name=_("unit"), help_text=_("For information officers: the unit they report for."),
    )
    person = models.ForeignKey(
        "projects.Person", models.SET_NULL, null=True, blank=True, related_name="users",
        verbose_name=_("person"), help_text=_("For leaders: who they are in the responsibility tables."),
    )

    class Meta(AbstractUser.Meta):
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def save(self, *args, **kwargs):
        if self.jurisdiction_id is None:
            tied = self.organization or self.person
            self.jurisdiction_id = tied.jurisdiction_id if tied else None
        super().save(*args, **kwargs)

    def roles(self) -> list[Role]:
        """The user's roles, in the order of Role; reads groups once (prefetch them for lists)."""
        names = {group.name for group in self.groups.all()}
        return [role for role in Role if role.value in names]
