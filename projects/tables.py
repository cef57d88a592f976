"""The project list as a table: one row a project, readable at 1366 px and as cards on a phone.

django-tables2 gives the columns, their headers, sorting and pagination. The cells of a row are
written by `cells` in one pass: the library's per-cell path (a signature inspected and a template
lookup for every cell) was half of the list page's time at 50 rows."""

import django_tables2 as tables
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from projects import clock
from projects.amounts import shown
from projects.models import Plan, Project
from projects.schedule import is_over


def year_badge(plan: Plan) -> str:
    """'2023年度 · 已结束' beside what belongs to a plan whose year is over; nothing within the year."""
    if not is_over(plan.year, clock.today()):
        return ""
    return format_html('<span class="year-over">{}</span>', _("%(year)s · year over") % {"year": plan.year})


class ProjectTable(tables.Table):
    number = tables.Column(verbose_name=_("number"), order_by=("plan__year", "plan_id", "position"))
    name = tables.Column(verbose_name=_("name"), order_by=("name",))
    lead_units = tables.Column(verbose_name=_("lead unit"), accessor="pk", orderable=False)
    leaders = tables.Column(verbose_name=_("supervising leader"), accessor="pk", orderable=False)
    total_investment = tables.Column(verbose_name=_("investment (万元)"))
    percent = tables.Column(verbose_name=_("percent complete"), accessor="status__percent_complete")
    light = tables.Column(verbose_name=_("status light"), accessor="status__light")
    last_report = tables.Column(verbose_name=_("last report"), accessor="status__last_period")

    class Meta:
        model = Project
        fields: list[str] = []
        sequence = ("number", "name", "lead_units", "leaders", "total_investment", "percent", "light", "last_report")
        attrs = {"class": "grid projects"}
        template_name = "projects/_table.html"
        empty_text = _("No project matches.")

    def cells(self, record: Project) -> str:
        """The row's <td>s; on a phone each is a line of a card headed by its column (data-label)."""
        return format_html_join("", '<td data-label="{}">{}</td>', (
            (column.header, getattr(self, f"cell_{column.name}")(record)) for column in self.columns))

    def cell_number(self, record: Project) -> str:
        return record.number

    def cell_name(self, record: Project) -> str:
        return format_html('<a href="{}">{}</a><br><span class="muted">{} · {}</span> {}', record.get_absolute_url(),
                           record.name, record.plan.jurisdiction.name, record.plan.year, year_badge(record.plan))

    def cell_lead_units(self, record: Project) -> str:
        return "、".join(role.organization.name for role in record.lead_unit_roles)

    def cell_leaders(self, record: Project) -> str:
        return "、".join(role.person.name for role in record.leader_roles)

    def cell_total_investment(self, record: Project) -> str:
        return shown(record.total_investment) or "—"

    def cell_percent(self, record: Project) -> str:
        status = getattr(record, "status", None)
        if status is None or status.percent_complete is None:
            return "—"
        percent = status.percent_complete
        # A <progress> draws its bar from its value: no style="width: …" for the CSP to refuse.
        return format_html('<progress class="bar" max="100" value="{}">{}%</progress> {}%', percent, percent, percent)

    def cell_light(self, record: Project) -> str:
        status = getattr(record, "status", None)
        if status is None:
            return "—"
        return format_html('<span class="light light-{}">{}</span>', status.light, status.get_light_display())

    def cell_last_report(self, record: Project) -> str:
        status = getattr(record, "status", None)
        return f"{status.last_period:%Y-%m}" if status and status.last_period else "—"
