"""Two copies of `send_pafyll` at once, with real transactions in threads: each example
still reaches each person once."""

import pytest
from django.core.management import call_command

from skattekiste.pafyll.workflows import follow
from tests.test_races import Race, at_once

pytestmark = pytest.mark.django_db(transaction=True)


def test_two_digests_running_at_once_send_each_example_once(
    make_user, make_tema, make_eksempel, mailoutbox
):
    tema = make_tema()
    kari = make_user(email="kari@politiet.no")
    follow(bruker=kari, sporring=f"tema={tema.slug}")
    make_eksempel(tema=[tema])
    race = Race()

    def send():
        return race(lambda: call_command("send_pafyll", stdout=open("/dev/null", "w")))  # noqa: SIM115

    outcomes = at_once(send(), send())
    assert not any(isinstance(o, Exception) for o in outcomes), outcomes
    assert any(waited for _, waited in outcomes), "the second run never waited for the first"
    assert len(mailoutbox) == 1 and mailoutbox[0].to == ["kari@politiet.no"]
