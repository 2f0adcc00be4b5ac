"""A plan: the employee's own kjøreplan for one piece of citizen involvement.

It is private working notes, not content: no list, search or admin shows it. The owner
shares it read-only with named colleagues or with everyone logged in (`Deling`); the
queries in queries.py are the only way the pages find plans. The card's steps are copied
in as a checklist (`Planpunkt`), because the plan's notes belong to the steps as they
were when the card was chosen; «Husk!», people and the group's needs are read live.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from metoder.models import Metode
from skattekiste.felles.vokabular import Distrikt, Innbyggergruppe, Situasjon


class Deling(models.TextChoices):
    PRIVAT = "privat", "Bare meg"
    NAVNGITT = "navngitt", "Meg og kollegene jeg velger"
    ALLE = "alle", "Alle som er logget inn i Skattekisten"


class PlanQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Plans this person may read: their own and those shared with them. Nobody else's,
        whatever their role: a plan is working notes, not content for the team to edit."""
        return self.filter(
            Q(eier=user)
            | Q(deling=Deling.ALLE)
            | Q(deling=Deling.NAVNGITT)
            & Exists(Plan.delt_med.through.objects.filter(plan=OuterRef("pk"), user=user))
        )

    def owned_by(self, user):
        return self.filter(eier=user)

    def newest_first(self):
        return self.order_by("-oppdatert", "-id")


class Plan(models.Model):
    eier = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="planer"
    )
    tittel = models.CharField(max_length=200)
    situasjon = models.CharField(max_length=1, choices=Situasjon.choices, blank=True)
    gruppe = models.ForeignKey(
        Innbyggergruppe,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="innbyggergruppe",
    )
    distrikt = models.ForeignKey(
        Distrikt, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    metoder = models.ManyToManyField(Metode, related_name="+", verbose_name="metoder")
    notat = models.TextField("mål og notater", blank=True)
    deling = models.CharField(max_length=8, choices=Deling.choices, default=Deling.PRIVAT)
    delt_med = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="planer_delt_med_meg"
    )
    # The share form's key when the plan becomes an example («Del erfaringen»): the example
    # with this `innsending_id` is the plan's, so the plan finds it without a second write.
    innsending_id = models.UUIDField(default=uuid.uuid4, editable=False)
    opprettet = models.DateTimeField(auto_now_add=True)
    oppdatert = models.DateTimeField("sist endret", auto_now=True)

    # Optimistic locking (felles/versjon.py): a save from a stale tab is refused.
    versjon = models.PositiveIntegerField(default=1, editable=False)
    navn_bestemt = "planen"

    objects = PlanQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["innsending_id"])

    class Meta:
        verbose_name = "plan"
        verbose_name_plural = "planer"
        constraints = [
            models.UniqueConstraint(
                fields=["innsending_id"], name="skattekiste_plan_unique_innsending"
            ),
            models.CheckConstraint(
                condition=Q(deling__in=["privat", "navngitt", "alle"]),
                name="skattekiste_plan_deling_valid",
            ),
            models.CheckConstraint(
                condition=Q(situasjon__in=["", "A", "B", "C"]),
                name="skattekiste_plan_situasjon_valid",
            ),
        ]
        indexes = [models.Index(fields=["eier", "-oppdatert"], name="skattekiste_plan_eier")]

    def __str__(self):
        return self.tittel

    def get_absolute_url(self):
        return reverse("planer:detail", kwargs={"pk": self.pk})


class Planpunkt(models.Model):
    """One step of a card in the plan's checklist, with the plan's own note, who and when."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="punkter")
    metode = models.ForeignKey(Metode, on_delete=models.SET_NULL, null=True, related_name="+")
    rekkefolge = models.PositiveSmallIntegerField("rekkefølge")
    tekst = models.TextField("steg")
    ferdig = models.BooleanField("gjort", default=False)
    notat = models.TextField(blank=True)
    hvem = models.CharField(max_length=200, blank=True)
    naar = models.DateField("når", null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "punkt i planen"
        verbose_name_plural = "punkter i planen"
        ordering = ["plan", "rekkefolge"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "rekkefolge"], name="skattekiste_planpunkt_unique_rekkefolge"
            ),
        ]

    def __str__(self):
        return f"{self.rekkefolge}. {self.tekst[:60]}"

    def get_absolute_url(self):
        return self.plan.get_absolute_url()
