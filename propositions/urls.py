from django.urls import path

from propositions import views

app_name = "propositions"

urlpatterns = [
    path("propositions/", views.proposition_list, name="list"),
    path("propositions/<slug:slug>/", views.proposition_detail, name="detail"),
]
