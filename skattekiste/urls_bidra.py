"""Sharing an example: /bidra/ for every employee, /bidra/vurdering/ for the team."""

from django.urls import path

from skattekiste import views_bidra

app_name = "bidra"

urlpatterns = [
    path("", views_bidra.del_eksempel, name="ny"),
    path("takk/<int:pk>/", views_bidra.takk, name="takk"),
    path("mine/", views_bidra.mine, name="mine"),
    path("mine/<int:pk>/", views_bidra.innsending_detail, name="detail"),
    path("mine/<int:pk>/endre/", views_bidra.endre_innsending, name="endre"),
    path("vurdering/", views_bidra.vurdering_list, name="vurdering"),
    path("vurdering/<int:pk>/", views_bidra.vurder, name="vurder"),
]
