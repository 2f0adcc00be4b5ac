"""Issue 16: an example says who placed it in its situations and method cards.

The seeded examples were placed by Team Innbyggerstemmen, not by the report.
"""

from django.conf import settings
from django.db import migrations, models


# Frozen here: the seed slugs of fixtures/04_eksempler.json when this migration was written.
SEEDED = [
    "sentrum-for-alle-pa-fagernes",
    "stryn-sentrum-undersokelse-og-dialogmote",
    "snitchekultur-agder",
    "dialogmoter-med-eldre-i-innlandet",
    "obos-og-politiet-i-nordre-follo",
    "pride-undersokelse-2022",
    "nye-politibygg-ost",
    "politihuset-kristiansand",
    "politi-i-butikk-sande-og-skei",
    "utekontor-gausdal",
    "ferdig-snakka-voss",
    "vi-lordag-nettpatruljen-innlandet",
    "mennesket-bak-uniformen",
    "demonstrasjoner-forde",
    "ralingen-kultursalen",
    "postbudet-og-eldre",
    "ost-11-organisasjoner-skeive",
    "naermiljoprat-tonsberg",
    "nettpatruljen-meetup-lan",
    "drammen-samtaler-utenfor-politistasjonen",
    "ungdom-i-nlgu",
    "hatefulle-ytringer-brukertest-med-ungdom",
    "ost-rapporteringslogg-for-innbyggermoter-i-psv",
    "innloggede-sider-politiet-no",
    "innbyggerundersokelse-ny-virksomhetsstrategi",
    "innbyggerdagene-2022",
]


def mark_the_seed_as_the_teams(apps, schema_editor):
    schema_editor.execute(
        "UPDATE skattekiste_eksempel SET klassifisert_av = 'teamet' WHERE slug = ANY(%s)", [SEEDED]
    )


class Migration(migrations.Migration):
    dependencies = [
        ("metoder", "0007_klassifisering_fra_rapporten"),
        ("skattekiste", "0039_sparringpartner"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="eksempel",
            name="klassifisert_av",
            field=models.CharField(
                choices=[
                    ("rapporten", "Rapporten sier det"),
                    ("teamet", "Teamets klassifisering, ikke rapportens"),
                    ("innsender", "Den som delte eksempelet"),
                ],
                db_default="innsender",
                default="innsender",
                max_length=9,
                verbose_name="situasjoner og metoder valgt av",
            ),
        ),
        migrations.AddField(
            model_name="historicaleksempel",
            name="klassifisert_av",
            field=models.CharField(
                choices=[
                    ("rapporten", "Rapporten sier det"),
                    ("teamet", "Teamets klassifisering, ikke rapportens"),
                    ("innsender", "Den som delte eksempelet"),
                ],
                db_default="innsender",
                default="innsender",
                max_length=9,
                verbose_name="situasjoner og metoder valgt av",
            ),
        ),
        migrations.RunPython(mark_the_seed_as_the_teams, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="eksempel",
            constraint=models.CheckConstraint(
                condition=models.Q(("klassifisert_av__in", ["rapporten", "teamet", "innsender"])),
                name="skattekiste_eksempel_klassifisert_av_valid",
            ),
        ),
    ]
