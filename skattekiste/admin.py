from django import forms
from django.contrib import admin, messages
from django.contrib.admin.widgets import AutocompleteSelectMultiple
from django.utils import timezone
from simple_history.admin import SimpleHistoryAdmin

from skattekiste.models import Distrikt, Eksempel, Innbyggergruppe, Situasjon, Tema
from skattekiste.workflows import publish_eksempel, unpublish_eksempel


class SituasjonFilter(admin.SimpleListFilter):
    title = "situasjon"
    parameter_name = "situasjon"

    def lookups(self, request, model_admin):
        return Situasjon.choices

    def queryset(self, request, queryset):
        if self.value() in Situasjon.values:
            return queryset.filter(situasjoner__contains=[self.value()])
        return queryset


def tema_field(model):
    """Themes as an autocomplete list instead of taggit's free-text box."""
    return forms.ModelMultipleChoiceField(
        queryset=Tema.objects.all(),
        required=False,
        label="Temaer",
        widget=AutocompleteSelectMultiple(model._meta.get_field("tema"), admin.site),
        help_text="Søk og velg. Nye temaer legges til under «Temaer».",
    )


class EksempelAdminForm(forms.ModelForm):
    situasjoner = forms.MultipleChoiceField(
        choices=Situasjon.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text="A oppgaveløsning (daglig drift), B utvikling, C styring.",
    )

    class Meta:
        model = Eksempel
        fields = "__all__"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tema"] = tema_field(Eksempel)
        if self.instance.pk:
            self.initial["tema"] = [t.pk for t in self.instance.tema.all()]


@admin.register(Eksempel)
class EksempelAdmin(SimpleHistoryAdmin):
    form = EksempelAdminForm
    list_display = [
        "tittel",
        "status",
        "aar",
        "situasjoner_vist",
        "sted",
        "oppdatert",
        "oppdatert_av",
    ]
    list_filter = ["status", SituasjonFilter, "aar", "distrikter", "grupper", "metoder"]
    list_select_related = ["oppdatert_av"]
    search_fields = ["tittel", "ingress", "beskrivelse", "sted", "kontakt_navn"]
    prepopulated_fields = {"slug": ["tittel"]}
    autocomplete_fields = ["distrikter", "grupper", "metoder"]
    readonly_fields = ["publisert", "opprettet", "oppdatert", "opprettet_av", "oppdatert_av"]
    actions = ["publiser", "avpubliser"]
    date_hierarchy = "opprettet"
    fieldsets = [
        (None, {"fields": ["tittel", "slug", "ingress", "beskrivelse"]}),
        (
            "Hvor, når og hva",
            {"fields": ["sted", "distrikter", "aar", "situasjoner", "tema", "grupper", "metoder"]},
        ),
        ("Erfaringer", {"fields": ["hva_fungerte", "hva_fungerte_ikke", "laering", "kilder"]}),
        (
            "Hvem kan jeg snakke med?",
            {
                "fields": [
                    "kontakt_navn",
                    "kontakt_rolle",
                    "kontakt_enhet",
                    "kontakt_epost",
                    "kontakt_telefon",
                ]
            },
        ),
        (
            "Status",
            {
                "fields": [
                    "status",
                    "publisert",
                    "opprettet",
                    "opprettet_av",
                    "oppdatert",
                    "oppdatert_av",
                ]
            },
        ),
    ]

    @admin.display(description="situasjon")
    def situasjoner_vist(self, obj):
        return ", ".join(obj.situasjoner)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.opprettet_av = request.user
        obj.oppdatert_av = request.user
        if obj.status == Eksempel.Status.PUBLISERT and not obj.publisert:
            obj.publisert = timezone.now()
        super().save_model(request, obj, form, change)

    @admin.action(description="Publiser valgte eksempler", permissions=["change"])
    def publiser(self, request, queryset):
        for eksempel in queryset:
            publish_eksempel(eksempel=eksempel, by=request.user)
        self.message_user(request, f"{queryset.count()} eksempler er publisert.", messages.SUCCESS)

    @admin.action(
        description="Avpubliser valgte eksempler (gjør til utkast)", permissions=["change"]
    )
    def avpubliser(self, request, queryset):
        for eksempel in queryset:
            unpublish_eksempel(eksempel=eksempel, by=request.user)
        self.message_user(request, f"{queryset.count()} eksempler er nå utkast.", messages.SUCCESS)


@admin.register(Distrikt)
class DistriktAdmin(admin.ModelAdmin):
    list_display = ["navn", "kortnavn", "type"]
    list_filter = ["type"]
    search_fields = ["navn", "kortnavn"]
    prepopulated_fields = {"slug": ["navn"]}


@admin.register(Innbyggergruppe)
class InnbyggergruppeAdmin(admin.ModelAdmin):
    list_display = ["navn", "synonymer_vist"]
    search_fields = ["navn", "beskrivelse"]
    prepopulated_fields = {"slug": ["navn"]}

    @admin.display(description="også kalt")
    def synonymer_vist(self, obj):
        return ", ".join(obj.synonymer)


@admin.register(Tema)
class TemaAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
