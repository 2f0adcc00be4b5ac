"""What the guidance pages read: the list, one page with its links, and its neighbours."""

from django.db.models import Prefetch

from skattekiste.eksempler.models import Eksempel
from skattekiste.veiledning.models import Veiledning


def guidance_list():
    return Veiledning.objects.only("nummer", "tittel", "slug", "ingress")


def guidance_page(slug: str) -> Veiledning:
    """The page with its method cards, its published examples and its groups (4 queries)."""
    published = Eksempel.objects.published().only("tittel", "slug", "ingress").order_by("tittel")
    return (
        Veiledning.objects.prefetch_related(
            Prefetch("metoder"),
            Prefetch("eksempler", queryset=published),
            Prefetch("grupper"),
        )
        .defer("search_vector")
        .get(slug=slug)
    )


def neighbours(page: Veiledning) -> tuple[Veiledning | None, Veiledning | None]:
    """The pages before and after this one in the guidance's order (one query)."""
    pages = list(Veiledning.objects.only("nummer", "tittel", "slug"))
    index = next(i for i, p in enumerate(pages) if p.pk == page.pk)
    before = pages[index - 1] if index > 0 else None
    after = pages[index + 1] if index + 1 < len(pages) else None
    return before, after
