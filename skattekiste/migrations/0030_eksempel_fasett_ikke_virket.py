# ?ikke_virket=ja on /eksempler/ becomes a key in the facet table («ikke_virket:ja», on the
# published examples whose «Hva fungerte ikke» holds more than blanks, as
# EksempelQuerySet.says_what_did_not_work() and the overview's trigger count them), so its
# facet counts are read from the pair counts instead of counted over some 11 000 rows.
# The function is frozen text: 0013's with one key added; the refill runs it over every
# example, and the facet table's own triggers bring the pair counts up to date.

from django.db import migrations

ADD_KEY = r"""
        CREATE OR REPLACE FUNCTION skattekiste_eksempel_fasett_oppdater(ids bigint[]) RETURNS void LANGUAGE sql AS $$
            INSERT INTO skattekiste_eksempel_fasett (id, publisert, aar, dato, tittel, verdier)
            SELECT o.id, o.status = 'publisert', o.aar, o.publisert, translate(lower(o.tittel), 'æøåäöé', '{|}{|e'),
                   ARRAY(SELECT k FROM ((SELECT 'tema:' || tag_id FROM skattekiste_eksempeltema WHERE content_object_id = o.id) UNION (SELECT 'situasjon:' || s FROM unnest(o.situasjoner) s) UNION (SELECT 'distrikt:' || distrikt_id FROM skattekiste_eksempel_distrikter WHERE eksempel_id = o.id) UNION (SELECT 'gruppe:' || innbyggergruppe_id FROM skattekiste_eksempel_grupper WHERE eksempel_id = o.id) UNION (SELECT 'metode:' || metode_id FROM skattekiste_eksempel_metoder WHERE eksempel_id = o.id) UNION (SELECT 'aar:' || o.aar) UNION (SELECT 'ikke_virket:ja' WHERE o.status = 'publisert' AND btrim(o.hva_fungerte_ikke) <> '')) AS nokler(k) WHERE k IS NOT NULL ORDER BY k)
            FROM skattekiste_eksempel o WHERE o.id = ANY(ids)
            ORDER BY o.id
            ON CONFLICT (id) DO UPDATE SET
                publisert = EXCLUDED.publisert, aar = EXCLUDED.aar, dato = EXCLUDED.dato,
                tittel = EXCLUDED.tittel, verdier = EXCLUDED.verdier
            WHERE (skattekiste_eksempel_fasett.publisert, skattekiste_eksempel_fasett.aar, skattekiste_eksempel_fasett.dato, skattekiste_eksempel_fasett.tittel, skattekiste_eksempel_fasett.verdier)
                IS DISTINCT FROM (EXCLUDED.publisert, EXCLUDED.aar, EXCLUDED.dato,
                                  EXCLUDED.tittel, EXCLUDED.verdier);
            DELETE FROM skattekiste_eksempel_fasett f WHERE f.id = ANY(ids)
                AND NOT EXISTS (SELECT 1 FROM skattekiste_eksempel o WHERE o.id = f.id);
        $$;
        SELECT skattekiste_eksempel_fasett_oppdater(ARRAY(SELECT id FROM skattekiste_eksempel));
"""

REMOVE_KEY = r"""
        CREATE OR REPLACE FUNCTION skattekiste_eksempel_fasett_oppdater(ids bigint[]) RETURNS void LANGUAGE sql AS $$
            INSERT INTO skattekiste_eksempel_fasett (id, publisert, aar, dato, tittel, verdier)
            SELECT o.id, o.status = 'publisert', o.aar, o.publisert, translate(lower(o.tittel), 'æøåäöé', '{|}{|e'),
                   ARRAY(SELECT k FROM ((SELECT 'tema:' || tag_id FROM skattekiste_eksempeltema WHERE content_object_id = o.id) UNION (SELECT 'situasjon:' || s FROM unnest(o.situasjoner) s) UNION (SELECT 'distrikt:' || distrikt_id FROM skattekiste_eksempel_distrikter WHERE eksempel_id = o.id) UNION (SELECT 'gruppe:' || innbyggergruppe_id FROM skattekiste_eksempel_grupper WHERE eksempel_id = o.id) UNION (SELECT 'metode:' || metode_id FROM skattekiste_eksempel_metoder WHERE eksempel_id = o.id) UNION (SELECT 'aar:' || o.aar)) AS nokler(k) WHERE k IS NOT NULL ORDER BY k)
            FROM skattekiste_eksempel o WHERE o.id = ANY(ids)
            ORDER BY o.id
            ON CONFLICT (id) DO UPDATE SET
                publisert = EXCLUDED.publisert, aar = EXCLUDED.aar, dato = EXCLUDED.dato,
                tittel = EXCLUDED.tittel, verdier = EXCLUDED.verdier
            WHERE (skattekiste_eksempel_fasett.publisert, skattekiste_eksempel_fasett.aar, skattekiste_eksempel_fasett.dato, skattekiste_eksempel_fasett.tittel, skattekiste_eksempel_fasett.verdier)
                IS DISTINCT FROM (EXCLUDED.publisert, EXCLUDED.aar, EXCLUDED.dato,
                                  EXCLUDED.tittel, EXCLUDED.verdier);
            DELETE FROM skattekiste_eksempel_fasett f WHERE f.id = ANY(ids)
                AND NOT EXISTS (SELECT 1 FROM skattekiste_eksempel o WHERE o.id = f.id);
        $$;
        SELECT skattekiste_eksempel_fasett_oppdater(ARRAY(SELECT id FROM skattekiste_eksempel));
"""


class Migration(migrations.Migration):

    dependencies = [
        ("skattekiste", "0028_sok_raskere"),
    ]

    operations = [
        migrations.RunSQL(ADD_KEY, REMOVE_KEY),
    ]
