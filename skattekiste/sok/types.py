"""The kinds of result the search finds: where their rows live and how to show them."""

from dataclasses import dataclass

from django.db import models

from innsikt.models import Behov, Innsikt, Kilde
from metoder.models import Husk, Metode, Steg
from skattekiste.eksempler.models import Eksempel
from skattekiste.felles.vokabular import Innbyggergruppe
from skattekiste.sok.sql import column, literal
from skattekiste.veiledning.models import Veiledning


@dataclass(frozen=True)
class SearchType:
    """One kind of result. Every model has `slug`, `search_vector` and `get_absolute_url`."""

    key: str
    label: str
    plural: str
    model: type[models.Model]
    title: str
    snippet: tuple[str, ...]
    recency: str | None = None
    # Has a separate title vector (search_title), so title hits are always candidates.
    title_vector: bool = False
    boost: float = 1.0
    # The status of rows anyone may find; None when every row is public.
    published: str | None = None
    # Rows of other models that belong to one result and are found with it (a card's
    # steps and tips); each has a foreign key named after `model`.
    parts: tuple[type[models.Model], ...] = ()
    # The parts whose text, in order, goes into the snippet after the model's own.
    snippet_parts: tuple[type[models.Model], ...] = ()

    def published_sql(self, alias: str) -> str:
        """The SQL condition for rows anyone may find (drafts never)."""
        if self.published is None:
            return "TRUE"
        # A literal, not a parameter: it must match the partial GIN index's condition.
        return f"{alias}.{column(self.model, 'status')} = {literal(self.published)}"

    def part_link(self, part) -> str:
        """The column in a part's table that points at this type's row."""
        return column(part, self.model._meta.model_name)


TYPES = [
    SearchType(
        "gruppe",
        "Innbyggergruppe",
        "Innbyggergrupper",
        Innbyggergruppe,
        "navn",
        ("beskrivelse",),
        boost=1.5,
    ),
    SearchType(
        "metode",
        "Metodekort",
        "Metodekort",
        Metode,
        "navn",
        ("ingress", "eksempel"),
        boost=1.3,
        parts=(Steg, Husk),
        snippet_parts=(Steg,),
    ),
    SearchType(
        "eksempel",
        "Eksempel",
        "Eksempler",
        Eksempel,
        "tittel",
        ("ingress", "beskrivelse", "hva_fungerte", "hva_fungerte_ikke", "laering"),
        recency="publisert",
        title_vector=True,
        published=Eksempel.Status.PUBLISERT,
    ),
    SearchType(
        "innsikt",
        "Innsikt",
        "Innsikter",
        Innsikt,
        "tittel",
        ("forklaring",),
        recency="dato",
        title_vector=True,
        published=Innsikt.Status.PUBLISERT,
    ),
    SearchType("behov", "Behov", "Behov", Behov, "tekst", ("tekst",), boost=1.1),
    SearchType(
        "kilde",
        "Kilde",
        "Kilder",
        Kilde,
        "tittel",
        ("beskrivelse", "eier"),
        recency="oppdatert",
        boost=0.9,
    ),
    # The report's guidance (/veiledning/): a dozen pages, all public to employees.
    SearchType(
        "veiledning", "Veiledning", "Veiledning", Veiledning, "tittel", ("ingress", "tekst")
    ),
]
TYPES_BY_KEY = {t.key: t for t in TYPES}
