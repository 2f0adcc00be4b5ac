"""Measure the server time of the heaviest pages at scale (`make bench`).

Requests go through Django's test client in this process, with DEBUG off: the time is
what the server spends (middleware, views, queries, templates), without the network.
The floor is the raw SQL of a plain indexed match of the same words (no ranking, the
first 20 rows of examples and of insights): what any search must at least pay.
"""

import random
import statistics
import time
import warnings
from dataclasses import dataclass, field
from datetime import date

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import CommandError
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from innsikt.models import Innsikt
from skattekiste.eksempler.models import Eksempel
from skattekiste.felles.fields import SEARCH_CONFIG
from skattekiste.felles.vokabular import Innbyggergruppe, Tema
from skattekiste.sok.models import SearchWord
from skattekiste.sok.sql import column, literal, table
from skattekiste.sok.types import TYPES_BY_KEY

USERNAME = "bench-ansatt"
# Questions people ask, whatever the data; the rest of the mix is drawn from the word list.
FIXED_QUERIES = [
    "hva vet vi om eldre",
    "dialogmøte",
    "innbyggerne",
    "nærmiljøprat",
    "politiet innbyggerne",
    "skeive ungdommer",
    "dialgmøte",
]
TARGETS_MS = {"søkesiden": 50, "søk (JSON)": 50, "eksempellisten": 100, "gruppeside": 100}
# A pathological query must not hang the run: it fails, is counted and reported.
STATEMENT_TIMEOUT = "20s"
GIVE_UP_AFTER = 3


@dataclass
class Measure:
    name: str
    times: list[float] = field(default_factory=list)
    queries: list[int] = field(default_factory=list)
    errors: dict[str, str] = field(default_factory=dict)

    def p(self, share):
        if not self.times:
            return float("nan")
        ordered = sorted(self.times)
        return ordered[min(len(ordered) - 1, int(share * len(ordered)))] * 1000

    @property
    def p50(self):
        return statistics.median(self.times) * 1000 if self.times else float("nan")

    @property
    def missed_target(self):
        target = TARGETS_MS.get(self.name)
        return target is not None and (self.p(0.95) > target or bool(self.errors))


@dataclass
class Result:
    sizes: tuple[int, int]
    queries: list[str]
    rounds: int
    measures: list[Measure]
    floor: Measure


def run_benchmark(*, rounds, seed, only=(), progress=print) -> Result:
    """Measure each page over `rounds` rounds; `only` limits it to some of the pages."""
    rng = random.Random(seed)  # noqa: S311 - a reproducible sample, not a secret
    sizes = (Eksempel.objects.count(), Innsikt.objects.count())
    queries = list(dict.fromkeys(FIXED_QUERIES + word_mix(rng)))
    urls = page_urls(rng, queries)
    if only:
        urls = {name: targets for name, targets in urls.items() if name in only}

    user, _ = get_user_model().objects.get_or_create(username=USERNAME)
    with connection.cursor() as cursor:
        cursor.execute(f"SET statement_timeout = '{STATEMENT_TIMEOUT}'")
    hosts = [*settings.ALLOWED_HOSTS, "testserver"]
    # WhiteNoise warns once about a missing staticfiles/ when DEBUG is turned off here.
    warnings.filterwarnings("ignore", message="No directory at")
    with override_settings(DEBUG=False, ALLOWED_HOSTS=hosts):
        client = Client()
        client.force_login(user)
        measures = [
            measure(client, name, targets, rounds, progress) for name, targets in urls.items()
        ]
    return Result(sizes, queries, rounds, measures, floor(queries, rounds))


def word_mix(rng):
    """Very common, common, middling and rare words from the content's word list."""
    words = list(
        SearchWord.objects.filter(word__regex=r"^[a-zæøå]{4,}$")
        .order_by("-ndoc", "word")
        .values_list("word", "ndoc")
    )
    if not words:
        raise CommandError("Søkets ordliste er tom. Kjør lag_testdata eller oppdater_sokeord.")
    n = len(words)
    mix = [w for w, _ in words[:4]]  # the most common: tens of thousands of matches
    for start, end in [(20, 200), (200, 2000), (n // 2, n)]:
        band = words[min(start, n - 1) : max(min(end, n), min(start, n - 1) + 1)]
        mix += [w for w, _ in rng.sample(band, min(4, len(band)))]
    return mix


def page_urls(rng, queries):
    list_url = reverse("eksempler:list")
    published = list(Eksempel.objects.published().values_list("slug", flat=True))
    theme = Tema.objects.order_by("-eksempel_items__id").values_list("slug", flat=True)[:1]
    group_slugs = list(Innbyggergruppe.objects.values_list("slug", flat=True))
    return {
        "søkesiden": [f"{reverse('sok:sok')}?q={q}" for q in queries],
        "søk (JSON)": [f"{reverse('sok:api')}?q={q}" for q in queries],
        "eksempellisten": [
            list_url,
            f"{list_url}?page=3",
            f"{list_url}?situasjon=B",
            f"{list_url}?tema={theme[0]}" if theme else list_url,
            f"{list_url}?gruppe={group_slugs[0]}",
            f"{list_url}?aar=2022&situasjon=A",
            f"{list_url}?page=400",
        ],
        "eksempelside": [
            reverse("eksempler:detail", kwargs={"slug": slug})
            for slug in rng.sample(published, min(20, len(published)))
        ],
        "gruppeside": [reverse("innsikt:gruppe", kwargs={"slug": slug}) for slug in group_slugs],
    }


def measure(client, name, urls, rounds, progress):
    result = Measure(name)
    progress(f"  måler {name} ({len(urls)} adresser × {rounds})")
    working = []
    for n, url in enumerate(urls):  # warm-up, and the query count of each address
        if len(result.errors) >= GIVE_UP_AFTER and not working:
            result.errors["…"] = f"ga opp etter {GIVE_UP_AFTER} feil, {len(urls) - n} ikke målt"
            break
        try:
            with CaptureQueriesContext(connection) as captured:
                response = client.get(url)
        except Exception as error:  # noqa: BLE001 - reported, the run goes on
            result.errors[url] = f"{type(error).__name__}: {str(error)[:120]}"
            continue
        if response.status_code != 200:
            hint = (
                f" (en spørring over {STATEMENT_TIMEOUT}?)" if response.status_code == 503 else ""
            )
            result.errors[url] = f"svarte {response.status_code}{hint}"
            continue
        result.queries.append(len(captured))
        working.append(url)
    for _ in range(rounds):
        for url in working:
            started = time.perf_counter()
            client.get(url)
            result.times.append(time.perf_counter() - started)
    return result


def floor(queries, rounds):
    result = Measure("gulv (rå SQL)")
    sql = " UNION ALL ".join(
        f"(SELECT x.{column(t.model, 'pk')} FROM {table(t.model)} x"
        f" WHERE {t.published_sql('x')} AND x.{column(t.model, 'search_vector')}"
        f" @@ plainto_tsquery({literal(SEARCH_CONFIG)}, %s) LIMIT 20)"
        for t in (TYPES_BY_KEY["eksempel"], TYPES_BY_KEY["innsikt"])
    )
    with connection.cursor() as cursor:
        for _ in range(rounds + 1):
            for q in queries:
                started = time.perf_counter()
                cursor.execute(sql, [q, q])
                cursor.fetchall()
                result.times.append(time.perf_counter() - started)
        result.queries.append(1)
    result.times = result.times[len(queries) :]  # drop the warm-up round
    return result


def report_lines(result: Result):
    """The report as lines of text: the table, then every address that failed."""
    base = result.floor
    yield ""
    yield (
        f"Ytelse {date.today():%Y-%m-%d}: {result.sizes[0]} eksempler, "
        f"{result.sizes[1]} innsikter, {result.rounds} runder, DEBUG av, "
        "Django test-klient i prosessen."
    )
    yield f"Søkeord ({len(result.queries)}): {', '.join(result.queries)}"
    yield ""
    header = (
        f"{'side':<16}{'antall':>7}{'p50 ms':>9}{'p95 ms':>9}{'spørringer':>12}"
        f"{'p50/gulv':>10}{'p95/gulv':>10}{'mål p95':>9}  "
    )
    yield header
    yield "-" * len(header)
    for m in [*result.measures, base]:
        if not m.queries:
            yield f"{m.name:<16}  ingen vellykkede målinger"
            continue
        queries_text = (
            str(max(m.queries))
            if min(m.queries) == max(m.queries)
            else f"{min(m.queries)}–{max(m.queries)}"
        )
        target = TARGETS_MS.get(m.name)
        verdict = ("IKKE NÅDD" if m.missed_target else "nådd") if target else ""
        yield (
            f"{m.name:<16}{len(m.times):>7}{m.p50:>9.1f}{m.p(0.95):>9.1f}{queries_text:>12}"
            f"{m.p50 / base.p50:>10.1f}{m.p(0.95) / base.p(0.95):>10.1f}"
            f"{(str(target) if target else '–'):>9}  {verdict}"
        )
    for m in result.measures:
        for url, error in m.errors.items():
            yield f"FEIL {m.name}: {url} – {error}"
