"""Real HTTP under load (`make last`): gunicorn with production settings, driven by locust.

The run, bounded in time, on this machine only:
1. collectstatic, then gunicorn (3 sync workers, as the README recommends) on 127.0.0.1,
   DEBUG off, a throwaway SECRET_KEY, the benchmark database as DATABASE_URL;
2. a plan for the locustfile: real paths from the database per page type, and sessions
   of a test employee signed with that same SECRET_KEY;
3. locust headless twice: one static file served by WhiteNoise (the ceiling, no think
   time), then the mixed load of employees; both write CSV, read back into one table.
Everything started is stopped in a finally, also on Ctrl-C.
"""

import csv
import json
import os
import random
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, urlencode

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.core.management import CommandError
from django.db import connection
from django.test import Client, override_settings
from django.urls import reverse

from innsikt.models import Behov
from metoder.models import Metode
from skattekiste.eksempler.models import Eksempel
from skattekiste.felles.vokabular import Distrikt, Innbyggergruppe, Tema
from skattekiste.ytelse.bench import word_mix
from skattekiste.ytelse.last_vakt import LOCAL_HOST, ensure_local_host

USERNAME = "last-ansatt"
WORKERS = 3
CEILING_SECONDS = 15
STATIC_FILE = "css/base.css"
LOCUSTFILE = Path(__file__).with_name("last_locustfile.py")
# How often an employee opens each kind of page, relative to the others.
WEIGHTS = {
    "forsiden": 2,
    "eksempellisten": 4,
    "eksempelside": 4,
    "innsiktslisten": 2,
    "søkesiden": 4,
    "gruppeside": 2,
    "metodekort": 2,
}
# Targets from issue 12: reported, never a failed run.
TARGET_P95_MS = 250
TARGET_P99_MS = 1000


def page_plan(rng: random.Random) -> dict[str, list[str]]:
    """Paths per page type, with slugs and facet values that exist in this database."""
    examples = reverse("eksempler:list")
    insights = reverse("innsikt:list")
    published = list(Eksempel.objects.published().values_list("slug", flat=True)[:2000])
    themes = list(Tema.objects.values_list("slug", flat=True)[:10])
    groups = list(Innbyggergruppe.objects.values_list("slug", flat=True))
    districts = list(Distrikt.objects.values_list("slug", flat=True)[:5])
    needs = list(Behov.objects.values_list("slug", flat=True)[:5])
    methods = list(Metode.objects.values_list("slug", flat=True))
    if not (published and groups and methods):
        raise CommandError("Databasen mangler innhold. Kjør last_innhold og lag_testdata først.")
    facets = [
        *(f"{examples}?{urlencode({'tema': t})}" for t in themes),
        *(f"{examples}?{urlencode({'gruppe': g, 'situasjon': 'A'})}" for g in groups[:5]),
        *(f"{examples}?{urlencode({'distrikt': d})}" for d in districts),
    ]
    insight_facets = [
        *(f"{insights}?{urlencode({'gruppe': g})}" for g in groups[:5]),
        *(f"{insights}?{urlencode({'behov': b})}" for b in needs),
    ]
    return {
        "forsiden": [reverse("hjem")],
        "eksempellisten": [examples, f"{examples}?page=3", *facets],
        "eksempelside": [
            reverse("eksempler:detail", kwargs={"slug": slug})
            for slug in rng.sample(published, min(50, len(published)))
        ],
        "innsiktslisten": [insights, *insight_facets],
        "søkesiden": [f"{reverse('sok:sok')}?{urlencode({'q': q})}" for q in word_mix(rng)],
        "gruppeside": [reverse("innsikt:gruppe", kwargs={"slug": slug}) for slug in groups],
        "metodekort": [reverse("metoder:detail", kwargs={"slug": slug}) for slug in methods],
    }


def employee_sessions(count: int, secret_key: str) -> list[str]:
    """Session keys of the test employee, valid for a server signing with `secret_key`."""
    user, created = get_user_model().objects.get_or_create(username=USERNAME)
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    keys = []
    with override_settings(SECRET_KEY=secret_key):
        for _ in range(count):
            client = Client()
            client.force_login(user)
            keys.append(client.cookies[settings.SESSION_COOKIE_NAME].value)
    return keys


def server_environment(secret_key: str, port: int) -> dict[str, str]:
    """Production settings for gunicorn and collectstatic, on the benchmark database."""
    db = connection.settings_dict
    database_url = f"postgres://{db['USER']}@{quote(db['HOST'], safe='')}:{db['PORT']}/{db['NAME']}"
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_NAME", "DEBUG")}
    return env | {
        "DEBUG": "0",
        "SECRET_KEY": secret_key,
        "ALLOWED_HOSTS": LOCAL_HOST,
        "SECURE_SSL_REDIRECT": "0",
        "DATABASE_URL": database_url,
        "SITE_ROOT": f"http://{LOCAL_HOST}:{port}",
        "DJANGO_SETTINGS_MODULE": "skattekiste.settings",
    }


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((LOCAL_HOST, 0))
        return sock.getsockname()[1]


def static_path() -> str:
    """The hashed name collectstatic gave STATIC_FILE, as WhiteNoise serves it."""
    manifest = json.loads((Path(settings.STATIC_ROOT) / "staticfiles.json").read_text())
    return f"/{settings.STATIC_URL.strip('/')}/{manifest['paths'][STATIC_FILE]}"


def wait_until_up(server: subprocess.Popen, base_url: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise CommandError(f"gunicorn stoppet med kode {server.returncode}.")
        try:
            with urllib.request.urlopen(f"{base_url}{reverse('helse')}", timeout=2) as response:  # noqa: S310
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise CommandError(f"gunicorn svarte ikke på {timeout:.0f} s.")


def stop(server: subprocess.Popen) -> None:
    """Stop gunicorn and its workers (their own process group)."""
    if server.poll() is not None:
        return
    os.killpg(server.pid, signal.SIGTERM)
    try:
        server.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)
        server.wait()


@dataclass
class Row:
    name: str
    requests: int
    failures: int
    rps: float
    p50: float
    p95: float
    p99: float


def read_stats(prefix: str) -> list[Row]:
    """Locust's *_stats.csv, one row per page type and the «Aggregated» row last."""
    with open(f"{prefix}_stats.csv", encoding="utf-8") as file:
        return [
            Row(
                name=line["Name"],
                requests=int(line["Request Count"]),
                failures=int(line["Failure Count"]),
                rps=float(line["Requests/s"]),
                p50=float(line["50%"]),
                p95=float(line["95%"]),
                p99=float(line["99%"]),
            )
            for line in csv.DictReader(file)
        ]


def run_locust(base_url, plan_file, prefix, *, users, seconds, ceiling, log) -> list[Row]:
    command = [
        *(sys.executable, "-m", "locust", "-f", str(LOCUSTFILE), "--headless"),
        *("-u", str(users), "-r", str(max(1, users // 4)), "-t", f"{seconds}s"),
        *("--host", ensure_local_host(base_url), "--csv", prefix, "--only-summary"),
        *("--stop-timeout", "5", "--exit-code-on-error", "0", "--loglevel", "WARNING"),
    ]
    env = os.environ | {"LAST_PLAN": str(plan_file), "LAST_CEILING": "1" if ceiling else "0"}
    result = subprocess.run(  # noqa: S603 - our own interpreter and arguments
        command, env=env, stdout=subprocess.DEVNULL, stderr=log, timeout=seconds + 60
    )
    if result.returncode != 0:
        raise CommandError(f"locust stoppet med kode {result.returncode}.")
    return read_stats(prefix)


def run_load(*, users, seconds, think, seed, progress=print):
    """Serve with gunicorn, load it with locust, return (ceiling, mixed) rows."""
    rng = random.Random(seed)
    port = free_port()
    base_url = ensure_local_host(f"http://{LOCAL_HOST}:{port}")
    secret_key = secrets.token_urlsafe(64)
    env = server_environment(secret_key, port)
    workdir = Path(tempfile.mkdtemp(prefix="skattekiste-last-"))
    progress("Samler statiske filer (collectstatic) …")
    subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "collectstatic", "--no-input", "-v0"],
        cwd=settings.BASE_DIR,
        env=env,
        check=True,
        timeout=300,
    )
    plan = {
        "pages": page_plan(rng),
        "weights": WEIGHTS,
        "static": static_path(),
        "sessions": employee_sessions(users, secret_key),
        "cookie_name": settings.SESSION_COOKIE_NAME,
        "think_seconds": list(think),
    }
    plan_file = workdir / "plan.json"
    plan_file.write_text(json.dumps(plan, ensure_ascii=False))
    progress(f"Starter gunicorn ({WORKERS} arbeidere) på {base_url} …")
    server_log = open(workdir / "gunicorn.log", "w")  # noqa: SIM115 - closed in finally
    server = subprocess.Popen(  # noqa: S603
        [sys.executable, "-m", "gunicorn", "skattekiste.wsgi", "--workers", str(WORKERS)]
        + ["--bind", f"{LOCAL_HOST}:{port}", "--timeout", "30"],
        cwd=settings.BASE_DIR,
        env=env,
        stdout=server_log,
        stderr=server_log,
        start_new_session=True,
    )
    try:
        wait_until_up(server, base_url)
        with open(workdir / "locust.log", "w") as log:
            progress(f"Måler taket: én statisk fil, {users} brukere i {CEILING_SECONDS} s …")
            ceiling = run_locust(
                base_url, plan_file, str(workdir / "tak"),
                users=users, seconds=CEILING_SECONDS, ceiling=True, log=log,
            )  # fmt: skip
            progress(f"Blandet last: {users} innloggede ansatte i {seconds} s …")
            mixed = run_locust(
                base_url, plan_file, str(workdir / "blandet"),
                users=users, seconds=seconds, ceiling=False, log=log,
            )  # fmt: skip
    finally:
        stop(server)
        server_log.close()
        Session.objects.filter(session_key__in=plan["sessions"]).delete()
    progress(f"Loggene ligger i {workdir}.")
    return ceiling, mixed


def report_lines(ceiling: list[Row], mixed: list[Row], *, users: int) -> list[str]:
    """The table of the run and whether each target of issue 12 is met."""
    header = f"{'Sidetype':<16}{'Forespørsler':>13}{'Feil':>6}{'Per s':>8}"
    header += f"{'p50 ms':>8}{'p95 ms':>8}{'p99 ms':>8}"
    lines = [header, "-" * len(header)]
    for row in [*mixed, ceiling[-1]]:
        name = "tak (statisk)" if row is ceiling[-1] else row.name
        name = "blandet, totalt" if name == "Aggregated" else name
        lines.append(
            f"{name:<16}{row.requests:>13}{row.failures:>6}{row.rps:>8.1f}"
            f"{row.p50:>8.0f}{row.p95:>8.0f}{row.p99:>8.0f}"
        )
    total, top = mixed[-1], ceiling[-1]
    share = total.rps / top.rps if top.rps else 0.0
    lines.append(f"Blandet gjennomstrømning er {share:.0%} av taket ({top.rps:.1f} per s).")
    worst = max(mixed[:-1], key=lambda row: row.p99)
    targets = [
        (f"{users} simulerte brukere (mål 20)", users >= 20),
        (f"{total.failures + top.failures} feil (mål 0)", total.failures + top.failures == 0),
        (f"blandet p95 {total.p95:.0f} ms (mål ≤ {TARGET_P95_MS})", total.p95 <= TARGET_P95_MS),
        (
            f"verste p99 {worst.p99:.0f} ms, {worst.name} (mål ≤ {TARGET_P99_MS})",
            worst.p99 <= TARGET_P99_MS,
        ),
    ]
    lines += [f"  {'nådd' if met else 'IKKE NÅDD'}: {text}" for text, met in targets]
    return lines
