"""Hvem kan jeg snakke med?"""

from django.urls import path

from skattekiste.folk import views

app_name = "folk"

urlpatterns = [
    path("", views.folk_list, name="liste"),
    path("<int:nr>/", views.person_detail, name="person"),
    path("kontakt/<slug:slug>/", views.kontakt, name="kontakt"),
    path("sparring/", views.sparring_ny, name="sparring_ny"),
    path("sparring/<int:sparring>/", views.sparring_endre, name="sparring_endre"),
    path("sparring/<int:sparring>/fjern/", views.sparring_fjern, name="sparring_fjern"),
]
