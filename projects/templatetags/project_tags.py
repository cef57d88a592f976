from django import template

from projects import tables
from projects.amounts import shown

register = template.Library()


@register.simple_tag
def project_cells(table, record) -> str:
    """A list row's cells (projects.tables.ProjectTable.cells)."""
    return table.cells(record)


@register.filter
def amount(value) -> str:
    """An amount in 万元 as every page writes it (projects.amounts.plain): {{ project.total_investment|amount }}."""
    return shown(value)


@register.simple_tag
def year_badge(plan) -> str:
    """'2023年度 · 已结束' once the plan's year is over (projects.tables.year_badge)."""
    return tables.year_badge(plan)
