import inspect

from django.conf import settings
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.dateparse import parse_datetime
from django.utils.http import http_date
from rest_framework import viewsets

from strategy.site.response_cache import cached_response, is_anonymous_read


class CachedPublicReads:
    """Anonymous reads answered from the kept public responses (strategy/site/response_cache.py).

    Here in the view's handlers rather than around the view, so that DRF has already
    authenticated and throttled the request: API_ANON_RATE counts kept answers too.
    """

    def list(self, request, *args, **kwargs):
        return cached_response(
            request,
            lambda: cache_headers(
                request, super(CachedPublicReads, self).list(request, *args, **kwargs)
            ),
            ("Accept",),
        )

    def retrieve(self, request, *args, **kwargs):
        return cached_response(
            request,
            lambda: last_modified(
                cache_headers(
                    request, super(CachedPublicReads, self).retrieve(request, *args, **kwargs)
                )
            ),
            ("Accept",),
        )


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


def with_kept_reads(viewset: type[viewsets.GenericViewSet]) -> type[viewsets.GenericViewSet]:
    """The app's viewset, under its own name, with its anonymous reads kept: the site
    decides what is kept, so the apps' resources need not know the cache exists."""
    # The resource's own description for the schema (getdoc finds an inherited one), not
    # this mixin's, which would come first in the new class's bases.
    return type(
        viewset.__name__, (CachedPublicReads, viewset), {"__doc__": inspect.getdoc(viewset)}
    )
