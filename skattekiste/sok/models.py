"""What the search keeps in the database: the team's synonyms and the word list."""

from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.db import models
from django.db.models.functions import Lower, Reverse


class SynonymManager(models.Manager):
    def get_by_natural_key(self, ord):
        return self.get(ord=ord)


class Synonym(models.Model):
    """Words that mean the same to someone searching; the team keeps the list in the admin."""

    ord = models.CharField(max_length=60, help_text="Et ord eller uttrykk, for eksempel «svindel».")
    synonymer = ArrayField(
        models.CharField(max_length=60),
        help_text="Ord som betyr det samme, skilt med komma. Et søk på ett av ordene finner alle.",
    )

    objects = SynonymManager()

    class Meta:
        verbose_name = "synonym i søket"
        verbose_name_plural = "synonymer i søket"
        ordering = ["ord"]
        constraints = [
            models.UniqueConstraint(Lower("ord"), name="skattekiste_synonym_unique_ord"),
        ]

    def __str__(self):
        return self.ord

    def natural_key(self):
        return (self.ord,)


class SearchWord(models.Model):
    """A word in the published content, with its stem and how many texts use it.

    Rebuilt from the content by `wordlist.refresh_lexicon()`; the search uses it to split
    compounds, to fix inflections the stemmer gets wrong and to suggest «Mente du …?».
    Only published text goes in, so a suggestion never reveals a draft.
    """

    # "C" collation: byte order, so prefix ranges and LIKE 'x%' can use the indexes.
    word = models.CharField(max_length=60, db_collation="C")
    stem = models.CharField(max_length=60, db_collation="C")
    ndoc = models.PositiveIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["word"], name="skattekiste_searchword_unique_word"),
        ]
        indexes = [
            models.Index(fields=["stem"], name="skattekiste_searchword_stem"),
            # Compounds that end with a word: nettpatrulje for «patrulje».
            models.Index(Reverse("stem"), name="skattekiste_searchword_rstem"),
            # «Mente du …?»: words with trigrams in common with a typo (pg_trgm).
            GinIndex(
                fields=["word"], opclasses=["gin_trgm_ops"], name="skattekiste_searchword_trgm"
            ),
        ]

    def __str__(self):
        return self.word
