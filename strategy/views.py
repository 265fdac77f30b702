from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from strategy.methodology import methodology_html
from strategy.models import Finding, KeyFact, Strategy
from strategy.response_cache import cache_public_response


@cache_public_response
def overview(request):
    """The UK Industrial Strategy, the SEP and the LIS, and how they fit together."""
    return render(
        request,
        "strategy/overview.html",
        {
            "strategies": Strategy.objects.for_overview(),
            "facts_without_area": KeyFact.objects.without_area(),
            "findings_without_area": Finding.objects.for_overview().without_area(),
            "methodology": methodology_html(),
        },
    )


@cache_public_response
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
