"""A light's reasons in the reader's language: progress/lights.py stores codes with their facts, this says them."""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext


def describe(reason: dict) -> str:
    """One reason in the reader's language."""
    code = reason.get("code")
    if code == "done":
        return _("Complete: the supervision office verified the completion.")
    if code == "awaiting_verification":
        return _("The report for %(period)s says the project is complete; the supervision office has yet to "
                 "verify it.") % reason
    if code == "on_plan":
        return _("On plan: reports are in and no milestone is behind.")
    if code == "on_plan_late":
        return ngettext("On plan: no milestone is behind; the latest report, for %(period)s, came in %(days)s day "
                        "after its due date.",
                        "On plan: no milestone is behind; the latest report, for %(period)s, came in %(days)s days "
                        "after its due date.", reason["days"]) % reason
    if code == "recovering":
        return _("Caught up with the time-proportional target in %(period)s, after a red light; green from the next "
                 "period if still on target.") % {"period": reason.get("period") or "—"}
    if code == "behind_target":
        return ngettext("%(percent)s%% complete against a time-proportional target of %(target)s%%: %(gap)s point "
                        "behind.",
                        "%(percent)s%% complete against a time-proportional target of %(target)s%%: %(gap)s points "
                        "behind.", reason["gap"]) % reason
    if code == "milestone_missed":
        return _("The milestone of quarter %(quarter)s was missed.") % reason
    if code == "behind_milestone":
        return _("Behind the milestone of quarter %(quarter)s.") % reason
    if code == "no_lead_unit":
        return _("No lead unit: nobody is asked to report.")
    if code == "no_report_two_periods":
        return _("No report for two periods (%(periods)s).") % {"periods": "、".join(reason["periods"])}
    if code == "late" and reason.get("year_over"):
        return ngettext("At the year's end the report for %(period)s was %(days)s day late.",
                        "At the year's end the report for %(period)s was %(days)s days late.", reason["days"]) % reason
    if code == "request_open" and reason.get("year_over"):
        return ngettext("At the year's end a coordination request had been open for %(days)s day: %(text)s",
                        "At the year's end a coordination request had been open for %(days)s days: %(text)s",
                        reason["days"]) % reason
    if code == "late":
        return ngettext("The report for %(period)s is %(days)s day late.",
                        "The report for %(period)s is %(days)s days late.", reason["days"]) % reason
    if code == "request_open":
        return ngettext("A coordination request has been open for %(days)s day: %(text)s",
                        "A coordination request has been open for %(days)s days: %(text)s", reason["days"]) % reason
    return str(reason)
