"""Les inn fra fil in the browser: axe finds nothing on the import pages, the dry run with an
error, the dry run ready to confirm, the export page and the list of imports."""

import pytest
from django.urls import reverse

from innsikt.models import Kilde
from tests.e2e.conftest import log_in
from tests.e2e.test_tilgjengelighet import axe_violations

pytestmark = pytest.mark.e2e


def upload(page, path):
    page.locator("#id_import_file").set_input_files(str(path))
    page.locator("#id_format").select_option(label="CSV")
    page.get_by_role("button", name="Prøvelese filen").click()
    page.wait_for_load_state("networkidle")


def test_an_editor_reads_in_sources_from_a_file_and_axe_finds_nothing(site, page, tmp_path):
    log_in(page, site, username="redaktor")
    page.goto(site.url + reverse("admin:innsikt_kilde_import"))
    page.wait_for_load_state("networkidle")
    assert axe_violations(page) == []

    bad = tmp_path / "kilder-med-feil.csv"
    bad.write_text("slug,tittel,type\nny-kilde,Ny kilde,ukjent\n", encoding="utf-8")
    upload(page, bad)
    assert "Ingenting er lest inn" in page.content()
    assert "Type kilde (kolonne type)" in page.locator(".innlesing-tabell").inner_text()
    assert axe_violations(page) == []

    good = tmp_path / "kilder.csv"
    good.write_text("slug,tittel,type\nny-kilde,Ny kilde,annet\n", encoding="utf-8")
    upload(page, good)
    assert "1 nye, 0 endret, 0 uendret og 0 med feil" in page.content()
    assert axe_violations(page) == []
    page.get_by_role("button", name="Les inn").click()
    page.wait_for_load_state("networkidle")
    assert "Lest inn fra «kilder.csv»: 1 nye" in page.content()
    assert Kilde.objects.filter(slug="ny-kilde").exists()

    for url in (
        reverse("admin:innsikt_kilde_export"),
        reverse("admin:skattekiste_innlesing_changelist"),
    ):
        page.goto(site.url + url)
        page.wait_for_load_state("networkidle")
        assert axe_violations(page) == [], url


def test_the_dry_run_fits_a_narrow_screen(site, page, tmp_path):
    page.set_viewport_size({"width": 320, "height": 800})
    log_in(page, site, username="redaktor")
    page.goto(site.url + reverse("admin:innsikt_kilde_import"))
    path = tmp_path / "kilder.csv"
    path.write_text("slug,tittel,type\nny-kilde,Ny kilde,annet\n", encoding="utf-8")
    upload(page, path)
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0
