"""/folk/: «Hvem kan jeg snakke med?» – colleagues who have done similar work."""

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_safe

from metoder.models import Metode
from skattekiste.felles.vokabular import Distrikt, Innbyggergruppe, Tema
from skattekiste.folk import queries
from skattekiste.folk.forms import FolkFilterForm

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
    page = Paginator(queries.PeopleResults(chosen), PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "folk/folk_list.html", {"form": form, "page": page, "valgt": chosen})


@require_safe
def person_detail(request, nr):
    person = queries.person(nr)
    if person is None:
        raise Http404("Ingen kontaktperson med dette nummeret.")
    return render(request, "folk/person_detail.html", {"person": person})


@require_safe
def kontakt(request, slug):
    """From an example's contact to their entry; a draft's contact has none."""
    nr = queries.person_of_example(slug)
    if nr is None:
        raise Http404("Eksempelet har ingen publisert kontaktperson.")
    return redirect("folk:person", nr=nr)
