"""«Hva vet vi om <gruppe>?»: one read that answers a leader."""

import datetime
from dataclasses import dataclass, field

from django.db.models import F, Func, IntegerField, OuterRef, Prefetch, Subquery
from django.utils import timezone

from innsikt.models import Behov, Innsikt, Kilde
from skattekiste.models import Eksempel, Innbyggergruppe
from skattekiste.text import sort_norwegian

# Insight older than this is flagged as possibly out of date.
STALE_AFTER_YEARS = 3


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
    label: str
    innsikter: list = field(default_factory=list)


@dataclass
class GroupSummary:
    gruppe: Innbyggergruppe
    seksjoner: list[NeedSection]
    antall_innsikter: int
    eksempler: list
    metoder: list
    kilder: list
    mangler: list[str]
    sist_oppdatert: datetime.datetime | None


def build_group_summary(*, gruppe: Innbyggergruppe, today: datetime.date | None = None):
    """Everything we know about one group, in a fixed number of queries."""
    today = today or timezone.localdate()
    innsikter = list(
        Innsikt.objects.published()
        .filter(grupper=gruppe)
        .prefetch_related(
            Prefetch("kilder", queryset=Kilde.objects.select_related("metode")),
            Prefetch("behov", queryset=Behov.objects.order_by("rekkefolge")),
        )
        .order_by("-styrke", "-dato")
    )
    eksempler = list(
        Eksempel.objects.published()
        .filter(grupper=gruppe)
        .prefetch_related("distrikter", "tema", "metoder")
        .newest_first()
    )

    seksjoner = _sections_by_need(innsikter)
    kilder = _unique(k for i in innsikter for k in i.kilder.all())
    metoder = sorted(
        _unique(
            [m for e in eksempler for m in e.metoder.all()] + [k.metode for k in kilder if k.metode]
        ),
        key=lambda m: m.nummer,
    )
    stamps = [i.oppdatert for i in innsikter] + [e.oppdatert for e in eksempler]
    return GroupSummary(
        gruppe=gruppe,
        seksjoner=seksjoner,
        antall_innsikter=len(innsikter),
        eksempler=eksempler,
        metoder=metoder,
        kilder=sort_norwegian(kilder, key=lambda k: k.tittel),
        mangler=_gaps(innsikter, eksempler, seksjoner, today),
        sist_oppdatert=max(stamps) if stamps else None,
    )


def _unique(items):
    seen = {}
    for item in items:
        seen.setdefault(item.pk, item)
    return list(seen.values())


def _sections_by_need(innsikter):
    """Group insights under the first need category they concern, strongest first."""
    sections = {value: NeedSection(label) for value, label in Behov.Kategori.choices}
    other = NeedSection("Annet vi vet")
    for innsikt in innsikter:  # already ordered by strength, newest first
        behov = list(innsikt.behov.all())
        target = sections[behov[0].kategori] if behov else other
        target.innsikter.append(innsikt)
    return [s for s in [*sections.values(), other] if s.innsikter]


def _gaps(innsikter, eksempler, seksjoner, today):
    gaps = []
    if not innsikter:
        gaps.append("Vi har ingen innsikt om denne gruppen ennå.")
    else:
        if not any(i.fra_gruppen_selv for i in innsikter):
            gaps.append("Ingen av innsiktene kommer fra gruppens egen stemme.")
        if not any(i.styrke == Innsikt.Styrke.BREDT_GRUNNLAG for i in innsikter):
            gaps.append(
                "Vi har bare enkelthistorier og få stemmer – ingen innsikt med bredt grunnlag."
            )
        newest = max(i.dato for i in innsikter)
        if newest < today.replace(year=today.year - STALE_AFTER_YEARS):
            gaps.append(
                f"Den nyeste innsikten er fra {newest:%Y}. Vi vet ingenting nyere enn "
                f"{STALE_AFTER_YEARS} år."
            )
        covered = {s.label for s in seksjoner}
        missing = [label for _, label in Behov.Kategori.choices if label not in covered]
        if missing:
            gaps.append(
                "Vi vet lite om disse behovene for gruppen: "
                + "; ".join(m.lstrip("…") for m in missing)
                + "."
            )
    if not eksempler:
        gaps.append("Skattekisten har ingen eksempler der politiet har involvert gruppen.")
    return gaps
