"""Every error of the API as JSON, in the shapes the schema declares."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import JsonResponse
from django.views import defaults
from rest_framework import renderers
from rest_framework.exceptions import ValidationError


def exception_handler(exc, context):
    """DRF's handler, plus the model's own validation errors as a 400 with field errors."""
    # Imported here: DRF's settings import this module while rest_framework.views loads.
    from rest_framework.views import exception_handler as drf_exception_handler

    request = context.get("request")
    if request is not None and getattr(request, "accepted_renderer", None) is not None:
        # An error is always JSON, as the schema documents, even for ?format=csv.
        request.accepted_renderer = renderers.JSONRenderer()
        request.accepted_media_type = renderers.JSONRenderer.media_type
    if isinstance(exc, DjangoValidationError):
        exc = ValidationError(
            exc.message_dict if hasattr(exc, "error_dict") else {"detail": exc.messages}
        )
    return drf_exception_handler(exc, context)


def not_found(request, exception=None):
    """Django's 404 page, but JSON under /api/ as the API documents (e.g. for a path that
    no route matches, such as a slug with a dot)."""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": "Not found."}, status=404)
    return defaults.page_not_found(request, exception)
