"""The benchmark tools run only with DEBUG on, on a database made for them; `bench` measures."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db import connection

from skattekiste.eksempler.models import Eksempel
from skattekiste.ytelse import bench
from skattekiste.ytelse.bench import Measure
from skattekiste.ytelse.guard import ensure_bench_database, is_bench_database

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


def test_bench_measures_every_page_against_the_floor(settings):
    settings.DEBUG = True
    run("lag_testdata")
    out = run("bench")
    for page in ["søkesiden", "søk (JSON)", "eksempellisten", "eksempelside", "gruppeside"]:
        assert f"\n{page:<16}" in out, page
    assert "gulv (rå SQL)" in out
    assert "FEIL" not in out
    assert "ingen vellykkede målinger" not in out


def test_bench_can_measure_only_some_pages(settings):
    settings.DEBUG = True
    run("lag_testdata")
    out = run("bench", only="søk (JSON)")
    assert "søk (JSON)" in out
    assert "eksempellisten" not in out


def test_strict_bench_fails_when_a_target_is_missed(settings, monkeypatch):
    settings.DEBUG = True
    run("lag_testdata")
    monkeypatch.setitem(bench.TARGETS_MS, "søk (JSON)", 0)
    with pytest.raises(CommandError, match="Målet er ikke nådd for: søk \\(JSON\\)"):
        run("bench", only="søk (JSON)", strict=True)


def test_a_page_with_failed_addresses_misses_its_target_however_fast_the_rest():
    fast_but_failing = Measure("søkesiden", times=[0.001], errors={"/sok/?q=x": "svarte 503"})
    nothing_answered = Measure("gruppeside", errors={"/innsikt/grupper/x/": "svarte 500"})
    assert fast_but_failing.missed_target
    assert nothing_answered.missed_target
    assert not Measure("søkesiden", times=[0.001]).missed_target
    assert not Measure("eksempelside", times=[9.0]).missed_target  # no target for this page
