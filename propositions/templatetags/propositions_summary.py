"""The propositions at a glance, for pages outside the propositions app (the home page)."""

from django import template
from django.db.models import Count

from propositions.models import Proposition

register = template.Library()


@register.inclusion_tag("partials/propositions_by_status.html")
def propositions_by_status():
    """An inclusion tag because the component fetches its own rows: the home page's view
    lives in the targets app, which cannot import propositions."""
    counts = dict(Proposition.objects.values_list("status").annotate(count=Count("pk")).order_by())
    statuses = [
        {"value": value, "label": label, "count": counts[value]}
        for value, label in Proposition.Status.choices
        if counts.get(value)
    ]
    return {"statuses": statuses, "total": sum(counts.values())}
