import re

from django.conf import settings
from rest_framework import pagination
from rest_framework.exceptions import ValidationError

from strategy.site.api.csv import CSVRenderer


class PageNumberPagination(pagination.PageNumberPagination):
    """Pages of 100 by default, `?page_size=` up to 1000; a CSV download is never paged.

    A page or a page size that is not a whole number from 1 is a 400 naming it (DRF would
    answer 404, or ignore the page size); a page past the last stays a 404.
    """

    page_size = 100
    page_size_query_param = "page_size"
    max_page_size = settings.API_MAX_PAGE_SIZE
    page_size_query_description = (
        f"How many results to a page: {page_size} unless given, at most {max_page_size} "
        "(a larger size gives that many)."
    )

    def paginate_queryset(self, queryset, request, view=None):
        renderer = getattr(request, "accepted_renderer", None)
        if renderer is not None and renderer.format == CSVRenderer.format:
            # Not paged, but the parameters are still what the schema says they are.
            self.get_page_size(request)
            self.get_page_number(request, self)
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

    def get_page_number(self, request, paginator):
        number = request.query_params.get(self.page_query_param, "")
        if number and number not in self.last_page_strings and not is_counting_number(number):
            raise ValidationError(
                {self.page_query_param: ["A page number is a whole number from 1."]}
            )
        return super().get_page_number(request, paginator)

    def get_page_size(self, request):
        size = request.query_params.get(self.page_size_query_param, "")
        if not size:
            return self.page_size
        if not is_counting_number(size):
            raise ValidationError(
                {
                    self.page_size_query_param: [
                        f"A page size is a whole number from 1 to {self.max_page_size}."
                    ]
                }
            )
        return min(int(size), self.max_page_size)

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        # No `maximum` for the page size: a larger one is answered with the largest page
        # (the description says so), and a schema's maximum would say it is refused.
        for parameter in parameters:
            parameter["schema"]["minimum"] = 1
        return parameters


def is_counting_number(text: str) -> bool:
    return re.fullmatch(r"[0-9]+", text) is not None and int(text) >= 1
