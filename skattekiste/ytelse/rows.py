"""Bulk writing in raw SQL: COPY rows into a table, and find the tables that link models.

The synthetic corpus is hundreds of thousands of rows; COPY streams each table's rows in
one statement, without building a model instance per row. Table and column names come from
model metadata only.
"""

from django.apps import apps
from django.db import connection
from taggit.models import TaggedItemBase


def copy_rows(model, rows, *, with_id=True):
    """COPY rows (dicts by attname) into the model's table; missing fields get defaults."""
    fields = [
        f for f in model._meta.concrete_fields if not f.generated and (with_id or not f.primary_key)
    ]
    columns = ", ".join(f'"{f.column}"' for f in fields)
    defaults = {f.attname: f.get_default() for f in fields}
    with (
        connection.cursor() as cursor,
        cursor.copy(f'COPY "{model._meta.db_table}" ({columns}) FROM STDIN') as copy,
    ):
        for row in rows:
            copy.write_row([row.get(f.attname, defaults[f.attname]) for f in fields])


def reset_sequence(model):
    """Move the id sequence past the ids COPY wrote, so the ORM's next insert fits."""
    table = model._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT setval(pg_get_serial_sequence(%s, 'id'), "
            f"GREATEST((SELECT max(id) FROM {table}), 1))",
            [table],
        )


def next_id(model):
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COALESCE(max(id), 0) + 1 FROM {model._meta.db_table}")
        return cursor.fetchone()[0]


def link_tables():
    """Many-to-many tables: the automatic ones and the theme (taggit) ones."""
    return [
        model
        for model in apps.get_models(include_auto_created=True)
        if model._meta.auto_created or issubclass(model, TaggedItemBase)
    ]


def through_columns(through, owner_model, target_model):
    """The owner's and the target's column (attname) in a link table."""
    owner = target = None
    for field in through._meta.concrete_fields:
        if field.is_relation:
            if field.related_model is owner_model and owner is None:
                owner = field.attname
            elif field.related_model is target_model:
                target = field.attname
    return owner, target
