from django.urls import path

from skattekiste.eksempler import views

app_name = "eksempler"

urlpatterns = [
    path("", views.eksempel_list, name="list"),
    path("eksport.csv", views.eksempel_eksport, {"fmt": "csv"}, name="eksport_csv"),
    path("eksport.json", views.eksempel_eksport, {"fmt": "json"}, name="eksport_json"),
    path("<slug:slug>/", views.eksempel_detail, name="detail"),
]
