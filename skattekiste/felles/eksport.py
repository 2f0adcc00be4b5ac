"""Downloads as CSV and JSON: the one place that writes them, for the lists and the overview.

CSV is UTF-8 with a BOM, so Excel reads æøå right, separated by semicolons, as Excel in
Norway expects. A text cell that a spreadsheet would run as a formula (it starts with = + -
@, a tab or a carriage return) gets a leading apostrophe, so it is shown, never run; the
admin's import takes that apostrophe off again, so an exported file reads back unchanged.
A list streams row by row: 20 000 examples never sit in the server's memory at once.
"""

import csv
import json
from collections.abc import Iterable, Iterator

from django.contrib.postgres.expressions import ArraySubquery
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import OuterRef
from django.http import StreamingHttpResponse
from django.utils.text import slugify

BOM = "\ufeff"
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
MAX_NAME = 120


def names(model, link: str, field: str, *order) -> ArraySubquery:
    """`field` of every `model` row linked to the outer row through `link`, in `order`, as
    one array in the outer row: a download reads a chunk's links in its one query, without
    a model instance per link."""
    rows = model._default_manager.filter(**{link: OuterRef("pk")})
    return ArraySubquery(rows.order_by(*order).values(field))


def safe_cell(value):
    """A value for a spreadsheet cell: text that looks like a formula is escaped.

    Text that already starts with the escape's apostrophe gets one more where reading it
    back would take one off, so unescape_cell(safe_cell(text)) is always the text.
    """
    if value is None:
        return ""
    if isinstance(value, str) and (value.startswith(FORMULA_START) or _escaped(value)):
        return "'" + value
    return value


def unescape_cell(value):
    """A cell read from a file this module wrote: the escape's apostrophe taken off."""
    return value[1:] if isinstance(value, str) and _escaped(value) else value


def _escaped(value: str) -> bool:
    return value.startswith("'") and value[1:].startswith((*FORMULA_START, "'"))


class _Line:
    """A file-like object csv.writer writes one line into, handed straight back."""

    def write(self, value):
        return value


def csv_lines(rows: Iterable[Iterable]) -> Iterator[str]:
    """The BOM, then each row as one CSV line, every cell made safe."""
    writer = csv.writer(_Line(), delimiter=";")
    yield BOM
    for row in rows:
        yield writer.writerow([safe_cell(cell) for cell in row])


def json_chunks(items: Iterable[dict]) -> Iterator[str]:
    """A JSON array, written one object at a time."""
    yield "["
    for n, item in enumerate(items):
        yield (
            ("," if n else "") + "\n" + json.dumps(item, cls=DjangoJSONEncoder, ensure_ascii=False)
        )
    yield "\n]\n"


def file_name(base: str, values: Iterable[str], extension: str) -> str:
    """skattekisten-<base>-<the chosen filters>.<extension>, in ASCII for every browser."""
    parts = [slugify(str(value)) for value in values]
    name = "-".join(["skattekisten", base, *(part for part in parts if part)])
    return f"{name[:MAX_NAME].rstrip('-')}.{extension}"


def download(chunks: Iterator[str], name: str, content_type: str) -> StreamingHttpResponse:
    response = StreamingHttpResponse(chunks, content_type=f"{content_type}; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _csv_rows(columns, records) -> Iterator[list]:
    yield [label for label, _ in columns]
    for record in records:
        yield [
            ", ".join(map(str, value)) if isinstance(value, list) else value
            for value in (record[key] for _, key in columns)
        ]


def list_download(*, columns, records, fmt: str, base: str, values) -> StreamingHttpResponse:
    """A list's records ({key: value}, a list for several values) as CSV with `columns`
    ((heading, key)) or as JSON, streamed; the file is named after the chosen filters."""
    if fmt == "json":
        return download(json_chunks(records), file_name(base, values, "json"), "application/json")
    return download(
        csv_lines(_csv_rows(columns, records)), file_name(base, values, "csv"), "text/csv"
    )
