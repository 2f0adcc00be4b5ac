"""/eksempler/: the list with facets, and one example."""

from django.db.models import prefetch_related_objects
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from skattekiste.eksempler.filters import EksempelFilter
from skattekiste.eksempler.models import Eksempel
from skattekiste.felles.filters import faceted_page


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
