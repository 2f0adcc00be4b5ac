"""/veiledning/: the report's guidance, word for word, found by the search, edited with history."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from skattekiste.veiledning.models import Veiledning
from skattekiste.veiledning.tekst import blocks, plain_texts
from tests.test_metodekort import REPORT, squash

pytestmark = pytest.mark.django_db

# The issue's topics, and a phrase each topic's page must hold.
TOPICS = {
    "hva-mener-vi-med-innbyggere": "IKKE publikum",
    "tre-situasjoner": "altså vi spør, intervjuer, observerer, brukertester og samskaper",
    "fra-informasjon-til-samskaping": "invitere til samskaping",
    "innbyggerens-roller": "Dette kan jeg bidra med!",
    "den-gode-sirkelen": "Tre klassiske tabber!",
    "kombinere-ulike-perspektiver": "Skal innbyggerne bestemme alt",
    "ti-erfaringer": "Husk at et dedikert lite team kan utrette mye",
    "hva-innbyggerstemmen-betyr-for-meg": "for meg som medarbeider at…",
    "hvorfor-involvering-er-viktig": "Målbilde for Innbyggerstemmen",
    "seks-innsatsomrader": "Bygge opp kompetanse på innbyggerinvolvering",
    "hvor-finner-du-mer": "Kilden",
}
# A piece may run over a page or column break in the report's text; each run of words
# between breaks must still be this long, so no sentence is stitched from loose words.
MIN_RUN_WORDS = 4


def runs_in_report(piece: str, report: str) -> list[str] | None:
    """The piece as the fewest runs of consecutive words that stand in the report, or None."""
    words, runs = squash(piece).lower().split(), []
    while words:
        n = len(words)
        while n and " ".join(words[:n]) not in report:
            n -= 1
        if n == 0 or (n < MIN_RUN_WORDS and n < len(words)):
            return None
        runs.append(" ".join(words[:n]))
        words = words[n:]
    return runs


def page(slug, **fields):
    defaults = {"nummer": 1, "tittel": slug.title(), "ingress": "Kort.", "tekst": "Tekst."}
    return Veiledning.objects.create(slug=slug, **{**defaults, **fields})


def test_every_guidance_text_stands_in_the_report_word_for_word(seeded):
    report = squash(REPORT.read_text()).lower()
    wrong = []
    for side in Veiledning.objects.all():
        for piece in [side.ingress, *plain_texts(side.tekst)]:
            runs = runs_in_report(piece, report)
            # Only the report's two-column breaks may split a piece, and at most once.
            if runs is None or len(runs) > 2:
                wrong.append(f"{side.slug}: {piece[:80]}")
    assert wrong == []


def test_a_sentence_the_report_does_not_have_fails_the_word_for_word_check():
    report = squash("Vi lytter til innbyggerne. Vi lærer av dem hver dag.").lower()
    assert runs_in_report("Vi lytter til innbyggerne.", report) == ["vi lytter til innbyggerne."]
    assert runs_in_report("Vi lytter til publikum hver dag.", report) is None


def test_no_topic_of_the_issue_is_missing(seeded):
    for slug, phrase in TOPICS.items():
        side = Veiledning.objects.get(slug=slug)
        assert phrase in side.tekst or phrase in side.ingress, slug


def test_the_ten_lessons_each_have_what_worked_and_a_caveat(seeded):
    side = Veiledning.objects.get(slug="ti-erfaringer")
    found = blocks(side.tekst)
    headings = [b for b in found if b.kind == "overskrift"]
    assert [h.text.split()[0] for h in headings] == [str(n) for n in range(1, 11)]
    for n, heading in enumerate(headings):
        rest = found[found.index(heading) + 1 :]
        until_next = rest[: rest.index(headings[n + 1])] if n + 1 < len(headings) else rest
        kinds = {b.kind for b in until_next}
        assert {"pluss", "forbehold"} <= kinds, heading.text


def test_the_quote_keeps_its_speaker(seeded):
    side = Veiledning.objects.get(slug="ti-erfaringer")
    quotes = [b for b in blocks(side.tekst) if b.kind == "sitat"]
    assert [q.speaker for q in quotes] == ["Maya Angelou"]


def test_loading_the_content_twice_changes_nothing(seeded):
    before = list(Veiledning.objects.values_list("slug", "tekst", "versjon"))
    call_command("last_innhold", verbosity=0)
    assert list(Veiledning.objects.values_list("slug", "tekst", "versjon")) == before


def test_the_text_marks_become_headings_lists_caveats_and_quotes():
    tekst = "## Tittel\nFørste avsnitt\nfortsetter.\n\n+ Bra\n+ Også bra\n➔ Men\n\n«Sitat»\n— Noen"
    found = blocks(tekst)
    assert [b.kind for b in found] == ["overskrift", "avsnitt", "pluss", "forbehold", "sitat"]
    assert found[0].anchor == "tittel"
    assert found[1].text == "Første avsnitt fortsetter."
    assert found[2].items == ["Bra", "Også bra"]
    assert (found[4].text, found[4].speaker) == ("«Sitat»", "Noen")


def test_anonymous_visitor_is_sent_to_login(client):
    side = page("sirkelen")
    for url in (reverse("veiledning:liste"), side.get_absolute_url()):
        assert client.get(url)["Location"].startswith("/logg-inn/")


def test_employee_reads_the_list_and_a_page_with_its_links(
    employee_client, django_assert_max_num_queries, seeded
):
    with django_assert_max_num_queries(8):
        response = employee_client.get(reverse("veiledning:liste"))
    content = response.content.decode()
    assert "Slik jobber vi med innbyggerinvolvering" in content
    assert "Den gode sirkelen: lytte, handle, lære" in content
    side = Veiledning.objects.get(slug="den-gode-sirkelen")
    with django_assert_max_num_queries(12):
        response = employee_client.get(side.get_absolute_url())
    content = response.content.decode()
    assert '<h2 id="tre-klassiske-tabber">Tre klassiske tabber!</h2>' in content
    assert "Metode 1: Møte dem der de er" in content
    assert "/eksempler/naermiljoprat-tonsberg/" in content
    assert 'rel="next"' in content and 'rel="prev"' in content


def test_a_draft_example_is_not_linked_from_a_page(employee_client, make_eksempel):
    utkast = make_eksempel(tittel="Hemmelig utkast", status="utkast", publisert=None)
    side = page("utkast-lenke")
    side.eksempler.add(utkast)
    assert "Hemmelig utkast" not in employee_client.get(side.get_absolute_url()).content.decode()


def test_an_unknown_page_is_a_404(employee_client):
    assert employee_client.get("/veiledning/finnes-ikke/").status_code == 404


def test_an_empty_guidance_says_so(employee_client):
    content = employee_client.get(reverse("veiledning:liste")).content.decode()
    assert "Veiledningen er ikke lagt inn ennå" in content


def test_editor_reads_the_guidance_too(editor_client):
    side = page("for-redaksjonen")
    assert editor_client.get(side.get_absolute_url()).status_code == 200


def test_text_is_escaped_never_html(employee_client):
    side = page("farlig", tekst="## <script>alert(1)</script>\n\n<b>fet</b>")
    content = employee_client.get(side.get_absolute_url()).content.decode()
    assert "<script>alert" not in content and "&lt;b&gt;fet&lt;/b&gt;" in content


def test_editor_edits_a_page_in_the_admin_and_it_keeps_its_history(editor_client, seeded):
    side = Veiledning.objects.get(slug="den-gode-sirkelen")
    url = reverse("admin:skattekiste_veiledning_change", args=[side.pk])
    assert editor_client.get(url).status_code == 200
    data = {
        "nummer": side.nummer,
        "tittel": "Sirkelen",
        "slug": side.slug,
        "ingress": side.ingress,
        "tekst": side.tekst,
        "metoder": [m.pk for m in side.metoder.all()],
        "eksempler": [e.pk for e in side.eksempler.all()],
        "grupper": [g.pk for g in side.grupper.all()],
        "versjon_lest": side.versjon,
    }
    response = editor_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    side.refresh_from_db()
    assert side.tittel == "Sirkelen"
    titles = list(side.history.order_by("-history_date").values_list("tittel", flat=True))
    assert titles[0] == "Sirkelen" and "Den gode sirkelen: lytte, handle, lære" in titles[1:]
    history = reverse("admin:skattekiste_veiledning_history", args=[side.pk])
    assert editor_client.get(history).status_code == 200


def test_employee_cannot_edit_the_guidance(employee_client, seeded):
    side = Veiledning.objects.get(slug="den-gode-sirkelen")
    url = reverse("admin:skattekiste_veiledning_change", args=[side.pk])
    assert employee_client.get(url).status_code == 302


def test_a_deleted_page_comes_back_from_its_history(editor_client, editor):
    side = page("slettes")
    pk = side.pk
    side.delete()
    url = reverse("admin:skattekiste_veiledning_slettede")
    response = editor_client.post(url, {"modell": "skattekiste.veiledning", "id": str(pk)})
    assert response.status_code == 302
    assert Veiledning.objects.get(pk=pk).slug == "slettes"


def test_the_search_finds_the_guidance(seeded, search_words, find):
    search_words()
    hits = find("triangulere")
    assert any(
        h.type.key == "veiledning" and h.slug == "kombinere-ulike-perspektiver" for h in hits
    )


def test_the_method_pages_link_to_the_situations_the_ladder_and_the_circle(employee_client, seeded):
    content = employee_client.get(reverse("metoder:list")).content.decode()
    for slug in (
        "den-gode-sirkelen",
        "tre-situasjoner",
        "ni-mater-a-involvere",
        "fra-informasjon-til-samskaping",
    ):
        assert reverse("veiledning:side", args=[slug]) in content
    detail = employee_client.get("/metoder/mote-dem-der-de-er/").content.decode()
    assert reverse("veiledning:side", args=["tre-situasjoner"]) in detail


def test_the_home_page_and_the_menu_lead_to_the_guidance(employee_client):
    content = employee_client.get("/").content.decode()
    assert content.count(f'href="{reverse("veiledning:liste")}"') >= 2
