"""Measure every page type at scale (`make bench`).

Requests go through Django's test client in this process, with DEBUG off: the time is
what the server spends (middleware, views, queries, templates), without the network.
Every request is timed cold, right after the cache is cleared, as the first request after
a content change would be; then once more warm. The floor is the raw SQL of a plain indexed
match of the same words (no ranking, the first 20 rows of examples and of insights): what
any search must at least pay.
"""

import random
import statistics
import time
import warnings
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.core.management import CommandError
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext

from innsikt.models import Innsikt
from skattekiste.eksempler.models import Eksempel
from skattekiste.felles.fields import SEARCH_CONFIG
from skattekiste.felles.roles import REDAKSJON
from skattekiste.sok.models import SearchWord
from skattekiste.sok.sql import column, literal, table
from skattekiste.sok.types import TYPES_BY_KEY
from skattekiste.ytelse.pages import page_urls

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
# Targets at 20 000 examples and 200 000 insights (issue 12).
TARGET_MS = 50
TARGETS_MS = {"sok:sok": 30, "sok:api": 30}
MAX_QUERIES = 15
MAX_BYTES = 100_000
# Downloads of a whole list (megabytes, streamed): measured and reported, without the page
# targets.
DOWNLOADS = {
    "eksempler:eksport_csv",
    "eksempler:eksport_json",
    "innsikt:eksport_csv",
    "innsikt:eksport_json",
}
SUBMISSIONS = 10
# A fixed piece of pure Python, timed before the pages. The page times are mostly Python, and
# this VM's speed has varied between days by a factor of about three: this figure says which
# kind of day a table was measured on.
CALIBRATION_LOOPS = 1_000_000
# A pathological query must not hang the run: it fails, is counted and reported.
STATEMENT_TIMEOUT = "20s"
GIVE_UP_AFTER = 3


def percentile(times, share):
    if not times:
        return float("nan")
    ordered = sorted(times)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] * 1000


@dataclass
class Measure:
    name: str
    times: list[float] = field(default_factory=list)  # cold
    warm: list[float] = field(default_factory=list)
    queries: list[int] = field(default_factory=list)
    sizes: list[int] = field(default_factory=list)
    errors: dict[str, str] = field(default_factory=dict)
    has_targets: bool = True

    def p(self, share, *, warm=False):
        return percentile(self.warm if warm else self.times, share)

    @property
    def p50(self):
        return statistics.median(self.times) * 1000 if self.times else float("nan")

    @property
    def target_ms(self):
        return TARGETS_MS.get(self.name, TARGET_MS) if self.has_targets else None

    @property
    def misses(self) -> list[str]:
        """What this page type misses: time, queries, size, or addresses that failed."""
        if not self.has_targets:
            return []
        missed = []
        if not self.times or self.p(0.95) > self.target_ms:
            missed.append("tid")
        if self.queries and max(self.queries) > MAX_QUERIES:
            missed.append("spørringer")
        if self.sizes and max(self.sizes) > MAX_BYTES:
            missed.append("størrelse")
        if self.errors:
            missed.append("feil")
        return missed

    @property
    def missed_target(self):
        return bool(self.misses)


@dataclass
class Result:
    sizes: tuple[int, int]
    queries: list[str]
    rounds: int
    measures: list[Measure]
    floor: Measure
    machine_ms: float = float("nan")


def machine_speed() -> float:
    """Milliseconds for CALIBRATION_LOOPS additions in a Python loop, best of three."""
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        total = 0
        for n in range(CALIBRATION_LOOPS):
            total += n
        best = min(best, time.perf_counter() - start)
    return best * 1000


def run_benchmark(*, rounds, seed, only=(), progress=print) -> Result:
    """Measure each page type over `rounds` rounds; `only` limits it to some of them."""
    machine_ms = machine_speed()
    rng = random.Random(seed)  # noqa: S311 - a reproducible sample, not a secret
    queries = list(dict.fromkeys(FIXED_QUERIES + word_mix(rng)))
    user = bench_user()
    context = {"queries": queries, "submissions": submissions(user), "user": user}
    # Counted after the bench user's submissions are made, so the header is what was measured.
    sizes = (Eksempel.objects.count(), Innsikt.objects.count())
    urls, missing = page_urls(rng, context)
    if only:
        urls = {name: targets for name, targets in urls.items() if name in only}
        missing = {name: why for name, why in missing.items() if name in only}

    with connection.cursor() as cursor:
        cursor.execute(f"SET statement_timeout = '{STATEMENT_TIMEOUT}'")
    hosts = [*settings.ALLOWED_HOSTS, "testserver"]
    # WhiteNoise warns once about a missing staticfiles/ when DEBUG is turned off here.
    warnings.filterwarnings("ignore", message="No directory at")
    try:
        with override_settings(DEBUG=False, ALLOWED_HOSTS=hosts):
            client = Client()
            client.force_login(user)
            measures = [
                measure(client, name, targets, rounds, progress) for name, targets in urls.items()
            ]
    finally:
        # The limit is for pages: `bench --vekst` fills the next size on this connection,
        # and a COPY of 20 000 examples may take longer than a page ever should.
        with connection.cursor() as cursor:
            cursor.execute("RESET statement_timeout")
    measures += [Measure(name, errors={name: why}) for name, why in missing.items()]
    return Result(sizes, queries, rounds, measures, floor(queries, rounds), machine_ms)


def bench_user():
    """An employee on the editorial team, so the team's pages are measured too."""
    user, _ = get_user_model().objects.get_or_create(username=USERNAME)
    group = Group.objects.filter(name=REDAKSJON).first()
    if group is not None:
        user.groups.add(group)
    return user


def submissions(user):
    """The bench user's shared examples for /bidra/: copies of synthetic ones, sent back."""
    mine = Eksempel.objects.submitted_by(user)
    if not mine.exists():
        originals = Eksempel.objects.filter(slug__startswith="syntetisk-").order_by("id")
        for n, eksempel in enumerate(originals[:SUBMISSIONS], 1):
            eksempel.pk = eksempel.id = None
            eksempel.slug = f"ytelse-innsending-{n}"
            eksempel.status = Eksempel.Status.RETURNERT
            eksempel.publisert = None
            eksempel.opprettet_av = user
            eksempel.save()
    return mine


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


def get(client, url, result):
    """The response, or None when it failed (then the failure is in result.errors)."""
    try:
        response = client.get(url)
    except Exception as error:  # noqa: BLE001 - reported, the run goes on
        result.errors[url] = f"{type(error).__name__}: {str(error)[:120]}"
        return None
    if response.status_code != 200:
        hint = f" (en spørring over {STATEMENT_TIMEOUT}?)" if response.status_code == 503 else ""
        result.errors[url] = f"svarte {response.status_code}{hint}"
        return None
    return response


def _body(response) -> bytes:
    """The whole answer; a streamed download is read to its end, as a browser would."""
    return b"".join(response.streaming_content) if response.streaming else response.content


def measure(client, name, urls, rounds, progress):
    result = Measure(name, has_targets=name not in DOWNLOADS)
    progress(f"  måler {name} ({len(urls)} adresser × {rounds})")
    working = []
    for n, url in enumerate(urls):  # templates compiled; each address answers 200
        if len(result.errors) >= GIVE_UP_AFTER and not working:
            result.errors["…"] = f"ga opp etter {GIVE_UP_AFTER} feil, {len(urls) - n} ikke målt"
            break
        if get(client, url, result) is not None:
            working.append(url)
    for _ in range(rounds):
        for url in working:
            cache.clear()  # as after a content change
            with CaptureQueriesContext(connection) as captured:
                started = time.perf_counter()
                body = _body(client.get(url))
                result.times.append(time.perf_counter() - started)
            result.queries.append(len(captured))
            result.sizes.append(len(body))
            started = time.perf_counter()
            _body(client.get(url))
            result.warm.append(time.perf_counter() - started)
    return result


def floor(queries, rounds):
    result = Measure("gulv (rå SQL)", has_targets=False)
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
    result.warm = result.times
    return result
