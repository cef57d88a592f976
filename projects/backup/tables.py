"""The tables a backup holds, their rows as JSON and back, and the one consistent read they come from.

Every table of every installed model (the many-to-many link tables too) is written by the ORM as
plain column values, one JSON array per row: the same code on SQLite and PostgreSQL, and a backup of
one restores into the other. Values keep their full precision (Django's JSON encoder would cut
datetimes to milliseconds, so the row-by-row comparison after a restore would fail)."""

import base64
import datetime
import json
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from decimal import Decimal

from django.apps import apps
from django.db import DEFAULT_DB_ALIAS, connection, connections, transaction
from django.db.models import Field, Model

# Tables that `migrate` fills itself (content types, permissions, the four role groups and their
# permissions): a restore replaces their rows with the backup's, since the backup's other rows
# point at the backup's ids. Every other table must be empty before a restore.
MADE_BY_MIGRATE = frozenset({"contenttypes.ContentType", "auth.Permission", "auth.Group", "auth.Group_permissions"})
# Rows of other tables that `migrate` (or `flush`, which sets up the same rows again) writes: the audit trail's
# entries of those commands (the role groups' permissions). A restore replaces them with the backup's own trail.
WRITTEN_BY_MIGRATE = {"audit.AuditEntry": ("source", ("command migrate", "command flush"))}
ROWS_PER_READ = 2000


def backed_up_models() -> list[type[Model]]:
    """Every model with a table of its own, link tables included, in a stable order."""
    found = [model for model in apps.get_models(include_auto_created=True)
             if model._meta.managed and not model._meta.proxy]
    return sorted(found, key=lambda model: model._meta.label)


def columns(model: type[Model]) -> list[Field]:
    return list(model._meta.concrete_fields)


def _plain(value: object) -> object:
    """A value json cannot write by itself, as text that the field's to_python() reads back exactly."""
    if isinstance(value, (datetime.datetime, datetime.date, datetime.time)):
        return value.isoformat()
    if isinstance(value, (Decimal, uuid.UUID)):
        return str(value)
    if isinstance(value, datetime.timedelta):
        return f"{value.days} {value.seconds}.{value.microseconds:06d}"
    if isinstance(value, (bytes, memoryview)):
        return base64.b64encode(bytes(value)).decode("ascii")
    raise TypeError(f"cannot back up a value of type {type(value).__name__}")


def rows_as_json(model: type[Model]) -> Iterator[str]:
    """The model's rows by primary key, one JSON line each, read in chunks (never the whole table)."""
    names = [field.attname for field in columns(model)]
    rows = model._base_manager.order_by("pk").values_list(*names).iterator(chunk_size=ROWS_PER_READ)
    for row in rows:
        yield json.dumps(row, default=_plain, ensure_ascii=False, separators=(",", ":")) + "\n"


# Kinds whose JSON value is already what an INSERT takes (a relation counts as the field it points to).
AS_READ = frozenset({
    "AutoField", "BigAutoField", "SmallAutoField", "IntegerField", "BigIntegerField", "SmallIntegerField",
    "PositiveIntegerField", "PositiveSmallIntegerField", "PositiveBigIntegerField", "BooleanField", "CharField",
    "TextField", "FileField", "SlugField", "EmailField", "URLField", "GenericIPAddressField",
})


def _converter(field: Field, database) -> Callable[[object], object] | None:
    """How one field's JSON value becomes what the database takes; None when it takes it as it is."""
    kind = (field.target_field if field.is_relation else field).get_internal_type()
    if kind in AS_READ:
        return None
    if kind == "JSONField":  # SQL NULL in a nullable column; otherwise the JSON value (null included)
        return lambda value: None if value is None and field.null else field.get_db_prep_save(value, database)
    if kind == "BinaryField":
        return lambda value: None if value is None else base64.b64decode(value)
    if kind == "DurationField":
        def duration(value):
            if value is None:
                return None
            days, seconds = value.split(" ")
            return field.get_db_prep_save(datetime.timedelta(days=int(days), seconds=float(seconds)), database)
        return duration
    ops = database.ops
    # The common kinds parsed by the standard library: what to_python() and get_db_prep_save() do, faster.
    if kind == "DateTimeField":
        return lambda value: None if value is None else ops.adapt_datetimefield_value(
            datetime.datetime.fromisoformat(value))
    if kind == "DateField":
        return lambda value: None if value is None else ops.adapt_datefield_value(datetime.date.fromisoformat(value))
    if kind == "DecimalField":
        target = field.target_field if field.is_relation else field
        return lambda value: None if value is None else ops.adapt_decimalfield_value(
            Decimal(value), target.max_digits, target.decimal_places)
    return lambda value: None if value is None else field.get_db_prep_save(field.to_python(value), database)


def row_reader(fields: list[Field]) -> Callable[[str], list]:
    """A function from a JSON line of rows_as_json() to the values an INSERT of these fields takes.

    The conversions are chosen once per table: most columns (ids, numbers, texts) go in as read,
    and Django's per-value conversion of every field cost 0.3 ms a report row."""
    database = connections[DEFAULT_DB_ALIAS]  # not the proxy, which looks the connection up at every use
    converters = [_converter(field, database) for field in fields]
    if not any(converters):
        return json.loads

    def read(line: str) -> list:
        values = json.loads(line)
        return [value if convert is None else convert(value) for convert, value in zip(converters, values)]

    return read


@contextmanager
def one_snapshot() -> Iterator[None]:
    """Every read inside sees the database as it was at one moment, while others go on writing.

    PostgreSQL: one REPEATABLE READ, READ ONLY transaction. SQLite: one deferred (read) transaction,
    which in WAL mode is a snapshot that does not hold writers back (Django's atomic() would begin
    IMMEDIATE, taking the write lock for the whole backup). Inside a transaction already (a test's),
    that transaction is the snapshot."""
    if connection.in_atomic_block:
        yield
    elif connection.vendor == "postgresql":
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            yield
    else:
        connection.ensure_connection()
        with connection.cursor() as cursor:
            cursor.execute("BEGIN DEFERRED")
        try:
            yield
        finally:
            with connection.cursor() as cursor:
                cursor.execute("ROLLBACK")
