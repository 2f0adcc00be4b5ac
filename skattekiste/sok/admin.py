"""The search's thesaurus in the admin."""

from django.contrib import admin

from skattekiste.felles.admin import ContentAdminMixin
from skattekiste.sok.models import Synonym


@admin.register(Synonym)
class SynonymAdmin(ContentAdminMixin, admin.ModelAdmin):
    """The search's thesaurus: a search for one of the words finds texts with any of them."""

    list_display = ["ord", "synonymer_vist"]
    search_fields = ["ord"]
    ordering = ["ord"]

    @admin.display(description="betyr det samme som")
    def synonymer_vist(self, obj):
        return ", ".join(obj.synonymer)
