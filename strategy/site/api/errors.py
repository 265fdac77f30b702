"""Every error of the API as JSON, in the shapes the schema declares: DRF's own, and those
Django answers before or after DRF runs (handler400, handler403, handler404, handler500 in
strategy/site/urls.py; a missing trailing slash in strategy/site/middleware.py)."""

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import JsonResponse
from django.views import defaults
from rest_framework import renderers, status
from rest_framework.exceptions import APIException, NotFound, PermissionDenied, ValidationError
from rest_framework.negotiation import DefaultContentNegotiation


class RequestTooLarge(APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_code = "request_too_large"


def too_many_parameters() -> str:
    return f"Too many parameters: at most {settings.DATA_UPLOAD_MAX_NUMBER_FIELDS}."


def body_too_large() -> str:
    return f"The request body is too large: at most {settings.DATA_UPLOAD_MAX_MEMORY_SIZE} bytes."


def exception_handler(exc, context):
    """DRF's handler, plus the model's own validation errors as a 400 with field errors,
    and Django's refusals of a request's size as the API's errors."""
    # Imported here: DRF's settings import this module while rest_framework.views loads.
    from rest_framework.views import exception_handler as drf_exception_handler

    request = context.get("request")
    if request is not None:
        # An error is always JSON, as the schema documents, even for ?format=csv, and
        # even when no format was agreed (406): DRF would render it in the view's first,
        # the zip of /api/v1/download/.
        request.accepted_renderer = renderers.JSONRenderer()
        request.accepted_media_type = renderers.JSONRenderer.media_type
    if isinstance(exc, DjangoValidationError):
        exc = ValidationError(
            exc.message_dict if hasattr(exc, "error_dict") else {"detail": exc.messages}
        )
    elif isinstance(exc, TooManyFieldsSent):
        exc = ValidationError({"detail": too_many_parameters()})
    elif isinstance(exc, RequestDataTooBig):
        exc = RequestTooLarge(body_too_large())
    return drf_exception_handler(exc, context)


class ContentNegotiation(DefaultContentNegotiation):
    """DRF's, but an unknown `?format=` is a 400 naming the parameter, not a 404."""

    def filter_renderers(self, renderers, format):
        kept = [renderer for renderer in renderers if renderer.format == format]
        if not kept:
            known = " or ".join(sorted(renderer.format for renderer in renderers))
            raise ValidationError(
                {self.settings.URL_FORMAT_OVERRIDE: [f"Unknown format “{format}”: use {known}."]}
            )
        return kept


def is_api(request) -> bool:
    return request.path.startswith("/api/")


def bad_request(request, exception=None):
    """Django's refusals before DRF runs (too many parameters, a body too large), as JSON
    under /api/."""
    if not is_api(request):
        return defaults.bad_request(request, exception)
    if isinstance(exception, RequestDataTooBig):
        return JsonResponse({"detail": body_too_large()}, status=413)
    if isinstance(exception, TooManyFieldsSent):
        return JsonResponse({"detail": too_many_parameters()}, status=400)
    return JsonResponse({"detail": "Bad request."}, status=400)


def permission_denied(request, exception=None):
    if is_api(request):
        return JsonResponse({"detail": PermissionDenied.default_detail}, status=403)
    return defaults.permission_denied(request, exception)


def not_found(request, exception=None):
    """Django's 404 page, but JSON under /api/ as the API documents (e.g. for a path that
    no route matches, such as a slug with a dot)."""
    if is_api(request):
        return JsonResponse({"detail": NotFound.default_detail}, status=404)
    return defaults.page_not_found(request, exception)


def server_error(request):
    """Django's 500 page, but JSON under /api/: a partner's client can always parse it."""
    if is_api(request):
        return JsonResponse({"detail": "Server error."}, status=500)
    return defaults.server_error(request)


def missing_trailing_slash(request) -> JsonResponse:
    """A write to an API address without its trailing slash: a redirect would lose the
    body, so the partner is told the address to use."""
    return JsonResponse({"detail": f"Add a trailing slash: {request.path}/"}, status=404)
