"""Redaksjon moves examples, insights and sources in and out of the admin as CSV and XLSX:
a dry run first, nothing written until confirmed, personvern on every row, and a revert."""

import csv
import io

import openpyxl
import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from innsikt.models import Innsikt, Kilde
from skattekiste.eksempler.models import Eksempel
from skattekiste.felles.roles import REDAKSJON
from skattekiste.innlesing.models import Innlesing
from tests.helpers import login, row_counts

EKSEMPEL = "skattekiste_eksempel"
CSV, XLSX = "0", "1"


def export(client, admin_name=EKSEMPEL, *, format=CSV, query=""):
    url = reverse(f"admin:{admin_name}_export") + query
    return client.post(url, {"format": format, "resource": "0"})


def exported_rows(client, admin_name=EKSEMPEL) -> list[list[str]]:
    text = export(client, admin_name).content.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


def csv_upload(rows, *, encoding="utf-8-sig", name="fil.csv") -> SimpleUploadedFile:
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    return SimpleUploadedFile(name, buffer.getvalue().encode(encoding), content_type="text/csv")


def dry_run(client, upload, admin_name=EKSEMPEL, *, format=CSV, **fields):
    url = reverse(f"admin:{admin_name}_import")
    return client.post(url, {"import_file": upload, "format": format, "resource": "0", **fields})


def confirm(client, response, admin_name=EKSEMPEL):
    form = response.context["confirm_form"]
    data = {name: form.initial.get(name, "") for name in form.fields}
    return client.post(reverse(f"admin:{admin_name}_process_import"), data)


def results(response) -> list[str]:
    return [row["resultat"] for row in response.context["provelesing"]["rader"]]


def errors(response) -> list[str]:
    return [error for row in response.context["provelesing"]["rader"] for error in row["feil"]]


def with_column(rows, name, value, *, slug):
    """A copy of exported rows with one cell changed in the row of `slug`."""
    rows = [list(r) for r in rows]
    row = next(r for r in rows if r[0] == slug)
    row[rows[0].index(name)] = value
    return rows


def copy_row(rows, *, slug, new_slug):
    """A new row: the row of `slug` under another address."""
    row = list(next(r for r in rows if r[0] == slug))
    row[0] = new_slug
    return [*rows, row]


def snapshot(model) -> list[dict]:
    """Every field and link of every object, to show that a round trip changed nothing."""
    state = []
    for obj in model.objects.order_by("pk"):
        values = {f.attname: getattr(obj, f.attname) for f in obj._meta.concrete_fields}
        for field in obj._meta.many_to_many:
            values[field.name] = sorted(getattr(obj, field.name).values_list("pk", flat=True))
        state.append(values)
    return state


@pytest.fixture
def eksempler(make_eksempel, make_distrikt, make_tema, make_gruppe, make_metode):
    distrikt, tema, gruppe, metode = make_distrikt(), make_tema(), make_gruppe(), make_metode()
    return [
        make_eksempel(
            tittel="Kafé med politiet",
            slug="kafe-med-politiet",
            distrikter=[distrikt],
            tema=[tema],
            grupper=[gruppe],
            metoder=[metode],
            situasjoner=["A", "B"],
            beskrivelse="Vi satt i kafeen.\nFolk kom innom.",
            kontakt_navn="Kari Nordmann",
            kontakt_telefon="22 33 44 55",
        ),
        make_eksempel(tittel="Ungdomsråd", slug="ungdomsrad"),
    ]


# Access


def test_anonymous_visitor_is_sent_to_the_login_from_import_and_export(client, db):
    for name in ("import", "export"):
        response = client.get(reverse(f"admin:{EKSEMPEL}_{name}"))
        assert response.status_code == 302
        assert response["Location"].startswith("/logg-inn/")


def test_employee_cannot_open_import_or_export(employee_client):
    for name in ("import", "export"):
        response = employee_client.get(reverse(f"admin:{EKSEMPEL}_{name}"))
        assert response.status_code == 302
        assert response["Location"].startswith("/admin/login/")


def test_staff_outside_redaksjon_may_not_import_or_export(client, django_user_model):
    client.force_login(django_user_model.objects.create_user("stab", password="pw", is_staff=True))
    for name in ("import", "export"):
        assert client.get(reverse(f"admin:{EKSEMPEL}_{name}")).status_code == 403


@pytest.mark.parametrize(
    ("admin_name", "title"),
    [
        (EKSEMPEL, "Les inn eksempler fra fil"),
        ("innsikt_innsikt", "Les inn innsikter fra fil"),
        ("innsikt_kilde", "Les inn kilder fra fil"),
    ],
)
def test_editor_opens_the_import_page_in_norwegian(
    editor_client, django_assert_max_num_queries, admin_name, title
):
    # session, user, permissions
    with django_assert_max_num_queries(6):
        response = editor_client.get(reverse(f"admin:{admin_name}_import"))
    content = response.content.decode()
    assert f"<h1>{title}</h1>" in content
    assert "Prøvelese filen" in content and "Velg filtype" in content
    for english in ("Submit", "File to import", "This importer"):
        assert english not in content


def test_the_changelist_links_to_import_and_export_with_its_filters(editor_client, eksempler):
    response = editor_client.get(reverse(f"admin:{EKSEMPEL}_changelist") + "?aar=2022")
    content = response.content.decode()
    assert "Les inn fra fil" in content
    assert reverse(f"admin:{EKSEMPEL}_export") + "?aar=2022" in content


def test_editor_opens_the_export_page_in_norwegian(editor_client, django_assert_max_num_queries):
    with django_assert_max_num_queries(6):
        response = editor_client.get(reverse(f"admin:{EKSEMPEL}_export"))
    assert "<h1>Last ned eksempler som fil</h1>" in response.content.decode()


# Export


def test_export_holds_every_filtered_example_in_a_bounded_number_of_queries(
    editor_client, make_eksempler, django_assert_max_num_queries
):
    made = make_eksempler(30)
    # session, user, permissions, count, examples, then one query per list
    with django_assert_max_num_queries(14):
        response = export(editor_client, query="?aar=2021")
    assert response.content.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert {row[0] for row in rows[1:]} == {e.slug for e in made if e.aar == 2021}


def test_export_names_related_items_by_their_address(editor_client, eksempler):
    rows = exported_rows(editor_client)
    header, kafe = rows[0], next(r for r in rows if r[0] == "kafe-med-politiet")
    eksempel = eksempler[0]
    assert kafe[header.index("distrikter")] == eksempel.distrikter.get().slug
    assert kafe[header.index("tema")] == eksempel.tema.get().slug
    assert kafe[header.index("situasjoner")] == "A,B"


FORMULAS = ['=HYPERLINK("https://example.com","Klikk")', "+47 2222 2222", "-1", "@SUM(A1)"]


def exported_cells(client, format) -> list[str]:
    content = export(client, format=format).content
    if format == CSV:
        return [
            cell for row in csv.reader(io.StringIO(content.decode("utf-8-sig"))) for cell in row
        ]
    workbook = openpyxl.load_workbook(io.BytesIO(content))
    cells = [cell for row in workbook.active.iter_rows() for cell in row]
    assert all(cell.data_type != "f" for cell in cells)
    return [str(cell.value or "") for cell in cells]


@pytest.mark.parametrize("format", [CSV, XLSX])
def test_every_formula_looking_cell_is_escaped_on_export(editor_client, make_eksempel, format):
    for n, formula in enumerate(FORMULAS):
        make_eksempel(tittel=formula, slug=f"formel-{n}")
    cells = exported_cells(editor_client, format)
    assert {"'" + formula for formula in FORMULAS} <= set(cells)
    assert not any(cell.startswith(("=", "+", "-", "@")) for cell in cells)


@pytest.mark.parametrize("format", [CSV, XLSX])
def test_a_formula_looking_title_comes_back_unchanged_from_a_round_trip(
    editor_client, make_eksempel, format
):
    titles = [*FORMULAS, "'=skrevet med apostrof", "'vanlig apostrof"]
    for n, title in enumerate(titles):
        make_eksempel(tittel=title, slug=f"formel-{n}")
    exported = export(editor_client, format=format).content
    name = "fil.xlsx" if format == XLSX else "fil.csv"
    response = dry_run(editor_client, SimpleUploadedFile(name, exported), format=format)
    assert set(results(response)) == {"Uendret"}
    confirm(editor_client, response)
    assert sorted(Eksempel.objects.values_list("tittel", flat=True)) == sorted(titles)


# Dry run and confirm


def test_dry_run_shows_new_changed_and_unchanged_rows_and_writes_nothing(
    editor_client, eksempler, django_assert_max_num_queries
):
    rows = exported_rows(editor_client)
    rows = with_column(
        rows, "tittel", "Kafé med politiet og brannvesenet", slug="kafe-med-politiet"
    )
    rows.append(["nytt-eksempel", "Nytt eksempel", "Vi prøvde noe nytt."] + [""] * 18)
    rows[-1][rows[0].index("aar")] = "2023"
    rows[-1][rows[0].index("situasjoner")] = "B"
    before = row_counts()
    # Django checks each row against the model's named constraints, one query per check.
    with django_assert_max_num_queries(130):
        response = dry_run(editor_client, csv_upload(rows))
    assert response.status_code == 200
    assert sorted(results(response)) == ["Endret", "Ny", "Uendret"]
    assert "confirm_form" in response.context
    assert row_counts() == before
    assert Eksempel.objects.get(slug="kafe-med-politiet").tittel == "Kafé med politiet"


def test_confirm_writes_the_rows_as_drafts_and_the_history_names_the_import(
    editor_client, editor, eksempler
):
    rows = exported_rows(editor_client)
    rows = with_column(
        rows, "tittel", "Kafé med politiet og brannvesenet", slug="kafe-med-politiet"
    )
    rows = copy_row(rows, slug="ungdomsrad", new_slug="nytt-eksempel")
    response = confirm(editor_client, dry_run(editor_client, csv_upload(rows)))
    assert response.status_code == 302
    innlesing = Innlesing.objects.get()
    assert (innlesing.nye, innlesing.endrede, innlesing.uendrede) == (1, 1, 1)
    assert innlesing.lest_inn_av == editor and innlesing.modell == "skattekiste.eksempel"
    changed = Eksempel.objects.get(slug="kafe-med-politiet")
    assert changed.tittel == "Kafé med politiet og brannvesenet"
    assert changed.history.first().history_change_reason == innlesing.endringsgrunn
    assert changed.versjon == 2
    created = Eksempel.objects.get(slug="nytt-eksempel")
    assert created.status == Eksempel.Status.UTKAST
    assert created.opprettet_av == editor
    assert set(created.distrikter.all()) == set(eksempler[1].distrikter.all())


def test_a_file_with_one_bad_row_writes_nothing_and_names_the_field(editor_client, eksempler):
    rows = exported_rows(editor_client)
    rows = with_column(rows, "tittel", "Endret tittel", slug="kafe-med-politiet")
    rows = with_column(rows, "aar", "tjue", slug="ungdomsrad")
    rows = with_column(rows, "distrikter", "finnes-ikke", slug="ungdomsrad")
    before = snapshot(Eksempel)
    response = dry_run(editor_client, csv_upload(rows))
    assert "Feil" in results(response)
    assert "confirm_form" not in response.context
    found = errors(response)
    assert any(e.startswith("År (kolonne aar):") for e in found)
    assert "Distrikter (kolonne distrikter): Finnes ingen distrikt" not in found
    assert any("finnes-ikke" in e and "kolonne distrikter" in e for e in found)
    assert "Ingenting er lest inn" in response.content.decode()
    assert snapshot(Eksempel) == before


def test_a_row_that_fails_at_confirm_time_stops_the_whole_import(
    editor_client, eksempler, make_distrikt
):
    extra = make_distrikt(slug="forsvinner")
    rows = exported_rows(editor_client)
    rows = with_column(rows, "tittel", "Endret tittel", slug="kafe-med-politiet")
    rows = with_column(rows, "distrikter", "forsvinner", slug="ungdomsrad")
    response = dry_run(editor_client, csv_upload(rows))
    assert "confirm_form" in response.context
    extra.delete()  # between the dry run and the confirmation
    before = snapshot(Eksempel)
    response = confirm(editor_client, response)
    assert response.status_code == 302
    assert response["Location"] == reverse(f"admin:{EKSEMPEL}_import")
    assert snapshot(Eksempel) == before
    assert not Innlesing.objects.exists()


# Personvern


def test_a_fodselsnummer_refuses_the_row_as_in_the_form(
    editor_client, eksempler, make_fodselsnummer
):
    rows = exported_rows(editor_client)
    rows = with_column(
        rows, "beskrivelse", f"Han hadde nr. {make_fodselsnummer()}.", slug="ungdomsrad"
    )
    response = dry_run(editor_client, csv_upload(rows), personvern_bekreftet="on")
    assert "confirm_form" not in response.context
    assert any(
        e.startswith("Beskrivelse (kolonne beskrivelse): «Beskrivelse» inneholder et fødselsnummer")
        for e in errors(response)
    )


def test_a_phone_number_in_the_text_needs_the_confirmation_as_in_the_form(editor_client, eksempler):
    rows = with_column(
        exported_rows(editor_client), "beskrivelse", "Ring 22 33 44 55.", slug="ungdomsrad"
    )
    response = dry_run(editor_client, csv_upload(rows))
    assert "confirm_form" not in response.context
    assert any(
        "Hele raden: Teksten kan inneholde personopplysninger" in e for e in errors(response)
    )
    response = dry_run(editor_client, csv_upload(rows), personvern_bekreftet="on")
    assert "confirm_form" in response.context
    confirm(editor_client, response)
    saved = Eksempel.objects.get(slug="ungdomsrad")
    assert saved.beskrivelse == "Ring 22 33 44 55." and saved.personvern_bekreftet


# Revert


def revert(client, innlesing):
    return client.post(
        reverse("admin:skattekiste_innlesing_changelist"),
        {"action": "tilbakefor", "_selected_action": [innlesing.pk]},
    )


def test_an_import_is_reverted_as_a_whole(editor_client, eksempler, make_distrikt, make_tema):
    ny_distrikt, nytt_tema = make_distrikt(slug="nytt-distrikt"), make_tema(slug="nytt-tema")
    before = snapshot(Eksempel)
    themes_before = {e.slug: set(e.tema.all()) for e in Eksempel.objects.all()}
    rows = exported_rows(editor_client)
    rows = with_column(rows, "tittel", "Endret tittel", slug="kafe-med-politiet")
    rows = with_column(rows, "distrikter", "nytt-distrikt", slug="kafe-med-politiet")
    rows = with_column(rows, "tema", "nytt-tema", slug="kafe-med-politiet")
    rows = copy_row(rows, slug="ungdomsrad", new_slug="nytt-eksempel")
    confirm(editor_client, dry_run(editor_client, csv_upload(rows)))
    changed = Eksempel.objects.get(slug="kafe-med-politiet")
    assert changed.tittel == "Endret tittel" and set(changed.tema.all()) == {nytt_tema}
    assert list(changed.distrikter.all()) == [ny_distrikt]

    response = revert(editor_client, Innlesing.objects.get())
    assert response.status_code == 302
    assert not Eksempel.objects.filter(slug="nytt-eksempel").exists()
    after = snapshot(Eksempel)
    # Changed by the import and changed back: two versions on.
    assert [e["versjon"] for e in after] == [
        1 + 2 * (e["slug"] == "kafe-med-politiet") for e in before
    ]
    for row in before + after:
        row.pop("versjon"), row.pop("oppdatert")
    assert after == before
    assert {e.slug: set(e.tema.all()) for e in Eksempel.objects.all()} == themes_before
    assert Innlesing.objects.get().tilbakefort is not None


def test_an_import_is_reverted_only_once(editor_client, eksempler):
    rows = with_column(exported_rows(editor_client), "tittel", "Endret", slug="kafe-med-politiet")
    confirm(editor_client, dry_run(editor_client, csv_upload(rows)))
    innlesing = Innlesing.objects.get()
    revert(editor_client, innlesing)
    response = editor_client.post(
        reverse("admin:skattekiste_innlesing_changelist"),
        {"action": "tilbakefor", "_selected_action": [innlesing.pk]},
        follow=True,
    )
    assert "allerede tilbakeført" in response.content.decode()


def test_revert_is_refused_when_someone_changed_the_content_since(editor_client, eksempler):
    rows = with_column(exported_rows(editor_client), "tittel", "Fra fil", slug="kafe-med-politiet")
    confirm(editor_client, dry_run(editor_client, csv_upload(rows)))
    later = Eksempel.objects.get(tittel="Fra fil")
    later.tittel = "Rettet for hånd"
    later._change_reason = "Endret i redaksjonsverktøyet"
    later.save()
    response = revert(editor_client, Innlesing.objects.get())
    assert response.status_code == 302
    assert Eksempel.objects.get(pk=later.pk).tittel == "Rettet for hånd"
    assert Innlesing.objects.get().tilbakefort is None


def test_the_list_of_imports_opens_for_editors_only(
    editor_client, employee, django_assert_max_num_queries, eksempler
):
    confirm(editor_client, dry_run(editor_client, csv_upload(exported_rows(editor_client))))
    url = reverse("admin:skattekiste_innlesing_changelist")
    with django_assert_max_num_queries(10):
        assert editor_client.get(url).status_code == 200
    assert login(employee).get(url).status_code == 302


# Round trip


@pytest.fixture
def innhold(eksempler, make_innsikt, make_kilde, make_gruppe, make_behov, make_metode):
    kilde = make_kilde(
        tittel="Innbyggerundersøkelsen",
        aar=2022,
        antall=76000,
        antall_betyr="naadde",
        lenke="https://example.com/undersokelse",
        metode=make_metode(),
    )
    kilde.distrikter.set(eksempler[0].distrikter.all())
    make_kilde(tittel="Uten år")
    innsikt = make_innsikt(
        kilder=[kilde],
        grupper=[make_gruppe()],
        behov=[make_behov()],
        eksempler=eksempler,
        distrikter=eksempler[0].distrikter.all(),
        fra_gruppen_selv=True,
        styrke=3,
    )
    innsikt.tema.set(list(eksempler[0].tema.all()))
    make_innsikt(status="utkast")


@pytest.mark.parametrize("format", [CSV, XLSX])
@pytest.mark.parametrize(
    ("admin_name", "model"),
    [(EKSEMPEL, Eksempel), ("innsikt_innsikt", Innsikt), ("innsikt_kilde", Kilde)],
)
def test_a_round_trip_changes_nothing(editor_client, innhold, admin_name, model, format):
    exported = export(editor_client, admin_name, format=format).content
    name = "fil.xlsx" if format == XLSX else "fil.csv"
    before = snapshot(model)
    response = dry_run(editor_client, SimpleUploadedFile(name, exported), admin_name, format=format)
    assert set(results(response)) == {"Uendret"}
    assert len(results(response)) == model.objects.count()
    confirm(editor_client, response, admin_name)
    assert snapshot(model) == before
    assert Innlesing.objects.get().uendrede == model.objects.count()


# Bad files: a clear Norwegian answer, never a 500, nothing written


@pytest.mark.parametrize(
    ("content", "format", "message"),
    [
        ("slug,tittel\nkafe,Kafé på Røros\n".encode("latin-1"), CSV, "ikke lagret som UTF-8"),
        ("slug,tittel\nkafe,Kafé på Røros\n".encode("utf-16"), CSV, "ikke lagret som UTF-8"),
        (b"slug,tittel\nkafe,Kafe,ekstra,mer\n", CSV, "kan ikke leses som CSV"),
        (b'slug,tittel\n"kafe,Kafe\n\x00\n', CSV, "Ingenting er lest inn"),
        (b"slug,tittel\nkafe,Kafe\n", XLSX, "kan ikke leses som XLSX"),
        (b"PK\x03\x04 ikke en ekte zip", XLSX, "kan ikke leses som XLSX"),
        (b"", CSV, "tom"),
    ],
)
def test_a_broken_file_gets_a_clear_answer_and_writes_nothing(
    editor_client, eksempler, content, format, message
):
    before = row_counts()
    response = dry_run(editor_client, SimpleUploadedFile("fil", content), format=format)
    assert response.status_code == 200
    assert "confirm_form" not in response.context
    page = response.content.decode()
    assert message in page
    assert "Traceback" not in page and "Error" not in page
    assert row_counts() == before


def test_a_file_with_only_the_column_names_is_refused_in_norwegian(editor_client, db):
    response = dry_run(editor_client, SimpleUploadedFile("tom.csv", b"slug,tittel\n"))
    assert "confirm_form" not in response.context
    assert "Filen har ingen rader å lese inn" in response.content.decode()


def test_unknown_columns_are_named_and_nothing_is_read(editor_client, eksempler):
    rows = exported_rows(editor_client)
    rows[0][1] = "overskrift"
    response = dry_run(editor_client, csv_upload(rows))
    assert "confirm_form" not in response.context
    page = response.content.decode()
    assert "kolonner Skattekisten ikke kjenner: overskrift" in page


def test_a_file_without_the_address_column_is_refused(editor_client, eksempler):
    response = dry_run(editor_client, csv_upload([["tittel"], ["Noe"]]))
    assert "Filen mangler kolonnen «slug»" in response.content.decode()


def test_a_file_over_the_limit_is_refused_before_it_is_read(editor_client, settings, eksempler):
    settings.IMPORT_MAX_FILE_BYTES = 1024 * 1024
    big = csv_upload(exported_rows(editor_client) + [["x" * 100]] * 12000)
    assert big.size > settings.IMPORT_MAX_FILE_BYTES
    response = dry_run(editor_client, big)
    assert "Filen er for stor" in response.content.decode()
    assert "provelesing" not in response.context


def test_a_request_over_the_import_limit_is_refused_with_a_clear_page(editor_client, settings):
    response = editor_client.post(
        reverse(f"admin:{EKSEMPEL}_import"),
        {"format": CSV},
        CONTENT_LENGTH=str(settings.IMPORT_MAX_REQUEST_BYTES + 1),
    )
    assert response.status_code == 413
    assert "grensen er 50 MB" in response.content.decode()


def test_other_pages_keep_the_small_limit(editor_client, settings):
    response = editor_client.post(
        reverse(f"admin:{EKSEMPEL}_add"),
        {},
        CONTENT_LENGTH=str(settings.MAX_REQUEST_BODY_BYTES + 1),
    )
    assert response.status_code == 413


def test_redaksjon_has_the_permissions_to_see_and_revert_imports(db):
    codenames = set(
        Group.objects.get(name=REDAKSJON).permissions.values_list("codename", flat=True)
    )
    assert {"view_innlesing", "change_innlesing"} <= codenames
    assert "delete_innlesing" not in codenames and "add_innlesing" not in codenames
