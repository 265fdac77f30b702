"""Anonymous reads of the API answered from the kept public responses
(strategy/site/response_cache.py)."""

import functools
import inspect

from rest_framework import viewsets

from strategy.site.response_cache import cached_response

KEPT_ACTIONS = ("list", "retrieve")


def with_kept_reads(viewset: type[viewsets.GenericViewSet]) -> type[viewsets.GenericViewSet]:
    """The app's viewset, under its own name, with its anonymous reads kept: the site
    decides what is kept, so the apps' resources need not know the cache exists.

    The handlers are wrapped rather than overridden by a mixin, so that what an app
    declares on its own `list` or `retrieve` (drf-spectacular's annotations) stays on
    them; and inside the view, so that DRF has already authenticated and throttled the
    request: API_ANON_RATE counts kept answers too.
    """
    members = {"__doc__": inspect.getdoc(viewset)}
    for action in KEPT_ACTIONS:
        handler = getattr(viewset, action, None)
        if handler is not None:
            members[action] = kept(handler)
    return type(viewset.__name__, (viewset,), members)


def kept(handler):
    @functools.wraps(handler)
    def handle(self, request, *args, **kwargs):
        return cached_response(
            request, lambda: handler(self, request, *args, **kwargs), ("Accept",)
        )

    return handle
