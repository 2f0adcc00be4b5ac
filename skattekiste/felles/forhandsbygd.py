"""Queries whose SQL is built once per process and then run with each request's values.

A card query (a deferred row with its districts, themes or sources as JSON arrays) or a
group with its facts (four subqueries) took the ORM 1–3 ms to build on every request, more
than PostgreSQL took to run it. Their SQL depends only on the code, so it is built the
first time and then run with the values of the request.
"""

from django.db import connections
from django.db.models.expressions import RawSQL

# The ids go in as one array parameter, so the SQL is the same for every page.
IDS = "SELECT unnest(%s::bigint[])"


class PrebuiltQuery:
    """`PrebuiltQuery(lambda: Model.objects.published().for_listing())(ids)`: those rows as
    model instances, in no particular order, with the annotations converted as the ORM does.

    `rows` is SQL giving the primary keys from one parameter (by default an array of ids).
    """

    def __init__(self, build, rows=IDS):
        self.build, self.rows = build, rows
        self.compiled = None

    def _compile(self):
        marker = object()  # finds the request's value among the parameters
        queryset = self.build().filter(pk__in=RawSQL(self.rows, (marker,)))  # noqa: S611
        compiler = queryset.query.get_compiler(queryset.db)
        sql, params = compiler.as_sql()
        connection = connections[queryset.db]
        converters = []
        for name, expression in queryset.query.annotations.items():
            found = expression.output_field.get_db_converters(connection)
            found += connection.ops.get_db_converters(expression)
            converters.append((name, expression, found))
        at = next(n for n, param in enumerate(params) if param is marker)
        return queryset.model, sql, list(params), at, converters

    def __call__(self, value):
        if self.compiled is None:
            self.compiled = self._compile()
        model, sql, params, at, converters = self.compiled
        value = list(value) if isinstance(value, list | tuple | set) else value
        rows = list(model.objects.raw(sql, [*params[:at], value, *params[at + 1 :]]))
        if rows:
            connection = connections[rows[0]._state.db]
            for row in rows:
                for name, expression, found in converters:
                    value = getattr(row, name)
                    for convert in found:
                        value = convert(value, expression, connection)
                    setattr(row, name, value)
        return rows
