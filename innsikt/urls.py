from django.urls import path

from innsikt import views

app_name = "innsikt"

urlpatterns = [
    path("", views.innsikt_list, name="list"),
    path("eksport.csv", views.innsikt_eksport, {"fmt": "csv"}, name="eksport_csv"),
    path("eksport.json", views.innsikt_eksport, {"fmt": "json"}, name="eksport_json"),
    path("grupper/", views.gruppe_list, name="grupper"),
    path("grupper/<slug:slug>/", views.gruppe_detail, name="gruppe"),
    path("<slug:slug>/", views.innsikt_detail, name="detail"),
]
