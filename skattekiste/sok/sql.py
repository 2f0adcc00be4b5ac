"""Names for hand-written SQL, taken from the models.

Some SQL is written by hand for speed (see candidates.py). Its table and column names
come from the models' metadata and its constants from the models' choices, so a model
that renames a table or a column cannot leave a query reading the old name.
"""

from django.db import connection, connections, router


def table(model) -> str:
    """The model's table, quoted."""
    return connection.ops.quote_name(model._meta.db_table)


def column(model, name: str) -> str:
    """The column of the model's field `name` ("pk" for the primary key), quoted."""
    field = model._meta.pk if name == "pk" else model._meta.get_field(name)
    return connection.ops.quote_name(field.column)


def read_cursor(model):
    """A cursor where the router sends reads of `model`: the replica on GET pages, if any.

    Django's ORM asks the router itself; hand-written SQL must ask too, or every search
    would read the primary even with DATABASE_REPLICA_URL set.
    """
    return connections[router.db_for_read(model)].cursor()


def literal(value: str) -> str:
    """A constant from our own code (a status, a search type's key) as an SQL string."""
    return "'" + str(value).replace("'", "''") + "'"


# The planner takes @@ to be cheap and scanned whole tables for the first matches of a common
# word; walking the indexes of published rows is 30-40 % faster (EXPLAIN ANALYZE at 200 000
# insights). Parallel workers for the small tag tables cost more to start (up to 40 ms on
# a busy machine) than the query they help.
PLANNER_SETTINGS = "SET LOCAL enable_seqscan = off; SET LOCAL max_parallel_workers_per_gather = 0"
# For words in a few thousand texts the planner still walks an index and tests row after row
# for the first hundred matches (25-28 ms at 200 000 insights); the GIN index's bitmap finds
# them in 10-12 ms. For common words the walk is the fast one (politiet: 10 against 79 ms).
BITMAP_SETTING = "SET LOCAL enable_indexscan = off"


def fetch_each_with_planner_settings(
    cursor, statements: list[str], params, *, bitmap: bool = False
) -> list[list]:
    """The rows of each statement, planned with PLANNER_SETTINGS (and BITMAP_SETTING when
    `bitmap`), all in one round trip.

    Several statements in one call run as one implicit transaction, so the settings end
    with it (inside an open transaction they last until it ends). This needs client-side
    binding, Django's default for psycopg; server-side binding refuses it with an error.
    """
    settings = [PLANNER_SETTINGS, BITMAP_SETTING] if bitmap else [PLANNER_SETTINGS]
    cursor.execute("; ".join([*settings, *statements]), params)
    results = []
    while True:
        if cursor.description is not None:
            results.append(cursor.fetchall())
        if not cursor.nextset():
            return results
