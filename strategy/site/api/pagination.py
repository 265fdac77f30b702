from django.conf import settings
from rest_framework import pagination

from strategy.site.api.csv import CSVRenderer


class PageNumberPagination(pagination.PageNumberPagination):
    """Pages of 100 by default, `?page_size=` up to 1000; a CSV download is never paged."""

    page_size = 100
    page_size_query_param = "page_size"
    max_page_size = settings.API_MAX_PAGE_SIZE

    def paginate_queryset(self, queryset, request, view=None):
        renderer = getattr(request, "accepted_renderer", None)
        if renderer is not None and renderer.format == CSVRenderer.format:
            return None
        return super().paginate_queryset(queryset, request, view)

    def get_paginated_response_schema(self, schema):
        """DRF's page, with each of its fields described for partners."""
        page = super().get_paginated_response_schema(schema)
        descriptions = {
            "count": "How many records match, on all pages.",
            "next": "The address of the next page; null on the last.",
            "previous": "The address of the previous page; null on the first.",
            "results": "This page's records.",
        }
        # The examples' page: one record, so no other page (not DRF's made-up addresses).
        examples = {"count": 1, "next": None, "previous": None}
        for name, description in descriptions.items():
            # drf-spectacular also asks with a placeholder for `schema` to build examples.
            if isinstance(page["properties"][name], dict):
                page["properties"][name]["description"] = description
            if name in examples:
                page["properties"][name]["example"] = examples[name]
        return page
