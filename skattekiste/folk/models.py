"""The people of /folk/: one row per contact person of published examples.

PostgreSQL keeps the table (triggers in migration 0038): every statement that writes
examples recounts the people it touched, so admin saves, bulk_create, loaddata and COPY
all keep it exact. A person is merged by e-mail, and by name and unit where there is no
e-mail (the SQL function folk_nokkel). A row lives while its person is the contact of at
least one published example: then the name and e-mail of a draft or a deleted example
never linger here.
"""

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse


class Person(models.Model):
    nokkel = models.TextField("nøkkel", unique=True, editable=False)
    navn = models.CharField(max_length=120, editable=False)
    rolle = models.CharField(max_length=120, blank=True, editable=False)
    enhet = models.CharField(max_length=120, blank=True, editable=False)
    epost = models.CharField("e-post", max_length=254, blank=True, editable=False)
    antall = models.PositiveIntegerField("publiserte eksempler", editable=False)

    class Meta:
        verbose_name = "kontaktperson"
        verbose_name_plural = "kontaktpersoner"
        ordering = ["navn", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(antall__gt=0), name="skattekiste_person_antall"
            )
        ]
        # /folk/ lists people by name, a page at a time.
        indexes = [models.Index(Lower("navn"), "id", name="skattekiste_person_navn")]

    def __str__(self):
        return self.navn

    def get_absolute_url(self):
        return reverse("folk:person", kwargs={"nr": self.pk})


class Sparringpartner(models.Model):
    """An employee who offers sparring: their own entry, which only they edit."""

    bruker = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="sparring"
    )
    navn = models.CharField(max_length=120)
    rolle = models.CharField(max_length=120, blank=True)
    enhet = models.CharField(max_length=120, blank=True)
    distrikt = models.ForeignKey(
        "skattekiste.Distrikt", on_delete=models.SET_NULL, null=True, blank=True
    )
    kan_hjelpe_med = models.TextField("hva du kan hjelpe med", max_length=1000)
    metoder = models.ManyToManyField(
        "metoder.Metode", blank=True, verbose_name="metoder du kjenner"
    )
    grupper = models.ManyToManyField(
        "skattekiste.Innbyggergruppe", blank=True, verbose_name="innbyggergrupper du kjenner"
    )
    oppdatert = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "sparringpartner"
        verbose_name_plural = "sparringpartnere"
        ordering = ["navn", "id"]

    def __str__(self):
        return self.navn

    def get_absolute_url(self):
        return reverse("folk:sparring_endre", kwargs={"sparring": self.pk})
