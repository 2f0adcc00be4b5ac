"""The benchmark tools run only with DEBUG on, on a database made for them; `bench` measures."""

import io
import re

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db import connection

from skattekiste.eksempler.models import Eksempel
from skattekiste.ytelse import bench
from skattekiste.ytelse.bench import Measure
from skattekiste.ytelse.guard import ensure_bench_database, is_bench_database
from skattekiste.ytelse.pages import SAMPLERS, page_types

pytestmark = pytest.mark.django_db

COMMANDS = {
    "lag_testdata": {"eksempler": 30, "innsikter": 60, "grupper": 2, "temaer": 2},
    "bench": {"rounds": 1},
}


def run(command, **options):
    out, err = io.StringIO(), io.StringIO()
    call_command(command, stdout=out, stderr=err, **{**COMMANDS[command], **options})
    return out.getvalue()


def nothing_was_written():
    User = get_user_model()
    return (
        not Eksempel.objects.filter(slug__startswith="syntetisk-").exists()
        and not User.objects.filter(username=bench.USERNAME).exists()
    )


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize(
    "name", ["skattekisten", "skattekiste", "produksjon", "skattekiste_bench_kopi", "benchmark"]
)
def test_the_benchmark_commands_refuse_a_database_not_made_for_them(
    command, name, settings, monkeypatch
):
    settings.DEBUG = True
    monkeypatch.setitem(connection.settings_dict, "NAME", name)
    with pytest.raises(CommandError, match=f"«{name}» er ikke laget for ytelsesmåling"):
        run(command)
    assert nothing_was_written()


@pytest.mark.parametrize("command", COMMANDS)
def test_the_benchmark_commands_refuse_to_run_with_debug_off_even_on_a_bench_database(
    command, settings, monkeypatch
):
    settings.DEBUG = False
    monkeypatch.setitem(connection.settings_dict, "NAME", "skattekiste_bench")
    with pytest.raises(CommandError, match="bare med DEBUG=1"):
        run(command)
    assert nothing_was_written()


@pytest.mark.parametrize(
    ("settings_dict", "allowed"),
    [
        ({"NAME": "skattekiste_bench", "TEST": {"NAME": None}}, True),
        ({"NAME": "test_skattekiste", "TEST": {"NAME": "test_skattekiste"}}, True),
        ({"NAME": "skattekiste", "TEST": {"NAME": "test_skattekiste"}}, False),
        ({"NAME": "test_skattekiste", "TEST": {"NAME": None}}, False),
        ({"NAME": "skattekisten", "TEST": {}}, False),
        ({"NAME": "", "TEST": {"NAME": None}}, False),
    ],
)
def test_a_bench_database_ends_in_bench_or_is_this_runs_test_database(settings_dict, allowed):
    assert is_bench_database(settings_dict) is allowed


def test_the_guard_lets_a_bench_database_through_with_debug_on(settings, monkeypatch):
    settings.DEBUG = True
    monkeypatch.setitem(connection.settings_dict, "NAME", "skattekiste_bench")
    ensure_bench_database(command="bench")


def test_bench_measures_every_page_type_in_the_url_configuration_against_the_floor(settings):
    settings.DEBUG = True
    run("lag_testdata")
    out = run("bench")
    labels = [page.label for page in page_types()]
    for page in ["hjem", "sok:sok", "sok:api", "innsikt:list", "innsikt:grupper"]:
        assert page in labels
    for page in labels:
        assert f"\n{page:<22}" in out, page
    assert not any(label.startswith("admin:") or label == "login" for label in labels)
    assert "gulv (rå SQL)" in out
    assert "FEIL" not in out
    assert "ingen vellykkede målinger" not in out


def test_a_page_with_a_parameter_nobody_can_fill_is_reported_not_dropped(settings, monkeypatch):
    settings.DEBUG = True
    run("lag_testdata")
    monkeypatch.delitem(SAMPLERS, "innsikt:detail")
    out = run("bench", only="innsikt:detail")
    assert "FEIL innsikt:detail" in out
    assert "legg siden til" in out


def test_bench_can_measure_only_some_pages(settings):
    settings.DEBUG = True
    run("lag_testdata")
    out = run("bench", only="sok:api")
    assert "sok:api" in out
    assert "eksempler:list" not in out


def test_the_report_says_how_fast_the_machine_was_so_days_can_be_compared(settings):
    settings.DEBUG = True
    run("lag_testdata")
    out = run("bench", only="helse")
    assert re.search(r"Maskinens fart: \d+ ms for en fast Python-løkke \(1 000 000 ", out)


def test_strict_bench_fails_when_a_target_is_missed(settings, monkeypatch):
    settings.DEBUG = True
    run("lag_testdata")
    monkeypatch.setitem(bench.TARGETS_MS, "sok:api", 0)
    with pytest.raises(CommandError, match="Målet er ikke nådd for: sok:api"):
        run("bench", only="sok:api", strict=True)


def test_growth_measures_two_sizes_and_prints_the_ratio_per_page_type(settings):
    settings.DEBUG = True
    out = run("bench", only="eksempler:list,sok:api", growth="3,6")
    assert Eksempel.objects.filter(slug__startswith="syntetisk-").count() == 6
    assert "Vekst fra" in out
    growth = out.split("Vekst fra")[1]
    assert "eksempler:list" in growth
    assert "sok:api" in growth


def test_the_page_time_limit_is_lifted_after_measuring_so_growth_can_fill_the_next_size(
    settings,
):
    settings.DEBUG = True
    run("lag_testdata")
    run("bench", only="sok:api")
    with connection.cursor() as cursor:
        cursor.execute("SHOW statement_timeout")
        assert cursor.fetchone()[0] == "0"


@pytest.mark.parametrize("sizes", ["2000", "a,b", "0,10", "1,2,3"])
def test_growth_takes_exactly_two_positive_sizes(settings, sizes):
    settings.DEBUG = True
    with pytest.raises(CommandError, match="to positive antall"):
        run("bench", growth=sizes)


def test_a_page_misses_its_target_on_time_queries_size_or_failed_addresses():
    fast = {"times": [0.001], "queries": [3], "sizes": [1000]}
    assert not Measure("sok:sok", **fast).missed_target
    assert Measure("sok:sok", **{**fast, "times": [0.031]}).misses == ["tid"]
    assert not Measure("innsikt:list", **{**fast, "times": [0.031]}).missed_target
    assert Measure("innsikt:list", **{**fast, "queries": [16]}).misses == ["spørringer"]
    assert Measure("innsikt:list", **{**fast, "sizes": [100_001]}).misses == ["størrelse"]
    failing = Measure("sok:sok", **fast, errors={"/sok/?q=x": "svarte 503"})
    assert failing.misses == ["feil"]
    assert "tid" in Measure("innsikt:gruppe", errors={"/x/": "svarte 500"}).misses
    assert not Measure("gulv (rå SQL)", times=[9.0], has_targets=False).missed_target
