"""No table keeps an index that a unique constraint of the same model already provides.

A foreign key gets its own index by default. When a unique constraint starts with that key
(project, organization, role), its index serves every lookup by the key, and the second index
only slows down writes: an import writes tens of thousands of such rows."""

from django.apps import apps
from django.db import connection, models

OUR_APPS = ("accounts", "imports", "progress", "projects")


def redundant_indexes() -> list[str]:
    found = []
    for model in apps.get_models():
        if model._meta.app_label not in OUR_APPS:
            continue
        # Only constraints on every row: a partial one (condition=…) does not serve every lookup.
        leading = {constraint.fields[0] for constraint in model._meta.constraints
                   if isinstance(constraint, models.UniqueConstraint) and constraint.fields
                   and constraint.condition is None}
        for field in model._meta.fields:
            if field.db_index and not field.unique and field.name in leading:
                found.append(f"{model._meta.label}.{field.name}")
    return found


def test_no_foreign_key_is_indexed_twice():
    assert redundant_indexes() == []


def test_the_database_has_no_index_on_a_key_a_unique_constraint_starts_with(db):
    from projects.models import ProjectOrganization

    table = ProjectOrganization._meta.db_table
    with connection.cursor() as cursor:
        indexes = connection.introspection.get_constraints(cursor, table)
    single = [details["columns"] for details in indexes.values()
              if details["index"] and not details["unique"] and not details["primary_key"]]
    assert ["project_id"] not in single
    assert ["organization_id"] in single  # not the first field of the unique constraint: still indexed
