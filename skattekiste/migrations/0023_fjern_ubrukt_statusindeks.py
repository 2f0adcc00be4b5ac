# The index (status, aar DESC) is a prefix of skattekiste_eks_nyeste (status, aar DESC,
# publisert DESC, id DESC), which serves every query it could; pg_stat_user_indexes showed
# it used once in a full `manage.py bench` run, against 750 for skattekiste_eks_nyeste.

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("skattekiste", "0022_eksempel_ikke_virket_indeks"),
    ]

    operations = [
        migrations.RemoveIndex(model_name="eksempel", name="skattekiste_eks_status_aar"),
    ]
