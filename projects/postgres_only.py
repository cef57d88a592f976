"""A migration operation for what only PostgreSQL speaks (pg_trgm's operator class, NULLS FIRST in an index).

SQLite, which keeps working at a city's size, skips it: its queries are the same, only read without the index."""

from django.db import migrations


class OnPostgreSQL(migrations.RunSQL):
    """RunSQL on PostgreSQL; nothing on any other database."""

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)
