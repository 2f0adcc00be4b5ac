from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from metoder.models import Metode
from metoder.overview import build_circle, build_map
from skattekiste.felles.fasettabell import EKSEMPLER, unfiltered_counts

# A card is used by thousands of examples; the page shows the newest and links to the rest.
NEWEST_EXAMPLES = 6


@require_safe
def metode_list(request):
    metoder = list(Metode.objects.all())
    return render(
        request,
        "metoder/metode_list.html",
        {"metoder": metoder, "kart": build_map(metoder), "sirkel": build_circle(metoder)},
    )


@require_safe
def metode_detail(request, slug):
    metode = get_object_or_404(Metode.objects.with_cards(), slug=slug)
    # The reverse relations carry the examples' own queries, so metoder imports no examples.
    # The count is kept by the database on write: the example list's pair counts.
    key = f"metode:{metode.pk}"
    antall = unfiltered_counts(EKSEMPLER, keys=[key]).get(key, 0)
    return render(
        request,
        "metoder/metode_detail.html",
        {
            "metode": metode,
            "eksempler": metode.eksempler.published()
            .for_listing()
            .newest_first()[:NEWEST_EXAMPLES],
            "antall_eksempler": antall,
        },
    )
