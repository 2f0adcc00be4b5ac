from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.http import require_safe

from skattekiste.felles.eksport import csv_lines
from skattekiste.felles.vokabular import Distrikt
from skattekiste.oversikt.charts import stolpediagram
from skattekiste.oversikt.distrikt import build_distrikt
from skattekiste.oversikt.forms import PeriodeForm
from skattekiste.oversikt.queries import build_oversikt
from skattekiste.oversikt.redaksjon import build_ferskhet, build_pipeline
from skattekiste.oversikt.tabeller import Tabell

REDAKSJON_PERM = "skattekiste.change_eksempel"


def _periode(request):
    form = PeriodeForm(request.GET, today=timezone.localdate())
    return form, form.periode()


def _csv_eller_side(request, template, context, tabeller: list[Tabell]):
    """?csv=<table> downloads that table, with exactly the numbers the page shows."""
    navn = request.GET.get("csv")
    tabell = next((t for t in tabeller if t.navn == navn), None)
    if tabell is None:
        if navn:
            context["csv_feil"] = (
                "Den tabellen finnes ikke her. Velg en av lenkene under tabellene."
            )
        return render(request, template, context)
    response = HttpResponse(
        "".join(csv_lines(tabell.csv_rader())), content_type="text/csv; charset=utf-8"
    )
    filnavn = f"skattekisten-{tabell.navn}-{context['periode'].aar or 'alle'}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filnavn}"'
    return response


@require_safe
def oversikt(request):
    form, periode = _periode(request)
    today = timezone.localdate()
    data = build_oversikt(periode=periode, today=today)
    form.set_years(data.aar_valg)
    context = {
        "form": form,
        "periode": periode,
        "o": data,
        "kvartal_diagram": stolpediagram(data.kvartaler),
    }
    tabeller = [data.situasjoner, data.metoder, data.kvartaler, data.grupper]
    if request.user.has_perm(REDAKSJON_PERM):
        context["pipeline"] = build_pipeline(historikk=data.historikk, now=timezone.now())
        context["ferskhet"] = build_ferskhet(
            gamle=data.gamle_innsikter, fersk_grense=data.fersk_grense, today=today
        )
        tabeller.append(context["pipeline"].per_maaned)
        context["maaned_diagram"] = stolpediagram(context["pipeline"].per_maaned)
    return _csv_eller_side(request, "oversikt/oversikt.html", context, tabeller)


@require_safe
def distrikt(request, slug):
    valgt = get_object_or_404(Distrikt, slug=slug)
    form, periode = _periode(request)
    data = build_distrikt(distrikt=valgt, periode=periode, today=timezone.localdate())
    form.set_years(data.aar_valg)
    context = {
        "form": form,
        "periode": periode,
        "d": data,
        "distrikt": valgt,
        "kvartal_diagram": stolpediagram(data.kvartaler),
    }
    return _csv_eller_side(request, "oversikt/distrikt.html", context, data.tabeller)
