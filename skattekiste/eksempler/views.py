"""/eksempler/: the list with facets, and one example."""

from django.db.models import prefetch_related_objects
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from skattekiste.eksempler import eksport
from skattekiste.eksempler.filters import EksempelFilter
from skattekiste.eksempler.models import Eksempel
from skattekiste.felles.eksport import list_download
from skattekiste.felles.filters import faceted_page, list_counter


@require_safe
def eksempel_list(request):
    return render(request, "eksempler/eksempel_list.html", faceted_page(request, EksempelFilter))


@require_safe
def eksempel_detail(request, slug):
    eksempel = get_object_or_404(
        Eksempel.objects.published().prefetch_related("grupper", "metoder"), slug=slug
    )
    relaterte = list(Eksempel.objects.published().related_to(eksempel))
    # One query each for the districts and themes of the example and its related examples.
    prefetch_related_objects([eksempel, *relaterte], "distrikter", "tema")
    return render(
        request,
        "eksempler/eksempel_detail.html",
        {"eksempel": eksempel, "relaterte": relaterte},
    )


@require_safe
def eksempel_eksport(request, fmt):
    """The filtered list, every matching example (not one page), as CSV or JSON."""
    counter, values, sort = list_counter(EksempelFilter, request.GET)
    kontakt = request.user.is_authenticated  # the download needs a login, as the pages do
    return list_download(
        columns=eksport.columns(kontakt=kontakt),
        records=eksport.records(counter.ids(sort, 0, None), kontakt=kontakt),
        fmt=fmt,
        base="eksempler",
        values=values,
    )
