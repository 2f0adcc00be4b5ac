"""/kom-i-gang/: from «I need to involve citizens» to ranked method cards with reasons."""

from django.shortcuts import render
from django.views.decorators.http import require_safe

from skattekiste.felles.vokabular import Distrikt, Innbyggergruppe, Tema
from skattekiste.komigang import queries
from skattekiste.komigang.forms import VelgMetodeForm
from skattekiste.komigang.ranking import rank_methods, time_guidance


@require_safe
def velg_metode(request):
    form = VelgMetodeForm(
        request.GET or None,
        grupper=list(Innbyggergruppe.objects.only("navn", "slug")),
        distrikter=list(Distrikt.objects.only("navn", "slug")),
        temaer=list(Tema.objects.only("name", "slug")),
    )
    context = {"form": form}
    if form.is_bound:
        gruppe, tema, distrikt = form.gruppe_valgt(), form.tema_valgt(), form.distrikt_valgt()
        valgt = {
            "gruppe_id": gruppe.pk if gruppe else None,
            "tema_id": tema.pk if tema else None,
        }
        eksempler = queries.examples_per_card(
            **valgt, distrikt_id=distrikt.pk if distrikt else None
        )
        folk = queries.people_per_card(**valgt)
        sparring = queries.sparring_per_card(gruppe_id=valgt["gruppe_id"])
        context |= {
            "svar": form.answers(),
            "gruppe": gruppe,
            "tema": tema,
            "distrikt": distrikt,
            "tid": form.tid_valgt(),
            "kort": [
                {
                    "r": r,
                    "eksempler": eksempler[r.metode.pk],
                    "folk": folk[r.metode.pk],
                    "sparring": sparring[r.metode.pk],
                    "om_tid": time_guidance(r.metode),
                }
                for r in rank_methods(queries.cards_with_steps(), form.answers())
            ],
            "funn": queries.group_findings(gruppe) if gruppe else [],
        }
    return render(request, "komigang/velg_metode.html", context)
