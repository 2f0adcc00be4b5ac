# The published examples that say what did not work (?ikke_virket=ja on /eksempler/, the
# overview's indicator): an index on exactly that condition, so the list reads their ids
# from the index instead of every example's text. Frozen SQL: the condition is the one
# EksempelQuerySet.says_what_did_not_work() writes (TRIM is btrim).

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("skattekiste", "0021_tellinger_per_setning"),
    ]

    operations = [
        migrations.RunSQL(
            sql=(
                "CREATE INDEX skattekiste_eks_ikke_virket ON skattekiste_eksempel (id) "
                "WHERE status = 'publisert' AND btrim(hva_fungerte_ikke) <> ''"
            ),
            reverse_sql="DROP INDEX skattekiste_eks_ikke_virket",
        ),
    ]
