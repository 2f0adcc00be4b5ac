"""What was asked: the typed text cleaned and understood as concepts with all their forms.

The result is a tsquery built only from lexemes we quote ourselves.
"""

import re
import unicodedata
from dataclasses import dataclass, field

from django.db import models
from django.db.models import Value

from skattekiste.felles.vokabular import Innbyggergruppe
from skattekiste.sok.models import Synonym
from skattekiste.sok.wordforms import expand, stems_of

MAX_QUERY_CHARS = 200
MAX_WORDS = 8
MAX_WORD_CHARS = 40
MAX_FORMS_PER_WORD = 16

# Words of a question frame: «hva vet vi om eldre» is about «eldre».
# (hva, vi, om, hvordan … are already Norwegian stop words.)
FRAME_WORDS = {"vet", "vite", "finnes", "fins", "fortell", "vis", "finn", "søk", "mer"}

_WORD = re.compile(r"[^\W_]+")
_SPACE = re.compile(r"\s+")


@dataclass
class Concept:
    """One thing asked for: a word, or a group or thesaurus term, with all its forms.

    `forms` is an OR of alternatives; each alternative is an AND of lexemes. A lexeme
    ending in «:*» matches as a prefix (only for words the content does not know).
    """

    label: str
    exact: tuple[str, ...]
    forms: list[tuple[str, ...]] = field(default_factory=list)
    # The forms without compound parts and compounds (set by wordforms.expand).
    inflected: list[tuple[str, ...]] = field(default_factory=list)
    # At most how many published texts have one of the forms, from the word list's counts;
    # None once a form is a prefix, which the word list does not count.
    uses: int | None = 0

    def add(self, form, *, uses: int | None):
        form = tuple(form)
        if form and form not in self.forms and len(self.forms) < MAX_FORMS_PER_WORD:
            self.forms.append(form)
            self.uses = None if uses is None or self.uses is None else self.uses + uses


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

    def inflected_tsquery(self) -> str:
        """Every concept in one of its inflected forms: what a tag's name must have."""
        return " & ".join(_or(c.inflected or c.forms) for c in self.concepts)

    def matches_at_most(self, *, any_word: bool = False) -> int | None:
        """At most how many texts match, by the word list (None when it cannot say).

        Only a hint for planning the search (candidates.py): the word list is refreshed
        nightly, so it may be a little behind the content.
        """
        counts = [c.uses for c in self.concepts]
        if not counts or None in counts:
            return None
        return sum(counts) if any_word else min(counts)

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
    stems = stems_of(set(words) | term_words)
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
    expand(concepts_at, stems, parsed, typed=set(words))
    parsed.concepts = [concept for _, concept, _ in concepts_at if concept.forms]
    return parsed


def _find(keys, term_keys):
    n = len(term_keys)
    if not n:
        return []
    return [i for i in range(len(keys) - n + 1) if keys[i : i + n] == term_keys]


def _equivalent_terms() -> list[dict]:
    """Citizen groups (name + synonyms) and the team's thesaurus, as sets of equal terms.

    An example's tag names are in its search vector (`Eksempel.emneord`), but not the
    groups' synonyms, and insights' groups not at all. So a query that names a group is
    expanded with the group's name and synonyms too, and the group's page is put first.
    One query for both lists: every search needs them.
    """
    nothing = Value(None, output_field=models.CharField())
    rows = Innbyggergruppe.objects.values_list("pk", "navn", "slug", "synonymer").union(
        Synonym.objects.values_list(
            Value(None, output_field=models.IntegerField()), "ord", nothing, "synonymer"
        ),
        all=True,
    )
    return [
        {
            "gruppe": Innbyggergruppe(pk=pk, navn=name, slug=slug) if pk is not None else None,
            "terms": [name, *synonyms],
        }
        for pk, name, slug, synonyms in rows
    ]
