"""One search across examples, method cards, insights, sources, citizen groups and needs.

1. `parse_query()` cleans what was typed, finds citizen groups and thesaurus words in it
   and expands every word with forms found in the content's own word list (`SearchWord`):
   inflections the Norwegian stemmer splits (innbygger/innbyggerne), the parts of a
   compound (nærmiljøprat → nærmiljø & prat) and compounds that contain the word
   (patrulje → nettpatrulje). The result is a tsquery built only from lexemes we quote.
2. `search()` matches it against the stored, GIN-indexed search vectors. The large types
   rank only a bounded set of candidates (the newest title matches and the newest
   matches), so a very common word costs about what a rare one does; counts stop at
   BODY_CANDIDATES and are shown as «100+».
3. `add_snippets()` highlights the shown page only. Only our own <mark> tags are HTML.

Text from related rows (a text's themes and groups) is not in the vectors: a generated
column can only read its own row. Instead a query that names a group is expanded with the
group's name and synonyms, and the group's page is put first.

Models are looked up through the app registry: this module serves all three apps, and
dependencies between the apps point the other way (innsikt → metoder → skattekiste).
"""

import functools
import re
import unicodedata
from dataclasses import dataclass, field

from django.apps import apps
from django.core.cache import cache
from django.db import connection
from django.db.models.functions import Length
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from skattekiste.felles.fields import SEARCH_CONFIG
from skattekiste.felles.text import sort_norwegian

MAX_QUERY_CHARS = 200
MAX_WORDS = 8
MAX_WORD_CHARS = 40
MAX_FORMS_PER_WORD = 16
# Bounded ranking: a common word matches 100 000 rows; we rank at most these per type,
# and a type with more matches is counted as «100+».
TITLE_CANDIDATES = 50
BODY_CANDIDATES = 100
SUGGESTION_CANDIDATES = 1000
STARTING_POINTS_SECONDS = 600
# ts_rank weights for D, C, B, A: title 1.0 > ingress 0.4 > body 0.2.
RANK_WEIGHTS = [0.1, 0.2, 0.4, 1.0]
# Highlight markers from Unicode's private use area; stripped from the text first.
MARK_START, MARK_STOP = "\ue000", "\ue001"

# Words of a question frame: «hva vet vi om eldre» is about «eldre».
# (hva, vi, om, hvordan … are already Norwegian stop words.)
FRAME_WORDS = {"vet", "vite", "finnes", "fins", "fortell", "vis", "finn", "søk", "mer"}
# Inflection endings tried against the word list, and the stems to generate forms from.
STRIP_ENDINGS = ("erne", "ene", "ane", "ere", "ens", "ets", "er", "en", "et", "ne", "es", "e", "a")
FORM_ENDINGS = ("", "e", "en", "et", "er", "ere", "erne", "ene", "a", "ne")
LINKING_LETTERS = ("s", "e")
MIN_PART = 3

_WORD = re.compile(r"[^\W_]+")
_SPACE = re.compile(r"\s+")


# --- Parsing ---------------------------------------------------------------------------


@dataclass
class Concept:
    """One thing asked for: a word, or a group or thesaurus term, with all its forms.

    `forms` is an OR of alternatives; each alternative is an AND of lexemes. A lexeme
    ending in «:*» matches as a prefix (only for words the content does not know).
    """

    label: str
    exact: tuple[str, ...]
    forms: list[tuple[str, ...]] = field(default_factory=list)

    def add(self, form):
        form = tuple(form)
        if form and form not in self.forms and len(self.forms) < MAX_FORMS_PER_WORD:
            self.forms.append(form)


@dataclass
class ParsedQuery:
    text: str = ""
    truncated: bool = False
    concepts: list[Concept] = field(default_factory=list)
    groups: list = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)

    @property
    def useless(self) -> bool:
        return not self.concepts

    def tsquery(self, *, any_word: bool = False) -> str:
        joiner = " | " if any_word else " & "
        return joiner.join(_or(c.forms) for c in self.concepts)

    def exact_tsquery(self) -> str:
        return " & ".join(_and(c.exact) for c in self.concepts if c.exact) or self.tsquery()


def _lexeme(text: str) -> str:
    prefix = text.endswith(":*")
    word = text.removesuffix(":*")
    quoted = "'" + word.replace("\\", "\\\\").replace("'", "''") + "'"
    return quoted + (":*" if prefix else "")


def _and(lexemes) -> str:
    parts = [_lexeme(lexeme) for lexeme in lexemes]
    return parts[0] if len(parts) == 1 else "(" + " & ".join(parts) + ")"


def _or(forms) -> str:
    return "(" + " | ".join(_and(form) for form in forms) + ")"


def clean_query(raw) -> tuple[str, bool]:
    """Printable text of at most MAX_QUERY_CHARS; control characters and NUL removed."""
    text = unicodedata.normalize("NFKC", str(raw or ""))
    text = "".join(" " if unicodedata.category(ch).startswith("C") else ch for ch in text)
    text = _SPACE.sub(" ", text).strip()
    if len(text) <= MAX_QUERY_CHARS:
        return text, False
    cut = text[:MAX_QUERY_CHARS]
    return (cut.rsplit(" ", 1)[0] if " " in cut else cut), True


def _words(text: str) -> list[str]:
    return [w for w in _WORD.findall(text.casefold()) if len(w) <= MAX_WORD_CHARS]


def _query_words(text: str) -> list[str]:
    """Words worth searching for: single letters (a, x, operators' leftovers) are not."""
    return [w for w in _words(text) if len(w) > 1 or w.isdigit()]


def parse_query(raw) -> ParsedQuery:
    """Understand a query: named groups, thesaurus words, inflections and compounds."""
    text, truncated = clean_query(raw)
    parsed = ParsedQuery(text=text, truncated=truncated)
    words = list(dict.fromkeys(_query_words(text)))
    if len(words) > MAX_WORDS:
        parsed.truncated = True
        words = words[:MAX_WORDS]
    if not words:
        return parsed

    terms = _equivalent_terms()
    term_words = {w for term_set in terms for term in term_set["terms"] for w in _words(term)}
    stems = _stems(set(words) | term_words)
    keys = [stems[w] or w for w in words]

    # Where group and thesaurus terms occur (compared stem by stem, so «ungdommen» finds
    # «ungdom»). Longest first; a word belongs to one concept; sets on the same words merge.
    found: dict[tuple[int, int], list[dict]] = {}
    for term_set in terms:
        for term in term_set["terms"]:
            term_words = _words(term)
            if not any(stems.get(w) for w in term_words):
                continue  # only stop words («alle»): nothing to recognise
            term_keys = [stems.get(w) or w for w in term_words]
            for start in _find(keys, term_keys):
                sets = found.setdefault((start, start + len(term_keys)), [])
                if term_set not in sets:
                    sets.append(term_set)
    taken: dict[int, tuple[int, int]] = {}
    for start, end in sorted(found, key=lambda span: (span[0] - span[1], span[0])):
        if all(i not in taken for i in range(start, end)):
            taken.update(dict.fromkeys(range(start, end), (start, end)))

    concepts_at: list[tuple[int, Concept, list[list[str]]]] = []
    for i, word in enumerate(words):
        if i in taken:
            start, end = taken[i]
            if start != i:
                continue
            sets = found[(start, end)]
            parsed.groups += [t["gruppe"] for t in sets if t["gruppe"] is not None]
            exact = tuple(stem for stem in (stems[w] for w in words[start:end]) if stem)
            concept = Concept(label=" ".join(words[start:end]), exact=exact)
            alternatives = [words[start:end]] + [_words(t) for ts in sets for t in ts["terms"]]
            concepts_at.append((i, concept, alternatives))
        elif not stems[word]:
            parsed.ignored.append(word)
        else:
            concepts_at.append((i, Concept(label=word, exact=(stems[word],)), [[word]]))

    content = [c for c in concepts_at if c[1].label not in FRAME_WORDS]
    if content:
        parsed.ignored += [c[1].label for c in concepts_at if c[1].label in FRAME_WORDS]
        concepts_at = content
    _expand(concepts_at, stems, parsed, typed=set(words))
    parsed.concepts = [concept for _, concept, _ in concepts_at if concept.forms]
    return parsed


def _find(keys, term_keys):
    n = len(term_keys)
    if not n:
        return []
    return [i for i in range(len(keys) - n + 1) if keys[i : i + n] == term_keys]


def _equivalent_terms() -> list[dict]:
    """Citizen groups (name + synonyms) and the team's thesaurus, as sets of equal terms."""
    Innbyggergruppe = apps.get_model("skattekiste", "Innbyggergruppe")
    Synonym = apps.get_model("skattekiste", "Synonym")
    sets = [
        {"gruppe": gruppe, "terms": [gruppe.navn, *gruppe.synonymer]}
        for gruppe in Innbyggergruppe.objects.only("navn", "slug", "synonymer")
    ]
    sets += [
        {"gruppe": None, "terms": [row["ord"], *row["synonymer"]]}
        for row in Synonym.objects.values("ord", "synonymer")
    ]
    return sets


def _stems(words) -> dict[str, str]:
    """The lexeme PostgreSQL indexes for each word ('' for stop words), in one query."""
    words = sorted(words)
    if not words:
        return {}
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT w, COALESCE((tsvector_to_array(to_tsvector(%s::regconfig, w)))[1], '') "
            "FROM unnest(%s::text[]) AS w",
            [SEARCH_CONFIG, words],
        )
        return dict(cursor.fetchall())


def _inflection_candidates(word: str) -> set[str]:
    """Other forms of a word to look up: møtene → møte, møtet …; ungdommer → ungdom."""
    if len(word) < 4 or not word.isalpha():
        return set()
    bases = {word}
    for ending in STRIP_ENDINGS:
        base = word.removesuffix(ending)
        if base != word and len(base) >= 3:
            bases.add(base)
            if len(base) >= 4 and base[-1] == base[-2] and base[-1] == "m":
                bases.add(base[:-1])
    forms = {base + ending for base in bases for ending in FORM_ENDINGS}
    forms |= {
        base + "m" + ending
        for base in bases
        if base.endswith("m")
        for ending in ("er", "en", "ene", "ere", "erne")
    }
    return forms - {word}


def _splits(word: str) -> list[tuple[str, str]]:
    """Ways to cut a compound into a head and a tail, with or without a linking letter."""
    if len(word) < 2 * MIN_PART or not word.isalpha():
        return []
    out = []
    for i in range(MIN_PART, len(word) - MIN_PART + 1):
        head, tail = word[:i], word[i:]
        out.append((head, tail))
        if head[-1] in LINKING_LETTERS and len(head) > MIN_PART:
            out.append((head[:-1], tail))
    return out


def _expand(concepts_at, stems, parsed, *, typed):
    """Give each concept its forms: the words' own stems, inflections, compounds.

    Inflections are looked up for every word, synonyms too; compounds only for the words
    typed (a group with twenty synonyms would otherwise cost forty index lookups).
    """
    words = {w for _, _, alternatives in concepts_at for alt in alternatives for w in alt}
    lookups = set(words)
    for word in words:
        lookups |= _inflection_candidates(word)
    for word in words & typed:
        for head, tail in _splits(word):
            lookups |= {head, tail}
    known = _lexicon(lookups, stems)
    containing = _compounds_containing({known[w][0] for w in words & typed if known[w][0]})

    for _, concept, alternatives in concepts_at:
        for alt in alternatives:
            lexemes = [known[w][0] for w in alt if known[w][0]]
            if lexemes:
                concept.add(lexemes)
        for alt in alternatives:
            if len(alt) != 1:
                continue
            word = alt[0]
            stem, ndoc = known[word]
            if not stem:
                continue
            found = ndoc > 0
            for form in sorted(_inflection_candidates(word)):
                form_stem, form_ndoc = known[form]
                if form_stem and form_stem != stem and form_ndoc:
                    concept.add([form_stem])
                    found = True
            best = _best_split(word, known) if word in typed else None
            if best:
                concept.add(best)
                found = True
            for compound in containing.get(stem, []):
                concept.add([compound])
                found = True
            if not found and word in typed:
                # Not in the content: maybe half a word or a typo; try it as a prefix.
                parsed.unknown.append(word)
                if len(stem) >= MIN_PART:
                    concept.add([stem + ":*"])


def _best_split(word, known):
    """The compound split whose parts both occur in the content, longest parts first."""
    best, best_score = None, 0
    for head, tail in _splits(word):
        (head_stem, head_n), (tail_stem, tail_n) = known[head], known[tail]
        if head_n and tail_n and len(head_stem) >= MIN_PART and len(tail_stem) >= MIN_PART:
            score = min(len(head), len(tail))
            if score > best_score:
                best, best_score = (head_stem, tail_stem), score
    return best


def _lexicon(words, stems) -> dict[str, tuple[str, int]]:
    """{word: (stem, how many published texts use that stem)} in one query."""
    words = sorted(words)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT w.word, w.stem, COALESCE(("
            "  SELECT sum(l.ndoc) FROM skattekiste_searchword l WHERE l.stem = w.stem"
            "), 0) FROM ("
            "  SELECT s AS word,"
            "  COALESCE((tsvector_to_array(to_tsvector(%s::regconfig, s)))[1], '') AS stem"
            "  FROM unnest(%s::text[]) AS s"
            ") w",
            [SEARCH_CONFIG, words],
        )
        return {word: (stem, int(ndoc)) for word, stem, ndoc in cursor.fetchall()}


def _like_prefix(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _compounds_containing(stems, limit=6) -> dict[str, list[str]]:
    """Stems in the content that are compounds starting or ending with each stem.

    politi → politibygg (the rest, «bygg», is a word too; «politisk» is not a compound),
    patrulj → nettpatrulj. One query; each part uses an index on stem or reverse(stem).
    """
    stems = sorted(s for s in stems if len(s) >= MIN_PART and s.isalpha())
    if not stems:
        return {}
    parts, params = [], []
    for stem in stems:
        n = len(stem)
        parts.append(
            "(SELECT %s, w.stem, sum(w.ndoc) AS n FROM skattekiste_searchword w"
            " WHERE w.stem LIKE %s AND length(w.stem) >= %s AND EXISTS ("
            "  SELECT 1 FROM skattekiste_searchword t WHERE length(t.stem) >= %s AND ("
            "   t.stem = substr(w.stem, %s) OR (substr(w.stem, %s, 1) IN ('s', 'e')"
            "   AND t.stem = substr(w.stem, %s))))"
            " GROUP BY w.stem ORDER BY n DESC LIMIT %s)"
        )
        params += [stem, _like_prefix(stem), n + MIN_PART, MIN_PART, n + 1, n + 1, n + 2, limit]
        parts.append(
            "(SELECT %s, w.stem, sum(w.ndoc) AS n FROM skattekiste_searchword w"
            " WHERE reverse(w.stem) LIKE %s AND length(w.stem) >= %s AND EXISTS ("
            "  SELECT 1 FROM skattekiste_searchword h WHERE length(h.stem) >= %s AND ("
            "   h.stem = left(w.stem, -%s) OR (right(left(w.stem, -%s), 1) IN ('s', 'e')"
            "   AND h.stem = left(w.stem, -%s))))"
            " GROUP BY w.stem ORDER BY n DESC LIMIT %s)"
        )
        params += [stem, _like_prefix(stem[::-1]), n + MIN_PART, MIN_PART, n, n, n + 1, limit]
    found: dict[str, list[str]] = {}
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(parts), params)
        for stem, compound, _ in cursor.fetchall():
            found.setdefault(stem, []).append(compound)
    return found


# --- Searching -------------------------------------------------------------------------


@dataclass(frozen=True)
class SearchType:
    """One kind of result: where its rows live and how to show them."""

    key: str
    label: str
    plural: str
    model: str
    title: str
    snippet: tuple[str, ...]
    recency: str | None = None
    # Has a separate title vector (search_title), so title hits are always candidates.
    title_vector: bool = False
    boost: float = 1.0

    def get_model(self):
        return apps.get_model(self.model)

    def published_sql(self, alias: str) -> str:
        """The SQL condition for rows anyone may find (drafts never)."""
        model = self.get_model()
        status = getattr(model, "Status", None)
        if status is None:
            return "TRUE"
        # A literal, not a parameter: it must match the partial GIN index's condition.
        return f"{alias}.status = '{status.PUBLISERT.value}'"


TYPES = [
    SearchType(
        "gruppe",
        "Innbyggergruppe",
        "Innbyggergrupper",
        "skattekiste.Innbyggergruppe",
        "navn",
        ("beskrivelse",),
        boost=1.5,
    ),
    SearchType(
        "metode",
        "Metodekort",
        "Metodekort",
        "metoder.Metode",
        "navn",
        ("ingress", "eksempel"),
        boost=1.3,
    ),
    SearchType(
        "eksempel",
        "Eksempel",
        "Eksempler",
        "skattekiste.Eksempel",
        "tittel",
        ("ingress", "beskrivelse", "hva_fungerte", "hva_fungerte_ikke", "laering"),
        recency="publisert",
        title_vector=True,
    ),
    SearchType(
        "innsikt",
        "Innsikt",
        "Innsikter",
        "innsikt.Innsikt",
        "tittel",
        ("forklaring",),
        recency="dato",
        title_vector=True,
    ),
    SearchType("behov", "Behov", "Behov", "innsikt.Behov", "tekst", ("tekst",), boost=1.1),
    SearchType(
        "kilde",
        "Kilde",
        "Kilder",
        "innsikt.Kilde",
        "tittel",
        ("beskrivelse", "eier"),
        recency="oppdatert",
        boost=0.9,
    ),
]
TYPES_BY_KEY = {t.key: t for t in TYPES}


@dataclass
class Hit:
    type: SearchType
    pk: int
    title: str
    slug: str
    score: float
    recency: object = None
    pinned: bool = False
    snippet: SafeString = field(default_factory=lambda: mark_safe(""))  # noqa: S308

    @property
    def display_title(self) -> str:
        if self.type.key == "gruppe":
            return f"Hva vet vi om {self.title.lower()}?"
        return self.title

    @property
    def url(self) -> str:
        # Built when shown: reversing hundreds of candidates' URLs would cost milliseconds.
        return self.type.get_model()(pk=self.pk, slug=self.slug).get_absolute_url()

    @property
    def snippet_text(self) -> str:
        return unmark(self.snippet)


@dataclass
class TypeCount:
    type: SearchType
    count: int
    capped: bool

    @property
    def display(self) -> str:
        return f"{self.count}+" if self.capped else str(self.count)


@dataclass
class SearchResult:
    query: ParsedQuery
    hits: list[Hit] = field(default_factory=list)
    counts: list[TypeCount] = field(default_factory=list)
    any_word: bool = False
    suggestion: str = ""

    @property
    def total(self) -> int:
        return sum(c.count for c in self.counts)

    @property
    def capped(self) -> bool:
        return any(c.capped for c in self.counts)

    def hits_of(self, key: str | None) -> list[Hit]:
        return [h for h in self.hits if key is None or h.type.key == key]


def search(query: ParsedQuery) -> SearchResult:
    """Ranked hits of every type, a count per type and, with no hits, a suggestion."""
    result = SearchResult(query=query)
    if query.useless:
        return result
    _run(result, any_word=False)
    if not result.hits and len(query.concepts) > 1:
        # Nothing has all the words: show what has some of them, and say so.
        _run(result, any_word=True)
    pinned = query.groups[0] if query.groups else None
    if pinned is not None:
        for hit in result.hits:
            hit.pinned = hit.type.key == "gruppe" and hit.pk == pinned.pk
        if not any(hit.pinned for hit in result.hits):
            result.hits.append(
                Hit(TYPES_BY_KEY["gruppe"], pinned.pk, pinned.navn, pinned.slug, 0, pinned=True)
            )
            for count in result.counts:
                if count.type.key == "gruppe":
                    count.count += 1
    result.hits.sort(key=_order)
    if not result.hits:
        result.suggestion = suggest(query)
    return result


def _order(hit: Hit):
    recency = hit.recency.toordinal() if hit.recency else 0
    return (not hit.pinned, -hit.score * hit.type.boost, -recency, hit.title)


def _run(result: SearchResult, *, any_word: bool):
    params = {
        "q": result.query.tsquery(any_word=any_word),
        "e": result.query.exact_tsquery(),
        "weights": RANK_WEIGHTS,
    }
    with connection.cursor() as cursor:
        cursor.execute(_candidates_sql(), params)
        rows = cursor.fetchall()
    best: dict[tuple[str, int], tuple] = {}
    for row in rows:
        key = (row[0], row[1])
        if key not in best or row[4] > best[key][4]:
            best[key] = row
    hits = []
    found = dict.fromkeys(TYPES_BY_KEY, 0)
    for kind, pk, slug, title, score, recency in best.values():
        found[kind] += 1
        hits.append(Hit(TYPES_BY_KEY[kind], pk, title, slug, score, recency))
    # Fewer than BODY_CANDIDATES: the body pass held every match, so the count is exact.
    # Otherwise there are more, and we say «100+» rather than count them all.
    result.counts = [
        TypeCount(t, min(found[t.key], BODY_CANDIDATES), found[t.key] >= BODY_CANDIDATES)
        for t in TYPES
    ]
    result.hits, result.any_word = hits, any_word


def _table(model_label) -> str:
    return apps.get_model(model_label)._meta.db_table


def _column(search_type: SearchType, name: str) -> str:
    return search_type.get_model()._meta.get_field(name).column


@functools.cache
def _candidates_sql() -> str:
    """One statement that finds, for every type, a bounded set of matches and ranks them.

    Hand-written SQL built from the models' metadata: composing the same union with the
    ORM cost about 10 ms per search, a fifth of the time budget. Parameters: %(q)s the
    tsquery, %(e)s the exact words (a rank bonus), %(weights)s the D, C, B, A weights.

    The candidates are the first TITLE_CANDIDATES title matches and the first
    BODY_CANDIDATES matches in the order the index gives them, without sorting, so only
    they are ranked however many rows match. (Sorting the matches by date first would make
    PostgreSQL fetch every match of a common word: 30–120 ms at 200 000 insights.)
    """
    rank = "ts_rank(%(weights)s::float4[], {v}, %(q)s::tsquery, 1)"
    rank += " + ts_rank(%(weights)s::float4[], {v}, %(e)s::tsquery, 1)"
    match = "{v} @@ %(q)s::tsquery"
    parts = []
    for t in TYPES:
        table = t.get_model()._meta.db_table
        published = t.published_sql("c")
        title = _column(t, t.title)
        recency = f"x.{_column(t, t.recency)}::date" if t.recency else "NULL::date"
        score = rank.format(v="x.search_vector")
        if t.key == "metode":
            condition = f"({match.format(v='c.search_vector')}"
            for label in ("metoder.Steg", "metoder.Husk"):
                steps = _table(label)
                condition += (
                    f" OR EXISTS (SELECT 1 FROM {steps} s WHERE s.metode_id = c.id"
                    f" AND {match.format(v='s.search_vector')})"
                )
                score += (
                    f" + COALESCE((SELECT max({rank.format(v='s.search_vector')})"
                    f" FROM {steps} s WHERE s.metode_id = x.id"
                    f" AND {match.format(v='s.search_vector')}), 0) / 2"
                )
            condition += ")"
        else:
            condition = match.format(v="c.search_vector")
        pool = (
            f"(SELECT c.id FROM {table} c WHERE {published} AND {condition}"
            f" LIMIT {BODY_CANDIDATES})"
        )
        if t.title_vector:
            pool = (
                f"(SELECT c.id FROM {table} c WHERE {published}"
                f" AND {match.format(v='c.search_title')} LIMIT {TITLE_CANDIDATES})"
                f" UNION {pool}"
            )
        parts.append(
            f"SELECT '{t.key}', x.id, x.slug, x.{title}::text, ({score})::float8, {recency}"
            f" FROM {table} x WHERE x.id IN ({pool})"
        )
    return " UNION ALL ".join(f"({part})" for part in parts)


# --- Snippets --------------------------------------------------------------------------


def add_snippets(hits: list[Hit], query: ParsedQuery, *, any_word: bool = False) -> None:
    """Highlighted excerpts for the hits shown, in one query for all of them."""
    if not hits or query.useless:
        return
    params = {
        "q": query.tsquery(any_word=any_word),
        "marks": MARK_START + MARK_STOP,
        "options": (
            f"StartSel={MARK_START}, StopSel={MARK_STOP}, MaxWords=30, MinWords=12, "
            'MaxFragments=2, FragmentDelimiter=" … "'
        ),
    }
    parts = []
    for t in TYPES:
        pks = [hit.pk for hit in hits if hit.type is t]
        if pks:
            params[f"ids_{t.key}"] = pks
            parts.append(_snippet_sql(t))
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(f"({part})" for part in parts), params)
        found = {(kind, pk): headline for kind, pk, headline in cursor.fetchall()}
    for hit in hits:
        hit.snippet = highlight(found.get((hit.type.key, hit.pk), ""))


@functools.cache
def _snippet_sql(t: SearchType) -> str:
    table = t.get_model()._meta.db_table
    columns = [f"x.{_column(t, name)}" for name in t.snippet]
    if t.key == "metode":
        columns.append(
            f"(SELECT string_agg(s.tekst, ' ' ORDER BY s.rekkefolge) FROM {_table('metoder.Steg')}"
            " s WHERE s.metode_id = x.id)"
        )
    # Our markers are removed from the text first, so only they become <mark>.
    text = f"translate(concat_ws(' ', {', '.join(columns)}), %(marks)s, '')"
    return (
        f"SELECT '{t.key}', x.id, ts_headline('{SEARCH_CONFIG}', {text}, %(q)s::tsquery,"
        f" %(options)s) FROM {table} x WHERE x.id = ANY(%(ids_{t.key})s)"
    )


def highlight(headline: str) -> SafeString:
    """Escape everything, then turn our markers into <mark>: the only HTML in a snippet."""
    text = escape(headline or "")
    text = text.replace(MARK_START, "<mark>").replace(MARK_STOP, "</mark>")
    return mark_safe(text)  # noqa: S308 - escaped above; only our own tags added


def unmark(snippet) -> str:
    """The snippet as plain text (for JSON)."""
    from html import unescape

    return unescape(str(snippet).replace("<mark>", "").replace("</mark>", ""))


# --- Where to start ------------------------------------------------------------------


def starting_points() -> dict:
    """For an empty or useless query: popular themes and the citizen groups.

    The theme counts aggregate every published example (about 30 ms at 20 000), and they
    change slowly, so they are kept for STARTING_POINTS_SECONDS.
    """
    Eksempel = apps.get_model("skattekiste", "Eksempel")
    Innbyggergruppe = apps.get_model("skattekiste", "Innbyggergruppe")
    themes = cache.get_or_set(
        "sok:populaere-temaer",
        lambda: list(Eksempel.objects.published().popular_themes(limit=12)),
        STARTING_POINTS_SECONDS,
    )
    return {
        "temaer": themes,
        "grupper": sort_norwegian(
            Innbyggergruppe.objects.only("navn", "slug"), key=lambda g: g.navn
        ),
    }


# --- «Mente du …?» and the word list ----------------------------------------------------


def suggest(query: ParsedQuery) -> str:
    """The query with unknown words replaced by close words from the content, or ''.

    Candidates come from the word list (same first letter, similar length, the most used
    first); the edit distance is computed here, as core PostgreSQL has no levenshtein().
    """
    SearchWord = apps.get_model("skattekiste", "SearchWord")
    replacements = {}
    for word in [w for w in query.unknown if w.isalpha()][:3]:
        budget = 1 if len(word) <= 4 else 2 if len(word) <= 8 else 3
        candidates = (
            SearchWord.objects.filter(word__startswith=word[0])
            .alias(length=Length("word"))
            .filter(length__range=(len(word) - budget, len(word) + budget))
            .order_by("-ndoc")
            .values_list("word", flat=True)[:SUGGESTION_CANDIDATES]
        )
        letters = set(word)
        best, best_distance = None, budget + 1
        for candidate in candidates:  # most used first, so ties go to the common word
            if len(letters ^ set(candidate)) > 2 * budget:
                continue
            distance = levenshtein(word, candidate, best_distance - 1)
            if distance < best_distance:
                best, best_distance = candidate, distance
        if best:
            replacements[word] = best
    if not replacements:
        return ""
    return " ".join(replacements.get(_bare(token), token) for token in query.text.split())


def _bare(token: str) -> str:
    return token.casefold().strip(".,;:!?«»\"'()")


def levenshtein(a: str, b: str, budget: int) -> int:
    """Edit distance, or budget + 1 as soon as it must be larger than the budget."""
    if abs(len(a) - len(b)) > budget:
        return budget + 1
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        if min(current) > budget:
            return budget + 1
        previous = current
    return previous[-1] if previous[-1] <= budget else budget + 1


def refresh_lexicon() -> int:
    """Bring SearchWord up to date with the published content; returns the number of words.

    Run after loading content (`last_innhold` and `lag_testdata` do) and regularly, for
    example nightly (`manage.py oppdater_sokeord`). A stale list only weakens compounds,
    inflections and suggestions; matching itself always uses the current vectors.
    Unchanged words keep their rows, so running it twice changes nothing.
    """
    sources = []
    for search_type in TYPES:
        model = search_type.get_model()
        fields = sorted(f.column for f in model._meta.get_field("search_vector").referenced_fields)
        text = " || ' ' || ".join(f"coalesce(\"{column}\", '')" for column in fields)
        where = search_type.published_sql(model._meta.db_table)
        table = model._meta.db_table
        sources.append(f"SELECT to_tsvector('simple', {text}) FROM {table} WHERE {where}")
    for label in ("metoder.Steg", "metoder.Husk"):
        sources.append(f"SELECT to_tsvector('simple', tekst) FROM {_table(label)}")
    with connection.cursor() as cursor:
        cursor.execute(
            "WITH fresh AS ("
            "  SELECT word, stem, ndoc FROM ("
            "    SELECT word, ndoc,"
            "    (tsvector_to_array(to_tsvector(%s::regconfig, word)))[1] AS stem"
            "    FROM ts_stat(%s) WHERE length(word) BETWEEN 2 AND 60"
            "    AND word ~ '^[[:alpha:]]+$'"
            "  ) s WHERE stem IS NOT NULL AND length(stem) <= 60"
            "), gone AS ("
            "  DELETE FROM skattekiste_searchword w"
            "  WHERE NOT EXISTS (SELECT 1 FROM fresh f WHERE f.word = w.word)"
            ") INSERT INTO skattekiste_searchword AS w (word, stem, ndoc)"
            " SELECT word, stem, ndoc FROM fresh"
            " ON CONFLICT (word) DO UPDATE SET stem = EXCLUDED.stem, ndoc = EXCLUDED.ndoc"
            " WHERE (w.stem, w.ndoc) IS DISTINCT FROM (EXCLUDED.stem, EXCLUDED.ndoc)",
            [SEARCH_CONFIG, " UNION ALL ".join(sources)],
        )
        cursor.execute("SELECT count(*) FROM skattekiste_searchword")
        return cursor.fetchone()[0]
