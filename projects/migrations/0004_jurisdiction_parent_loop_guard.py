"""The database refuses to make a jurisdiction its own ancestor (A › B › A), whoever writes the row.

Jurisdiction.clean() says so in words on a form; this trigger holds for everything else (an UPDATE that
bypasses Django's validation, a script, a shell). Pages walk the parent chain; a loop would spin them forever.
SQLite serialises writers; on PostgreSQL an advisory lock makes two concurrent moves take turns, so that two
moves that are each harmless cannot close a loop between them. The lock is taken by a statement trigger, before
the UPDATE locks its rows: taken by the row trigger, after the row lock, two such moves deadlock instead."""

from django.db import migrations

MESSAGE = "a jurisdiction cannot be placed under itself or one of its own sub-jurisdictions"

# The parent and those above it; UNION (not UNION ALL) ends the walk at a loop already in the rows.
ANCESTORS_HOLD_NEW_ROW = """
    WITH RECURSIVE up(id) AS (
        SELECT NEW.parent_id
        UNION
        SELECT j.parent_id FROM projects_jurisdiction j JOIN up ON j.id = up.id WHERE j.parent_id IS NOT NULL
    ) SELECT 1 FROM up WHERE id = NEW.id
"""

CREATE = {
    "postgresql": [
        """
        CREATE FUNCTION jurisdiction_tree_lock() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            PERFORM pg_advisory_xact_lock(hashtext('projects_jurisdiction.parent_id'));
            RETURN NULL;
        END $$
        """,
        """
        CREATE TRIGGER jurisdiction_tree_lock BEFORE UPDATE OF parent_id ON projects_jurisdiction
        FOR EACH STATEMENT EXECUTE FUNCTION jurisdiction_tree_lock()
        """,
        f"""
        CREATE FUNCTION jurisdiction_no_parent_loop() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            -- A statement of its own: it sees a move committed while this one waited for the lock.
            IF EXISTS ({ANCESTORS_HOLD_NEW_ROW}) THEN
                RAISE EXCEPTION '{MESSAGE}' USING ERRCODE = 'check_violation';
            END IF;
            RETURN NEW;
        END $$
        """,
        """
        CREATE TRIGGER jurisdiction_no_parent_loop BEFORE UPDATE OF parent_id ON projects_jurisdiction
        FOR EACH ROW WHEN (NEW.parent_id IS NOT NULL AND NEW.parent_id IS DISTINCT FROM OLD.parent_id)
        EXECUTE FUNCTION jurisdiction_no_parent_loop()
        """,
    ],
    "sqlite": [
        f"""
        CREATE TRIGGER jurisdiction_no_parent_loop BEFORE UPDATE OF parent_id ON projects_jurisdiction
        WHEN NEW.parent_id IS NOT NULL AND NEW.parent_id IS NOT OLD.parent_id
        BEGIN
            SELECT RAISE(ABORT, '{MESSAGE}') WHERE EXISTS ({ANCESTORS_HOLD_NEW_ROW});
        END
        """,
    ],
}

DROP = {
    "postgresql": [
        "DROP TRIGGER IF EXISTS jurisdiction_no_parent_loop ON projects_jurisdiction",
        "DROP FUNCTION IF EXISTS jurisdiction_no_parent_loop()",
        "DROP TRIGGER IF EXISTS jurisdiction_tree_lock ON projects_jurisdiction",
        "DROP FUNCTION IF EXISTS jurisdiction_tree_lock()",
    ],
    "sqlite": ["DROP TRIGGER IF EXISTS jurisdiction_no_parent_loop"],
}


def create_guard(apps, schema_editor) -> None:
    for statement in CREATE[schema_editor.connection.vendor]:
        schema_editor.execute(statement)


def drop_guard(apps, schema_editor) -> None:
    for statement in DROP[schema_editor.connection.vendor]:
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [
        ("projects", "0003_redundant_indexes"),
    ]

    operations = [
        migrations.RunPython(create_guard, drop_guard, elidable=False),
    ]
