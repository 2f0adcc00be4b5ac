from django import forms
from django.contrib import admin, messages
from django.contrib.admin.widgets import AutocompleteSelectMultiple
from django.contrib.auth import get_permission_codename
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from simple_history.admin import SimpleHistoryAdmin

from skattekiste.felles import personvern
from skattekiste.forms import VersjonFormMixin, versjon_field
from skattekiste.historikk import deleted_records, historic_m2m_initial, restore_deleted
from skattekiste.models import Distrikt, Eksempel, Innbyggergruppe, Situasjon, Synonym, Tema
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


class RestoreDeletedMixin:
    """«Slettede …» on the changelist: deleted objects come back from their history."""

    change_list_template = "admin/gjenopprett/change_list.html"
    # Further models restored from this page, for example a card's steps.
    restorable_models = ()

    def get_urls(self):
        opts = self.model._meta
        return [
            path(
                "slettede/",
                self.admin_site.admin_view(self.deleted_view),
                name=f"{opts.app_label}_{opts.model_name}_slettede",
            ),
            *super().get_urls(),
        ]

    def restorable_for(self, request):
        return [
            model
            for model in (self.model, *self.restorable_models)
            if request.user.has_perm(
                f"{model._meta.app_label}.{get_permission_codename('add', model._meta)}"
            )
        ]

    def deleted_view(self, request):
        restorable = self.restorable_for(request)
        if not restorable:
            raise PermissionDenied
        if request.method == "POST":
            model = {m._meta.label_lower: m for m in restorable}.get(request.POST.get("modell"))
            object_id = request.POST.get("id", "")
            if model is None or not object_id.isdigit():
                messages.error(request, "Velg noe å gjenopprette fra listen.")
                return redirect(request.path)
            try:
                obj = restore_deleted(model=model, object_id=int(object_id), by=request.user)
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                self.log_addition(request, obj, "Gjenopprettet etter sletting")
                messages.success(request, f"«{obj}» er gjenopprettet.")
            return redirect(request.path)
        opts = self.model._meta
        context = {
            **self.admin_site.each_context(request),
            "title": f"Slettede {opts.verbose_name_plural}",
            "opts": opts,
            "grupper": [(model._meta, deleted_records(model)) for model in restorable],
        }
        return TemplateResponse(request, "admin/gjenopprett/slettede.html", context)


class EksempelAdminForm(personvern.PersonvernFormMixin, VersjonFormMixin, forms.ModelForm):
    situasjoner = forms.MultipleChoiceField(
        choices=Situasjon.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text="A oppgaveløsning (daglig drift), B utvikling, C styring.",
    )
    versjon_lest = versjon_field()

    personvern_contact_fields = personvern.EKSEMPEL_CONTACT_FIELDS

    class Meta:
        model = Eksempel
        fields = "__all__"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tema"] = tema_field(Eksempel)
        if self.instance.pk:
            self.initial["tema"] = [t.pk for t in self.instance.tema.all()]
            self.initial.update(historic_m2m_initial(self.instance))


@admin.register(Eksempel)
class EksempelAdmin(RestoreDeletedMixin, SimpleHistoryAdmin):
    form = EksempelAdminForm
    list_display = [
        "tittel",
        "status",
        "innsendt",
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
    # Status changes go through the workflows (review page and actions): they notify people.
    readonly_fields = [
        "status",
        "vurdering",
        "innsendt",
        "publisert",
        "opprettet",
        "oppdatert",
        "opprettet_av",
        "oppdatert_av",
    ]
    actions = ["publiser", "avpubliser"]
    date_hierarchy = "opprettet"
    fieldsets = [
        (None, {"fields": ["tittel", "slug", "ingress", "beskrivelse", "versjon_lest"]}),
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
            "Vurdering og personvern",
            {
                "fields": [
                    "status",
                    "vurdering",
                    "innsendt",
                    "melding_fra_redaksjonen",
                    "personvern_bekreftet",
                ]
            },
        ),
        (
            "Historikk",
            {"fields": ["publisert", "opprettet", "opprettet_av", "oppdatert", "oppdatert_av"]},
        ),
    ]

    @admin.display(description="situasjon")
    def situasjoner_vist(self, obj):
        return ", ".join(obj.situasjoner)

    @admin.display(description="vurdering")
    def vurdering(self, obj):
        if obj.pk is None:
            return "–"
        return format_html(
            '<a href="{}">Publiser, send tilbake eller avvis</a>',
            reverse("bidra:vurder", args=[obj.pk]),
        )

    def changelist_view(self, request, extra_context=None):
        extra_context = {**(extra_context or {}), "vurdering_url": reverse("bidra:vurdering")}
        return super().changelist_view(request, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        # Atomic like the change form, so the version check holds its row lock until the save.
        with transaction.atomic():
            return super().history_form_view(request, object_id, version_id, extra_context)

    def save_model(self, request, obj, form, change):
        if change:
            # The form checked versjon_lest against the locked row, so this is the next one.
            obj.versjon = form.cleaned_data["versjon_lest"] + 1
        else:
            obj.opprettet_av = request.user
        obj.oppdatert_av = request.user
        reverting = request.resolver_match.url_name.endswith("_simple_history")
        obj._change_reason = (
            "Tilbakeført til en tidligere versjon" if reverting else "Endret i redaksjonsverktøyet"
        )
        super().save_model(request, obj, form, change)

    @admin.action(description="Publiser valgte eksempler", permissions=["change"])
    def publiser(self, request, queryset):
        published = 0
        for eksempel in queryset:
            try:
                publish_eksempel(eksempel=eksempel, by=request.user)
            except ValidationError as error:
                self.message_user(
                    request,
                    f"«{eksempel}» er ikke publisert: {' '.join(error.messages)}",
                    messages.ERROR,
                )
            else:
                published += 1
        if published:
            self.message_user(request, f"{published} eksempler er publisert.", messages.SUCCESS)

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


@admin.register(Synonym)
class SynonymAdmin(admin.ModelAdmin):
    """The search's thesaurus: a search for one of the words finds texts with any of them."""

    list_display = ["ord", "synonymer_vist"]
    search_fields = ["ord"]
    ordering = ["ord"]

    @admin.display(description="betyr det samme som")
    def synonymer_vist(self, obj):
        return ", ".join(obj.synonymer)
