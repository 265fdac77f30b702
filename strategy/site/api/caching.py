"""Anonymous reads of the API answered from the kept public responses
(strategy/site/response_cache.py)."""

import functools
import inspect

from django.conf import settings
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.dateparse import parse_datetime
from django.utils.http import http_date
from rest_framework import viewsets

from strategy.site.response_cache import cached_response, is_anonymous_read


def cache_headers(request, response):
    """An anonymous read may be reused by any cache for API_CACHE_SECONDS; what a signed-in
    user or a token is answered (drafts, perhaps) is theirs alone and never stored."""
    # A token changes the answer as a session cookie does (Vary: Cookie comes with it).
    patch_vary_headers(response, ["Authorization"])
    if is_anonymous_read(request) and response.status_code == 200:
        patch_cache_control(response, public=True, max_age=settings.API_CACHE_SECONDS)
    else:
        patch_cache_control(response, private=True, no_store=True)
    return response


def last_modified(response):
    """A record that says when it last changed (observations and assessments) says so in
    Last-Modified too, from the data already serialised. Not for lists: a record that is
    withdrawn or deleted leaves a list without making its newest change any newer."""
    data = getattr(response, "data", None)
    changed = parse_datetime(data.get("updated_at") or "") if isinstance(data, dict) else None
    if response.status_code == 200 and changed is not None:
        response["Last-Modified"] = http_date(changed.timestamp())
    return response


def record_headers(request, response):
    return last_modified(cache_headers(request, response))


# The reads that are kept, with the headers each answer carries.
HEADERS = {"list": cache_headers, "retrieve": record_headers}


def with_kept_reads(viewset: type[viewsets.GenericViewSet]) -> type[viewsets.GenericViewSet]:
    """The app's viewset, under its own name, with its anonymous reads kept: the site
    decides what is kept, so the apps' resources need not know the cache exists.

    The handlers are wrapped rather than overridden by a mixin, so that what an app
    declares on its own `list` or `retrieve` (drf-spectacular's annotations) stays on
    them; and inside the view, so that DRF has already authenticated and throttled the
    request: API_ANON_RATE counts kept answers too.
    """
    members = {"__doc__": inspect.getdoc(viewset)}
    for action, headers in HEADERS.items():
        handler = getattr(viewset, action, None)
        if handler is not None:
            members[action] = kept(handler, headers)
    return type(viewset.__name__, (viewset,), members)


def kept(handler, headers):
    @functools.wraps(handler)
    def handle(self, request, *args, **kwargs):
        return cached_response(
            request,
            lambda: headers(request, handler(self, request, *args, **kwargs)),
            ("Accept",),
        )

    return handle
