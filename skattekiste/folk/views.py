"""/folk/: «Hvem kan jeg snakke med?» – colleagues who have done similar work."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from metoder.models import Metode
from skattekiste.felles.vokabular import Distrikt, Innbyggergruppe, Tema
from skattekiste.folk import queries
from skattekiste.folk.forms import FolkFilterForm, SparringForm
from skattekiste.folk.models import Sparringpartner
from skattekiste.folk.workflows import save_entry

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
    context = {
        "form": form,
        "page": page,
        "valgt": chosen,
        "sparring": queries.sparring_partners(chosen),
        "min_sparring": Sparringpartner.objects.filter(bruker=request.user).only("id").first(),
    }
    return render(request, "folk/folk_list.html", context)


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


def _own_entry(request, sparring):
    """The user's own entry; anyone else's is a 404, so entries cannot be probed."""
    return get_object_or_404(Sparringpartner, pk=sparring, bruker=request.user)


@require_http_methods(["GET", "HEAD", "POST"])
def sparring_ny(request):
    """Add your entry; someone who has one gets it to edit, so there is one per person."""
    existing = Sparringpartner.objects.filter(bruker=request.user).first()
    initial = {"navn": request.user.get_full_name() or request.user.get_username()}
    form = SparringForm(request.POST or None, instance=existing, initial=initial)
    if request.method == "POST" and form.is_valid():
        save_entry(bruker=request.user, data=form.cleaned_data)
        messages.success(request, "Sparringoppføringen din er lagret.")
        return redirect("folk:liste")
    return render(request, "folk/sparring_form.html", {"form": form, "entry": existing})


@require_http_methods(["GET", "HEAD", "POST"])
def sparring_endre(request, sparring):
    entry = _own_entry(request, sparring)
    form = SparringForm(request.POST or None, instance=entry)
    if request.method == "POST" and form.is_valid():
        save_entry(bruker=request.user, data=form.cleaned_data)
        messages.success(request, "Sparringoppføringen din er oppdatert.")
        return redirect("folk:liste")
    return render(request, "folk/sparring_form.html", {"form": form, "entry": entry})


@require_POST
def sparring_fjern(request, sparring):
    _own_entry(request, sparring).delete()
    messages.success(request, "Du er fjernet fra listen over sparringpartnere.")
    return redirect("folk:liste")
