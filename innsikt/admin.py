from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from innsikt.datoer import Datopresisjon
from innsikt.models import Behov, Innsikt, Kilde
from skattekiste.felles.admin import ContentAdminMixin, RestoreDeletedMixin, tema_field
from skattekiste.felles.forms import VersionedContentForm
from skattekiste.felles.historikk import historic_m2m_initial
from skattekiste.innlesing.admin import InnlesingAdminMixin
from skattekiste.innlesing.ressurser import InnsiktResource, KildeResource


@admin.register(Behov)
class BehovAdmin(ContentAdminMixin, admin.ModelAdmin):
    list_display = ["rekkefolge", "tekst", "kategori"]
    list_filter = ["kategori"]
    search_fields = ["tekst"]
    ordering = ["rekkefolge"]


@admin.register(Kilde)
class KildeAdmin(InnlesingAdminMixin, ContentAdminMixin, RestoreDeletedMixin, SimpleHistoryAdmin):
    form = VersionedContentForm
    resource_classes = [KildeResource]
    list_display = ["tittel", "type", "eier", "aar", "antall"]
    list_filter = ["type", "aar", "distrikter"]
    search_fields = ["tittel", "beskrivelse", "eier"]
    prepopulated_fields = {"slug": ["tittel"]}
    autocomplete_fields = ["distrikter", "metode"]


class InnsiktAdminForm(VersionedContentForm):
    class Meta:
        model = Innsikt
        fields = "__all__"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tema"] = tema_field(Innsikt)
        # A post without the field (a form from before it existed) keeps a whole date.
        self.fields["dato_presisjon"].required = False
        if self.instance.pk:
            self.initial["tema"] = [t.pk for t in self.instance.tema.all()]
            self.initial.update(historic_m2m_initial(self.instance))

    def clean_dato_presisjon(self):
        return self.cleaned_data.get("dato_presisjon") or Datopresisjon.DAG


@admin.register(Innsikt)
class InnsiktAdmin(InnlesingAdminMixin, ContentAdminMixin, RestoreDeletedMixin, SimpleHistoryAdmin):
    form = InnsiktAdminForm
    resource_classes = [InnsiktResource]
    list_display = ["tittel", "styrke", "vist_dato", "status", "fra_gruppen_selv"]
    list_filter = ["status", "styrke", "fra_gruppen_selv", "grupper", "behov", "kilder__type"]
    search_fields = ["tittel", "forklaring"]
    prepopulated_fields = {"slug": ["tittel"]}
    autocomplete_fields = ["kilder", "grupper", "behov", "distrikter", "eksempler"]
    readonly_fields = ["opprettet", "publisert", "oppdatert", "oppdatert_av"]
    date_hierarchy = "dato"

    @admin.display(description="dato", ordering="dato")
    def vist_dato(self, obj):
        return obj.dato_tekst  # only the year when that is all we know

    def save_model(self, request, obj, form, change):
        obj.oppdatert_av = request.user
        super().save_model(request, obj, form, change)
