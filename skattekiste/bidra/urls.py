"""Sharing an example: /bidra/ for every employee, /bidra/vurdering/ for the team."""

from django.urls import path

from skattekiste.bidra import views

app_name = "bidra"

urlpatterns = [
    path("", views.del_eksempel, name="ny"),
    path("takk/<int:pk>/", views.takk, name="takk"),
    path("mine/", views.mine, name="mine"),
    path("mine/<int:pk>/", views.innsending_detail, name="detail"),
    path("mine/<int:pk>/endre/", views.endre_innsending, name="endre"),
    path("vurdering/", views.vurdering_list, name="vurdering"),
    path("vurdering/<int:pk>/", views.vurder, name="vurder"),
]
