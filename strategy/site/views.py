"""The site's own pages: the home page, the strategy overview, the accessibility
statement and the health check."""

from django.conf import settings
from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from propositions.models import Proposition
from strategy.methodology import methodology_html
from strategy.models import Finding, GlossaryTerm, KeyFact, Strategy
from targets.summaries import summaries_of


def home(request):
    """The primary strategy's targets at a glance, and its propositions by status."""
    strategy = get_object_or_404(Strategy, slug=settings.PRIMARY_STRATEGY)
    statuses = Proposition.objects.count_by_status()
    return render(
        request,
        "targets/dashboard.html",
        {
            "strategy": strategy,
            "summaries": summaries_of(strategy),
            "is_home": True,
            "proposition_statuses": statuses,
            "propositions_total": sum(status["count"] for status in statuses),
        },
    )


def overview(request):
    """The UK Industrial Strategy, the SEP and the LIS, and how they fit together."""
    strategies = list(Strategy.objects.for_overview())
    return render(
        request,
        "strategy/overview.html",
        {
            "strategies": strategies,
            "facts_without_area": KeyFact.objects.without_area(),
            "findings_without_area": Finding.objects.for_overview().without_area(),
            "methodology": methodology_html(),
            "terms": GlossaryTerm.objects.all(),
            "areas": areas(strategies),
        },
    )


def areas(strategies) -> list[dict]:
    """Each area the strategies cover, once, with the local authorities that make it up."""
    covered = {strategy.area.pk: strategy.area for strategy in strategies if strategy.area}
    return [
        {
            "name": area.name,
            "code": area.code,
            "authorities": [(part.name, part.code) for part in area.parts.all()],
        }
        for area in covered.values()
        if area.parts.all()
    ]


def accessibility_statement(request):
    return render(request, "strategy/accessibility.html")


@never_cache
@require_safe
def healthz(request):
    """Whether this process can serve: it answers and reaches the database.

    For load balancers and uptime checks, so it is as cheap as a request can be: one
    trivial query, no template, no session; 503 tells the balancer to send traffic
    elsewhere. It is also the benchmark's baseline.
    """
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})
