from django.urls import path

from skattekiste.eksempler import views

app_name = "eksempler"

urlpatterns = [
    path("", views.eksempel_list, name="list"),
    path("<slug:slug>/", views.eksempel_detail, name="detail"),
]
