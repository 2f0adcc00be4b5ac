"""An example's themes: taggit link rows, with history of their own."""

from django.db import models
from simple_history.models import HistoricalRecords

from skattekiste.eksempler.models import Eksempel
from skattekiste.felles.vokabular import Tema, TemaKobling


class EksempelTema(TemaKobling):
    content_object = models.ForeignKey(Eksempel, on_delete=models.CASCADE)
    tag = models.ForeignKey(Tema, on_delete=models.CASCADE, related_name="eksempel_items")

    # Themes are taggit links, not an M2M field simple_history can follow; keeping history
    # on the link rows records who added or removed a theme, and lets a revert find them.
    history = HistoricalRecords()

    class Meta:
        verbose_name = "tema på eksempel"
        verbose_name_plural = "temaer på eksempler"
        constraints = [
            models.UniqueConstraint(
                fields=["content_object", "tag"], name="skattekiste_eksempeltema_unique_pair"
            ),
        ]

    def natural_key(self):
        return super().natural_key()

    natural_key.dependencies = ["skattekiste.eksempel", "skattekiste.tema"]
