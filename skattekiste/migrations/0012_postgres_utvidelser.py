# pg_trgm, unaccent and fuzzystrmatch for the search. All three are trusted extensions
# (PostgreSQL 13+): the database owner may create them without being superuser, and
# CreateExtension skips any that an administrator has created beforehand.

from django.contrib.postgres.operations import (
    CreateExtension,
    TrigramExtension,
    UnaccentExtension,
)
from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('skattekiste', '0011_versjon'),
    ]

    operations = [
        TrigramExtension(),
        UnaccentExtension(),
        CreateExtension('fuzzystrmatch'),
    ]
