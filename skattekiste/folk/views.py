"""/folk/: «Hvem kan jeg snakke med?» – colleagues who have done similar work."""

from django.core.paginator import Paginator
from django.shortcuts import render
from django.views.decorators.http import require_safe

from metoder.models import Metode
from skattekiste.felles.vokabular import Distrikt, Innbyggergruppe, Tema
from skattekiste.folk.forms import FolkFilterForm
from skattekiste.folk.queries import PeopleResults

PER_PAGE = 25


@require_safe
def folk_list(request):
    form = FolkFilterForm(
        request.GET or None,
        metoder=Metode.objects.only("nummer", "navn", "slug"),
        temaer=Tema.objects.only("name", "slug"),
        grupper=Innbyggergruppe.objects.only("navn", "slug"),
        distrikter=Distrikt.objects.only("navn", "slug"),
    )
    chosen = form.chosen()
    page = Paginator(PeopleResults(chosen), PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "folk/folk_list.html", {"form": form, "page": page, "valgt": chosen})
