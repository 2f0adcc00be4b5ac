"""{% folg %}: the «Følg» / «Slutt å følge» button for a theme, group, district, method or list."""

from django import template
from django.http import QueryDict

from skattekiste.pafyll.models import Folging
from skattekiste.pafyll.queries import liste_of, normalise

register = template.Library()


@register.inclusion_tag("includes/folg.html", takes_context=True)
def folg(context, navn=None, verdi=None, hva="dette", liste="eksempler"):
    """With `navn` and `verdi`, the list filtered on that (tema=eldre); without, the current
    list's own filters. `liste` is what is followed: eksempler, innsikt (about a group) or
    sok (the current search). One query, only for someone logged in."""
    request = context["request"]
    if not request.user.is_authenticated:
        return {"vis": False}
    if navn:
        params = QueryDict(mutable=True)
        params[navn] = verdi
    else:
        params = request.GET
    liste = liste_of(liste)
    sporring = normalise(params, liste)
    if liste == Folging.Liste.SOK and not sporring:
        return {"vis": False}
    return {
        "vis": True,
        "liste": liste,
        "nytt": {"sok": "nye eksempler og ny innsikt som passer", "innsikt": "ny innsikt"}.get(
            liste, "nye eksempler"
        ),
        "felter": [(k, v) for k, values in QueryDict(sporring).lists() for v in values],
        "folger": Folging.objects.filter(
            bruker=request.user, liste=liste, sporring=sporring
        ).exists(),
        "neste": request.get_full_path(),
        "hva": hva,
        "csrf_token": context.get("csrf_token"),
    }
