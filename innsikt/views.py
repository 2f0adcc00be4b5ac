from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from innsikt import eksport
from innsikt.filters import InnsiktFilter
from innsikt.models import Innsikt, Kilde
from innsikt.summary import build_group_summary, group_with_facts, groups_with_counts
from skattekiste.eksempler.models import Eksempel
from skattekiste.felles.eksport import list_download
from skattekiste.felles.filters import faceted_page, list_counter


@require_safe
def innsikt_list(request):
    return render(request, "innsikt/innsikt_list.html", faceted_page(request, InnsiktFilter))


@require_safe
def innsikt_detail(request, slug):
    innsikt = get_object_or_404(
        Innsikt.objects.published()
        .with_small_lists()
        .prefetch_related(
            Prefetch("kilder", queryset=Kilde.objects.select_related("metode")),
            Prefetch(
                "eksempler",
                queryset=Eksempel.objects.published().prefetch_related("distrikter", "tema"),
            ),
        ),
        slug=slug,
    )
    return render(request, "innsikt/innsikt_detail.html", {"innsikt": innsikt})


@require_safe
def gruppe_list(request):
    return render(request, "innsikt/gruppe_list.html", {"grupper": groups_with_counts()})


@require_safe
def gruppe_detail(request, slug):
    gruppe = group_with_facts(slug)
    if gruppe is None:
        raise Http404("Ingen innbyggergruppe har denne adressen.")
    return render(
        request,
        "innsikt/gruppe_detail.html",
        {"summary": build_group_summary(gruppe=gruppe)},
    )


@require_safe
def innsikt_eksport(request, fmt):
    """The filtered list, every matching insight (not one page), as CSV or JSON."""
    counter, values, sort = list_counter(InnsiktFilter, request.GET)
    return list_download(
        columns=eksport.COLUMNS,
        records=eksport.records(counter.ids(sort, 0, None)),
        fmt=fmt,
        base="innsikt",
        values=values,
    )
