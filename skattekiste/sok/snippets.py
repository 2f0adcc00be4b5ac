"""Highlighted excerpts for the hits shown: only our own <mark> tags are HTML."""

import functools
import re
from html import unescape

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from skattekiste.felles.fields import SEARCH_CONFIG
from skattekiste.sok.query import ParsedQuery
from skattekiste.sok.sql import column, literal, read_cursor, table
from skattekiste.sok.types import TYPES, SearchType

# Highlight markers from Unicode's private use area; stripped from the text first.
MARK_START, MARK_STOP = "\ue000", "\ue001"
FRAGMENT_DELIMITER = " … "
# Shorter pieces («Vi», «Ja.») may repeat by chance; longer ones are a sentence said twice.
MIN_REPEAT_CHARS = 20
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def add_snippets(hits: list, query: ParsedQuery, *, any_word: bool = False) -> None:
    """Highlighted excerpts for the hits shown, in one query for all of them."""
    if not hits or query.useless:
        return
    params = {
        "q": query.tsquery(any_word=any_word),
        "marks": MARK_START + MARK_STOP,
        "options": (
            f"StartSel={MARK_START}, StopSel={MARK_STOP}, MaxWords=30, MinWords=12, "
            f'MaxFragments=2, FragmentDelimiter="{FRAGMENT_DELIMITER}"'
        ),
    }
    parts = []
    for t in TYPES:
        pks = [hit.pk for hit in hits if hit.type is t]
        if pks:
            params[f"ids_{t.key}"] = pks
            parts.append(_snippet_sql(t))
    with read_cursor(TYPES[0].model) as cursor:
        cursor.execute(" UNION ALL ".join(f"({part})" for part in parts), params)
        found = {(kind, pk): headline for kind, pk, headline in cursor.fetchall()}
    for hit in hits:
        hit.snippet = highlight(without_repeats(found.get((hit.type.key, hit.pk), "")))


def without_repeats(headline: str) -> str:
    """The excerpt without a sentence it already showed.

    An ingress is often repeated as the first sentence of the description, and the two
    fragments ts_headline picks can then say the same thing twice. Of a sentence shown
    whole and cut, the whole one stays.
    """
    pieces: list[tuple[int, str, str]] = []  # (fragment, sentence, its plain text)
    for n, fragment in enumerate((headline or "").split(FRAGMENT_DELIMITER)):
        for sentence in _SENTENCE_END.split(fragment.strip()):
            plain = sentence.replace(MARK_START, "").replace(MARK_STOP, "").strip()
            if len(plain) >= MIN_REPEAT_CHARS:
                if any(plain in earlier for _, _, earlier in pieces):
                    continue
                pieces = [p for p in pieces if len(p[2]) < MIN_REPEAT_CHARS or p[2] not in plain]
            if plain:
                pieces.append((n, sentence, plain))
    fragments: dict[int, list[str]] = {}
    for n, sentence, _ in pieces:
        fragments.setdefault(n, []).append(sentence)
    return FRAGMENT_DELIMITER.join(" ".join(sentences) for sentences in fragments.values())


@functools.cache
def _snippet_sql(t: SearchType) -> str:
    pk = column(t.model, "pk")
    columns = [f"x.{column(t.model, name)}" for name in t.snippet]
    for part in t.snippet_parts:
        text, order = column(part, "tekst"), column(part, "rekkefolge")
        columns.append(
            f"(SELECT string_agg(s.{text}, ' ' ORDER BY s.{order}) FROM {table(part)} s"
            f" WHERE s.{t.part_link(part)} = x.{pk})"
        )
    # Our markers are removed from the text first, so only they become <mark>.
    text = f"translate(concat_ws(' ', {', '.join(columns)}), %(marks)s, '')"
    return (
        f"SELECT {literal(t.key)}, x.{pk}, ts_headline({literal(SEARCH_CONFIG)}, {text},"
        f" %(q)s::tsquery, %(options)s) FROM {table(t.model)} x"
        f" WHERE x.{pk} = ANY(%(ids_{t.key})s)"
    )


def highlight(headline: str) -> SafeString:
    """Escape everything, then turn our markers into <mark>: the only HTML in a snippet."""
    text = escape(headline or "")
    text = text.replace(MARK_START, "<mark>").replace(MARK_STOP, "</mark>")
    return mark_safe(text)  # noqa: S308 - escaped above; only our own tags added


def unmark(snippet) -> str:
    """The snippet as plain text (for JSON)."""
    return unescape(str(snippet).replace("<mark>", "").replace("</mark>", ""))
