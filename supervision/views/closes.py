"""The office's closes: the list with the 关账 form, and one close's page. Officers have no business here (403);
leaders read; coordinators and administrators close. A close of a plan the user does not see is 404."""

from datetime import date
from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from projects import clock
from supervision import closing
from supervision.circular_selectors import may_write_circulars, visible_circulars
from supervision.compare import compare, in_order
from supervision.figures import close_figures
from supervision.models import Snapshot
from supervision.selectors.closes import (
    closable_periods,
    closes_by_plan,
    closes_visible,
    corrections,
    may_close,
    may_see_closes,
    plans_visible,
)

MONTH = r"^20\d\d-(0[1-9]|1[0-2])$"
# The close page's groups, in the order the office reads them: what needs chasing first.
GROUPS = [
    (Snapshot.Standing.BEHIND, gettext_lazy("Behind the time-proportional target")),
    (Snapshot.Standing.ON_SCHEDULE, gettext_lazy("On the time-proportional target")),
    (Snapshot.Standing.AHEAD, gettext_lazy("Ahead of the time-proportional target")),
    (Snapshot.Standing.DONE, gettext_lazy("Complete")),
    (Snapshot.Standing.UNKNOWN, gettext_lazy("No percent reported")),
]


class MonthField(forms.RegexField):
    """A reporting month as the selects send it: 2026-03 -> date(2026, 3, 1)."""

    def __init__(self, **kwargs):
        choose = gettext_lazy("Choose a period.")
        super().__init__(MONTH, error_messages={"invalid": choose, "required": choose}, **kwargs)

    def clean(self, value) -> date:
        return date.fromisoformat(super().clean(value) + "-01")


class CloseForm(forms.Form):
    plan = forms.IntegerField(error_messages={"required": gettext_lazy("Choose a plan."),
                                              "invalid": gettext_lazy("Choose a plan.")})
    period = MonthField()


class JurisdictionCloseForm(forms.Form):
    period = MonthField()


def _refuse_officers(request: HttpRequest) -> None:
    if not may_see_closes(request.user):
        raise PermissionDenied(_("Closed periods are for the supervision office and leaders."))


def _errors(request: HttpRequest, form: forms.Form) -> None:
    for errors in form.errors.values():
        for message in errors:
            messages.error(request, message)


@login_required
def closes(request: HttpRequest) -> HttpResponse:
    """Closes the user sees, per plan; for coordinators the form that closes a period."""
    _refuse_officers(request)
    if request.method == "POST":
        return _close(request) if "plan" in request.POST else _close_month(request)
    if "show" in request.GET:
        return _show(request)
    closable = closable_periods(request.user, clock.today())
    months = sorted({c.period.month for c in closable}, reverse=True)
    return render(request, "supervision/closes.html", {
        "groups": closes_by_plan(request.user), "closable": closable,
        "closable_plans": list({c.plan.pk: c.plan for c in closable}.values()),
        "chosen": closable[0] if closable else None, "months": months,
        "may_close": may_close(request.user),
        "jurisdiction": request.user.jurisdiction if request.user.jurisdiction_id else None,
    })


def _show(request: HttpRequest) -> HttpResponse:
    """The dashboard's choice of a close (?show=<pk>, and ?compare=<pk> to set beside it): its page."""
    visible = closes_visible(request.user)
    chosen = get_object_or_404(visible, pk=_pk(request.GET.get("show")))
    url = reverse("supervision:close", args=[chosen.pk])
    other = request.GET.get("compare", "")
    if other:
        compared = get_object_or_404(visible, pk=_pk(other))
        if compared.plan_id == chosen.plan_id and compared.pk != chosen.pk:
            url += "?" + urlencode({"compare": compared.pk})
        else:
            messages.info(request, _("A closed period is compared with another of the same plan."))
    return redirect(url)


def _pk(raw: str | None) -> int:
    if not raw or not raw.isdecimal():
        raise Http404
    return int(raw)


def _close(request: HttpRequest) -> HttpResponse:
    if not may_close(request.user):
        raise PermissionDenied(_("Only coordinators and administrators close reporting periods."))
    form = CloseForm(request.POST)
    if not form.is_valid():
        _errors(request, form)
        return redirect("supervision:closes")
    plan = get_object_or_404(plans_visible(request.user), pk=form.cleaned_data["plan"])
    try:
        close = closing.close_period(user=request.user, plan=plan, month=form.cleaned_data["period"])
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect("supervision:closes")
    messages.success(request, _("%(plan)s: the period %(month)s is closed; its figures are frozen below.") % {
        "plan": plan.title, "month": f"{close.period:%Y-%m}"})
    return redirect("supervision:close", pk=close.pk)


def _close_month(request: HttpRequest) -> HttpResponse:
    """Close one month for every plan of the user's jurisdiction and those under it."""
    if not may_close(request.user) or not request.user.jurisdiction_id:
        raise PermissionDenied(_("Only coordinators and administrators close reporting periods."))
    form = JurisdictionCloseForm(request.POST)
    if not form.is_valid():
        _errors(request, form)
        return redirect("supervision:closes")
    try:
        done = closing.close_jurisdiction(user=request.user, jurisdiction=request.user.jurisdiction,
                                          month=form.cleaned_data["period"])
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect("supervision:closes")
    month = f"{form.cleaned_data['period']:%Y-%m}"
    if done.closed:
        messages.success(request, _("%(month)s closed for: %(plans)s.") % {
            "month": month, "plans": "、".join(close.plan.title for close in done.closed)})
    if done.skipped:
        messages.info(request, _("Closed before, left as they were: %(plans)s.") % {
            "plans": "、".join(close.plan.title for close in done.skipped)})
    return redirect("supervision:closes")


@login_required
def close(request: HttpRequest, pk: int) -> HttpResponse:
    """One close: its headline figures, its rows by standing, late units, corrections since, and a comparison."""
    _refuse_officers(request)
    visible = closes_visible(request.user)
    this = get_object_or_404(visible, pk=pk)
    figures = close_figures(this)
    corrected = {c.snapshot.pk: c for c in corrections(this, figures.snapshots)}
    others = [other for other in visible.filter(plan_id=this.plan_id) if other.pk != this.pk]
    chosen = next((o for o in others if str(o.pk) == request.GET.get("compare", "")), None)
    # Its circular if the user may read it (a leader reads it once published); else, for the office, the button.
    circular = visible_circulars(request.user).filter(close=this).first()
    return render(request, "supervision/close.html", {
        "circular": circular, "may_draft": circular is None and may_write_circulars(request.user, this.plan),
        "close": this, "figures": figures, "corrections": corrected, "others": others,
        "groups": [(key, label, [(s, corrected.get(s.pk)) for s in figures.with_standing(key)])
                   for key, label in GROUPS],
        "comparison": compare(*in_order(chosen, this)) if chosen else None, "chosen": chosen,
    })
