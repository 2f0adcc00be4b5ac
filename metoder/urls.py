from django.urls import path

from metoder import views

app_name = "metoder"

urlpatterns = [
    path("", views.metode_list, name="list"),
    path("<slug:slug>/", views.metode_detail, name="detail"),
]
