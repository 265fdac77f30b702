"""Every resource of the REST API, v1 (DESIGN.md): one place to see the whole contract."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView
from rest_framework.routers import DefaultRouter

from targets.api import ObservationViewSet, PublishedAssessmentViewSet, TargetViewSet

router = DefaultRouter()
router.register("targets", TargetViewSet, basename="targets")
router.register("observations", ObservationViewSet, basename="observations")
router.register("assessments", PublishedAssessmentViewSet, basename="assessments")

urlpatterns = [
    path("v1/", include(router.urls)),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="schema"), name="api-docs"),
]
