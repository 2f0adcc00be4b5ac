from django import forms
from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from metoder.models import Fase, Husk, Metode, Steg
from skattekiste.felles.admin import (
    ContentAdminMixin,
    LabelledTabularInline,
    RestoreDeletedMixin,
)
from skattekiste.felles.forms import ContentInlineForm, VersionedContentForm
from skattekiste.felles.vokabular import Situasjon


class MetodeAdminForm(VersionedContentForm):
    situasjoner = forms.MultipleChoiceField(
        choices=Situasjon.choices, widget=forms.CheckboxSelectMultiple
    )
    faser = forms.MultipleChoiceField(
        choices=Fase.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label="Faser i sirkelen",
    )
    faser_fra_rapporten = forms.MultipleChoiceField(
        choices=Fase.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label="Faser rapporten gir kortet",
        help_text="Fasene rapportens sirkel (eksempelet fra Tønsberg) gir kortet. "
        "Andre faser i sirkelen er teamets klassifisering.",
    )

    class Meta:
        model = Metode
        fields = "__all__"

    def clean(self):
        cleaned = super().clean()
        if set(cleaned.get("faser_fra_rapporten") or []) - set(cleaned.get("faser") or []):
            self.add_error(
                "faser_fra_rapporten",
                "En fase rapporten gir kortet, må også være krysset av under «Faser i sirkelen».",
            )
        return cleaned


class StegInline(LabelledTabularInline):
    model = Steg
    form = ContentInlineForm
    extra = 0
    ordering = ["rekkefolge"]
    fields = ["rekkefolge", "tekst"]
    verbose_name_plural = "Slik gjør du det (endre rekkefølgen med tallene)"


class HuskInline(LabelledTabularInline):
    model = Husk
    form = ContentInlineForm
    extra = 0
    ordering = ["rekkefolge"]
    fields = ["rekkefolge", "tekst"]
    verbose_name_plural = "Husk! (endre rekkefølgen med tallene)"


@admin.register(Metode)
class MetodeAdmin(ContentAdminMixin, RestoreDeletedMixin, SimpleHistoryAdmin):
    form = MetodeAdminForm
    # Steps and «Husk!» points are deleted in the card's form; they come back from here.
    restorable_models = (Steg, Husk)
    inlines = [StegInline, HuskInline]
    list_display = [
        "nummer",
        "navn",
        "rekkevidde",
        "rekkevidde_fra_rapporten",
        "forstaaelse",
        "oppdatert",
    ]
    list_display_links = ["nummer", "navn"]
    list_filter = ["rekkevidde", "forstaaelse"]
    search_fields = ["navn", "ingress"]
    prepopulated_fields = {"slug": ["navn"]}
    readonly_fields = ["oppdatert"]
