"""`make last`: the load plan hits real pages, the run stays on 127.0.0.1, connections hold.

No load here: the scenario is imported and its paths are resolved, fast.
"""

import json
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.test import Client, override_settings
from django.urls import resolve, reverse

from skattekiste.sok.wordlist import refresh_lexicon
from skattekiste.ytelse import last
from skattekiste.ytelse.last_vakt import NotLocalHost, ensure_local_host

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def plan(db, make_eksempler, make_metode):
    import random

    make_eksempler(6)
    make_metode()
    refresh_lexicon()
    return last.page_plan(random.Random(1))


def test_the_plan_has_every_page_type_the_weights_name(plan):
    assert set(plan) == set(last.WEIGHTS)
    assert all(plan[name] for name in plan)


def test_every_path_of_the_load_resolves_to_a_view(plan):
    paths = [path for paths in plan.values() for path in paths]
    for path in paths:
        resolve(path.split("?")[0])
    # Lists with facets and a search, not only bare pages.
    assert any("?tema=" in path for path in plan["eksempellisten"])
    assert any("?" in path for path in plan["innsiktslisten"])
    assert all("?q=" in path for path in plan["søkesiden"])


def test_an_employee_gets_every_page_of_the_plan(plan, employee_client):
    for paths in plan.values():
        assert employee_client.get(paths[0]).status_code == 200, paths[0]


def test_the_sessions_log_in_on_a_server_with_another_secret_key(db):
    key = secrets.token_urlsafe(64)
    [session] = last.employee_sessions(1, key)
    client = Client()
    client.cookies[settings.SESSION_COOKIE_NAME] = session
    with override_settings(SECRET_KEY=key):
        assert client.get("/").status_code == 200
    # Signed with the other key, the session is no login here.
    assert client.get("/").status_code == 302


def run_python(script: str, env: dict) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", script],
        env={"PATH": "/usr/bin:/bin", **env},
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_locust_scenario_imports_with_the_plan_and_refuses_another_host(plan, tmp_path):
    plan_file = tmp_path / "plan.json"
    full = {
        "pages": plan,
        "weights": last.WEIGHTS,
        "static": "/static/css/base.123.css",
        "sessions": ["abc"],
        "cookie_name": "sessionid",
        "think_seconds": [1, 3],
    }
    plan_file.write_text(json.dumps(full))
    # Locust patches the standard library when imported, so it gets a process of its own.
    script = (
        "import skattekiste.ytelse.last_locustfile as f;"
        "print(sorted(f.PLAN['pages']) == sorted(f.PLAN['weights']), f.Ansatt.host)"
    )
    result = run_python(script, {"LAST_PLAN": str(plan_file)})
    assert result.stdout.strip() == "True None", result.stderr
    # Started by hand against another host, locust stops before the first request.
    locust = [sys.executable, "-m", "locust", "-f", str(last.LOCUSTFILE), "--headless"]
    result = subprocess.run(
        [*locust, "-u", "1", "-t", "5s", "--host", "https://skattekisten.politiet.no"],
        env={"PATH": "/usr/bin:/bin", "LAST_PLAN": str(plan_file)},
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "Lasttesten kjøres bare mot http://127.0.0.1:<port>" in result.stderr
    assert "Aggregated" not in result.stdout + result.stderr  # no stats: no load ran


@pytest.mark.parametrize(
    "url",
    [
        "http://localhost:8000",
        "http://[::1]:8000",
        "http://127.0.0.2:8000",
        "http://0.0.0.0:8000",
        "http://10.0.0.1:8000",
        "https://127.0.0.1:8000",
        "http://127.0.0.1",
        "http://127.0.0.1.ondsinnet.example:8000",
        "http://noen@127.0.0.1:8000",
        "http://127.0.0.1:8000/sti/",
        "http://127.0.0.1:ikke-tall",
        "",
    ],
)
def test_the_host_guard_refuses_anything_but_127_0_0_1(url):
    with pytest.raises(NotLocalHost, match="bare mot http://127.0.0.1"):
        ensure_local_host(url)


def test_the_host_guard_lets_127_0_0_1_with_a_port_through():
    assert ensure_local_host("http://127.0.0.1:8123") == "http://127.0.0.1:8123"


def test_the_command_refuses_another_host_before_it_starts_anything():
    with pytest.raises(CommandError, match="bare mot http://127.0.0.1"):
        call_command("last", host="skattekisten.politiet.no")


STATS = (
    '"Type","Name","Request Count","Failure Count","Median Response Time",'
    '"Average Response Time","Min Response Time","Max Response Time","Average Content Size",'
    '"Requests/s","Failures/s","50%","66%","75%","80%","90%","95%","98%","99%","99.9%",'
    '"99.99%","100%"\n'
    '"GET","søkesiden",100,0,40,50,10,900,5000,10.0,0,40,50,60,70,90,120,300,800,900,900,900\n'
    '"GET","eksempelside",200,1,20,25,5,1500,4000,20.0,0,20,25,30,35,40,60,90,1200,1500,1500,1500\n'
    ',"Aggregated",300,1,25,30,5,1500,4300,30.0,0,25,30,40,45,60,100,200,900,1500,1500,1500\n'
)


def test_the_report_reads_locusts_csv_and_says_which_targets_are_missed(tmp_path):
    (tmp_path / "blandet_stats.csv").write_text(STATS)
    (tmp_path / "tak_stats.csv").write_text(
        STATS.split("\n")[0] + '\n"GET","statisk fil",3000,0,5,5,1,50,900,300.0,0,5,5,5,5,6,8,'
        "10,20,40,50,50\n"
        ',"Aggregated",3000,0,5,5,1,50,900,300.0,0,5,5,5,5,6,8,10,20,40,50,50\n'
    )
    mixed = last.read_stats(str(tmp_path / "blandet"))
    ceiling = last.read_stats(str(tmp_path / "tak"))
    report = "\n".join(last.report_lines(ceiling, mixed, users=20))
    assert "Blandet gjennomstrømning er 10% av taket (300.0 per s)." in report
    assert "nådd: 20 simulerte brukere" in report
    assert "IKKE NÅDD: 1 feil (mål 0)" in report
    assert "nådd: blandet p95 100 ms (mål ≤ 250)" in report
    assert "IKKE NÅDD: verste p99 1200 ms, eksempelside (mål ≤ 1000)" in report


PRODUCTION = {
    "DEBUG": "0",
    "SECRET_KEY": secrets.token_urlsafe(60),
    "DATABASE_URL": "postgres://skattekisten@127.0.0.1:1/skattekisten",
}
SHOW_DATABASE = (
    "from django.conf import settings as s; d = s.DATABASES['default'];"
    "print(d['CONN_MAX_AGE'], d['CONN_HEALTH_CHECKS'], d['OPTIONS'].get('pool'),"
    " d['DISABLE_SERVER_SIDE_CURSORS'])"
)


def test_a_database_url_gives_one_persistent_checked_connection_per_worker():
    result = run_python(
        "import django; django.setup();" + SHOW_DATABASE,
        {**PRODUCTION, "DJANGO_SETTINGS_MODULE": "skattekiste.settings"},
    )
    assert result.stdout.strip() == "60 True None True", result.stderr


def test_the_pool_is_chosen_by_database_pool_with_its_size():
    env = {**PRODUCTION, "DATABASE_POOL": "1", "DATABASE_POOL_MAX": "6"}
    result = run_python(
        "import skattekiste.settings as s; d = s.DATABASES['default'];"
        "p = d['OPTIONS']['pool'];"
        "print(d['CONN_MAX_AGE'], p['min_size'], p['max_size'], p['check'].__name__,"
        " d['DISABLE_SERVER_SIDE_CURSORS'])",
        env,
    )
    assert result.stdout.strip() == "0 1 6 check_connection True", result.stderr


def test_form_pages_read_their_choices_without_server_side_cursors(
    employee_client, django_assert_max_num_queries
):
    # PgBouncer in transaction mode (README) cannot keep a cursor WITH HOLD between
    # transactions; Django opens one for every list of choices unless told not to.
    with django_assert_max_num_queries(15) as queries:
        response = employee_client.get(reverse("folk:sparring_ny"))
    assert response.status_code == 200
    assert not [q["sql"] for q in queries.captured_queries if "CURSOR" in q["sql"].upper()]


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ({"DATABASE_POOL": "kanskje"}, "DATABASE_POOL='kanskje': use 1/0"),
        ({"DATABASE_POOL": "1", "DATABASE_POOL_MAX": "mange"}, "DATABASE_POOL_MAX='mange'"),
    ],
)
def test_bad_pool_settings_stop_the_start_with_a_clear_message(extra, message):
    result = run_python("import skattekiste.settings", {**PRODUCTION, **extra})
    assert result.returncode != 0
    assert message in result.stderr


def test_a_pool_of_no_connections_stops_the_start_with_a_clear_message():
    too_small = {**PRODUCTION, "DATABASE_POOL": "1", "DATABASE_POOL_MAX": "0"}
    result = run_python("import skattekiste.settings", too_small)
    assert "DATABASE_POOL_MAX=0: must be 1 or more" in result.stderr
