"""Issue 16, item 2: every stored fact of the seed content is traceable to the report."""

import datetime
import hashlib
import re

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from innsikt.datoer import Datopresisjon
from innsikt.models import Innsikt, Kilde
from metoder.admin import MetodeAdminForm
from metoder.models import Metode
from skattekiste.eksempler.models import Eksempel
from skattekiste.felles.vokabular import Innbyggergruppe
from tests.test_komigang import REPORT_MAP
from tests.test_metodekort import REPORT, squash

pytestmark = pytest.mark.django_db

# sha256 of the product owner's source document (shared/seeds/000_7a6643dc7ff36084.txt).
REPORT_SHA256 = "efac68b5f2b46d0b1420827da6b15355888acb64bc3ee82b381ba7ff6f66d69c"

TEXT_FIELDS = ("tittel", "ingress", "beskrivelse", "hva_fungerte", "hva_fungerte_ikke", "laering")


def digits(text: str) -> str:
    """Numbers without thousands separators: the report writes 10.000, we write 10 000."""
    return re.sub(r"(?<=\d)[ .\u00a0](?=\d{3})", "", text)


def test_the_report_in_the_repository_is_the_product_owners_copy_byte_for_byte():
    assert hashlib.sha256(REPORT.read_bytes()).hexdigest() == REPORT_SHA256


@pytest.mark.parametrize(
    "slug",
    [
        "nettpatruljen-meetup-lan",
        "hatefulle-ytringer-brukertest-med-ungdom",
        "innloggede-sider-politiet-no",
        "postbudet-og-eldre",
    ],
)
def test_an_example_whose_unit_the_report_does_not_name_claims_none(seeded, slug):
    eksempel = Eksempel.objects.get(slug=slug)
    assert list(eksempel.distrikter.all()) == []
    assert "Team Innbyggerstemmen" not in eksempel.kontakt_enhet


def test_a_photo_credit_is_not_part_of_an_example_or_a_card(seeded):
    assert "Foto fra skogliv.no" in REPORT.read_text()  # the report has one to leave out
    credits = re.compile(r"\bfoto\b|skogliv|fotograf", re.IGNORECASE)
    found = [name for name, texts in seed_texts() if credits.search(" ".join(texts))]
    assert found == []


def test_the_quote_from_young_people_is_not_attributed_to_nlgu(seeded):
    assert "fint å snakke" not in Eksempel.objects.get(slug="ungdom-i-nlgu").beskrivelse


def test_the_8_of_10_survey_and_the_strategy_survey_stay_two_sources(seeded):
    strategi = Eksempel.objects.get(slug="innbyggerundersokelse-ny-virksomhetsstrategi")
    assert "8 av 10" not in strategi.beskrivelse
    assert "sosiale-medier" not in strategi.kilder
    survey = Kilde.objects.get(slug="innbyggerundersokelse-sosiale-medier-2022")
    assert "virksomhetsstrategi" not in survey.beskrivelse


def test_no_finding_cites_a_source_the_report_does_not_name(seeded):
    assert not Kilde.objects.filter(tittel__icontains="erfaringer fra distriktene").exists()
    report = Kilde.objects.get(slug="innbyggerstemmen-hva-vi-har-laert-2022")
    assert report.innsikter.filter(slug="distriktene-peker-pa-sma-steder-med-lite-politi").exists()
    assert all(i.kilder.exists() for i in Innsikt.objects.prefetch_related("kilder"))


def test_numbers_say_what_they_count(seeded):
    def shown(slug):
        return Kilde.objects.get(slug=slug).antall_tekst().replace("\u00a0", " ")

    assert shown("pride-undersokelse-lhbtiq-2022") == "mer enn 10 000 svar"
    assert shown("vi-lordag-nettpatruljen-innlandet") == "nådde 76 000 personer"


def test_a_number_without_a_known_meaning_says_so(make_kilde):
    kilde = make_kilde(antall=12)
    assert kilde.antall_tekst() == "12 svar eller deltakere"
    assert make_kilde().antall_tekst() == ""


def seed_texts():
    """Every stored text of the seed content a reader sees, named by its object."""
    for e in Eksempel.objects.all():
        fields = [getattr(e, name) for name in TEXT_FIELDS]
        yield e.slug, [*fields, e.sted, e.kilder, e.kontakt_enhet, e.kontakt_rolle, str(e.aar)]
    for k in Kilde.objects.all():
        antall = "" if k.antall is None else str(k.antall)
        yield k.slug, [k.tittel, k.beskrivelse, k.eier, k.periode, str(k.aar or ""), antall]
    for i in Innsikt.objects.all():
        yield i.slug, [i.tittel, i.forklaring, i.dato_tekst]
    for m in Metode.objects.prefetch_related("steg", "husk"):
        punkter = [p.tekst for p in [*m.steg.all(), *m.husk.all()]]
        yield m.slug, [m.navn, m.ingress, m.eksempel, *punkter]


def test_every_number_in_the_seed_content_stands_in_the_report(seeded):
    numbers = set(re.findall(r"\d+", digits(squash(REPORT.read_text()))))
    wrong = []
    for name, texts in seed_texts():
        found = [n for text in texts for n in re.findall(r"\d+", digits(text))]
        wrong += [f"{name}: {n}" for n in found if n not in numbers]
    assert wrong == []


def test_a_number_the_report_does_not_have_is_found(seeded):
    numbers = set(re.findall(r"\d+", digits(squash(REPORT.read_text()))))
    assert "76000" in numbers and "10000" in numbers
    assert "77000" not in numbers and "7" in numbers


def test_every_examples_place_stands_in_the_report(seeded):
    report = squash(REPORT.read_text()).lower()
    wrong = []
    for eksempel in Eksempel.objects.all():
        for part in re.split(r",| og |\(|\)", eksempel.sted):
            if part.strip() and part.strip().lower() not in report:
                wrong.append(f"{eksempel.slug}: {part.strip()}")
    assert wrong == []


# A day and month with a year: «15. desember 2022». The report gives no such date.
A_DAY = re.compile(
    r"\b\d{1,2}\.\s+(januar|februar|mars|april|mai|juni|juli|august|september|oktober|"
    r"november|desember)\s+20(1\d|2[0-3])\b"
)


def test_no_seeded_item_shows_a_day_the_report_does_not_give(employee_client, seeded):
    urls = [e.get_absolute_url() for e in Eksempel.objects.all()]
    urls += [i.get_absolute_url() for i in Innsikt.objects.all()]
    urls += [g.get_absolute_url() for g in Innbyggergruppe.objects.all()]
    urls += ["/innsikt/", "/eksempler/", "/metoder/", "/"]
    shown = {}
    for url in urls:
        response = employee_client.get(url)
        if response.status_code == 200:
            shown[url] = A_DAY.findall(response.content.decode())
    assert len(shown) >= 26 + 31
    assert {url: days for url, days in shown.items() if days} == {}


def test_a_seeded_finding_knows_only_its_year(seeded):
    for innsikt in Innsikt.objects.all():
        assert innsikt.dato_presisjon == Datopresisjon.AAR, innsikt.slug
        assert (innsikt.dato_tekst, innsikt.dato_kort) == ("2022", "2022"), innsikt.slug


def test_a_finding_with_a_known_day_shows_the_day(make_innsikt):
    innsikt = make_innsikt(dato=datetime.date(2024, 3, 5))
    assert (innsikt.dato_tekst, innsikt.dato_kort) == ("5. mars 2024", "mars 2024")


def test_a_year_only_date_is_kept_as_the_first_of_january(make_innsikt):
    innsikt = make_innsikt(dato=datetime.date(2024, 3, 5))
    innsikt.dato_presisjon = Datopresisjon.AAR
    innsikt.clean()
    assert innsikt.dato == datetime.date(2024, 1, 1)


def test_the_database_refuses_a_year_only_date_with_a_day(make_innsikt):
    with pytest.raises(IntegrityError), transaction.atomic():
        make_innsikt(dato=datetime.date(2024, 3, 5), dato_presisjon=Datopresisjon.AAR)


def test_year_only_findings_still_sort_by_date(make_innsikt):
    eldre = make_innsikt(dato=datetime.date(2021, 1, 1), dato_presisjon=Datopresisjon.AAR)
    nyere = make_innsikt(dato=datetime.date(2023, 6, 1))
    assert list(Innsikt.objects.filter(pk__in=[eldre.pk, nyere.pk])) == [nyere, eldre]


# The phases the report's circle gives the cards: the Tønsberg example (page 25–26).
TONSBERG = {1: ["lytte", "handle"], 4: ["lytte", "laere"], 8: ["laere"], 9: ["handle"]}


def test_the_seeded_cards_sit_where_the_reports_map_puts_them(seeded):
    for metode in Metode.objects.all():
        rows, column, why = REPORT_MAP[metode.nummer]
        assert (metode.situasjoner, metode.rekkevidde, metode.forstaaelse) == (
            list(rows),
            column,
            why,
        ), metode.nummer
        # The map's columns are «få» and «mange»; «flere» is the team's reading.
        assert metode.rekkevidde_fra_rapporten is (column != "flere"), metode.nummer


def test_the_report_gives_phases_only_to_the_cards_of_the_tonsberg_example(seeded):
    given = {m.nummer: m.faser_fra_rapporten for m in Metode.objects.all() if m.faser_fra_rapporten}
    assert given == TONSBERG
    for nummer in (2, 3, 5, 6, 7):
        assert Metode.objects.get(nummer=nummer).faser_fra_teamet


def test_the_tonsberg_diagram_stands_in_the_report():
    report = squash(REPORT.read_text())
    diagram = report[report.index("Handle LæreLytte") :]
    lytte_og_handle, laere = diagram.split("Vi følger opp og tar til oss", 1)
    assert "Møte dem der de er" in lytte_og_handle and "Holde dialogmøter" in lytte_og_handle
    for card in ("Innbyggerstemmen i PSV", "Holde dialogmøter", "Spørreundersøkelse"):
        assert card in laere[:400], card


def test_every_seeded_example_says_its_situations_and_cards_are_the_teams(seeded):
    assert set(Eksempel.objects.values_list("klassifisert_av", flat=True)) == {"teamet"}


def test_a_shared_example_is_classified_by_whoever_shared_it(make_eksempel):
    assert make_eksempel().klassifisert_av == "innsender"


def test_the_pages_say_briefly_what_is_the_teams_classification(employee_client, seeded):
    eksempel = Eksempel.objects.get(slug="naermiljoprat-tonsberg")
    content = employee_client.get(eksempel.get_absolute_url()).content.decode()
    assert "Situasjon og metoder er Team Innbyggerstemmens klassifisering" in content

    def card(nummer):
        url = Metode.objects.get(nummer=nummer).get_absolute_url()
        return employee_client.get(url).content.decode()

    assert "Fasene er teamets klassifisering" in card(2)
    assert "Handle er teamets klassifisering" in card(4)
    assert "rekkevidden er teamets klassifisering" in card(6)
    assert "teamets klassifisering" not in card(9)


def test_the_admin_shows_who_classified(editor_client, seeded):
    eksempel = Eksempel.objects.get(slug="naermiljoprat-tonsberg")
    url = reverse("admin:skattekiste_eksempel_change", args=[eksempel.pk])
    assert 'name="klassifisert_av"' in editor_client.get(url).content.decode()
    metode = Metode.objects.get(nummer=4)
    url = reverse("admin:metoder_metode_change", args=[metode.pk])
    content = editor_client.get(url).content.decode()
    assert 'name="faser_fra_rapporten"' in content
    assert 'name="rekkevidde_fra_rapporten"' in content


def test_a_phase_from_the_report_must_be_one_of_the_cards_phases():
    form = MetodeAdminForm(data={"faser": ["lytte"], "faser_fra_rapporten": ["handle"]})
    assert not form.is_valid()
    assert "må også være krysset av" in str(form.errors["faser_fra_rapporten"])
