import inspect

from rest_framework import viewsets

from strategy.site.response_cache import cached_response


class CachedPublicReads:
    """Anonymous reads answered from the kept public responses (strategy/site/response_cache.py).

    Here in the view's handlers rather than around the view, so that DRF has already
    authenticated and throttled the request: API_ANON_RATE counts kept answers too.
    """

    def list(self, request, *args, **kwargs):
        return cached_response(
            request,
            lambda: super(CachedPublicReads, self).list(request, *args, **kwargs),
            ("Accept",),
        )

    def retrieve(self, request, *args, **kwargs):
        return cached_response(
            request,
            lambda: super(CachedPublicReads, self).retrieve(request, *args, **kwargs),
            ("Accept",),
        )


def with_kept_reads(viewset: type[viewsets.GenericViewSet]) -> type[viewsets.GenericViewSet]:
    """The app's viewset, under its own name, with its anonymous reads kept: the site
    decides what is kept, so the apps' resources need not know the cache exists."""
    # The resource's own description for the schema (getdoc finds an inherited one), not
    # this mixin's, which would come first in the new class's bases.
    return type(
        viewset.__name__, (CachedPublicReads, viewset), {"__doc__": inspect.getdoc(viewset)}
    )
