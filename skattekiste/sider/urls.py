"""Root pages. Their URL names are global (hjem, helse, tilgjengelighet) and stable."""

from django.urls import path

from skattekiste.sider import views

urlpatterns = [
    path("", views.hjem, name="hjem"),
    path("helse/", views.helse, name="helse"),
    path("tilgjengelighet/", views.tilgjengelighet, name="tilgjengelighet"),
]
