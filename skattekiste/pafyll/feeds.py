"""Atom feeds for feed readers, which cannot log in: new examples in any filtered example
list, and new insights about a citizen group.

A feed link carries the person's secret feed key (Mottaker.feed_nokkel). The key opens
nothing but these feeds, a new key stops the old links at once, and a wrong key is a 404.
Only published content is in a feed, and no contact details: the link may end up in a
reader that others can see.
"""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import Http404, QueryDict
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from innsikt.models import Innsikt
from skattekiste.eksempler.filters import EksempelFilter
from skattekiste.eksempler.models import Eksempel
from skattekiste.felles.filters import list_counter
from skattekiste.felles.vokabular import Innbyggergruppe
from skattekiste.pafyll.models import Folging, Mottaker
from skattekiste.pafyll.queries import list_filters, normalise, options

ITEMS = 30
AUTHOR = "Skattekisten, Team Innbyggerstemmen"


def links(followed, nokkel: str) -> list[tuple[str, str]]:
    """(name, absolute feed address) for all new examples and each followed list or group."""
    root = settings.SITE_ROOT
    out = [("Alle nye eksempler", root + reverse("pafyll:eksempel_feed", args=[nokkel]))]
    for item in followed:
        if item.gone or item.liste == Folging.Liste.SOK:
            continue
        if item.liste == Folging.Liste.INNSIKT:
            gruppe = QueryDict(item.folging.sporring).get("gruppe", "")
            url = reverse("pafyll:innsikt_feed", args=[nokkel, gruppe])
        else:
            url = reverse("pafyll:eksempel_feed", args=[nokkel])
            url += f"?{item.folging.sporring}" if item.folging.sporring else ""
        if (item.navn, root + url) not in out:
            out.append((item.navn, root + url))
    return out


def check_key(nokkel: str) -> None:
    if (
        len(nokkel) > 64
        or not Mottaker.objects.filter(feed_nokkel=nokkel, bruker__is_active=True).exists()
    ):
        raise Http404("Ukjent feed-lenke.")


class NyeEksempler(Feed):
    """/pafyll/feed/<key>/eksempler/?tema=…: the newest published examples the list with the
    same filters shows, through the list's own FilterSet."""

    feed_type = Atom1Feed

    def get_object(self, request, nokkel):
        check_key(nokkel)
        return request.GET

    def title(self, params):
        _, labels, _ = list_filters(normalise(params), options())
        return "Nye eksempler i Skattekisten" + (f": {' · '.join(labels)}" if labels else "")

    def link(self, params):
        query = normalise(params)
        return reverse("eksempler:list") + (f"?{query}" if query else "")

    def subtitle(self, params):
        return "Eksempler fra politiet om innbyggerdialog, nyeste publisert først."

    def items(self, params):
        counter, _, _ = list_counter(EksempelFilter, params)
        ids = counter.newest_published(ITEMS)
        found = (
            Eksempel.objects.published()
            .filter(pk__in=ids)
            .only("slug", "tittel", "ingress", "publisert", "oppdatert")
        )
        by_id = {e.pk: e for e in found}
        return [by_id[pk] for pk in ids if pk in by_id]

    def item_title(self, item):
        return item.tittel

    def item_description(self, item):
        return item.ingress

    def item_pubdate(self, item):
        return item.publisert

    def item_updateddate(self, item):
        return item.oppdatert

    author_name = AUTHOR


class NyInnsikt(Feed):
    """/pafyll/feed/<key>/innsikt/<group>/: the newest published insights about the group."""

    feed_type = Atom1Feed

    def get_object(self, request, nokkel, gruppe):
        check_key(nokkel)
        return get_object_or_404(Innbyggergruppe, slug=gruppe)

    def title(self, gruppe):
        return f"Ny innsikt om {gruppe.navn.lower()} i Skattekisten"

    def link(self, gruppe):
        return reverse("innsikt:gruppe", args=[gruppe.slug])

    def subtitle(self, gruppe):
        return f"Det politiet har lært om {gruppe.navn.lower()}, nyeste først."

    def items(self, gruppe):
        return (
            Innsikt.objects.published()
            .filter(grupper=gruppe)
            .only("slug", "tittel", "forklaring", "publisert", "oppdatert")
            .order_by("-publisert", "-id")[:ITEMS]
        )

    def item_title(self, item):
        return item.tittel

    def item_description(self, item):
        return item.forklaring

    def item_pubdate(self, item):
        return item.publisert

    def item_updateddate(self, item):
        return item.oppdatert

    author_name = AUTHOR
