from django.apps import AppConfig


class SkattekisteConfig(AppConfig):
    name = "skattekiste"
    verbose_name = "Skattekisten"
