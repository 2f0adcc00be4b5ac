# An insight's publishing time, for what Påfyll and the feeds call new (it was the time it
# was added, so a draft published a month later never showed as new). A trigger sets it on
# every path to «publisert»: the admin, an import, a fixture, bulk data and plain SQL.
# statement_timestamp(), not now(): the time of the publishing itself, not of the start of
# a long transaction around it, so it compares right with times taken in Python.

from django.db import migrations, models

# Insights published before this existed: when they were added is the best we know.
BACKFILL = "UPDATE innsikt_innsikt SET publisert = opprettet WHERE status = 'publisert'"

TRIGGER = r"""
CREATE FUNCTION innsikt_innsikt_publisert_tid() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.status <> 'publisert' THEN
        RETURN NEW;
    END IF;
    IF TG_OP = 'INSERT' THEN
        -- Bulk data and fixtures may say when; otherwise it is now.
        NEW.publisert := coalesce(NEW.publisert, statement_timestamp());
    ELSIF OLD.status <> 'publisert' THEN
        -- Published (again) now, whatever time a stale form carries.
        NEW.publisert := statement_timestamp();
    ELSE
        -- Still published: a save that did not know the time keeps it.
        NEW.publisert := coalesce(NEW.publisert, OLD.publisert);
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER innsikt_innsikt_publisert_tid
    BEFORE INSERT OR UPDATE OF status, publisert ON innsikt_innsikt
    FOR EACH ROW EXECUTE FUNCTION innsikt_innsikt_publisert_tid();
"""

DROP = """
DROP TRIGGER innsikt_innsikt_publisert_tid ON innsikt_innsikt;
DROP FUNCTION innsikt_innsikt_publisert_tid();
"""


class Migration(migrations.Migration):
    dependencies = [
        ("innsikt", "0021_innsikt_datopresisjon"),
    ]

    operations = [
        migrations.AddField(
            model_name="innsikt",
            name="publisert",
            field=models.DateTimeField(
                blank=True, editable=False, null=True, verbose_name="publisert"
            ),
        ),
        migrations.RunSQL(BACKFILL, migrations.RunSQL.noop),
        migrations.RunSQL(TRIGGER, DROP),
        migrations.AddIndex(
            model_name="innsikt",
            index=models.Index(
                condition=models.Q(("status", "publisert")),
                fields=["-publisert", "-id"],
                name="innsikt_innsikt_nyeste",
            ),
        ),
        migrations.AddConstraint(
            model_name="innsikt",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("status", "publisert"), _negated=True),
                    ("publisert__isnull", False),
                    _connector="OR",
                ),
                name="innsikt_innsikt_publisert_har_tid",
            ),
        ),
    ]
