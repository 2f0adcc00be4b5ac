"""«Hva vet vi om <gruppe>?»: one read that answers a leader.

A group can have tens of thousands of insights, so nothing here aggregates all of
them: lists are short (LIMIT), counts stop at COUNT_CAP («over 1000»), and yes/no
facts are EXISTS queries. The page costs about the same for 10 or 50 000 insights.
"""

import datetime
from dataclasses import dataclass, field

from django.contrib.postgres.expressions import ArraySubquery
from django.db import models
from django.db.models import Exists, Func, OuterRef, Prefetch, prefetch_related_objects
from django.utils import timezone

from innsikt.models import Behov, Innsikt, Kilde
from metoder.models import Metode
from skattekiste.eksempler.models import Eksempel
from skattekiste.felles.text import sort_norwegian
from skattekiste.felles.vokabular import Innbyggergruppe

# Insight older than this is flagged as possibly out of date.
STALE_AFTER_YEARS = 3
PER_SECTION = 5
MAX_EXAMPLES = 12
COUNT_CAP = 1000
OTHER = "annet"


@dataclass
class CappedCount:
    """A count that stops at COUNT_CAP."""

    n: int
    capped: bool = False

    def __str__(self):
        return f"over {COUNT_CAP}" if self.capped else str(self.n)

    def __bool__(self):
        return self.n > 0


def capped_count(queryset) -> CappedCount:
    ids = list(queryset.order_by().values_list("pk", flat=True)[: COUNT_CAP + 1])
    return CappedCount(min(len(ids), COUNT_CAP), capped=len(ids) > COUNT_CAP)


def _capped_count_per_group(published):
    """How many published rows each group has, counting to COUNT_CAP + 1 and no further.

    A correlated subquery, so one query counts for every group.
    """
    ids = published.filter(grupper=OuterRef("pk")).order_by().values("pk")[: COUNT_CAP + 1]
    return Func(ArraySubquery(ids), function="cardinality", output_field=models.IntegerField())


def groups_with_counts():
    """Every citizen group with how many insights, examples and sources we have.

    Insights and examples are capped counts; sources are counted exactly for all groups in
    one GROUP BY, so the page costs one query however many groups there are.
    """
    capped = {
        "antall_innsikter": _capped_count_per_group(Innsikt.objects.published()),
        "antall_eksempler": _capped_count_per_group(Eksempel.objects.published()),
    }
    groups = Innbyggergruppe.objects.annotate(**capped)
    sources = dict(
        Innsikt.grupper.through.objects.filter(innsikt__status=Innsikt.Status.PUBLISERT)
        .values("innbyggergruppe")
        .annotate(n=models.Count("innsikt__kilder", distinct=True))
        .values_list("innbyggergruppe", "n")
        .order_by()
    )
    groups = sort_norwegian(groups, key=lambda g: g.navn)
    for group in groups:
        for name in capped:
            n = getattr(group, name)
            setattr(group, name, CappedCount(min(n, COUNT_CAP), capped=n > COUNT_CAP))
        group.antall_kilder = CappedCount(sources.get(group.pk, 0))
    return groups


@dataclass
class NeedSection:
    kategori: str
    label: str
    innsikter: list = field(default_factory=list)
    flere: bool = False


@dataclass
class GroupSummary:
    gruppe: Innbyggergruppe
    seksjoner: list[NeedSection]
    antall_innsikter: CappedCount
    eksempler: list
    antall_eksempler: CappedCount
    metoder: list
    kilder: list
    mangler: list[str]
    sist_oppdatert: datetime.datetime | None


def build_group_summary(*, gruppe: Innbyggergruppe, today: datetime.date | None = None):
    """Everything we know about one group, in a fixed number of short queries."""
    today = today or timezone.localdate()
    innsikter = Innsikt.objects.published().filter(grupper=gruppe)
    eksempler_qs = Eksempel.objects.published().filter(grupper=gruppe)

    seksjoner = _sections_by_need(innsikter)
    shown = [i for s in seksjoner for i in s.innsikter]
    prefetch_related_objects(shown, Prefetch("kilder", queryset=Kilde.objects.order_by("tittel")))

    eksempler = list(eksempler_qs.for_listing().newest_first()[:MAX_EXAMPLES])
    newest = innsikter.order_by("-dato").values_list("dato", flat=True).first()
    updated = innsikter.order_by("-oppdatert").values_list("oppdatert", flat=True).first()
    facts = {
        "egen_stemme": innsikter.filter(fra_gruppen_selv=True).exists(),
        "bredt": innsikter.filter(styrke=Innsikt.Styrke.BREDT_GRUNNLAG).exists(),
        "nyeste": newest,
    }
    antall_eksempler = capped_count(eksempler_qs)
    stamps = [s for s in [updated, *(e.oppdatert for e in eksempler)] if s]
    return GroupSummary(
        gruppe=gruppe,
        seksjoner=[s for s in seksjoner if s.innsikter],
        antall_innsikter=capped_count(innsikter),
        eksempler=eksempler,
        antall_eksempler=antall_eksempler,
        metoder=_methods_used(innsikter, eksempler_qs),
        kilder=sort_norwegian(_unique(k for i in shown for k in i.kilder.all()), key=str),
        mangler=_gaps(facts, seksjoner, bool(shown), antall_eksempler, today),
        sist_oppdatert=max(stamps) if stamps else None,
    )


def _unique(items):
    seen = {}
    for item in items:
        seen.setdefault(item.pk, item)
    return list(seen.values())


def _sections_by_need(innsikter):
    """Per need category, the strongest and newest few insights that concern it.

    An insight that concerns needs in two categories is shown under both.
    """
    through = Innsikt.behov.through
    sections = []
    for value, label in [*Behov.Kategori.choices, (OTHER, "Annet vi vet")]:
        if value == OTHER:
            subset = innsikter.filter(~Exists(through.objects.filter(innsikt=OuterRef("pk"))))
        else:
            subset = innsikter.filter(
                Exists(through.objects.filter(innsikt=OuterRef("pk"), behov__kategori=value))
            )
        rows = list(subset.order_by("-styrke", "-dato", "-pk")[: PER_SECTION + 1])
        sections.append(
            NeedSection(
                kategori=value,
                label=label,
                innsikter=rows[:PER_SECTION],
                flere=len(rows) > PER_SECTION,
            )
        )
    return sections


def _methods_used(innsikter, eksempler_qs):
    """Methods used with the group: one EXISTS probe per method card, so nine at most."""
    in_examples = Eksempel.metoder.through.objects.filter(
        metode=OuterRef("pk"), eksempel__in=eksempler_qs.values("pk")
    )
    in_sources = Innsikt.kilder.through.objects.filter(
        kilde__metode=OuterRef("pk"), innsikt__in=innsikter.values("pk")
    )
    return list(Metode.objects.filter(Exists(in_examples) | Exists(in_sources)).order_by("nummer"))


def _gaps(facts, seksjoner, any_insight, antall_eksempler, today):
    gaps = []
    if not any_insight:
        gaps.append("Vi har ingen innsikt om denne gruppen ennå.")
    else:
        if not facts["egen_stemme"]:
            gaps.append("Ingen av innsiktene kommer fra gruppens egen stemme.")
        if not facts["bredt"]:
            gaps.append(
                "Vi har bare enkelthistorier og få stemmer – ingen innsikt med bredt grunnlag."
            )
        newest = facts["nyeste"]
        if newest and newest < today.replace(year=today.year - STALE_AFTER_YEARS):
            gaps.append(
                f"Den nyeste innsikten er fra {newest:%Y}. Vi vet ingenting som er nyere enn "
                f"{STALE_AFTER_YEARS} år."
            )
        missing = [
            s.label.lstrip("…") for s in seksjoner if s.kategori != OTHER and not s.innsikter
        ]
        if missing:
            gaps.append("Vi vet lite om disse behovene for gruppen: " + "; ".join(missing) + ".")
    if not antall_eksempler:
        gaps.append("Skattekisten har ingen eksempler der politiet har involvert gruppen.")
    return gaps
