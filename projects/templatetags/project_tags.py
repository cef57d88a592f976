from django import template

register = template.Library()


@register.simple_tag
def project_cells(table, record) -> str:
    """A list row's cells (projects.tables.ProjectTable.cells)."""
    return table.cells(record)
