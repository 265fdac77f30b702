from django.urls import path

from targets import views

app_name = "targets"

urlpatterns = [
    path("targets/<slug:slug>/", views.target_detail, name="detail"),
    path(
        "targets/<slug:slug>/charts/<str:name>.<str:extension>",
        views.target_chart,
        name="chart",
    ),
    path("strategies/<slug:slug>/", views.dashboard, name="dashboard"),
]
