"""Every page type the benchmark measures, found from the URL configuration.

The resolver is walked as tests/test_url_guards.py does, so a new page is measured without
anyone adding it here. Each route gets varied real addresses: many slugs, filter
combinations, page numbers and query words. A route with a parameter nobody knows how to
fill is not dropped: it is reported as a failure, so it gets an entry in SAMPLERS.
"""

import re
from dataclasses import dataclass

from django.urls import URLResolver, get_resolver, reverse

from innsikt.models import Behov, Innsikt
from metoder.models import Metode
from skattekiste.eksempler.models import Eksempel
from skattekiste.felles.vokabular import Distrikt, Innbyggergruppe, Tema
from skattekiste.folk.models import Person, Sparringpartner
from skattekiste.pafyll.models import Mottaker
from skattekiste.pafyll.workflows import renew_feed_key, stop_token
from skattekiste.planer.models import Plan
from skattekiste.planer.workflows import create_plan
from skattekiste.veiledning.models import Veiledning

# Not pages: the admin (Django's own), logging in and out (forms for the session itself, and
# the police account's redirects), and following, which only takes a POST.
SKIPPED_NAMESPACES = {"admin"}
SKIPPED_NAMES = {"login", "logout", "oidc_authentication_init", "oidc_authentication_callback"}
# folk:kontakt only redirects to folk:person, which is measured.
# Removing a sparring entry only takes a POST.
SKIPPED_LABELS = {
    "pafyll:folg",
    "pafyll:slutt",
    "pafyll:ny_feed_nokkel",
    "folk:kontakt",
    "folk:sparring_fjern",
}
PARAMETER = re.compile(r"<(?:\w+:)?(\w+)>")
SLUGS_PER_ROUTE = 20


@dataclass(frozen=True)
class PageType:
    label: str
    pattern: str
    parameters: tuple[str, ...]


def walk(patterns, prefix="", namespace=None):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = ":".join(n for n in (namespace, pattern.namespace) if n) or None
            yield from walk(pattern.url_patterns, prefix + str(pattern.pattern), inner)
        elif pattern.name:
            label = f"{namespace}:{pattern.name}" if namespace else pattern.name
            yield namespace, pattern.name, label, prefix + str(pattern.pattern)


def page_types() -> list[PageType]:
    """Every named route outside the admin and the login forms."""
    return [
        PageType(label, pattern, tuple(PARAMETER.findall(pattern)))
        for namespace, name, label, pattern in walk(get_resolver().url_patterns)
        if (namespace or "").split(":")[0] not in SKIPPED_NAMESPACES
        and name not in SKIPPED_NAMES
        and label not in SKIPPED_LABELS
        and not pattern.startswith("static/")
    ]


def _sample(rng, values, k=SLUGS_PER_ROUTE):
    values = list(values)
    return rng.sample(values, min(k, len(values)))


def _slugs(rng, route, queryset):
    return [
        reverse(route, kwargs={"slug": slug})
        for slug in _sample(rng, queryset.values_list("slug", flat=True))
    ]


def _pks(rng, route, queryset):
    return [
        reverse(route, kwargs={"pk": pk})
        for pk in _sample(rng, queryset.values_list("pk", flat=True))
    ]


def _with_query(route, variants):
    base = reverse(route)
    return [f"{base}?{query}" if query else base for query in variants]


def _first_slug(model, related):
    """The slug of the row with most links to `related`: a filter that matches much."""
    return model.objects.order_by(f"-{related}__id").values_list("slug", flat=True).first() or "x"


def _second_slug(model, related):
    """Another row picked the same way as _first_slug, for two choices in one group."""
    first = _first_slug(model, related)
    rows = model.objects.exclude(slug=first).order_by(f"-{related}__id")
    return rows.values_list("slug", flat=True).first() or "x"


def example_list(rng, ctx):
    tema, gruppe = _first_slug(Tema, "eksempel_items"), _first_slug(Innbyggergruppe, "eksempler")
    distrikt = Distrikt.objects.values_list("slug", flat=True).first()
    metode = Metode.objects.values_list("slug", flat=True).first()
    return _with_query(
        "eksempler:list",
        [
            "",
            "page=3",
            "page=400",
            "situasjon=B",
            f"tema={tema}",
            f"gruppe={gruppe}",
            f"distrikt={distrikt}&situasjon=A",
            f"metode={metode}&aar=2022",
            f"tema={tema}&gruppe={gruppe}&page=2",
            # Several choices in one group, a year range and another sort order (issue 13).
            f"tema={tema}&tema={_second_slug(Tema, 'eksempel_items')}",
            "fra=2019&til=2022&sorter=tittel",
            # What the overview links to (issue 14).
            "ikke_virket=ja",
            "publisert=2025-09",
        ],
    )


def insight_list(rng, ctx):
    gruppe = _first_slug(Innbyggergruppe, "innsikter")
    behov = Behov.objects.values_list("slug", flat=True).first()
    distrikt = Distrikt.objects.values_list("slug", flat=True).first()
    return _with_query(
        "innsikt:list",
        [
            "",
            "page=3",
            "page=400",
            f"gruppe={gruppe}",
            f"behov={behov}",
            "kildetype=sporreundersokelse",
            f"distrikt={distrikt}&aar=2020",
            f"gruppe={gruppe}&behov={behov}&page=2",
            f"gruppe={gruppe}&gruppe={_second_slug(Innbyggergruppe, 'innsikter')}",
            "fra=2015&til=2018&sorter=eldste",
        ],
    )


def downloads(route, list_sampler):
    """A list's download: the whole list, and some of the list's filters (no page numbers)."""

    def urls(rng, ctx):
        queries = [url.partition("?")[2] for url in list_sampler(rng, ctx)]
        return _with_query(route, [q for q in queries if "page=" not in q][:4])

    return urls


def _feed_key(user) -> str:
    found = Mottaker.objects.filter(bruker=user).values_list("feed_nokkel", flat=True).first()
    return found or renew_feed_key(bruker=user)


def example_feed(rng, ctx):
    """The feed of the same filtered lists as example_list (without page numbers)."""
    base = reverse("pafyll:eksempel_feed", args=[_feed_key(ctx["user"])])
    queries = [url.partition("?")[2] for url in example_list(rng, ctx)]
    return [f"{base}?{q}" if q else base for q in queries if "page=" not in q]


def insight_feed(rng, ctx):
    key = _feed_key(ctx["user"])
    slugs = _sample(rng, Innbyggergruppe.objects.values_list("slug", flat=True), 8)
    return [reverse("pafyll:innsikt_feed", args=[key, slug]) for slug in slugs]


def overview(rng, ctx):
    return _with_query("oversikt:oversikt", ["", "aar=2025", "aar=2022", "aar=alle"])


def district_overview(rng, ctx):
    slugs = _sample(rng, Distrikt.objects.values_list("slug", flat=True), 8)
    return [
        reverse("oversikt:distrikt", kwargs={"slug": slug}) + query
        for slug in slugs
        for query in ("", "?aar=2024", "?aar=alle")
    ]


def chooser(rng, ctx):
    """The method chooser: no answers, the three questions, and a large and a small group."""
    gruppe = _first_slug(Innbyggergruppe, "eksempler")
    small = Innbyggergruppe.objects.order_by("eksempler__id").values_list("slug", flat=True)
    distrikt = _first_slug(Distrikt, "eksempler")
    tema = _first_slug(Tema, "eksempel_items")
    return _with_query(
        "komigang:velg",
        [
            "",
            "situasjon=B&forsta=hvorfor&rekkevidde=fa",
            f"situasjon=A&forsta=hva&rekkevidde=mange&tema={tema}&tid=lite",
            f"situasjon=C&forsta=vet-ikke&rekkevidde=flere&gruppe={gruppe}&distrikt={distrikt}",
            f"situasjon=B&gruppe={small.first() or 'x'}&distrikt={distrikt}",
        ],
    )


def people(rng, ctx):
    metode = Metode.objects.values_list("slug", flat=True).first()
    gruppe = _first_slug(Innbyggergruppe, "eksempler")
    distrikt = _first_slug(Distrikt, "eksempler")
    return _with_query(
        "folk:liste",
        ["", "navn=an", f"metode={metode}", f"gruppe={gruppe}&distrikt={distrikt}", "page=2"],
    )


def plans(user):
    """The bench user's plans, one per card, for a large group (made once, kept)."""
    mine = Plan.objects.filter(eier=user)
    if not mine.exists():
        gruppe = Innbyggergruppe.objects.filter(slug=_first_slug(Innbyggergruppe, "eksempler"))
        for metode in Metode.objects.order_by("nummer"):
            create_plan(
                eier=user,
                tittel=f"Plan: {metode.navn}",
                metoder=[metode],
                situasjon=metode.situasjoner[0],
                gruppe=gruppe.first(),
                distrikt=Distrikt.objects.order_by("id").first(),
            )
    return mine


def plan_pages(route):
    def urls(rng, ctx):
        return _pks(rng, route, plans(ctx["user"]))

    return urls


def new_plan(rng, ctx):
    metode = Metode.objects.values_list("slug", flat=True).first()
    gruppe = _first_slug(Innbyggergruppe, "eksempler")
    return _with_query("planer:ny", ["", f"metode={metode}&situasjon=B&gruppe={gruppe}"])


def own_sparring(rng, ctx):
    """The measuring user's own sparring entry: the only one they may open."""
    entry, _ = Sparringpartner.objects.get_or_create(
        bruker=ctx["user"], defaults={"navn": "Måler", "kan_hjelpe_med": "Måling."}
    )
    return [reverse("folk:sparring_endre", kwargs={"sparring": entry.pk})]


def search(route):
    def urls(rng, ctx):
        return _with_query(route, [f"q={q}" for q in ctx["queries"]])

    return urls


# route -> function(rng, ctx) giving the addresses to measure. Routes without parameters
# and not listed here are measured at their bare address.
SAMPLERS = {
    "eksempler:list": example_list,
    "eksempler:detail": lambda rng, ctx: _slugs(
        rng, "eksempler:detail", Eksempel.objects.published()
    ),
    "metoder:detail": lambda rng, ctx: _slugs(rng, "metoder:detail", Metode.objects.all()),
    "innsikt:list": insight_list,
    "innsikt:detail": lambda rng, ctx: _slugs(rng, "innsikt:detail", Innsikt.objects.published()),
    "innsikt:gruppe": lambda rng, ctx: _slugs(rng, "innsikt:gruppe", Innbyggergruppe.objects.all()),
    "oversikt:oversikt": overview,
    "oversikt:distrikt": district_overview,
    "komigang:velg": chooser,
    "folk:liste": people,
    "planer:ny": new_plan,
    "planer:detail": plan_pages("planer:detail"),
    "planer:endre": plan_pages("planer:endre"),
    "planer:deling": plan_pages("planer:deling"),
    "planer:historikk": plan_pages("planer:historikk"),
    "folk:sparring_endre": own_sparring,
    "folk:person": lambda rng, ctx: [
        reverse("folk:person", kwargs={"nr": pk})
        for pk in _sample(rng, Person.objects.values_list("pk", flat=True))
    ],
    "sok:sok": search("sok:sok"),
    "sok:api": search("sok:api"),
    "bidra:takk": lambda rng, ctx: _pks(rng, "bidra:takk", ctx["submissions"]),
    "bidra:detail": lambda rng, ctx: _pks(rng, "bidra:detail", ctx["submissions"]),
    "bidra:endre": lambda rng, ctx: _pks(rng, "bidra:endre", ctx["submissions"]),
    "bidra:vurder": lambda rng, ctx: _pks(rng, "bidra:vurder", ctx["submissions"]),
    "veiledning:side": lambda rng, ctx: _slugs(rng, "veiledning:side", Veiledning.objects.all()),
    # The e-mail's stop link, signed for the measuring user: it stops, and offers an undo.
    "pafyll:stopp": lambda rng, ctx: [reverse("pafyll:stopp", args=[stop_token(ctx["user"])])],
    "eksempler:eksport_csv": downloads("eksempler:eksport_csv", example_list),
    "eksempler:eksport_json": downloads("eksempler:eksport_json", example_list),
    "innsikt:eksport_csv": downloads("innsikt:eksport_csv", insight_list),
    "innsikt:eksport_json": downloads("innsikt:eksport_json", insight_list),
    # The feeds, with the measuring user's own secret key.
    "pafyll:eksempel_feed": example_feed,
    "pafyll:innsikt_feed": insight_feed,
}


def page_urls(rng, ctx) -> tuple[dict[str, list[str]], dict[str, str]]:
    """({page type: addresses}, {page type: why it could not be measured})."""
    urls, missing = {}, {}
    for page in page_types():
        sampler = SAMPLERS.get(page.label)
        if sampler is not None:
            found = sampler(rng, ctx)
        elif not page.parameters:
            found = [reverse(page.label)]
        else:
            found = []
        if found:
            urls[page.label] = found
        elif sampler is None:
            missing[page.label] = (
                f"ingen verdier til {', '.join(page.parameters)}: "
                "legg siden til i SAMPLERS i skattekiste/ytelse/pages.py"
            )
        else:
            missing[page.label] = "ingen rader i databasen å måle siden med"
    return urls, missing
