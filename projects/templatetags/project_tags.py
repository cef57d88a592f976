from django import template

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
