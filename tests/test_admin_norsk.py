"""The admin speaks Norwegian: Django's and the libraries' missing nb strings come from our
own locale, and editors see plain labels and «nytt» for neuter nouns."""

import json
import re
from pathlib import Path

import django.contrib.admin
import pytest
from django.urls import reverse
from django.utils import translation

ADMIN_LOCALE = Path(django.contrib.admin.__file__).parent / "locale" / "en" / "LC_MESSAGES"
OUR_LOCALE = Path(__file__).resolve().parents[1] / "skattekiste" / "locale" / "nb" / "LC_MESSAGES"
# Where Norwegian and English are written the same.
SAME_IN_NORWEGIAN = {", ", "%(class_name)s %(instance)s"}


def po_entries(path: Path) -> list[dict[str, str]]:
    """Each message in a .po file: msgctxt, msgid, msgid_plural, msgstr, msgstr[0], …"""
    entries = []
    for block in re.split(r"\n\s*\n", path.read_text(encoding="utf-8")):
        entry, key = {}, None
        for line in block.splitlines():
            if match := re.match(r'(msgctxt|msgid|msgid_plural|msgstr(?:\[\d\])?) "(.*)"$', line):
                key = match.group(1)
                entry[key] = match.group(2)
            elif line.startswith('"') and key in entry:
                entry[key] += line[1:-1]
        if entry.get("msgid"):
            entries.append(
                {k: v.replace('\\"', '"').replace("\\n", "\n") for k, v in entry.items()}
            )
    return entries


def po_messages(path: Path) -> list[tuple[str | None, str, str | None]]:
    """(context, msgid, msgid_plural) for each message in a .po file."""
    return [(e.get("msgctxt"), e["msgid"], e.get("msgid_plural")) for e in po_entries(path)]


def translated(context, msgid, plural) -> bool:
    with translation.override("nb"):
        if plural:
            forms = [
                translation.npgettext(context, msgid, plural, n)
                if context
                else translation.ngettext(msgid, plural, n)
                for n in (1, 2)
            ]
            return forms[0] != msgid and forms[1] != plural
        text = translation.pgettext(context, msgid) if context else translation.gettext(msgid)
        return text != msgid


def test_the_compiled_catalog_says_what_our_po_file_says():
    """Forgetting `compilemessages` after changing the .po file fails here."""
    entries = po_entries(OUR_LOCALE / "django.po")
    assert len(entries) > 100
    with translation.override("nb"):
        for entry in entries:
            context, msgid = entry.get("msgctxt"), entry["msgid"]
            if "msgid_plural" in entry:
                got = translation.ngettext(msgid, entry["msgid_plural"], 2)
                assert got == entry["msgstr[1]"], msgid
            elif context:
                assert translation.pgettext(context, msgid) == entry["msgstr"], msgid
            else:
                assert translation.gettext(msgid) == entry["msgstr"], msgid


def test_every_string_of_the_django_admin_has_norwegian():
    messages = po_messages(ADMIN_LOCALE / "django.po")
    assert len(messages) > 200, "the admin's catalog was read"
    missing = [
        msgid
        for context, msgid, plural in messages
        if msgid not in SAME_IN_NORWEGIAN and not translated(context, msgid, plural)
    ]
    assert missing == []


@pytest.mark.django_db
def test_every_string_of_the_admins_javascript_has_norwegian(editor_client):
    response = editor_client.get(reverse("admin:jsi18n"))
    catalog = json.loads(
        re.search(r"const newcatalog = (\{.*?\});", response.content.decode(), re.S).group(1)
    )
    missing = [
        msgid
        for context, msgid, _plural in po_messages(ADMIN_LOCALE / "djangojs.po")
        if (f"{context}\x04{msgid}" if context else msgid) not in catalog
    ]
    assert missing == []


@pytest.mark.parametrize(
    ("english", "norwegian"),
    [
        ("Run", "Utfør"),
        ("Show counts", "Vis antall"),
        ("Start typing to filter…", "Skriv for å filtrere …"),
        ("View on site", "Se på nettstedet"),
        ("Revert", "Tilbakefør"),
        ("Changed by", "Endret av"),
    ],
)
def test_the_strings_editors_met_in_english_are_norwegian(english, norwegian):
    with translation.override("nb"):
        assert translation.gettext(english) == norwegian


def test_the_error_banner_and_the_history_count_have_both_plural_forms():
    with translation.override("nb"):
        one = "Please correct the error below."
        many = "Please correct the errors below."
        assert translation.ngettext(one, many, 1) == "Rett opp feilen under."
        assert translation.ngettext(one, many, 3) == "Rett opp feilene under."
        assert translation.ngettext("entry", "entries", 2) == "oppføringer"


@pytest.mark.django_db
def test_a_changelist_shows_no_english_the_team_reported(editor_client, make_eksempel):
    make_eksempel()
    content = editor_client.get(reverse("admin:skattekiste_eksempel_changelist")).content.decode()
    for english in ("Run", "Show counts", "Start typing to filter", "Filter by", "Please correct"):
        assert english not in content
    assert "Filtrer etter dato opprettet" in content


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url_name", "title"),
    [
        ("admin:skattekiste_eksempel_add", "Legg til nytt eksempel"),
        ("admin:skattekiste_tema_add", "Legg til nytt tema"),
        ("admin:skattekiste_synonym_add", "Legg til nytt synonym i søket"),
        ("admin:innsikt_innsikt_add", "Legg til ny innsikt"),
        ("admin:innsikt_kilde_add", "Legg til ny kilde"),
        ("admin:skattekiste_innbyggergruppe_add", "Legg til ny innbyggergruppe"),
    ],
)
def test_an_add_form_says_nytt_for_a_neuter_noun_and_ny_for_the_others(
    editor_client, url_name, title
):
    content = editor_client.get(reverse(url_name)).content.decode()
    assert f"<h1>{title}</h1>" in content
    assert f'<li aria-current="page">{title}</li>' in content
    assert "ny eksempel" not in content and "ny tema" not in content


@pytest.mark.django_db
def test_the_changelists_add_button_says_nytt_eksempel(editor_client):
    content = editor_client.get(reverse("admin:skattekiste_eksempel_changelist")).content.decode()
    assert "Legg til nytt eksempel" in content
    assert "ny eksempel" not in content


@pytest.mark.django_db
def test_a_cards_rows_are_added_with_nytt_steg_and_each_field_has_a_name(
    editor_client, make_metode
):
    metode = make_metode()
    metode.steg.create(rekkefolge=1, tekst="Finn stedet.")
    content = editor_client.get(
        reverse("admin:metoder_metode_change", args=[metode.pk])
    ).content.decode()
    assert "Legg til nytt steg" in content and "Legg til nytt husk-punkt" in content
    assert 'aria-label="Tekst (rad 1)"' in content
    assert 'aria-label="Rekkefølge (rad 1)"' in content
    assert 'aria-label="Slett (rad 1)"' in content


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url_name", "labels", "raw"),
    [
        (
            "admin:skattekiste_eksempel_add",
            ["Adresse", "Kort fortalt", "Slutten av lenken til siden"],
            ["Slug:", "Ingress:"],
        ),
        ("admin:innsikt_kilde_add", ["Adresse", "Type kilde", "Metodekort"], ["Slug:"]),
        ("admin:skattekiste_tema_add", ["Adresse"], ["Slug:"]),
    ],
)
def test_editors_see_plain_labels_and_help_not_field_names(editor_client, url_name, labels, raw):
    content = editor_client.get(reverse(url_name)).content.decode()
    for label in labels:
        assert label in content
    for name in raw:
        assert name not in content


@pytest.mark.django_db
def test_the_cards_list_names_its_columns_plainly(editor_client, make_metode):
    make_metode()
    content = editor_client.get(reverse("admin:metoder_metode_changelist")).content.decode()
    assert "Kortnummer" in content and "Sist endret" in content


@pytest.mark.django_db
def test_the_history_names_changed_fields_by_their_labels(
    editor_client, make_eksempel, eksempel_admin_data
):
    eksempel = make_eksempel()
    eksempel.history.all().delete()
    editor_client.post(
        reverse("admin:skattekiste_eksempel_change", args=[eksempel.pk]),
        eksempel_admin_data(eksempel, ingress="Ny ingress."),
    )
    eksempel.refresh_from_db()
    editor_client.post(
        reverse("admin:skattekiste_eksempel_change", args=[eksempel.pk]),
        eksempel_admin_data(eksempel, ingress="Enda en ny."),
    )
    content = editor_client.get(
        reverse("admin:skattekiste_eksempel_history", args=[eksempel.pk])
    ).content.decode()
    assert "<strong>Kort fortalt:</strong>" in content
    assert "<strong>ingress:</strong>" not in content
    assert "oppføringer" in content and "entries" not in content
