"""Norwegian word forms: stems, inflections and compounds, checked against the content.

Every word of a query is expanded with the forms the content's own word list
(`SearchWord`) knows: inflections the Norwegian stemmer splits (innbygger/innbyggerne),
the parts of a compound (nærmiljøprat → nærmiljø & prat) and compounds that contain the
word (patrulje → nettpatrulje).
"""

from skattekiste.felles.fields import SEARCH_CONFIG
from skattekiste.sok.models import SearchWord
from skattekiste.sok.sql import column, read_cursor, table

# Inflection endings tried against the word list, and the stems to generate forms from.
STRIP_ENDINGS = ("erne", "ene", "ane", "ere", "ens", "ets", "er", "en", "et", "ne", "es", "e", "a")
FORM_ENDINGS = ("", "e", "en", "et", "er", "ere", "erne", "ene", "a", "ne")
LINKING_LETTERS = ("s", "e")
MIN_PART = 3


def stems_of(words) -> dict[str, str]:
    """The lexeme PostgreSQL indexes for each word ('' for stop words), in one query."""
    words = sorted(words)
    if not words:
        return {}
    with read_cursor(SearchWord) as cursor:
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


def expand(concepts_at, stems, parsed, *, typed):
    """Give each concept its forms: the words' own stems, inflections, compounds.

    Inflections are looked up for every word, synonyms too; compounds only for the words
    typed (a group with twenty synonyms would otherwise cost forty index lookups).
    Words the content does not know go to `parsed.unknown`, for «Mente du …?».
    """
    words = {w for _, _, alternatives in concepts_at for alt in alternatives for w in alt}
    lookups = set(words)
    for word in words:
        lookups |= _inflection_candidates(word)
    for word in words & typed:
        for head, tail in _splits(word):
            lookups |= {head, tail}
    # The typed words' stems are known already (stems_of): the compounds that contain them
    # are looked up in the same round trip as the word list.
    known, containing = _lexicon(lookups, {stems[w] for w in words & typed if stems.get(w)})

    for _, concept, alternatives in concepts_at:
        for alt in alternatives:
            lexemes = [known[w][0] for w in alt if known[w][0]]
            if lexemes:
                concept.add(lexemes, uses=min(known[w][1] for w in alt if known[w][0]))
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
                    concept.add([form_stem], uses=form_ndoc)
                    found = True
            # The word and its inflections, before parts and compounds: what a tag's name
            # must say (tags.py), so «politi» finds «Tillit til politiet», not every district.
            concept.inflected = list(concept.forms)
            best = _best_split(word, known) if word in typed else None
            if best:
                split, uses = best
                concept.add(split, uses=uses)
                found = True
            for compound, uses in containing.get(stem, []):
                concept.add([compound], uses=uses)
                found = True
            if not found and word in typed:
                # Not in the content: maybe half a word or a typo; try it as a prefix.
                parsed.unknown.append(word)
                if len(stem) >= MIN_PART:
                    concept.add([stem + ":*"], uses=None)


def _best_split(word, known):
    """The compound split whose parts both occur in the content, longest parts first, and
    how many texts have its rarer part; None when there is none."""
    best, best_score = None, 0
    for head, tail in _splits(word):
        (head_stem, head_n), (tail_stem, tail_n) = known[head], known[tail]
        if head_n and tail_n and len(head_stem) >= MIN_PART and len(tail_stem) >= MIN_PART:
            score = min(len(head), len(tail))
            if score > best_score:
                best, best_score = ((head_stem, tail_stem), min(head_n, tail_n)), score
    return best


def _lexicon(
    words, typed_stems
) -> tuple[dict[str, tuple[str, int]], dict[str, list[tuple[str, int]]]]:
    """{word: (stem, how many published texts use that stem)}, and the compounds containing
    each of `typed_stems` (_compounds_sql), in one round trip."""
    words = sorted(words)
    stem, ndoc = column(SearchWord, "stem"), column(SearchWord, "ndoc")
    sql = (
        f"SELECT w.word, w.stem, COALESCE(("
        f"  SELECT sum(l.{ndoc}) FROM {table(SearchWord)} l WHERE l.{stem} = w.stem"
        "), 0) FROM ("
        "  SELECT s AS word,"
        "  COALESCE((tsvector_to_array(to_tsvector(%s::regconfig, s)))[1], '') AS stem"
        "  FROM unnest(%s::text[]) AS s"
        ") w"
    )
    params = [SEARCH_CONFIG, words]
    compounds, compound_params = _compounds_sql(typed_stems)
    if compounds:
        sql, params = f"{sql}; {compounds}", params + compound_params
    with read_cursor(SearchWord) as cursor:
        # Two statements in one call: client-side binding (Django's default) allows it.
        cursor.execute(sql, params)
        known = {word: (word_stem, int(n)) for word, word_stem, n in cursor.fetchall()}
        found: dict[str, list[tuple[str, int]]] = {}
        if compounds and cursor.nextset():
            for part, compound, uses in cursor.fetchall():
                found.setdefault(part, []).append((compound, int(uses)))
    return known, found


def _like_prefix(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _compounds_sql(stems, limit=6) -> tuple[str, list]:
    """The query for stems in the content that are compounds starting or ending with each
    stem ('' when there is nothing to look up); rows (stem, compound, uses).

    politi → politibygg (the rest, «bygg», is a word too; «politisk» is not a compound),
    patrulj → nettpatrulj. One query; each part uses an index on stem or reverse(stem).
    """
    stems = sorted(s for s in stems if len(s) >= MIN_PART and s.isalpha())
    if not stems:
        return "", []
    words, stem, ndoc = table(SearchWord), column(SearchWord, "stem"), column(SearchWord, "ndoc")
    starting = (
        f"(SELECT %s, w.{stem}, sum(w.{ndoc}) AS n FROM {words} w"
        f" WHERE w.{stem} LIKE %s AND length(w.{stem}) >= %s AND EXISTS ("
        f"  SELECT 1 FROM {words} t WHERE length(t.{stem}) >= %s AND ("
        f"   t.{stem} = substr(w.{stem}, %s) OR (substr(w.{stem}, %s, 1) IN ('s', 'e')"
        f"   AND t.{stem} = substr(w.{stem}, %s))))"
        f" GROUP BY w.{stem} ORDER BY n DESC LIMIT %s)"
    )
    ending = (
        f"(SELECT %s, w.{stem}, sum(w.{ndoc}) AS n FROM {words} w"
        f" WHERE reverse(w.{stem}) LIKE %s AND length(w.{stem}) >= %s AND EXISTS ("
        f"  SELECT 1 FROM {words} h WHERE length(h.{stem}) >= %s AND ("
        f"   h.{stem} = left(w.{stem}, -%s) OR (right(left(w.{stem}, -%s), 1) IN ('s', 'e')"
        f"   AND h.{stem} = left(w.{stem}, -%s))))"
        f" GROUP BY w.{stem} ORDER BY n DESC LIMIT %s)"
    )
    parts, params = [], []
    for part in stems:
        n = len(part)
        parts.append(starting)
        params += [part, _like_prefix(part), n + MIN_PART, MIN_PART, n + 1, n + 1, n + 2, limit]
        parts.append(ending)
        params += [part, _like_prefix(part[::-1]), n + MIN_PART, MIN_PART, n, n, n + 1, limit]
    return " UNION ALL ".join(parts), params
