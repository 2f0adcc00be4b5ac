"""Issue 16: an insight says whether its date is a whole date or only a year.

The seeded findings come from the 2022 report, which gives only the year: their invented
days (30 June, 31 December) become 1 January with the precision «aar», so only 2022 is shown.
"""

from django.conf import settings
from django.db import migrations, models


# Frozen here: the seed slugs of fixtures/05_innsikt.json when this migration was written.
SEEDED = [
    "hvordan-man-blir-mott-er-ofte-viktigere-enn-utfallet",
    "innbyggerne-vil-at-politiet-er-tilgjengelig",
    "innbyggerne-vil-forsta-hva-som-skjer-og-hvor-lang-tid-det-tar",
    "folk-forventer-a-fa-lost-behovet-ved-forste-kontakt",
    "innbyggerne-onsker-a-bidra-til-a-gjore-politiet-bedre",
    "8-av-10-vil-svare-pa-sporsmal-pa-nett-eller-sms",
    "7-av-10-vil-teste-nye-polititjenester",
    "7-av-10-vil-delta-i-moter-der-politiet-inviterer",
    "halvparten-vil-delta-i-gruppeintervju-eller-innbyggerpanel",
    "politiets-superkraft-er-a-invitere",
    "innbyggerne-opplever-samtalene-med-politiet-som-meningsfylte",
    "ungdom-ser-vanlige-mennesker-bak-uniformen",
    "enkelthistorier-ma-ses-i-sammenheng-med-annen-innsikt",
    "innbyggerpanel-er-ikke-nodvendigvis-representative",
    "ungdom-vil-ikke-eller-tor-ikke-fortelle-noe",
    "anonym-undersokelse-ga-svar-fra-ungdom-om-snitching",
    "nettsvindlere-retter-seg-spesielt-mot-eldre",
    "tidspunkt-pa-dagen-avgjor-om-eldre-moter-opp",
    "samarbeid-med-obos-nadde-eldre-i-borettslag",
    "skeive-har-lavere-tillit-til-politiet",
    "over-10000-skeive-svarte-pa-politiets-undersokelse",
    "distriktene-peker-pa-sma-steder-med-lite-politi",
    "matbutikken-egner-seg-svaert-godt-for-a-mote-lokalbefolkningen",
    "tonsberg-mote-ungdom-der-de-er-og-gjore-oss-tilgjengelig",
    "tonsberg-naermiljoet-samlet-i-digitale-dialogmoter",
    "sentrum-best-mulig-for-alle-samler-naermiljoet",
    "vi-lordag-nadde-76000-personer",
    "politiet-treffer-ikke-unge-gutter-like-godt",
    "paneldebatt-pa-voss-fant-losninger-pa-motorkultur",
    "dialog-med-demonstranter-ga-tillit-og-bedre-planlegging",
    "det-er-forskjell-pa-hva-folk-sier-og-hva-de-gjor",
]

YEAR_ONLY = """
    UPDATE innsikt_innsikt SET dato_presisjon = 'aar', dato = make_date(extract(year FROM dato)::int, 1, 1)
    WHERE slug = ANY(%s)
"""


def seed_dates_to_years(apps, schema_editor):
    schema_editor.execute(YEAR_ONLY, [SEEDED])


class Migration(migrations.Migration):
    dependencies = [
        ("innsikt", "0020_innsikt_ny"),
        ("skattekiste", "0027_pafyll"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="historicalinnsikt",
            name="dato_presisjon",
            field=models.CharField(
                choices=[("aar", "Bare året"), ("dag", "Hele datoen")],
                db_default="dag",
                default="dag",
                help_text="Velg «Bare året» når kilden bare sier året. Da viser vi bare året.",
                max_length=3,
                verbose_name="hva vi vet om datoen",
            ),
        ),
        migrations.AddField(
            model_name="innsikt",
            name="dato_presisjon",
            field=models.CharField(
                choices=[("aar", "Bare året"), ("dag", "Hele datoen")],
                db_default="dag",
                default="dag",
                help_text="Velg «Bare året» når kilden bare sier året. Da viser vi bare året.",
                max_length=3,
                verbose_name="hva vi vet om datoen",
            ),
        ),
        migrations.AlterField(
            model_name="historicalinnsikt",
            name="dato",
            field=models.DateField(
                help_text="Når innsikten ble samlet eller publisert. Vet du bare året, skriv 1.1. det året."
            ),
        ),
        migrations.AlterField(
            model_name="innsikt",
            name="dato",
            field=models.DateField(
                help_text="Når innsikten ble samlet eller publisert. Vet du bare året, skriv 1.1. det året."
            ),
        ),
        migrations.RunPython(seed_dates_to_years, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="innsikt",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("dato_presisjon", "dag"),
                    models.Q(("dato__day", 1), ("dato__month", 1), ("dato_presisjon", "aar")),
                    _connector="OR",
                ),
                name="innsikt_innsikt_dato_presisjon_valid",
            ),
        ),
    ]
