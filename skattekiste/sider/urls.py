"""Root pages. Their URL names are global (hjem, helse, klar, tilgjengelighet) and stable."""

from django.urls import path

from skattekiste.sider import views

urlpatterns = [
    path("", views.hjem, name="hjem"),
    path("helse/", views.helse, name="helse"),
    path("helse/klar/", views.klar, name="klar"),
    path("tilgjengelighet/", views.tilgjengelighet, name="tilgjengelighet"),
]
