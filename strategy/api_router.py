"""Every resource of the REST API, v1 (DESIGN.md): one place to see the whole contract."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from governance.api import (
    GovernanceBodyViewSet,
    MeetingViewSet,
    OrganisationViewSet,
    TimelineEntryViewSet,
)
from propositions.api import PropositionViewSet
from strategy.api_resources import (
    AreaViewSet,
    GrandChallengeViewSet,
    SectorDealViewSet,
    StrategyViewSet,
)
from targets.api import ObservationViewSet, PublishedAssessmentViewSet, TargetViewSet

router = DefaultRouter()
router.register("strategies", StrategyViewSet, basename="strategies")
router.register("grand-challenges", GrandChallengeViewSet, basename="grand-challenges")
router.register("sector-deals", SectorDealViewSet, basename="sector-deals")
router.register("areas", AreaViewSet, basename="areas")
router.register("targets", TargetViewSet, basename="targets")
router.register("observations", ObservationViewSet, basename="observations")
router.register("assessments", PublishedAssessmentViewSet, basename="assessments")
router.register("propositions", PropositionViewSet, basename="propositions")
router.register("organisations", OrganisationViewSet, basename="organisations")
router.register("governance-bodies", GovernanceBodyViewSet, basename="governance-bodies")
router.register("meetings", MeetingViewSet, basename="meetings")
router.register("milestones", TimelineEntryViewSet, basename="milestones")

urlpatterns = [
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
