from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

from propositions.views import officers_desk

admin.site.site_header = "Strategy tracker"
admin.site.site_title = "Strategy tracker admin"
admin.site.index_title = "Keep the strategy, its targets and its governance"

urlpatterns = [
    path("admin/desk/", officers_desk, name="officers-desk"),
    path("admin/", admin.site.urls),
    path("api/", include("strategy.api_router")),
    path("", include("targets.urls")),
    path("", RedirectView.as_view(url="/admin/", permanent=False)),
]

handler404 = "strategy.api.not_found"
