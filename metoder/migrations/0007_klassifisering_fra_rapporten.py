"""Issue 16: a card says which of its phases and its reach the report states.

The report's circle (the Tønsberg example) gives phases to cards 1, 4, 8 and 9; its map names
reach «få» and «mange», so «flere» is the team's. Frozen here, not read from the fixtures.
Card 1's example loses the photo credit («Foto fra skogliv.no») it had kept from the layout.
"""

import django.contrib.postgres.fields
from django.db import migrations, models


TONSBERG = {
    "mote-dem-der-de-er": ["lytte", "handle"],
    "holde-dialogmoter": ["lytte", "laere"],
    "sporreundersokelse": ["laere"],
    "innbyggerstemmen-i-psv": ["handle"],
}


def mark_what_the_report_states(apps, schema_editor):
    # A photo credit from the report's layout is not part of the card's example.
    schema_editor.execute(
        "UPDATE metoder_metode SET eksempel = regexp_replace(eksempel, "
        "'\\s*Foto fra skogliv\\.no\\s*$', '') WHERE slug = 'mote-dem-der-de-er'"
    )
    schema_editor.execute(
        "UPDATE metoder_metode SET rekkevidde_fra_rapporten = (rekkevidde <> 'flere')"
    )
    for slug, faser in TONSBERG.items():
        schema_editor.execute(
            "UPDATE metoder_metode SET faser_fra_rapporten = "
            "ARRAY(SELECT f FROM unnest(faser) f WHERE f = ANY(%s)) WHERE slug = %s",
            [faser, slug],
        )


class Migration(migrations.Migration):
    dependencies = [
        ("metoder", "0006_klare_navn"),
    ]

    operations = [
        migrations.AddField(
            model_name="historicalmetode",
            name="faser_fra_rapporten",
            field=django.contrib.postgres.fields.ArrayField(
                base_field=models.CharField(
                    choices=[("lytte", "Lytte"), ("handle", "Handle"), ("laere", "Lære")],
                    max_length=6,
                ),
                blank=True,
                default=list,
                help_text="Fasene rapportens sirkel (eksempelet fra Tønsberg) gir kortet. Andre faser over er teamets klassifisering.",
                verbose_name="faser rapporten gir",
            ),
        ),
        migrations.AddField(
            model_name="historicalmetode",
            name="rekkevidde_fra_rapporten",
            field=models.BooleanField(
                default=True,
                help_text="Fjern krysset når rekkevidden er teamets klassifisering, ikke rapportens.",
                verbose_name="rekkevidden står i rapportens metodekart",
            ),
        ),
        migrations.AddField(
            model_name="metode",
            name="faser_fra_rapporten",
            field=django.contrib.postgres.fields.ArrayField(
                base_field=models.CharField(
                    choices=[("lytte", "Lytte"), ("handle", "Handle"), ("laere", "Lære")],
                    max_length=6,
                ),
                blank=True,
                default=list,
                help_text="Fasene rapportens sirkel (eksempelet fra Tønsberg) gir kortet. Andre faser over er teamets klassifisering.",
                verbose_name="faser rapporten gir",
            ),
        ),
        migrations.AddField(
            model_name="metode",
            name="rekkevidde_fra_rapporten",
            field=models.BooleanField(
                default=True,
                help_text="Fjern krysset når rekkevidden er teamets klassifisering, ikke rapportens.",
                verbose_name="rekkevidden står i rapportens metodekart",
            ),
        ),
        migrations.RunPython(mark_what_the_report_states, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="metode",
            constraint=models.CheckConstraint(
                condition=models.Q(("faser__contains", models.F("faser_fra_rapporten"))),
                name="metoder_metode_faser_fra_rapporten_valid",
            ),
        ),
    ]
