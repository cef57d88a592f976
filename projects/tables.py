"""The project list as a table: one row a project, readable at 1366 px and as cards on a phone."""

import django_tables2 as tables
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from projects.models import Project


def labelled(label) -> dict:
    # On a phone each cell is a line of a card, headed by its column's name (static/css/app.css).
    return {"td": {"data-label": label}}


class ProjectTable(tables.Table):
    number = tables.Column(verbose_name=_("number"), order_by=("plan__year", "plan_id", "position"),
                           attrs=labelled(_("number")))
    name = tables.Column(verbose_name=_("name"), order_by=("name",), attrs=labelled(_("name")))
    lead_units = tables.Column(verbose_name=_("lead unit"), accessor="pk", orderable=False,
                               attrs=labelled(_("lead unit")))
    leaders = tables.Column(verbose_name=_("supervising leader"), accessor="pk", orderable=False,
                            attrs=labelled(_("supervising leader")))
    total_investment = tables.Column(verbose_name=_("investment (万元)"), attrs=labelled(_("investment (万元)")))
    percent = tables.Column(verbose_name=_("percent complete"), accessor="status__percent_complete",
                            attrs=labelled(_("percent complete")))
    light = tables.Column(verbose_name=_("status light"), accessor="status__light", attrs=labelled(_("status light")))
    last_report = tables.DateColumn(verbose_name=_("last report"), accessor="status__last_period", format="Y-m",
                                    attrs=labelled(_("last report")))

    class Meta:
        model = Project
        fields: list[str] = []
        sequence = ("number", "name", "lead_units", "leaders", "total_investment", "percent", "light", "last_report")
        attrs = {"class": "grid projects"}
        empty_text = _("No project matches.")

    def render_name(self, record: Project, value: str):
        plan = record.plan
        return format_html('<a href="{}">{}</a><br><span class="muted">{} · {}</span>', record.get_absolute_url(), value,
                           plan.jurisdiction.name, plan.year)

    def render_lead_units(self, record: Project) -> str:
        return "、".join(role.organization.name for role in record.lead_unit_roles)

    def render_leaders(self, record: Project) -> str:
        return "、".join(role.person.name for role in record.leader_roles)

    def render_total_investment(self, value) -> str:
        return f"{value.normalize():,f}"

    def render_percent(self, value: int):
        return format_html('<span class="bar"><span style="width: {}%"></span></span> {}%', value, value)

    def render_light(self, record: Project):
        return format_html('<span class="light light-{}">{}</span>', record.status.light, record.status.get_light_display())
