"""Every address of the site, and which public pages are kept for anonymous readers
(strategy/site/response_cache.py). The API's addresses are in strategy/site/api/urls.py."""

from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from governance import views as governance_views
from propositions import views as proposition_views
from strategy.site import views
from strategy.site.desk import officers_desk
from strategy.site.feeds import PublishedFeed
from strategy.site.response_cache import cache_public_response
from strategy.site.signin import StaffAdminSite
from strategy.site.sitemaps import SITEMAPS
from targets import views as target_views

# The default site, with the models every app registered on it, made the one that asks for
# an authenticator code when OTP_REQUIRED is on (django-otp's own advice for admin.site).
admin.site.__class__ = StaffAdminSite
admin.site.site_header = "Strategy tracker"
admin.site.site_title = "Strategy tracker admin"
admin.site.index_title = "Keep the strategy, its targets and its governance"

target_pages = [
    path("targets/<slug:slug>/", cache_public_response(target_views.target_detail), name="detail"),
    path(
        "targets/<slug:slug>/charts/<str:name>.<str:extension>",
        cache_public_response(target_views.target_chart),
        name="chart",
    ),
    path(
        "strategies/<slug:slug>/", cache_public_response(target_views.dashboard), name="dashboard"
    ),
]

proposition_pages = [
    path("propositions/", cache_public_response(proposition_views.proposition_list), name="list"),
    path(
        "propositions/<slug:slug>/",
        cache_public_response(proposition_views.proposition_detail),
        name="detail",
    ),
]

governance_pages = [
    path("governance/", cache_public_response(governance_views.governance_bodies), name="bodies"),
    path("timeline/", cache_public_response(governance_views.timeline), name="timeline"),
]

urlpatterns = [
    path("admin/desk/", officers_desk, name="officers-desk"),
    path("admin/", admin.site.urls),
    path("api/", include("strategy.site.api.urls")),
    path("", cache_public_response(views.home), name="home"),
    path("strategy/", cache_public_response(views.overview), name="strategy-overview"),
    path(
        "accessibility/", cache_public_response(views.accessibility_statement), name="accessibility"
    ),
    path("feed/", cache_public_response(PublishedFeed()), name="feed"),
    path("sitemap.xml", cache_public_response(sitemap), {"sitemaps": SITEMAPS}, name="sitemap"),
    # No trailing slash (DESIGN.md): it matches as it is, so APPEND_SLASH leaves it alone.
    path("healthz", views.healthz, name="healthz"),
    path("", include((target_pages, "targets"))),
    path("", include((proposition_pages, "propositions"))),
    path("", include((governance_pages, "governance"))),
]

# JSON under /api/, Django's pages elsewhere.
handler400 = "strategy.site.api.errors.bad_request"
handler403 = "strategy.site.api.errors.permission_denied"
handler404 = "strategy.site.api.errors.not_found"
handler500 = "strategy.site.api.errors.server_error"
