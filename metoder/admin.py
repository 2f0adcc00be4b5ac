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

    class Meta:
        model = Metode
        fields = "__all__"


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
    list_display = ["nummer", "navn", "rekkevidde", "forstaaelse", "oppdatert"]
    list_display_links = ["nummer", "navn"]
    list_filter = ["rekkevidde", "forstaaelse"]
    search_fields = ["navn", "ingress"]
    prepopulated_fields = {"slug": ["navn"]}
    readonly_fields = ["oppdatert"]
