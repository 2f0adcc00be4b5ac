"""`lag_testdata` fills a database with a reproducible synthetic corpus (kept tiny here)."""

import io

import pytest
from django.core.management import call_command
from django.db import connection

from innsikt.models import Innsikt
from skattekiste.eksempler.models import Eksempel
from skattekiste.sok.candidates import search
from skattekiste.sok.models import SearchWord
from skattekiste.sok.query import parse_query
from tests.test_tellinger_bulk import assert_every_count_exact

pytestmark = pytest.mark.django_db

TINY = {"eksempler": 50, "innsikter": 100, "grupper": 2, "temaer": 3}


@pytest.fixture(autouse=True)
def debug_on(settings):
    # Like `make bench`: the command refuses to run with DEBUG off (see test_bench.py).
    settings.DEBUG = True


def run(**options):
    err, out = io.StringIO(), io.StringIO()
    call_command("lag_testdata", stdout=out, stderr=err, **{**TINY, **options})
    return out.getvalue(), err.getvalue()


def synthetic_titles():
    return list(
        Eksempel.objects.filter(slug__startswith="syntetisk-")
        .order_by("slug")
        .values_list("tittel", flat=True)
    )


def test_it_makes_the_asked_number_of_examples_and_insights_with_links():
    out, err = run()
    assert Eksempel.objects.filter(slug__startswith="syntetisk-").count() == 50
    assert Innsikt.objects.filter(slug__startswith="syntetisk-").count() == 100
    assert Innsikt.objects.filter(slug__startswith="syntetisk-", kilder__isnull=True).count() == 0
    assert (
        Eksempel.objects.filter(slug__startswith="syntetisk-", distrikter__isnull=True).count() == 0
    )
    assert "Laget 50 eksempler og 100 innsikter" in out
    assert "100 %" in err  # the progress bar


def test_the_synthetic_text_is_searchable_and_in_the_word_list():
    run()
    assert SearchWord.objects.exists()
    word = Eksempel.objects.filter(status="publisert").first().tittel.split()[0]
    assert search(parse_query(word)).hits


def test_the_same_seed_gives_the_same_corpus():
    run()
    first = synthetic_titles()
    run(again=True)
    assert synthetic_titles() == first
    run(again=True, seed=7)
    assert synthetic_titles() != first


def test_running_it_again_with_the_same_size_leaves_the_data_alone():
    run()
    first = synthetic_titles()
    out, _ = run()
    assert "finnes allerede" in out
    assert synthetic_titles() == first


def test_the_examples_written_after_their_links_have_their_tag_words_and_exact_counts():
    run()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM skattekiste_eksempel"
            " WHERE emneord IS DISTINCT FROM skattekiste_eksempel_emneord(id)"
        )
        assert cursor.fetchone()[0] == 0
    tagged = Eksempel.objects.filter(slug__startswith="syntetisk-", tema__isnull=False).first()
    assert tagged.tema.first().name in tagged.emneord
    assert_every_count_exact()
