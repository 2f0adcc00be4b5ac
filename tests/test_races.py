"""Two people at once: real transactions in threads against PostgreSQL, nothing simulated.

Each thread has its own connection. The thread that gets to the row first keeps its
transaction open until PostgreSQL says the other one is waiting for it (`Race`), so every
run tests the same interleaving: the second writer really waits for the first one's lock.
"""

import threading
import time
import uuid

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, transaction

from skattekiste.bidra.workflows import publish_eksempel, submit_eksempel
from skattekiste.eksempler.models import Eksempel
from skattekiste.felles.versjon import StaleVersionError

# Threads need real commits, so these tests cannot run inside one rolled-back transaction.
pytestmark = pytest.mark.django_db(transaction=True)

Status = Eksempel.Status
WAIT = 10  # seconds; far more than any of this takes, short enough to fail a broken run


def hold_until_someone_waits_for_me() -> bool:
    """Keep this transaction open until another connection waits for one of its locks."""
    deadline = time.monotonic() + WAIT
    with connection.cursor() as cursor:
        while time.monotonic() < deadline:
            cursor.execute(
                "SELECT EXISTS (SELECT 1 FROM pg_locks"
                " WHERE NOT granted AND pg_backend_pid() = ANY(pg_blocking_pids(pid)))"
            )
            if cursor.fetchone()[0]:
                return True
            time.sleep(0.01)
    return False


class Race:
    """Whoever gets to the row first keeps its transaction open until the other one waits.

    The one that comes second only gets on once the first has committed, so it need not hold.
    """

    def __init__(self):
        self.first_done = threading.Event()

    def __call__(self, work):
        def run():
            with transaction.atomic():
                result = work()
                if self.first_done.is_set():
                    return result, False
                other_waited = hold_until_someone_waits_for_me()
                self.first_done.set()
                return result, other_waited

        return run


def at_once(*calls) -> list:
    """Start each call in its own thread and connection at the same moment.

    Returns what each returned or raised, in the order given.
    """
    barrier = threading.Barrier(len(calls))
    outcomes = [None] * len(calls)

    def run(index, call):
        try:
            barrier.wait(timeout=WAIT)
            outcomes[index] = call()
        except Exception as error:  # the test looks at what each one raised
            outcomes[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, call)) for i, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=3 * WAIT)
    assert not any(thread.is_alive() for thread in threads), "a thread is stuck"
    return outcomes


def winner_and_loser(outcomes, error_class):
    (won,) = [o for o in outcomes if not isinstance(o, Exception)]
    (lost,) = [o for o in outcomes if isinstance(o, Exception)]
    assert isinstance(lost, error_class), repr(lost)
    return won, lost


def publish_count(eksempel) -> int:
    return eksempel.history.filter(history_change_reason="Publisert").count()


def test_two_editors_publishing_the_same_example_at_once_publish_it_once(
    make_innsending, make_user, mailoutbox
):
    eksempel = make_innsending(by=make_user(email="kari@politiet.no"))
    seen = eksempel.versjon  # both editors opened the review page on this version

    race = Race()

    def publish(editor):
        return race(
            lambda: publish_eksempel(
                eksempel=Eksempel.objects.get(pk=eksempel.pk), by=editor, versjon=seen
            )
        )

    outcomes = at_once(publish(make_user()), publish(make_user()))

    (published, other_waited), _ = winner_and_loser(outcomes, StaleVersionError)
    assert other_waited, "the second editor never waited for the first one's row lock"
    eksempel.refresh_from_db()
    assert eksempel.status == Status.PUBLISERT
    assert eksempel.versjon == seen + 1
    assert eksempel.oppdatert_av == published.oppdatert_av
    assert publish_count(eksempel) == 1
    assert len(mailoutbox) == 1 and mailoutbox[0].to == ["kari@politiet.no"]


def test_two_admin_publish_actions_at_once_publish_once_and_the_second_is_told_why(
    make_innsending, make_user
):
    # The admin action sends no version: the row lock and the status read under it decide.
    eksempel = make_innsending()

    race = Race()

    def publish(editor):
        return race(
            lambda: publish_eksempel(eksempel=Eksempel.objects.get(pk=eksempel.pk), by=editor)
        )

    outcomes = at_once(publish(make_user()), publish(make_user()))

    (_, other_waited), refused = winner_and_loser(outcomes, ValidationError)
    assert other_waited
    assert refused.messages == ["Eksempelet har allerede status «Publisert»."]
    eksempel.refresh_from_db()
    assert eksempel.status == Status.PUBLISERT
    assert publish_count(eksempel) == 1


def test_a_double_submit_of_the_share_form_saves_one_example(
    employee, make_distrikt, settings, mailoutbox
):
    settings.REDAKSJON_EPOST = ["innbyggerstemmen@politiet.no"]
    distrikt = make_distrikt()
    key = uuid.uuid4()  # the form's innsending_id, posted twice

    race = Race()

    def submit():
        return race(
            lambda: submit_eksempel(
                by=employee,
                innsending_id=key,
                data={
                    "tittel": "Politi i butikk på Skei",
                    "ingress": "Vi sto i matbutikken.",
                    "distrikter": [distrikt],
                    "aar": 2023,
                    "situasjoner": ["A"],
                },
            )
        )

    outcomes = at_once(submit(), submit())

    assert not any(isinstance(o, Exception) for o in outcomes), outcomes
    (first, first_held), (second, second_held) = outcomes
    assert first_held or second_held, "the second request never waited for the first one"
    assert sorted([first[1], second[1]]) == [False, True]  # created once, found once
    assert first[0].pk == second[0].pk
    eksempel = Eksempel.objects.get()
    assert eksempel.innsending_id == key and eksempel.slug == "politi-i-butikk-pa-skei"
    assert list(eksempel.distrikter.all()) == [distrikt]
    assert eksempel.history.filter(history_type="+").count() == 1
    assert len(mailoutbox) == 1


def test_two_people_sharing_the_same_title_at_once_get_a_slug_each(make_user, make_distrikt):
    distrikt = make_distrikt()

    race = Race()

    def submit(by):
        return race(
            lambda: submit_eksempel(
                by=by,
                innsending_id=uuid.uuid4(),
                data={
                    "tittel": "Nærmiljøprat på Ålgård",
                    "ingress": "Vi tok en prat.",
                    "distrikter": [distrikt],
                    "aar": 2024,
                    "situasjoner": ["A"],
                },
            )
        )

    outcomes = at_once(submit(make_user()), submit(make_user()))

    assert not any(isinstance(o, Exception) for o in outcomes), outcomes
    assert any(held for _, held in outcomes), "the second never waited for the first one"
    assert all(created for (_, created), _ in outcomes)
    assert set(Eksempel.objects.values_list("slug", flat=True)) == {
        "naermiljoprat-pa-algard",
        "naermiljoprat-pa-algard-2",
    }


def test_ten_people_sharing_the_same_title_at_once_all_get_their_own_slug(make_user, make_distrikt):
    distrikt = make_distrikt()
    people = [make_user() for _ in range(10)]

    def submit(by):
        return lambda: submit_eksempel(
            by=by,
            innsending_id=uuid.uuid4(),
            data={
                "tittel": "Trygghetsvandring",
                "ingress": "Vi gikk sammen.",
                "distrikter": [distrikt],
                "aar": 2024,
                "situasjoner": ["A"],
            },
        )

    outcomes = at_once(*(submit(person) for person in people))

    assert not any(isinstance(o, Exception) for o in outcomes), outcomes
    slugs = set(Eksempel.objects.values_list("slug", flat=True))
    assert slugs == {"trygghetsvandring"} | {f"trygghetsvandring-{n}" for n in range(2, 11)}
