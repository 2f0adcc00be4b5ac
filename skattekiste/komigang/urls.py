"""Kom i gang: the method chooser."""

from django.urls import path

from skattekiste.komigang import views

app_name = "komigang"

urlpatterns = [
    path("", views.velg_metode, name="velg"),
]
