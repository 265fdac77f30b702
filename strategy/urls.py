from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from propositions.feeds import PublishedFeed
from propositions.sitemaps import PropositionSitemap
from propositions.views import officers_desk
from strategy import views as strategy_views
from strategy.response_cache import cache_public_response
from strategy.signin import StaffAdminSite
from strategy.sitemaps import SectionSitemap
from targets import views as target_views
from targets.sitemaps import StrategyDashboardSitemap, TargetSitemap

# The default site, with the models every app registered on it, made the one that asks for
# an authenticator code when OTP_REQUIRED is on (django-otp's own advice for admin.site).
admin.site.__class__ = StaffAdminSite
admin.site.site_header = "Strategy tracker"
admin.site.site_title = "Strategy tracker admin"
admin.site.index_title = "Keep the strategy, its targets and its governance"

sitemaps = {
    "sections": SectionSitemap,
    "targets": TargetSitemap,
    "strategies": StrategyDashboardSitemap,
    "propositions": PropositionSitemap,
}

urlpatterns = [
    path("admin/desk/", officers_desk, name="officers-desk"),
    path("admin/", admin.site.urls),
    path("api/", include("strategy.api_router")),
    path("", target_views.dashboard, name="home"),
    path("strategy/", strategy_views.overview, name="strategy-overview"),
    path("accessibility/", strategy_views.accessibility_statement, name="accessibility"),
    path("feed/", cache_public_response(PublishedFeed()), name="feed"),
    path("sitemap.xml", cache_public_response(sitemap), {"sitemaps": sitemaps}, name="sitemap"),
    # No trailing slash (DESIGN.md): it matches as it is, so APPEND_SLASH leaves it alone.
    path("healthz", strategy_views.healthz, name="healthz"),
    path("", include("targets.urls")),
    path("", include("propositions.urls")),
    path("", include("governance.urls")),
]

handler404 = "strategy.api.not_found"
