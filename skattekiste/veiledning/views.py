from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_safe

from skattekiste.veiledning import queries
from skattekiste.veiledning.models import Veiledning


@require_safe
def liste(request):
    return render(request, "veiledning/liste.html", {"sider": queries.guidance_list()})


@require_safe
def side(request, slug):
    try:
        page = queries.guidance_page(slug)
    except Veiledning.DoesNotExist:
        raise Http404("Fant ingen veiledningsside med denne adressen.") from None
    forrige, neste = queries.neighbours(page)
    return render(
        request,
        "veiledning/side.html",
        {"side": page, "blokker": page.blocks(), "forrige": forrige, "neste": neste},
    )
