"""«Hva vet vi om <gruppe>?»: one read that answers a leader.

Everything here runs a fixed number of queries and shows bounded lists, so the
page stays fast when a group has tens of thousands of insights.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import (
    Count,
    F,
    Func,
    IntegerField,
    Max,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    Window,
)
from django.db.models.functions import RowNumber
from django.utils import timezone

from innsikt.models import Behov, Innsikt, Kilde
from metoder.models import Metode
from skattekiste.models import Eksempel, Innbyggergruppe
from skattekiste.text import sort_norwegian

# Insight older than this is flagged as possibly out of date.
STALE_AFTER_YEARS = 3
PER_SECTION = 5
MAX_EXAMPLES = 12
MAX_SOURCES = 15
OTHER = "annet"


class CountDistinct(Func):
    """COUNT(DISTINCT id) as a plain function, so a subquery needs no GROUP BY."""

    function = "COUNT"
    template = "%(function)s(DISTINCT %(expressions)s)"
    output_field = IntegerField()


def _count(queryset):
    return Subquery(queryset.annotate(n=CountDistinct(F("pk"))).values("n")[:1])


def groups_with_counts():
    """Every citizen group with how many insights, examples and sources we have."""
    innsikter = Innsikt.objects.published().filter(grupper=OuterRef("pk")).order_by()
    eksempler = Eksempel.objects.published().filter(grupper=OuterRef("pk")).order_by()
    kilder = Kilde.objects.filter(
        innsikter__status=Innsikt.Status.PUBLISERT, innsikter__grupper=OuterRef("pk")
    ).order_by()
    groups = Innbyggergruppe.objects.annotate(
        antall_innsikter=_count(innsikter),
        antall_eksempler=_count(eksempler),
        antall_kilder=_count(kilder),
    )
    return sort_norwegian(groups, key=lambda g: g.navn)


@dataclass
class NeedSection:
    kategori: str
    label: str
    antall: int = 0
    innsikter: list = field(default_factory=list)
    behov_slug: str = ""

    @property
    def flere(self):
        return self.antall - len(self.innsikter)


@dataclass
class GroupSummary:
    gruppe: Innbyggergruppe
    seksjoner: list[NeedSection]
    antall_innsikter: int
    eksempler: list
    antall_eksempler: int
    metoder: list
    kilder: list
    antall_kilder: int
    mangler: list[str]
    sist_oppdatert: datetime.datetime | None


def build_group_summary(*, gruppe: Innbyggergruppe, today: datetime.date | None = None):
    """Everything we know about one group, in a fixed number of queries."""
    today = today or timezone.localdate()
    innsikter = Innsikt.objects.published().filter(grupper=gruppe)

    facts = innsikter.aggregate(
        antall=Count("pk"),
        egen_stemme=Count("pk", filter=Q(fra_gruppen_selv=True)),
        bredt=Count("pk", filter=Q(styrke=Innsikt.Styrke.BREDT_GRUNNLAG)),
        nyeste=Max("dato"),
        oppdatert=Max("oppdatert"),
    )
    seksjoner = _sections_by_need(innsikter)

    eksempler_qs = Eksempel.objects.published().filter(grupper=gruppe)
    eksempler = list(eksempler_qs.for_listing().newest_first()[:MAX_EXAMPLES])
    antall_eksempler = eksempler_qs.count()

    kilder_qs = Kilde.objects.filter(innsikter__in=innsikter.values("pk"))
    kilder = list(
        kilder_qs.annotate(antall_funn=Count("innsikter", distinct=True)).order_by(
            "-antall_funn", "tittel"
        )[:MAX_SOURCES]
    )
    antall_kilder = kilder_qs.distinct().count()

    metoder = list(
        Metode.objects.filter(
            Q(eksempler__in=eksempler_qs.values("pk"))
            | Q(kilder__innsikter__in=innsikter.values("pk"))
        )
        .distinct()
        .order_by("nummer")
    )

    stamps = [s for s in [facts["oppdatert"], *(e.oppdatert for e in eksempler)] if s]
    return GroupSummary(
        gruppe=gruppe,
        seksjoner=seksjoner,
        antall_innsikter=facts["antall"],
        eksempler=eksempler,
        antall_eksempler=antall_eksempler,
        metoder=metoder,
        kilder=sort_norwegian(kilder, key=lambda k: k.tittel),
        antall_kilder=antall_kilder,
        mangler=_gaps(facts, seksjoner, antall_eksempler, today),
        sist_oppdatert=max(stamps) if stamps else None,
    )


def _sections_by_need(innsikter):
    """The strongest, newest insights under the first need category each concerns."""
    first_kategori = Subquery(
        Behov.objects.filter(innsikter=OuterRef("pk")).order_by("rekkefolge").values("kategori")[:1]
    )
    with_kategori = innsikter.annotate(kategori=first_kategori)
    counts = {
        row["kategori"] or OTHER: row["n"]
        for row in with_kategori.values("kategori").annotate(n=Count("pk")).order_by()
    }
    top = (
        with_kategori.annotate(
            rad=Window(
                RowNumber(),
                partition_by=[F("kategori")],
                order_by=[F("styrke").desc(), F("dato").desc(), F("pk").desc()],
            )
        )
        .filter(rad__lte=PER_SECTION)
        .prefetch_related(Prefetch("kilder", queryset=Kilde.objects.order_by("tittel")))
        .order_by("-styrke", "-dato", "-pk")
    )
    sections = {
        value: NeedSection(kategori=value, label=label, antall=counts.get(value, 0))
        for value, label in [*Behov.Kategori.choices, (OTHER, "Annet vi vet")]
    }
    for innsikt in top:
        sections[innsikt.kategori or OTHER].innsikter.append(innsikt)
    return list(sections.values())


def _gaps(facts, seksjoner, antall_eksempler, today):
    gaps = []
    if not facts["antall"]:
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
        missing = [s.label.lstrip("…") for s in seksjoner if s.kategori != OTHER and not s.antall]
        if missing:
            gaps.append("Vi vet lite om disse behovene for gruppen: " + "; ".join(missing) + ".")
    if not antall_eksempler:
        gaps.append("Skattekisten har ingen eksempler der politiet har involvert gruppen.")
    return gaps
