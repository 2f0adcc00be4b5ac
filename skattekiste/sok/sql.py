"""Names for hand-written SQL, taken from the models.

Some SQL is written by hand for speed (see candidates.py). Its table and column names
come from the models' metadata and its constants from the models' choices, so a model
that renames a table or a column cannot leave a query reading the old name.
"""

from django.db import connection


def table(model) -> str:
    """The model's table, quoted."""
    return connection.ops.quote_name(model._meta.db_table)


def column(model, name: str) -> str:
    """The column of the model's field `name` ("pk" for the primary key), quoted."""
    field = model._meta.pk if name == "pk" else model._meta.get_field(name)
    return connection.ops.quote_name(field.column)


def literal(value: str) -> str:
    """A constant from our own code (a status, a search type's key) as an SQL string."""
    return "'" + str(value).replace("'", "''") + "'"
