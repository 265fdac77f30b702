"""Every resource of the REST API, v1 (DESIGN.md): one place to see the whole contract.
Each resource's anonymous reads are kept (strategy/site/response_cache.py)."""

from django.conf import settings
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework import routers

from governance.api import (
    GovernanceBodyViewSet,
    MeetingViewSet,
    OrganisationViewSet,
    TimelineEntryViewSet,
)
from propositions.api import PropositionViewSet
from strategy.api import (
    AreaViewSet,
    GrandChallengeViewSet,
    SectorDealViewSet,
    StrategyViewSet,
)
from strategy.site.api.caching import cache_headers, with_kept_reads
from strategy.site.api.download import BulkDownloadView
from targets.api import ObservationViewSet, PublishedAssessmentViewSet, TargetViewSet


class APIRootView(routers.APIRootView):
    """The resources' addresses, with the licence the data is under and how to cite it,
    so that a partner who starts here knows the terms before the figures."""

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        root = request.build_absolute_uri()
        response.data = {
            **response.data,
            "licence": settings.DATA_LICENCE,
            "how_to_cite": f"Strategy tracker API, {root} (accessed <date>). "
            + settings.DATA_ATTRIBUTION,
        }
        return cache_headers(request, response)


class Router(routers.DefaultRouter):
    APIRootView = APIRootView


router = Router()
router.register("strategies", with_kept_reads(StrategyViewSet), basename="strategies")
router.register(
    "grand-challenges", with_kept_reads(GrandChallengeViewSet), basename="grand-challenges"
)
router.register("sector-deals", with_kept_reads(SectorDealViewSet), basename="sector-deals")
router.register("areas", with_kept_reads(AreaViewSet), basename="areas")
router.register("targets", with_kept_reads(TargetViewSet), basename="targets")
router.register("observations", with_kept_reads(ObservationViewSet), basename="observations")
router.register("assessments", with_kept_reads(PublishedAssessmentViewSet), basename="assessments")
router.register("propositions", with_kept_reads(PropositionViewSet), basename="propositions")
router.register("organisations", with_kept_reads(OrganisationViewSet), basename="organisations")
router.register(
    "governance-bodies", with_kept_reads(GovernanceBodyViewSet), basename="governance-bodies"
)
router.register("meetings", with_kept_reads(MeetingViewSet), basename="meetings")
router.register("milestones", with_kept_reads(TimelineEntryViewSet), basename="milestones")

urlpatterns = [
    # Beside the router, not in it: one zip of every resource's list, not a resource.
    path(
        "v1/download/",
        BulkDownloadView.as_view(registry=router.registry),
        name="bulk-download",
    ),
    path("v1/", include(router.urls)),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    # Swagger UI's set-up script is served separately (?script), and the page's inline
    # style moved to a stylesheet, so the reference works under the Content-Security-Policy.
    path(
        "docs/",
        SpectacularSwaggerSplitView.as_view(
            url_name="schema", template_name="strategy/api_docs.html"
        ),
        name="api-docs",
    ),
]
