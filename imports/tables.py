import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from imports.write.compare import Outcome


def _names(units: list) -> str:
    return "、".join(unit[0] for unit in units)


class PreviewTable(tables.Table):
    """The projects of a previewed import, as they will be stored."""

    outcome = tables.Column(verbose_name=_("result"))
    key = tables.Column(verbose_name=_("number"))
    name = tables.Column(verbose_name=_("name"))
    category = tables.Column(verbose_name=_("category"))
    lead_units = tables.Column(verbose_name=_("lead units"))
    assisting_units = tables.Column(verbose_name=_("assisting units"))
    leaders = tables.Column(verbose_name=_("supervising leaders"))
    total_investment = tables.Column(verbose_name=_("total investment (万元)"))
    fundings = tables.Column(verbose_name=_("funding"))
    milestones = tables.Column(verbose_name=_("quarterly milestones"))

    class Meta:
        orderable = False
        attrs = {"class": "grid"}

    def render_outcome(self, value: str) -> str:
        return {Outcome.CREATED: _("new"), Outcome.UPDATED: _("changed"), Outcome.UNCHANGED: _("unchanged")}.get(
            value, value)

    def render_lead_units(self, value: list) -> str:
        return _names(value)

    def render_assisting_units(self, value: list) -> str:
        return _names(value)

    def render_leaders(self, value: list) -> str:
        return "、".join(value)

    def render_fundings(self, value: list) -> str:
        return "；".join(f"{source} {amount}" for source, amount, _note in value)

    def render_milestones(self, value: list) -> str:
        return "；".join(f"Q{quarter} {planned[:20]}" for quarter, planned, _percent in value)
