"""/eksempler/: the list with facets, and one example."""

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from skattekiste.eksempler.filters import EksempelFilter
from skattekiste.eksempler.models import Eksempel

PAGE_SIZE = 20


@require_safe
def eksempel_list(request):
    filterset = EksempelFilter(request.GET, queryset=Eksempel.objects.published())
    page = Paginator(filterset.qs.for_listing().newest_first(), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    facets = filterset.facets(request.GET)
    return render(
        request,
        "eksempler/eksempel_list.html",
        {
            "page": page,
            "facets": facets,
            "active": [facet for facet in facets if facet.selected_label],
            "notes": filterset.invalid_messages(),
        },
    )


@require_safe
def eksempel_detail(request, slug):
    eksempel = get_object_or_404(
        Eksempel.objects.published().prefetch_related("distrikter", "tema", "grupper", "metoder"),
        slug=slug,
    )
    return render(
        request,
        "eksempler/eksempel_detail.html",
        {"eksempel": eksempel, "relaterte": Eksempel.objects.published().related_to(eksempel)},
    )
