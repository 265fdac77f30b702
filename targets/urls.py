from django.urls import path

from targets import views

app_name = "targets"

urlpatterns = [
    path("targets/<slug:slug>/", views.target_detail, name="detail"),
]
