from django import template
from django.core.exceptions import FieldDoesNotExist
from django.utils.translation import gettext as _

from accounts.models import User
from progress.models import Report, Revision

register = template.Library()


@register.filter
def field_label(name: str) -> str:
    """A revision's field name as the form calls it."""
    if name == "disbursed":
        return _("Disbursed to date (万元)")
    if name == "attachments":
        return _("Photos and documents")
    try:
        return str(Report._meta.get_field(name).verbose_name)
    except FieldDoesNotExist:
        return name


@register.filter
def choice_label(value: str, name: str) -> str:
    """A revision's stored value as the reader sees it: 'in_progress' -> 推进中."""
    try:
        field = Report._meta.get_field(name)
    except FieldDoesNotExist:
        return value
    return str(dict(getattr(field, "flatchoices", ())).get(value, value))


def _name(user: User) -> str:
    return user.get_full_name() or user.username


@register.filter
def revision_author(revision: Revision) -> str:
    """Who made a revision; the importer writes revisions without an author."""
    if revision.author is not None:
        return _name(revision.author)
    # An author's account deleted later leaves None too (SET_NULL), and the name it had; only an import's
    # revision is the import's.
    if revision.action == Revision.Action.IMPORTED:
        return _("the importer")
    return removed_account(revision.author_name) if revision.author_name else _("a removed account")


@register.filter
def report_writer(report: Report) -> str:
    """Who saved a report last: its officer, or the import for a report read from a progress table."""
    if report.reported_by is not None:
        return _name(report.reported_by)
    revisions = report.revisions.all()
    if any(revision.action == Revision.Action.IMPORTED for revision in revisions):
        return _("the importer")
    # A deleted account: the name its last save kept (revisions come newest first).
    written = (Revision.Action.SAVED, Revision.Action.SUBMITTED)
    saved = next((r for r in sorted(revisions, key=lambda r: -r.version) if r.action in written and r.author_name),
                 None)
    return removed_account(saved.author_name) if saved else _("a removed account")


def removed_account(name: str) -> str:
    return _("%(name)s (account removed)") % {"name": name}
