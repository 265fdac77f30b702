"""Middleware of the whole site."""

import logging
import time

from axes.helpers import get_client_ip_address
from django.conf import settings
from django.db import DatabaseError
from django.middleware import common

from strategy.site.api.errors import is_api, missing_trailing_slash

logger = logging.getLogger("strategy.requests")


class RequestLogMiddleware:
    """Writes one structured record per request to the "strategy.requests" logger.

    Production logs can then be searched and counted (status, duration, size) without
    parsing free text. It records the path and the query string (everything the site
    publishes is public), never a header, a cookie or a body, so no token, password or
    session key reaches the log. First in MIDDLEWARE, so that the duration covers every
    other middleware and static files are logged too. When the logger is quiet (tests,
    local development) it does nothing at all.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not logger.isEnabledFor(logging.INFO):
            return self.get_response(request)
        started = time.perf_counter()
        response = self.get_response(request)
        duration_ms = round((time.perf_counter() - started) * 1000, 1)
        logger.info(
            "%s %s %s",
            request.method,
            request.path,
            response.status_code,
            extra={
                "method": request.method,
                "path": request.path,
                "query": request.META.get("QUERY_STRING", ""),
                "status": response.status_code,
                "duration_ms": duration_ms,
                "size": response_size(response),
                "client": client_address(request),
                "user_id": signed_in_user_id(request),
            },
        )
        return response


def client_address(request) -> str | None:
    """The address the sign-in cool-off locks, found the same way: the connection's, or
    X-Forwarded-For's as far as TRUSTED_PROXY_COUNT trusts it.

    Without a trusted proxy it is read directly: django-ipware's search costs more than
    the rest of the log line.
    """
    if settings.TRUSTED_PROXY_COUNT:
        return get_client_ip_address(request)
    return request.META.get("REMOTE_ADDR")


def response_size(response) -> int | None:
    """The body's length in bytes; None for a stream of unknown length."""
    if response.has_header("Content-Length"):
        return int(response["Content-Length"])
    if response.streaming:
        return None
    return len(response.content)


def signed_in_user_id(request) -> int | None:
    # Anonymous visitors carry no session cookie, so this costs them no query.
    user = getattr(request, "user", None)
    try:
        return user.pk if user is not None and user.is_authenticated else None
    except DatabaseError:
        # The database is down (and /healthz has said so): the answer stands, unsigned.
        return None


class CommonMiddleware(common.CommonMiddleware):
    """Django's, but a write to an API address without its trailing slash is told to add
    it: APPEND_SLASH's 301 would turn it into a GET without its body (and with DEBUG on,
    Django raises an error instead)."""

    def process_response(self, request, response):
        if (
            response.status_code == 404
            and is_api(request)
            and request.method not in ("GET", "HEAD", "OPTIONS")
            and self.should_redirect_with_slash(request)
        ):
            return missing_trailing_slash(request)
        return super().process_response(request, response)
