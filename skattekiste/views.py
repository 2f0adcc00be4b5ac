from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.cache import never_cache

from skattekiste.filters import EksempelFilter
from skattekiste.models import SITUASJON_FORKLARING, Eksempel, Situasjon

PAGE_SIZE = 20


def hjem(request):
    published = Eksempel.objects.published()
    counts = published.situation_counts()
    situasjoner = [
        {
            "kode": s.value,
            "navn": s.label,
            "forklaring": SITUASJON_FORKLARING[s.value],
            "antall": counts[s.value],
        }
        for s in Situasjon
    ]
    return render(
        request,
        "skattekiste/hjem.html",
        {
            "antall": counts["total"],
            "situasjoner": situasjoner,
            "temaer": published.popular_themes(),
            "nyeste": published.for_listing().order_by("-publisert", "-id")[:6],
        },
    )


def eksempel_list(request):
    filterset = EksempelFilter(request.GET, queryset=Eksempel.objects.published())
    page = Paginator(filterset.qs.for_listing().newest_first(), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    facets = filterset.facets(request.GET)
    return render(
        request,
        "skattekiste/eksempel_list.html",
        {
            "page": page,
            "facets": facets,
            "active": [facet for facet in facets if facet.selected_label],
            "notes": filterset.invalid_messages(),
        },
    )


def eksempel_detail(request, slug):
    eksempel = get_object_or_404(
        Eksempel.objects.published().prefetch_related("distrikter", "tema", "grupper", "metoder"),
        slug=slug,
    )
    return render(
        request,
        "skattekiste/eksempel_detail.html",
        {"eksempel": eksempel, "relaterte": Eksempel.objects.published().related_to(eksempel)},
    )


@login_not_required
@never_cache
def helse(request):
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "feil", "database": "svarer ikke"}, status=503)
    return JsonResponse({"status": "ok", "database": "svarer"})
