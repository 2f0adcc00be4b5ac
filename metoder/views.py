from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from metoder.models import Metode
from metoder.overview import build_circle, build_map
from skattekiste.eksempler.models import Eksempel


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
    eksempler = Eksempel.objects.published().prefetch_related("distrikter", "tema").newest_first()
    metode = get_object_or_404(
        Metode.objects.with_cards().prefetch_related(
            Prefetch("eksempler", queryset=eksempler, to_attr="publiserte_eksempler")
        ),
        slug=slug,
    )
    return render(request, "metoder/metode_detail.html", {"metode": metode})
